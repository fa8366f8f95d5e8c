"""Stance from Likert answers, the bilingual lexicon and the consultation's own classifier."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

import consult.analysis.stance as stance_module
from consult.analysis.dedup import find_duplicates
from consult.analysis.pipeline import analyse
from consult.analysis.stance import (
    MIXED,
    OPPOSE,
    SOURCE_ARGUMENT,
    SOURCE_CLASSIFIER,
    SOURCE_LEXICON,
    SOURCE_LIKERT,
    SOURCE_NONE,
    SUPPORT,
    UNCLEAR,
    argument_stance,
    contradicting_copies,
    leaning_exclusions,
    lexicon_stance,
    likert_stance,
    proposal_cues,
    stance_many,
    theme_leaning,
    theme_position,
    train_stance_classifier,
)
from consult.analysis.types import STANCES, AnalysisParams, CodebookTheme, CommentIn


def test_codes_follow_the_stance_order():
    assert [STANCES[c] for c in (SUPPORT, OPPOSE, MIXED, UNCLEAR)] == [
        "support",
        "oppose",
        "mixed",
        "unclear",
    ]


@pytest.mark.parametrize(
    ("likert", "expected"),
    [(5, SUPPORT), (4, SUPPORT), (3, UNCLEAR), (2, OPPOSE), (1, OPPOSE), (None, None), (0, None)],
)
def test_likert_stance(likert, expected):
    assert likert_stance(likert) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I support this proposal.", SUPPORT),
        ("I strongly oppose the plan.", OPPOSE),
        ("I do not support this at all.", OPPOSE),
        ("This should not go ahead.", OPPOSE),
        ("A good idea, long overdue.", SUPPORT),
        ("I welcome the proposal but the cost is excessive.", MIXED),
        ("The weather was nice today.", UNCLEAR),
        ("この案に賛成です。", SUPPORT),
        ("顔認証の導入に反対します。", OPPOSE),
        ("このような監視は必要ないと思います。", OPPOSE),
        ("賛成できません。", OPPOSE),
        ("反対ではありません。", SUPPORT),
        ("賛成ですが、保存期間には懸念があります。", MIXED),
        ("", UNCLEAR),
    ],
)
def test_lexicon_stance(text, expected):
    assert lexicon_stance(text) == expected


# A negator flips the cue it governs, in either language; a negated objection leans towards
# support. Sentences that look negated but are not stay as they read.
NEGATION_CASES = [
    # English: a negator up to a few words before the cue, in the same clause.
    ("Not a good idea.", OPPOSE),
    ("This is not a good idea at all.", OPPOSE),
    ("It isn't a sensible plan.", OPPOSE),
    ("Never a good idea.", OPPOSE),
    ("I don't think this is a good idea.", OPPOSE),
    ("I don't support this.", OPPOSE),
    ("I don\u2019t support this.", OPPOSE),
    ("I can't agree.", OPPOSE),
    ("This is not acceptable.", OPPOSE),
    ("This is acceptable.", SUPPORT),
    ("I'm not in favour.", OPPOSE),
    ("Absolutely not.", OPPOSE),
    ("Not a bad idea.", SUPPORT),
    ("I have no problem with it.", SUPPORT),
    ("I have a problem with this plan.", OPPOSE),
    ("I am not against it.", SUPPORT),
    ("I'm not opposed to the plan.", SUPPORT),
    # ... but not across a clause, nor "not only" / "no doubt".
    ("It is not cheap, but a good idea.", SUPPORT),
    ("I don't drive, and I support the plan.", SUPPORT),
    ("Not only a good idea but long overdue.", SUPPORT),
    ("No doubt a good idea.", SUPPORT),
    ("No, this is excessive.", OPPOSE),
    # Japanese: a negative ending after the cue, directly or through a particle or a quote.
    ("賛成できません。", OPPOSE),
    ("支持できない。", OPPOSE),
    ("同意しかねます。", OPPOSE),
    ("賛成とは言えません。", OPPOSE),
    ("良いとは思いません。", OPPOSE),
    ("良いと思います。", SUPPORT),
    ("良い施策とは言えない。", OPPOSE),
    ("必要だとは思いません。", OPPOSE),
    ("必要ではない。", OPPOSE),
    ("問題ないと思います。", SUPPORT),
    ("特に問題はありません。", SUPPORT),
    ("問題があると思います。", OPPOSE),
    ("問題があるとは思わない。", SUPPORT),
    ("懸念はありません。", SUPPORT),
    ("懸念する必要はないと思います。", SUPPORT),
    ("反対する理由はない。", SUPPORT),
    ("反対ではありません。", SUPPORT),
    ("私は反対です。", OPPOSE),
    # 同意 as the noun "consent" is no cue: 同意なく is not a negated agreement.
    ("本人の同意なく顔を撮影することに反対です。", OPPOSE),
    # A demand for something else is not support: 説明が必要だ.
    ("導入するなら、もっと丁寧な説明が必要だ。", UNCLEAR),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION_CASES)
def test_negation_flips_the_cue_it_governs(text, expected):
    assert STANCES[lexicon_stance(text)] == STANCES[expected]


def test_stance_many_prefers_likert_then_lexicon():
    codes, sources = stance_many(
        ["I oppose it.", "I oppose it.", "No cue here."], likert=np.array([5, 0, 0])
    )
    assert codes.tolist() == [SUPPORT, OPPOSE, UNCLEAR]
    assert sources.tolist() == [SOURCE_LIKERT, SOURCE_LEXICON, SOURCE_NONE]


def test_classifier_learns_from_likert_labelled_comments_and_fills_gaps():
    # Feature 0 marks supporters' vocabulary, feature 1 opponents'.
    rows = np.array([[1.0, 0.0]] * 30 + [[0.0, 1.0]] * 30 + [[0.9, 0.1], [0.1, 0.9]])
    features = sp.csr_matrix(rows)
    codes = np.array([SUPPORT] * 30 + [OPPOSE] * 30 + [UNCLEAR, UNCLEAR], dtype=np.int8)
    model = train_stance_classifier(features, codes, min_per_side=20)
    assert model is not None
    texts = ["no cue"] * 62
    result, sources = stance_many(texts, features=features, classifier=model)
    assert result[60] == SUPPORT and result[61] == OPPOSE
    assert sources[60] == SOURCE_CLASSIFIER
    assert train_stance_classifier(features, codes, min_per_side=31) is None


BAN = "Should facial-recognition cameras be banned from city centres?"
INTRODUCE = "Should the city introduce facial-recognition cameras in its centre?"


def test_proposal_cues_find_the_action_in_either_language():
    assert proposal_cues(BAN).actions == ("ban",)
    assert proposal_cues(INTRODUCE).actions == ("introduce",)
    assert proposal_cues("顔認証カメラの導入に関する基本方針（案）").actions == ("導入",)
    assert proposal_cues("Please add any other comments.").actions == ()
    assert proposal_cues("").actions == ()


@pytest.mark.parametrize(
    ("proposal", "text", "expected"),
    [
        (BAN, "Ban them now, they are a menace.", SUPPORT),
        (BAN, "They should definitely be banned.", SUPPORT),
        (BAN, "We need a complete ban on these cameras.", SUPPORT),
        (BAN, "Cameras catch criminals. Complete ban.", SUPPORT),
        (BAN, "A ban would cripple police investigations.", OPPOSE),
        (BAN, "Banning cameras won't stop crime, it just moves elsewhere.", OPPOSE),
        (BAN, "Cameras should not be banned.", OPPOSE),
        (BAN, "Don't ban something that keeps us safe.", OPPOSE),
        (BAN, "Shorter retention would be better than an outright ban.", MIXED),
        (BAN, "Being watched everywhere has to stop. This has to stop.", SUPPORT),
        (INTRODUCE, "This has to stop.", OPPOSE),
        (INTRODUCE, "They should be introduced as soon as possible.", SUPPORT),
        (INTRODUCE, "Introducing them will only drive crime into the suburbs.", OPPOSE),
        (BAN, "The weather was nice today.", UNCLEAR),
        ("顔認証カメラの導入について", "早急な導入が必要です。", SUPPORT),
        ("顔認証カメラの導入について", "カメラの導入は行き過ぎだと思う。", OPPOSE),
        ("顔認証カメラの導入について", "導入ではなく、街灯を増やすべきだ。", MIXED),
        ("広告の全面禁止について", "禁止すべきだ。", SUPPORT),
        ("広告の全面禁止について", "禁止しても意味がない。", OPPOSE),
    ],
)
def test_lexicon_reads_what_a_comment_says_of_the_proposals_action(proposal, text, expected):
    assert lexicon_stance(text, proposal_cues(proposal)) == expected


def test_what_a_restriction_acts_on_is_not_the_proposals_action():
    assert proposal_cues(BAN).restricts
    assert not proposal_cues(INTRODUCE).restricts
    cues = proposal_cues("公共の場所での顔認識カメラの利用を禁止する案")
    assert (cues.actions, cues.restricts) == (("禁止",), True)
    cues = proposal_cues("Should we ban the deployment of facial recognition?")
    assert (cues.actions, cues.restricts) == (("ban",), True)
    # Both kinds of action: which side a comment's arguments take is not known.
    assert not proposal_cues("広告の禁止と導入").restricts


AD_BAN = "Should gambling advertisements be banned during televised sport?"


@pytest.mark.parametrize(
    ("proposal", "text", "expected"),
    [
        # The harm of what the proposal would stop supports it ...
        (AD_BAN, "These adverts are predatory and they target vulnerable people.", SUPPORT),
        (AD_BAN, "My brother lost everything to a gambling addiction.", SUPPORT),
        (AD_BAN, "Other countries manage fine without them.", SUPPORT),
        # ... the case against restricting it opposes it.
        (AD_BAN, "Adults can make their own choices.", OPPOSE),
        (AD_BAN, "Without their sponsorship money, local clubs would fold.", OPPOSE),
        (AD_BAN, "People will just see the same adverts elsewhere online.", OPPOSE),
        (AD_BAN, "The adverts are not the real problem.", OPPOSE),
        (AD_BAN, "It is addictive, but adults can make their own choices.", MIXED),
        # Harm said of the restriction itself is not harm of what it stops.
        (AD_BAN, "A ban would be a dangerous overreach.", UNCLEAR),
        # The harm of a thing is read this way only for a proposal that restricts it.
        (INTRODUCE, "These cameras are predatory and dangerous.", UNCLEAR),
        (AD_BAN, "The weather was nice today.", UNCLEAR),
        ("広告の全面禁止について", "ギャンブル依存症を助長する広告です。", SUPPORT),
        ("広告の全面禁止について", "見るかどうかは自己責任です。", OPPOSE),
        ("広告の全面禁止について", "広告収入がなければ地方の大会は続けられません。", OPPOSE),
        # What would be lost found elsewhere rebuts the case against.
        (AD_BAN, "Clubs can find other sponsors, as they did after tobacco.", SUPPORT),
        (AD_BAN, "Broadcasters should look for alternative sources of funding.", SUPPORT),
        ("広告の全面禁止について", "代わりの財源は見つけられるはずです。", SUPPORT),
        ("広告の全面禁止について", "地方大会の財源が失われます。", OPPOSE),
    ],
)
def test_arguments_about_a_restriction_tell_the_side_a_comment_takes(proposal, text, expected):
    assert argument_stance(text, proposal_cues(proposal)) == expected


FR_BAN_JA = "公共の場所での顔認識カメラの利用を禁止する案"
COPYRIGHT_JA = "AIの学習目的での著作物の利用を解禁する案"


@pytest.mark.parametrize(
    ("proposal", "text", "expected"),
    [
        # What an introduction puts at risk opposes it ...
        (INTRODUCE, "This is mass surveillance of law-abiding people.", OPPOSE),
        (INTRODUCE, "It is an invasion of privacy that nobody voted for.", OPPOSE),
        (INTRODUCE, "The money would be better spent on more officers.", OPPOSE),
        (INTRODUCE, "プライバシーの侵害につながります。", OPPOSE),
        (COPYRIGHT_JA, "作品が無断で使われ、作家の収入が奪われます。", OPPOSE),
        # ... what it would achieve supports it, unless the comment denies it ...
        (INTRODUCE, "It would help the police catch violent offenders.", SUPPORT),
        (INTRODUCE, "Cameras like these could find missing children in minutes.", SUPPORT),
        (INTRODUCE, "There is no evidence it reduces crime.", OPPOSE),
        (INTRODUCE, "We must not fall behind other cities.", SUPPORT),
        (INTRODUCE, "防犯につながるなら心強いです。", SUPPORT),
        (COPYRIGHT_JA, "海外に遅れを取らないために欠かせません。", SUPPORT),
        # ... and the same risks and gains count the other way round for a ban.
        (FR_BAN_JA, "顔認識はプライバシーを侵害します。", SUPPORT),
        (FR_BAN_JA, "冤罪を生む技術は使うべきではありません。", SUPPORT),
        (BAN, "These cameras help the police catch offenders.", OPPOSE),
        # Feeling safe counts only for an introduction ("children would be safer" is said
        # for a ban as much).
        (BAN, "I feel safer with them.", UNCLEAR),
        (INTRODUCE, "I feel safer with them.", SUPPORT),
        # A risk said to be dealt with is no argument against.
        (INTRODUCE, "Mass surveillance is ruled out by the draft.", SUPPORT),
        (INTRODUCE, "Mass surveillance is not prevented by this draft.", OPPOSE),
        (
            INTRODUCE,
            "The draft limits searches to serious crime. Privacy is protected by deletion after "
            "72 hours. Mass surveillance is ruled out. The audit is well designed.",
            SUPPORT,
        ),
        # A longer comment that turns to the other side weighs the draft: mixed.
        (
            INTRODUCE,
            "I am a parent in the city centre. Cameras could find missing children in minutes. "
            "Still, I worry about what happens to the footage.",
            MIXED,
        ),
        # Words that only look like a turn do not make it one.
        (INTRODUCE, "It would catch offenders. Yet another reason to do it soon.", SUPPORT),
        (INTRODUCE, "防犯につながります。ただちに進めてほしいです。", SUPPORT),
        # ... unless it first grants the other side its point: its view is what follows.
        (
            INTRODUCE,
            "We live near the square. I understand the need for safety there. However, this is "
            "mass surveillance of everyone who walks through it.",
            OPPOSE,
        ),
        (
            INTRODUCE,
            "駅の近くに住んでいます。確かに防犯は大切です。しかし、これは監視社会への一歩です。",
            OPPOSE,
        ),
        # What the writer quotes is not their argument.
        (INTRODUCE, "“Nothing to hide, nothing to fear” is not a good argument.", UNCLEAR),
        # A gain said to lack evidence, or claimed for spending the money otherwise, is denied.
        (INTRODUCE, "There is little solid evidence that cameras reduce crime.", OPPOSE),
        (INTRODUCE, "監視カメラで犯罪が減ったという確かな証拠は乏しいと聞いています。", OPPOSE),
        (INTRODUCE, "Spent on healthcare, the same money would save more lives.", OPPOSE),
        (INTRODUCE, "同じ額を防災や医療に使えば、もっと多くの命が守れると思います。", OPPOSE),
        # A risk of restricting instead is the case for what the proposal allows.
        (
            COPYRIGHT_JA,
            "作風が似ているだけで規制すれば、人間の創作活動まで萎縮してしまうと思います。",
            SUPPORT,
        ),
        # Arguments of many debates about introducing a system, in both languages.
        (INTRODUCE, "The software would be spying on every family's browsing.", OPPOSE),
        (INTRODUCE, "People will think twice before joining a protest.", OPPOSE),
        (INTRODUCE, "An early warning could protect vulnerable children.", SUPPORT),
        (INTRODUCE, "It frees up officers for real police work.", SUPPORT),
        (INTRODUCE, "申請をためらう人が増えると思います。", OPPOSE),
        (INTRODUCE, "職員の負担が減り、虐待の早期発見につながります。", SUPPORT),
        # A count of errors published is a safeguard; a risk limited should it happen is dealt
        # with.
        (INTRODUCE, "The number of false matches will be published every year.", UNCLEAR),
        (INTRODUCE, "誤検知の件数まで公表するとのことです。", UNCLEAR),
        (INTRODUCE, "保存期間が短いので、漏えいした場合の被害も限定されます。", SUPPORT),
        # Being left behind is the case for it only as something to avoid.
        (INTRODUCE, "Elsewhere the trend is towards consent; we will be left behind.", UNCLEAR),
    ],
)
def test_arguments_about_a_technology_tell_the_side_a_comment_takes(proposal, text, expected):
    assert argument_stance(text, proposal_cues(proposal)) == expected


def test_a_classifier_learnt_from_the_consultation_outranks_the_arguments():
    cues = proposal_cues(INTRODUCE)
    texts = ["Mass surveillance.", "Nice weather.", "It helps catch offenders."]
    features = sp.csr_matrix(np.eye(3, dtype=np.float32))
    # Learnt on the first two texts' features (the third's feature it has never seen).
    classifier = LogisticRegression(C=100.0).fit(features[[0, 0, 1, 1]], [1, 1, 0, 0])
    assert classifier.predict_proba(features)[:, 1].round(1).tolist() == [1.0, 0.0, 0.5]
    assert [argument_stance(t, cues) for t in texts] == [OPPOSE, UNCLEAR, SUPPORT]
    codes, sources = stance_many(texts, features=features, classifier=classifier, cues=cues)
    # Confident, it decides over the argument; not confident, the argument stands.
    assert codes.tolist() == [SUPPORT, OPPOSE, SUPPORT]
    assert sources.tolist() == [SOURCE_CLASSIFIER, SOURCE_CLASSIFIER, SOURCE_ARGUMENT]


def test_worry_tells_no_side_on_a_restriction_but_opposes_an_introduction():
    assert (
        lexicon_stance("悪影響が懸念されます。", proposal_cues("顔認証カメラの導入について"))
        == OPPOSE
    )
    assert (
        lexicon_stance("悪影響が懸念されます。", proposal_cues("広告の全面禁止について")) == UNCLEAR
    )


def test_a_stated_position_outranks_the_arguments_and_gives_no_argument_source():
    texts = [
        "A ban would devastate local clubs. The adverts are predatory.",  # stated: oppose
        "The adverts are predatory.",  # argued: support
        "Nice weather.",
    ]
    codes, sources = stance_many(texts, cues=proposal_cues(AD_BAN))
    assert codes.tolist() == [OPPOSE, SUPPORT, UNCLEAR]
    assert sources.tolist() == [SOURCE_LEXICON, SOURCE_ARGUMENT, SOURCE_NONE]


def test_without_the_proposal_its_action_is_no_cue():
    assert lexicon_stance("Ban them now, they are a menace.") == UNCLEAR
    assert lexicon_stance("This has to stop.", proposal_cues("Any comments on the plan?")) == (
        UNCLEAR
    )


def test_without_likert_answers_a_classifier_learns_from_the_lexicons_decisions():
    # Distinct comments (no near-duplicates): each side's own words in varying pairs.
    places = ["station", "market", "park", "library", "harbour", "stadium", "museum", "bridge"]
    pro_words = ["shoppers", "safety", "thieves", "deterrence", "lighting", "patrols"]
    con_words = ["taxpayers", "waste", "tracking", "profiling", "budget", "misuse"]

    def seeds(opening: str, words: list[str]) -> list[str]:
        return [
            f"{opening} Near the {place}, {words[i % 6]} and {words[(i + 2) % 6]} matter most "
            f"({places[(i + 3) % 8]} too)."
            for i, place in enumerate(places * 2)
        ]

    support = seeds("I support this.", pro_words)
    oppose = seeds("I oppose this.", con_words)
    unread = [
        "Think of the shoppers, the safety, the thieves, the deterrence and the patrols.",
        "Think of the taxpayers, the waste, the tracking, the profiling and the misuse.",
    ]
    comments = [CommentIn(t) for t in support + oppose + unread]
    first = len(support) + len(oppose)
    learned = analyse(comments, params=AnalysisParams(stance_min_seeds=8))
    assert [learned.stance_of(i) for i in (first, first + 1)] == ["support", "oppose"]
    assert learned.stance_source[first] == learned.stance_source[first + 1] == SOURCE_CLASSIFIER
    plain = analyse(comments, params=AnalysisParams(stance_classifier=False))
    assert [plain.stance_of(i) for i in (first, first + 1)] == ["unclear", "unclear"]
    # Too few decided comments to learn from: nothing is guessed.
    few = analyse(comments, params=AnalysisParams(stance_min_seeds=len(support) + 1))
    assert [few.stance_of(i) for i in (first, first + 1)] == ["unclear", "unclear"]


_CUE_WORDS = [
    "ban",
    "banned",
    "banning",
    "a",
    "would",
    "kill",
    "rather than",
    "should",
    "not",
    "be",
    "them",
    "complete",
    ".",
    "has to stop",
    "禁止",
    "すべき",
    "ではなく",
    "導入",
    "without",
    "fine",
    "their own choices",
    "predatory",
    "依存症",
    "自己責任",
    "収入がなければ",
    "!",
]


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(_CUE_WORDS), max_size=40).map(" ".join),
    ),
    st.one_of(
        st.text(max_size=100),
        st.sampled_from([BAN, INTRODUCE, "広告の禁止と導入", "広告の全面禁止について"]),
    ),
)
def test_any_text_and_any_proposal_give_one_stance(text, proposal):
    cues = proposal_cues(proposal)
    code = lexicon_stance(text, cues)
    assert code in (SUPPORT, OPPOSE, MIXED, UNCLEAR)
    assert lexicon_stance(text, proposal_cues(proposal)) == code
    argued = argument_stance(text, cues)
    assert argued in (SUPPORT, OPPOSE, MIXED, UNCLEAR)
    assert argued == UNCLEAR or cues.restricts or cues.enables


@pytest.mark.parametrize(
    ("proposal", "label", "description", "expected"),
    [
        (BAN, "Complete Ban Support", "Strong support for banning the cameras.", SUPPORT),
        (BAN, "Opposition to the ban", "Arguments against it.", OPPOSE),
        (BAN, "Economic concerns", "Costs to shops if cameras are banned.", UNCLEAR),
        (BAN, "Partial limits", "Support for limits rather than a complete ban.", UNCLEAR),
        (BAN, "Ban support and ban opposition", "Both sides.", UNCLEAR),
        ("", "Complete Ban Support", "Strong support for banning the cameras.", UNCLEAR),
        ("", "Ban support", "Support for the proposal to ban cameras.", SUPPORT),
        ("顔認証カメラの導入について", "導入への賛成", "導入を支持する意見。", SUPPORT),
        ("顔認証カメラの導入について", "導入反対", "導入に反対する意見。", OPPOSE),
        ("", "Supports the proposal", "Agrees with the plan as drafted.", SUPPORT),
        ("", "Opposition to the plan", "", OPPOSE),
        ("", "本案に賛成", "", SUPPORT),
        ("", "本案に反対", "", OPPOSE),
        ("", "Privacy", "Concerns about the proposal's effect on privacy.", UNCLEAR),
    ],
)
def test_a_theme_that_is_a_position_on_the_proposal_is_recognised(
    proposal, label, description, expected
):
    assert theme_position(label, description, proposal_cues(proposal)) == expected


def test_position_themes_follow_what_each_text_states_in_its_own_words():
    from consult.analysis.stance import apply_position_themes

    themes = [("Ban support", "Support for a complete ban."), ("Cost", "Money spent on cameras.")]
    texts = [
        "Ban them now.",  # states support: gets the theme
        "A ban would devastate local shops.",  # states opposition: loses it
        "Ban them now, honestly.",  # corrected by officials: left as they set it
        "They should be banned.",  # came with a Likert answer only: read here
        "Cameras cost money.",  # no position: left alone
    ]
    confidence = np.array(
        [[0.0, 0.6], [0.9, 0.0], [0.0, 1.0], [0.0, 0.0], [0.3, 0.8]], dtype=np.float32
    )
    codes = np.array([SUPPORT, OPPOSE, SUPPORT, UNCLEAR, UNCLEAR], dtype=np.int8)
    sources = np.array([SOURCE_LEXICON] * 3 + [SOURCE_NONE, SOURCE_NONE], dtype=np.int8)
    read = np.array([True, True, True, False, True])
    apply_position_themes(
        confidence,
        themes,
        cues=proposal_cues(BAN),
        texts=texts,
        codes=codes,
        sources=sources,
        read=read,
        keep={2: frozenset({1})},
    )
    assert confidence[:, 0].tolist() == pytest.approx([0.75, 0.0, 0.0, 0.75, 0.3])
    assert confidence[:, 1].tolist() == pytest.approx([0.6, 0.0, 1.0, 0.0, 0.8])


LETTER = (
    "I oppose the facial recognition plan because biometric surveillance of ordinary citizens "
    "has no place in a free society, and the promise to delete footage after 72 hours cannot be "
    "verified by anyone outside the police."
)
JA_LETTER = (
    "顔認証カメラの導入計画に反対です。市民の生体情報を本人に断りなく集めることは、"
    "プライバシーの重大な侵害です。映像を72時間で削除するという約束も、外部からは検証できません。"
)


def _contradicting(texts):
    grouped = find_duplicates(texts)
    return contradicting_copies(
        texts,
        group_of=grouped.cluster_of,
        canonical_indices=grouped.canonical_indices,
        wording_of=grouped.exact_of,
    ).tolist()


@pytest.mark.parametrize(
    ("letter", "flipped", "agreeing"),
    [
        (
            LETTER,
            LETTER.replace("I oppose", "I support"),
            LETTER + " My children take this train every day.",
        ),
        (
            JA_LETTER,
            JA_LETTER.replace("反対です", "賛成です"),
            JA_LETTER + "私の子どもも毎日この駅を使っています。",
        ),
    ],
)
def test_a_copy_edited_to_the_other_side_contradicts_its_letter(letter, flipped, agreeing):
    texts = [letter] * 20 + [flipped, agreeing, letter.replace("the police", "the police force")]
    grouped = find_duplicates(texts)
    assert len(set(grouped.cluster_of.tolist())) == 1  # one near-duplicate group
    assert _contradicting(texts) == [20]


def test_a_copy_that_adds_the_other_side_contradicts_its_letter():
    added = LETTER + " Having read it again, I support the plan."
    assert lexicon_stance(added) == MIXED
    assert _contradicting([LETTER] * 10 + [added]) == [10]
    # A cue for the letter's own side added too: the copy is no clear contradiction.
    both = LETTER + " I support the aim. I oppose this plan all the same."
    assert _contradicting([LETTER] * 10 + [both]) == []


def test_a_letter_that_takes_no_side_has_nothing_to_contradict():
    neutral = LETTER.replace("I oppose", "I have read")
    assert lexicon_stance(neutral) == UNCLEAR
    assert _contradicting([neutral] * 10 + [neutral.replace("I have read", "I support")]) == []


def test_each_wording_is_read_once_and_exact_copies_of_the_letter_not_at_all(monkeypatch):
    flipped = LETTER.replace("I oppose", "I support")
    texts = [LETTER] * 500 + [flipped] * 30 + [LETTER + " Thank you."] * 20
    calls: list[str] = []
    counts = stance_module._cue_counts

    def counting(text, cues):
        calls.append(text)
        return counts(text, cues)

    monkeypatch.setattr(stance_module, "_cue_counts", counting)
    assert _contradicting(texts) == [500]  # the first of the flipped wording only
    assert sorted(calls) == sorted([LETTER, flipped, LETTER + " Thank you."])


def test_contradicting_copies_of_nothing():
    assert _contradicting([]) == []
    assert _contradicting(["I oppose it.", "I support it."]) == []  # no shared group


FREEDOM = ("Freedom of choice", "Adults make their own choices: personal responsibility.")
CHILDREN = ("Protecting children", "Protect children from addiction and predatory marketing.")
COST = ("Cost", "What the scheme would cost.")


def test_a_theme_that_argues_one_side_leans_that_way():
    cues = proposal_cues(AD_BAN)
    assert [theme_leaning(*theme, cues) for theme in (FREEDOM, CHILDREN, COST)] == [
        OPPOSE,
        SUPPORT,
        UNCLEAR,
    ]
    assert theme_leaning("Complete ban support", "Support for a complete ban.", cues) == SUPPORT
    elsewhere = ("Replacement funding", "How festivals could replace sponsorship money.")
    assert theme_leaning(*elsewhere, cues) == SUPPORT
    # Arguments lean only on a proposal that restricts something.
    assert theme_leaning(*CHILDREN, proposal_cues(INTRODUCE)) == UNCLEAR
    # A discovered theme signed off as found names a subject, raised on both sides.
    topic = ("Gambling addiction / free bet", "Comments about gambling addiction (12 comments).")
    assert theme_leaning(*topic, cues) == UNCLEAR
    assert theme_leaning("依存症・広告", "依存症、広告に関する意見（3件）。", cues) == UNCLEAR


def test_leaning_themes_are_excluded_for_texts_arguing_the_other_side():
    codes = np.array([SUPPORT, OPPOSE, OPPOSE, SUPPORT, UNCLEAR], dtype=np.int8)
    sources = np.array(
        [SOURCE_LEXICON, SOURCE_ARGUMENT, SOURCE_CLASSIFIER, SOURCE_LEXICON, SOURCE_NONE],
        dtype=np.int8,
    )
    excluded = leaning_exclusions(
        [FREEDOM, CHILDREN, COST],
        cues=proposal_cues(AD_BAN),
        codes=codes,
        sources=sources,
        keep={3: frozenset()},
    )
    assert excluded is not None
    assert excluded.tolist() == [
        [True, False, False],  # stated support: not "freedom of choice"
        [False, True, False],  # argued against: not "protecting children"
        [False, False, False],  # a classifier's guess excludes nothing
        [False, False, False],  # corrected by officials
        [False, False, False],  # no side
    ]
    assert (
        leaning_exclusions([COST], cues=proposal_cues(AD_BAN), codes=codes, sources=sources) is None
    )


def test_a_comment_is_not_given_the_theme_of_the_side_it_argues_against():
    codebook = [CodebookTheme("freedom", *FREEDOM), CodebookTheme("children", *CHILDREN)]
    texts = [
        "Ban them now. Children copy what they see; adults' own choices are beside the point.",
        "A ban would devastate local clubs. Adults make their own choices and protect their "
        "own children from addiction.",
        *(f"Adverts number {i} are predatory and target children." for i in range(6)),
        *(f"Adults can make their own choices about betting, case {i}." for i in range(6)),
    ]
    result = analyse([CommentIn(t) for t in texts], codebook=codebook, proposal=AD_BAN)
    assert "freedom" not in {key for key, _ in result.themes_of(0)}
    assert "children" not in {key for key, _ in result.themes_of(1)}
