"""`analyse` end to end on small inputs, plus property tests."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.analysis.pipeline import analyse
from consult.analysis.text import tokenize_many
from consult.analysis.themes.assign import _codebook_names, _discovered_columns, _shared_weighted
from consult.analysis.themes.features import fit_features
from consult.analysis.types import AnalysisParams, CodebookTheme, CommentIn
from tests.analysis.test_themes_data import JAPANESE, TOPIC_TEXTS, TOPIC_TRUTH

CODEBOOK = (
    CodebookTheme("retention", "Retention period", "How long footage is kept before deletion"),
    CodebookTheme("accuracy", "Accuracy", "False matches and misidentification of people"),
    CodebookTheme("cost", "Cost", "The budget and taxpayers money spent"),
)
FAST = AnalysisParams(max_discovered=5)


def _comments(texts, likert=None):
    return [CommentIn(t, likert[i] if likert else None) for i, t in enumerate(texts)]


def _check_csr(result):
    assert result.theme_indptr.shape == (result.n_comments + 1,)
    assert result.theme_indptr[0] == 0 and result.theme_indptr[-1] == len(result.theme_index)
    assert np.all(np.diff(result.theme_indptr) >= 0)
    assert len(result.theme_confidence) == len(result.theme_index)
    if len(result.theme_index):
        assert result.theme_index.max() < len(result.themes)
    for summary in result.themes:
        assert summary.unique_count <= summary.count
        assert summary.stance.total == summary.count


def test_codebook_run_assigns_the_right_themes():
    result = analyse(_comments(TOPIC_TEXTS), codebook=CODEBOOK, params=FAST)
    _check_csr(result)
    best = [result.themes_of(i)[0][0] for i in range(30)]
    assert np.mean([b == t for b, t in zip(best, TOPIC_TRUTH, strict=True)]) >= 0.9
    codebook = [t for t in result.themes if t.source == "codebook"]
    assert [t.key for t in codebook] == ["retention", "accuracy", "cost"]
    assert all(t.quotes for t in codebook)
    assert all(t.source in ("codebook", "candidate") for t in result.themes)
    assert all(t.language == "en" for t in codebook)


def test_unknown_language_hints_fall_back_to_detection():
    comments = [CommentIn(text, language="klingon") for text in JAPANESE]
    result = analyse(comments, params=FAST)
    assert set(result.language.tolist()) == {1}


def test_an_argument_the_codebook_misses_is_offered_as_a_candidate():
    result = analyse(_comments(TOPIC_TEXTS), codebook=CODEBOOK[:2], params=FAST)
    candidates = [t for t in result.themes if t.source == "candidate"]
    assert candidates
    labels = " ".join(t.label.lower() + " " + " ".join(t.keywords) for t in candidates)
    assert "budget" in labels or "money" in labels
    cost_rows = range(20, 30)
    flagged = [
        i for i in cost_rows if any(k.startswith("candidate") for k, _ in result.themes_of(i))
    ]
    assert len(flagged) >= 5


def test_a_candidate_is_not_offered_under_a_name_the_codebook_has():
    """Officials merged a theme into another: its label became that theme's keyword, and the
    comments it was found in must not bring it back as a candidate under the same name."""
    fitted = fit_features(tokenize_many(TOPIC_TEXTS))
    assert fitted is not None
    _, docs = fitted
    languages = ["en"] * len(TOPIC_TEXTS)
    weights = np.ones(len(TOPIC_TEXTS))

    def candidates(codebook_names):
        drafts, strength, stats = _discovered_columns(
            docs,
            TOPIC_TEXTS,
            languages,
            weights=weights,
            empty=np.zeros(len(TOPIC_TEXTS), dtype=bool),
            assigned=np.zeros((len(TOPIC_TEXTS), 1), dtype=bool),  # no codebook theme given
            params=FAST,
            seed=0,
            codebook_names=codebook_names,
        )
        assert strength.shape[1] == len(drafts)
        return [d.label for d in drafts], stats

    offered, _ = candidates(frozenset())
    assert len(offered) >= 2
    merged = offered[0]
    # The merged theme's label is the keyword of the one it went into, however it is written.
    names = _codebook_names([CodebookTheme("x", "Other theme", keywords=(merged.upper(),))])
    again, stats = candidates(names)
    assert merged not in again and set(again) == set(offered) - {merged}
    assert stats["candidates_named_in_codebook"] == 1


def test_corrections_are_final_for_the_comments_they_name():
    corrections = {0: frozenset({"cost"}), 1: frozenset(), 2: frozenset({"nope", "accuracy"})}
    result = analyse(
        _comments(TOPIC_TEXTS), codebook=CODEBOOK, corrections=corrections, params=FAST
    )
    assert result.themes_of(0) == (("cost", 1.0),)
    assert result.themes_of(1) == ()
    assert result.themes_of(2) == (("accuracy", 1.0),)
    _check_csr(result)


def test_a_corrected_form_letter_carries_its_copies():
    letter = "Spend the budget on schools, not on cameras that misidentify innocent people."
    texts = TOPIC_TEXTS + [letter] * 10
    result = analyse(
        _comments(texts), codebook=CODEBOOK, corrections={30: frozenset({"cost"})}, params=FAST
    )
    assert result.themes_of(30) == (("cost", 1.0),)
    assert [k for k, _ in result.themes_of(39) if k in {"retention", "accuracy", "cost"}] == [
        "cost"
    ]


def test_discovered_run_labels_themes_and_counts_duplicates():
    letter = "Stop facial recognition cameras now. Protect our privacy and civil liberties."
    texts = TOPIC_TEXTS + [letter] * 40 + [letter.replace("now", "now!")] * 5
    likert = [None] * 30 + [1] * 45
    result = analyse(_comments(texts, likert), params=FAST)
    _check_csr(result)
    assert result.stats["n_unique"] < len(texts)
    campaign = result.groups[0]
    assert campaign.size >= 40 and campaign.canonical_text == letter
    assert result.group_of[30] == result.group_of[69] == campaign.group_id
    sources = {t.source for t in result.themes}
    assert sources <= {"discovered", "other"} and "discovered" in sources
    for theme in result.themes:
        if theme.source == "discovered":
            assert theme.label and theme.label != "Other" and theme.keywords
    # The campaign's comments count 45 times but as at most two distinct texts (the letter and
    # its variant, whichever way near-duplicate grouping goes), all opposed (Likert 1).
    letter_themes = {key for key, _ in result.themes_of(30)}
    for theme in result.themes:
        if theme.key in letter_themes:
            assert theme.count - theme.unique_count >= 43
            assert theme.stance.oppose >= 45
    assert all(result.stance_of(i) == "oppose" for i in range(30, 75))


def test_likert_answers_outrank_the_text_comment_by_comment():
    texts = ["I oppose this plan."] * 3 + ["No cue in this one."]
    result = analyse(_comments(texts, [5, None, 2, None]), params=FAST)
    assert [result.stance_of(i) for i in range(4)] == ["support", "oppose", "oppose", "unclear"]
    assert result.stance_source.tolist() == [0, 1, 0, 3]


def test_quotes_are_distinct_texts():
    letter = "Delete footage after 72 hours, the retention period is too long."
    result = analyse(_comments(TOPIC_TEXTS + [letter] * 20), params=FAST)
    for theme in result.themes:
        texts = [q.text for q in theme.quotes]
        assert len(texts) == len(set(texts))


def test_japanese_comments_get_japanese_labels():
    result = analyse(_comments(JAPANESE * 3), params=AnalysisParams(min_discovered=2))
    labels = [t.label for t in result.themes if t.source == "discovered"]
    assert labels
    assert all(t.language == "ja" for t in result.themes if t.source == "discovered")
    assert any("顔認証" in label or "保存期間" in label for label in labels)
    assert set(result.language.tolist()) == {1}


def test_invalid_input_is_rejected_clearly():
    with pytest.raises(ValueError, match=r"comments\[1\]\.likert"):
        analyse([CommentIn("a"), CommentIn("b", likert=7)])
    with pytest.raises(ValueError, match="unique"):
        analyse([CommentIn("a")], codebook=[CODEBOOK[0], CODEBOOK[0]])


def test_progress_reports_every_step_in_order():
    steps: list[tuple[str, float]] = []
    analyse(_comments(TOPIC_TEXTS[:5]), progress=lambda s, f: steps.append((s, f)))
    names = [s for s, _ in steps]
    assert names[0] == "dedup" and names[-1] == "done"
    assert {"tokenise", "themes", "stance", "quotes"} <= set(names)
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions)


@pytest.mark.parametrize("texts", [[], ["one comment only"], ["same words"] * 25, ["", "  "]])
def test_degenerate_inputs(texts):
    result = analyse(_comments(texts), codebook=CODEBOOK, params=FAST)
    _check_csr(result)
    assert result.n_comments == len(texts)
    result = analyse(_comments(texts), params=FAST)
    _check_csr(result)


def test_lone_surrogates_are_replaced_before_any_step():
    comments = _comments(["a\ud800b", "プライバシーが心配\udfff", "プライバシーが心配\udfff"])
    result = analyse(comments, codebook=[CodebookTheme("k", "Privacy")])
    _check_csr(result)
    assert result.stats["codebook_semantic_weight"] > 0  # the embedder read them too
    written = [q.text for t in result.themes for q in t.quotes]
    written += [g.canonical_text for g in result.groups]
    assert written
    for text in written:
        text.encode("utf-8")


def _summary(result):
    return (
        [(t.key, t.label, t.count, t.unique_count, t.quotes) for t in result.themes],
        result.theme_index.tolist(),
        result.stance.tolist(),
        result.group_of.tolist(),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(st.characters(codec=None, exclude_categories=()), max_size=80), max_size=12),
    st.integers(min_value=0, max_value=3),
)
def test_any_unicode_never_raises_and_is_deterministic(texts, seed):
    comments = _comments(texts)
    first = analyse(comments, codebook=CODEBOOK[:2], seed=seed, params=FAST)
    second = analyse(comments, codebook=CODEBOOK[:2], seed=seed, params=FAST)
    _check_csr(first)
    assert _summary(first) == _summary(second)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(TOPIC_TEXTS + JAPANESE), min_size=1, max_size=40))
def test_discovered_mode_on_sampled_comments_is_well_formed(texts):
    result = analyse(_comments(texts), params=FAST)
    _check_csr(result)
    assert sum(g.size for g in result.groups) <= len(texts)


FORM_LETTER = (
    "I oppose the facial recognition plan because biometric surveillance of ordinary citizens "
    "has no place in a free society, and the promise to delete footage after 72 hours cannot be "
    "verified by anyone outside the police."
)
JA_FORM_LETTER = (
    "顔認証カメラの導入計画に反対です。市民の生体情報を本人に断りなく集めることは、"
    "プライバシーの重大な侵害です。映像を72時間で削除するという約束も、外部からは検証できません。"
)


@pytest.mark.parametrize(
    ("letter", "flipped", "agreeing", "expected"),
    [
        (
            FORM_LETTER,
            FORM_LETTER.replace("I oppose", "I support"),
            FORM_LETTER + " Please listen to us.",
            "support",
        ),
        (
            JA_FORM_LETTER,
            JA_FORM_LETTER.replace("反対です", "賛成です"),
            JA_FORM_LETTER + "私たちの声を聞いてください。",
            "support",
        ),
        # The sender kept the letter and added the other side: mixed, not the letter's.
        (
            FORM_LETTER,
            FORM_LETTER + " Having read it again, I support the plan.",
            FORM_LETTER + " Please listen to us.",
            "mixed",
        ),
    ],
    ids=["en-flipped", "ja-flipped", "en-added"],
)
def test_an_edit_that_flips_a_form_letter_keeps_its_own_stance(letter, flipped, agreeing, expected):
    texts = TOPIC_TEXTS + [letter] * 200 + [flipped, agreeing, flipped]
    result = analyse(_comments(texts), params=FAST)
    first = len(TOPIC_TEXTS)
    edited, kept, copy = first + 200, first + 201, first + 202
    assert [result.stance_of(i) for i in (edited, copy)] == [expected, expected]
    # The letter is still one voice with its signatures, the agreeing edit among them.
    campaign = result.groups[0]
    assert campaign.canonical_text == letter and campaign.size == 201
    assert result.group_of[kept] == campaign.group_id
    assert all(result.stance_of(i) == "oppose" for i in range(first, kept + 1) if i != edited)
    # The flipped copies are a distinct text of their own (exact copies together).
    assert result.group_of[edited] == result.group_of[copy] != campaign.group_id
    _check_csr(result)


JAPANESE_COST = [
    "予算が高すぎます。税金の無駄遣いです。",
    "この費用は税金で払うのですか。予算を学校に回してください。",
    "高額な予算をかけるより、税金は福祉に使うべきです。",
    "維持費も税金です。予算は膨らむ一方でしょう。",
]
JAPANESE_ACCURACY = JAPANESE[:4]
JAPANESE_RETENTION = JAPANESE[4:]


@pytest.mark.parametrize("cross_language", [True, False])
def test_an_english_codebook_reads_japanese_comments_through_their_glosses(cross_language):
    """English themes, Japanese comments among English ones: the Japanese words' English
    glosses (JMdict, `text.glossary`) are what the two share."""
    japanese = JAPANESE_ACCURACY + JAPANESE_RETENTION + JAPANESE_COST
    truth = ["accuracy"] * 4 + ["retention"] * 4 + ["cost"] * 4
    params = AnalysisParams(max_discovered=5, semantic_weight=0.0, cross_language=cross_language)
    result = analyse(_comments(TOPIC_TEXTS + japanese), codebook=CODEBOOK, params=params)
    keys = {t.key for t in CODEBOOK}
    found = [
        sorted((-c, k) for k, c in result.themes_of(30 + i) if k in keys)
        for i in range(len(japanese))
    ]
    right = sum(bool(f) and f[0][1] == t for f, t in zip(found, truth, strict=True))
    if cross_language:
        assert right >= 10, found
    else:  # each language's own words only: nothing to match an English theme by
        assert right < 10, found


@pytest.mark.parametrize("weight", [0.5, 1.0])
def test_a_theme_both_languages_raise_is_found_once(weight):
    """No codebook, the same three arguments in English and Japanese: when the words only one
    language has weigh less than those both share (English and the Japanese words' glosses),
    each argument is one theme holding both languages' comments, not one theme per language."""
    japanese = JAPANESE_ACCURACY + JAPANESE_RETENTION + JAPANESE_COST
    truth = [*TOPIC_TRUTH, *["accuracy"] * 4, *["retention"] * 4, *["cost"] * 4]
    params = AnalysisParams(max_discovered=5, semantic_weight=0.0, one_language_weight=weight)
    result = analyse(_comments(TOPIC_TEXTS + japanese), params=params)
    first = [result.themes_of(i)[0][0] if result.themes_of(i) else "-" for i in range(42)]
    shared = []
    for name in ("accuracy", "retention", "cost"):
        english = {first[i] for i in range(30) if truth[i] == name}
        other = {first[i] for i in range(30, 42) if truth[i] == name}
        shared.append(len(english) == len(other) == 1 and english == other)
    if weight < 1:
        assert all(shared), [t.label for t in result.themes]
        assert len(result.themes) == 3
    else:  # every word alike: the Japanese comments' own words make themes of their own
        assert not all(shared)


def test_only_one_sides_features_weigh_less_and_only_in_a_bilingual_consultation():
    # Columns: 0 in both languages' rows, 1 in Japanese rows only, 2 in English rows only.
    docs = sp.csr_matrix(np.array([[0.6, 0.8, 0.0], [0.6, 0.0, 0.8], [1.0, 0.0, 0.0]]))
    params = AnalysisParams(one_language_weight=0.5, bilingual_min_share=0.1)
    weighted = _shared_weighted(docs, ["ja", "en", "en"], params).toarray()
    assert np.allclose(weighted[0], np.array([0.6, 0.4, 0.0]) / np.hypot(0.6, 0.4))
    assert np.allclose(weighted[1], np.array([0.6, 0.0, 0.4]) / np.hypot(0.6, 0.4))
    assert np.allclose(weighted[2], [1.0, 0.0, 0.0])
    # One language (or too few comments in the other), or glosses off: unchanged.
    assert _shared_weighted(docs, ["en", "en", "en"], params) is docs
    few = AnalysisParams(one_language_weight=0.5, bilingual_min_share=0.4)
    assert _shared_weighted(docs, ["ja", "en", "en"], few) is docs
    off = AnalysisParams(one_language_weight=0.5, cross_language=False)
    assert _shared_weighted(docs, ["ja", "en", "en"], off) is docs


def test_a_comments_script_decides_its_language_over_the_forms_language():
    comments = [
        CommentIn("Keep the footage for one day only, please.", language="ja"),
        CommentIn("映像の保存は一日だけにしてください。", language="en"),
        CommentIn("!!! 123", language="ja"),  # no script to go by: the form's language
        CommentIn("개인정보를 보호해 주세요", language="en"),  # Korean: the form's language
    ]
    result = analyse(comments, seed=0)
    assert result.language.tolist() == [0, 1, 1, 0]  # en, ja, ja, en
