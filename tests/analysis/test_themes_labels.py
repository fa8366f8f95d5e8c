"""Japanese theme labels: whole words as written, never cut inside a word."""

from __future__ import annotations

import numpy as np
import pytest

from consult.analysis.text import normalize
from consult.analysis.text.japanese import japanese_morphemes
from consult.analysis.themes.labels import (
    TopicLabel,
    _distinct_heads,
    _expand_heads,
    _holds,
    _join_heads,
    _overlaps,
    _used_as_clause,
    extract_phrases,
    label_topics,
    nominal,
    other_label,
)

OKURIGANA = [
    "仕組みの見直しと見守り活動が必要です。",
    "高齢者の見守りを地域で続けてほしい。",
    "顔認証システムの申し込み手続きが複雑です。",
    "お年寄りの見守りが大切です。",
    "行方不明者の発見に使い方の説明が要ります。",
]


def test_japanese_phrases_keep_their_okurigana():
    found = set().union(*(extract_phrases(text, "ja") for text in OKURIGANA))
    assert {
        "仕組み", "仕組みの見直し", "見守り活動", "見守り", "高齢者の見守り", "顔認証システム",
        "申し込み手続き", "顔認証システムの申し込み手続き", "お年寄りの見守り", "行方不明者",
        "使い方の説明",
    } <= found  # fmt: skip
    assert not found & {"仕組", "見守", "申", "込", "年寄"}


@pytest.mark.parametrize("text", OKURIGANA)
def test_japanese_phrases_begin_and_end_at_word_boundaries(text):
    normalized = normalize(text)
    bounds = {m.start for m in japanese_morphemes(normalized)} | {len(normalized)}
    for phrase in extract_phrases(text, "ja"):
        start = normalized.index(phrase)
        assert start in bounds and start + len(phrase) in bounds, phrase


def test_japanese_phrases_leave_out_formal_nouns_latin_words_and_verbs():
    found = extract_phrases("安全のために、AI技術の進歩を子供を見守り、育てることに使う。", "ja")
    assert found == {"安全", "技術", "進歩", "技術の進歩", "子供"}


def test_adverbial_nouns_in_kana_begin_no_phrase():
    found = extract_phrases("効果が不明なまま多額の予算を使う。", "ja")
    assert "多額の予算" in found and not any("まま" in phrase for phrase in found)


def test_adverbial_nouns_in_kanji_end_but_do_not_begin_a_phrase():
    found = extract_phrases("一度インフラを作れば使い道が広がる。一度保存された顔データ。", "ja")
    assert {"インフラ", "使い道", "顔データ"} <= found, found
    assert not any(phrase.startswith("一度") for phrase in found), found


def test_a_run_of_nouns_too_long_to_read_is_no_phrase():
    found = extract_phrases("交通安全運動推進委員会事務局長会議報告書作成要領改正案検討", "ja")
    assert not found


@pytest.mark.parametrize("phrase", ["見守り", "高齢者の見守り", "行方不明者", "仕組み"])
def test_whole_japanese_words_can_name_a_theme(phrase):
    assert nominal(phrase, "ja")


def test_a_japanese_label_is_made_of_whole_words():
    care = [
        "高齢者の見守りの仕組みが必要です。",
        "地域で高齢者の見守りを続ける仕組みを作ってください。",
        "見守りの仕組みを自治体が整えるべきです。",
        "一人暮らしの高齢者の見守りが心配です。",
        "見守りの仕組みに予算をつけてほしい。",
        "高齢者の見守りと仕組みづくりを進めてください。",
    ]
    buses = [
        "バスの時刻表が分かりにくいです。",
        "バスの本数を増やしてほしい。",
        "時刻表どおりにバスが来ません。",
        "バスの運賃が高すぎます。",
        "バスの時刻表を駅に掲示してください。",
        "夜のバスの本数が少ないです。",
    ]
    membership = np.zeros((12, 2), dtype=np.float32)
    membership[:6, 0] = membership[6:, 1] = 1.0
    labels = label_topics(care + buses, ["ja"] * 12, membership)
    assert labels[0].named and "見守り" in labels[0].label
    for label in labels:
        for phrase in (label.label, *label.keywords):
            assert phrase.count("見守") == phrase.count("見守り"), label
            assert phrase.count("仕組") == phrase.count("仕組み"), label


def test_english_labels_keep_the_capitals_comments_write_names_and_acronyms_with():
    texts = [
        "AI surveillance in Bowling Green is going too far.",
        "The AI surveillance around Bowling Green worries me.",
        "Stop the AI surveillance of Bowling Green residents.",
        "Traffic on the road near Bowling Green is awful.",
        "Traffic is bad; the road needs work.",
        "Fix the road, fix the traffic.",
        "Scottsville Road and Nashville Road are always jammed: traffic.",
    ]
    membership = np.ones((len(texts), 1), dtype=np.float32)
    label = label_topics(texts, ["en"] * len(texts), membership)[0]
    shown = f"{label.label} | {label.description}"
    assert "AI surveillance" in shown and "Bowling Green" in shown
    # A capital at the start of a sentence says nothing ("Traffic is bad"), and a common noun
    # capitalised inside names ("Scottsville Road") stays lower case on its own.
    assert "traffic" in label.description and "Traffic" not in label.description
    assert "road" in label.description and "Road" not in label.description
    # The key phrases themselves stay as the analysis reads them: lower case.
    assert all(keyword == keyword.lower() for keyword in label.keywords)


def _label_of(texts: list[str], others: list[str]) -> str:
    """The English label of `texts`, labelled beside one other theme of `others`."""
    membership = np.zeros((len(texts) + len(others), 2), dtype=np.float32)
    membership[: len(texts), 0] = membership[len(texts) :, 1] = 1.0
    return label_topics(texts + others, ["en"] * len(membership), membership)[0].label


def _ja_label_of(texts: list[str]) -> TopicLabel:
    """The Japanese label of `texts`, labelled beside one other theme about buses."""
    buses = ["バスの本数を増やしてほしい。", "バスの運賃が高すぎます。", "夜のバスが少ないです。"]
    membership = np.zeros((len(texts) + len(buses), 2), dtype=np.float32)
    membership[: len(texts), 0] = membership[len(texts) :, 1] = 1.0
    return label_topics(texts + buses, ["ja"] * len(membership), membership)[0]


_BUSES = [
    "The buses are always late.",
    "Bus fares went up again this year.",
    "More buses at night, please.",
    "The bus timetable is never right.",
]


def _names_en(phrase):
    return nominal(phrase, "en")


def test_two_words_the_comments_use_as_one_phrase_name_the_theme_as_that_phrase():
    # As the biodiversity consultation's comments ranked them: "ecosystem" and "services" first,
    # each alone, though the comments say "ecosystem services".
    chosen = ["ecosystem", "services", "biodiversity", "service providers", "farming practices"]
    ranked = [*chosen[:3], "ecosystem services", "protecting", *chosen[3:]]
    joined = _join_heads(chosen, ranked, "en", _names_en)
    assert joined == ["ecosystem services", "biodiversity", "farming practices"]
    # Two words no comment puts together stay two phrases; Japanese phrases are whole already.
    assert _join_heads(["poison", "farming"], ["poison", "farming"], "en", _names_en) == [
        "poison",
        "farming",
    ]
    assert _join_heads(["監視", "カメラ"], ["監視", "カメラ", "監視カメラ"], "ja", _names_en) == [
        "監視",
        "カメラ",
    ]


def test_a_word_too_general_to_name_a_theme_is_shown_only_in_a_longer_phrase():
    homeless = [
        "Homeless people need shelter in winter.",
        "People sleep outside the library; homeless people need help.",
        "The city should house homeless people.",
        "Homeless people are moved on by the police, people say.",
        "Help homeless people find work.",
    ]
    label = _label_of(homeless, _BUSES)
    assert "Homeless people" in label, label
    ads = [
        "People see gambling ads everywhere.",
        "Gambling ads target people who cannot stop.",
        "Ads for betting make people think it is normal.",
        "People are fed up with betting ads.",
    ]
    label = _label_of(ads, _BUSES)
    assert not label.lower().startswith("people"), label
    assert " / people" not in label.lower(), label


def test_a_verb_before_a_gerund_is_a_verb():
    lowered = [
        "people will stop going to demonstrations.",
        "they stop saying what they do.",
        "i fear people stop going out.",
    ]
    assert _used_as_clause("stop", lowered)
    assert not _used_as_clause("stop", ["the bus stop is dark.", "a stop to this plan."])
    assert not _used_as_clause("ban", ["ban gambling ads now.", "a ban on ads."])


def test_a_lone_word_the_comments_use_as_a_verb_is_one():
    # "find", "check" and "build" are nouns too, but not as these comments write them.
    lowered = [
        "we need to find the people responsible.",
        "officers must check every match.",
        "i find this plan worrying.",
    ]
    assert _used_as_clause("find", lowered)
    assert _used_as_clause("check", lowered)
    assert not _used_as_clause("check", ["a check by a judge.", "the check comes too late."])
    assert not _used_as_clause("build", ["the build quality of the cameras is poor."])
    # "not" says nothing of a lone word: "a small sign is not consent" is the noun.
    assert not _used_as_clause("consent", ["a small sign is not consent.", "this is not consent"])


def test_a_reporting_verb_after_its_plural_subject_begins_a_clause():
    lowered = [
        "studies show face recognition fails darker-skinned people.",
        "tests show face recognition misreads women.",
        "reports show face recognition errors are common.",
    ]
    assert _used_as_clause("show face recognition", lowered)
    assert not _used_as_clause("show face recognition", ["the trade show face recognition demo."])


def test_an_indefinite_pronoun_before_a_word_makes_it_a_verb():
    lowered = ["nobody reads annual reports.", "everyone reads annual reports twice."]
    assert _used_as_clause("reads annual reports", lowered)
    assert nominal("funding for policing", "en") and nominal("existing cameras", "en")


def test_a_currency_names_nothing_without_its_amount():
    found = extract_phrases("The real cost in JPY is hidden: 500 million yen a year.", "en")
    assert "real cost" in found, found
    assert not any(word in found for word in ("jpy", "JPY", "yen")), found


def test_a_stated_age_and_list_abbreviations_name_no_theme():
    ages = [
        "I am 16 years old and the police stop me in the park.",
        "As a 17 years old student, the park stops feel unfair.",
        "Under 18 years of age, we get stopped in the park a lot.",
        "I'm 15 years old: stopped twice in the park this month.",
    ]
    label = _label_of(ages, _BUSES).lower()
    assert "park" in label, label
    assert "years old" not in label and "years of age" not in label, label
    found = extract_phrases("Pest control, e.g. traps, i.e. not poison, etc.", "en")
    assert "pest control" in found, found
    assert not {"e.g", "i.e", "etc"} & set(found), found


def test_numbers_in_words_and_a_light_verb_inside_a_phrase_name_no_theme():
    found = extract_phrases("The plan covers five years and twelve cities.", "en")
    assert "cities" in found, found
    assert not {"five years", "twelve cities", "five", "twelve"} & found, found
    assert not nominal("choice means little", "en") and not nominal("means", "en")
    assert not nominal("means little", "en") and not nominal("goes unrecorded", "en")
    assert nominal("foreign defence contractors", "en")


def test_an_apostrophe_after_a_final_s_ends_a_phrase():
    found = extract_phrases(
        "It rests on human officers' assumptions and 'smart cameras' now.", "en"
    )
    assert "human officers" in found and "smart cameras" in found, found
    assert not any("officers assumptions" in p or "cameras now" in p for p in found), found


def test_what_any_comment_says_of_itself_or_of_the_draft_names_no_theme():
    signs = [
        "In this section, my comment is that signs are too small.",
        "My comment on this section: put up bigger signs.",
        "Signs at every camera, as I said in my comment on the section.",
        "The section needs clearer signs; that is my comment.",
    ]
    label = _label_of(signs, _BUSES).lower()
    assert "signs" in label, label
    assert not {"section", "comment"} & set(label.replace("/", " ").split()), label
    plans = [
        "本案の看板は小さすぎます。本案に反対です。",
        "本案では看板の設置が不十分です。",
        "看板を増やすべきです。本案は説明不足です。",
        "本案の看板の位置が分かりにくいです。",
    ]
    label = _ja_label_of(plans)
    assert "看板" in label.label and "本案" not in label.label.split("・"), label


def test_a_japanese_word_too_general_to_name_a_theme_is_shown_only_in_a_longer_phrase():
    leaks = [
        "情報が漏れるのが怖いです。情報漏えいの対策が見えません。",
        "情報漏えいが起きたら誰が責任を取るのですか。情報は戻りません。",
        "情報の扱いが心配です。情報漏えいを防いでください。",
        "集めた情報が漏れないか心配です。",
        "情報漏えいの事故が続いています。情報を集めすぎです。",
    ]
    label = _ja_label_of(leaks)
    assert "情報漏えい" in label.label.split("・"), label
    assert "情報" not in label.label.split("・") and "情報" not in label.keywords, label


@pytest.mark.parametrize(
    ("phrase", "word", "holds"),
    [
        ("情報漏えい", "情報", True),
        ("防衛の情報", "情報", True),
        ("人間の関与", "人間", True),
        ("個人", "人", False),  # a one-character word only where の joins it
        ("データベース", "データ", False),  # katakana running on is the same word
        ("データ管理", "データ", True),
    ],
)
def test_a_japanese_phrase_holds_a_word_only_as_a_whole_word(phrase, word, holds):
    assert _holds(phrase, word, "ja") is holds


@pytest.mark.parametrize(
    "phrase",
    [
        "database of everyone's",  # a possessive ends no noun phrase
        "footage of uninvolved",  # nor a participle no lexicon knows
        "scale inevitably sweeps",  # an adverb inside makes it a clause
        "ahead gives residents",  # and so does a finite verb
        "restore biodiversity",  # a verb leads an action, not a noun phrase
        "draft bans identifying",  # a verb in -s before a gerund
        "skin tone goes",  # a common verb's form in -s, hardly ever a plural noun
        "stopped coming",  # a verb that takes a gerund, with its gerund
        "searching for missing",  # an adjective in -ing ends no noun phrase
    ],
)
def test_english_fragments_cannot_name_a_theme(phrase):
    assert not nominal(phrase, "en")


@pytest.mark.parametrize(
    "phrase",
    [
        "data sharing",
        "predictive policing",
        "everyone's face",
        "speed cameras",
        "bed",
        "recorded footage",  # a participle leads a noun phrase
        "stolen data",
        "deciding factor",
    ],
)
def test_english_noun_phrases_can_name_a_theme(phrase):
    assert nominal(phrase, "en")


def test_a_full_stop_inside_a_word_is_no_clause_end():
    phrases = extract_phrases("Respect robots.txt when you train. Then ask.", "en")
    assert "robots.txt" in phrases
    assert "txt" not in phrases and "robots" not in phrases


def test_a_number_or_an_amount_ends_a_phrase():
    phrases = extract_phrases(
        "Publishing the locations 30 days ahead is fair. It costs 3 billion yen. Covid-19 rules.",
        "en",
    )
    assert "locations days" not in phrases and "locations" in phrases
    assert not any("billion" in phrase for phrase in phrases)
    assert "covid-19 rules" in phrases


def test_a_theme_in_both_languages_names_the_other_languages_phrases_too():
    english = [
        "Surveillance cameras at the station worry me.",
        "The surveillance cameras record everyone at the station.",
        "Remove the surveillance cameras from the station.",
        "Surveillance cameras at every station are too much.",
    ]
    japanese = [
        "駅の監視カメラが心配です。",
        "監視カメラで駅の利用者が撮影されます。",
        "駅の監視カメラを撤去してください。",
    ]
    texts = english + japanese + _BUSES
    languages = ["en"] * len(english) + ["ja"] * len(japanese) + ["en"] * len(_BUSES)
    membership = np.zeros((len(texts), 2), dtype=np.float32)
    membership[: len(english) + len(japanese), 0] = 1.0
    membership[len(english) + len(japanese) :, 1] = 1.0
    cameras, buses = label_topics(texts, languages, membership)
    assert cameras.language == "en" and "surveillance cameras" in cameras.label.lower()
    assert "In Japanese: " in cameras.description and "監視カメラ" in cameras.description
    assert "Japanese" not in buses.description
    # Named in Japanese too, from its Japanese comments, for a report in Japanese.
    ((language, label, description),) = cameras.translations
    assert language == "ja" and "監視カメラ" in label and "英語の意見では" in description
    assert "surveillance cameras" in description.lower() and "件" in description
    # No Japanese comment raises it: named by its English phrases, described in Japanese.
    ((language, label, description),) = buses.translations
    assert language == "ja" and label == buses.label
    assert buses.description.startswith("Comments about")  # its own stays English
    assert description.endswith(f"に関する英語の意見（{len(_BUSES)}件）。")  # all in English
    # Labelled in Japanese when most comments are, naming the English comments' phrases.
    membership[:2, 0] = 0.0  # two English comments fewer: 2 English, 3 Japanese
    cameras = label_topics(texts, languages, membership)[0]
    assert cameras.language == "ja" and "監視カメラ" in cameras.label
    assert "英語の意見では" in cameras.description and "surveillance cameras" in cameras.description
    ((language, label, description),) = cameras.translations
    assert language == "en" and "surveillance cameras" in label.lower()
    assert "In Japanese: " in description
    # One comment in the other language is too few to name a theme by: an English report
    # shows its Japanese phrases in an English sentence.
    membership[:3, 0] = 0.0
    cameras = label_topics(texts, languages, membership)[0]
    ((language, label, description),) = cameras.translations
    assert language == "en" and label == cameras.label
    assert cameras.description.endswith("件）。")  # its own stays Japanese
    assert description.startswith("Comments, mostly in Japanese, about ")
    assert "監視カメラ" in description


def test_the_other_bucket_is_named_in_both_languages():
    other = other_label("ja")
    assert (other.language, other.label) == ("ja", "その他")
    assert other.translations == (("en", "Other", "Comments that no theme describes."),)


_USES = [
    "We need to raise budgets for schools.",
    "They will raise budgets again next year.",
    "The plan keeps the footage for a month.",
    "This plan keeps it for years.",
    "Misuse searches of the database must be logged.",
    "The misuse searches were found by the audit.",
    "Raise budgets, they say.",
    "This budget doubles in five years.",
    "A budget doubles while schools close.",
    "The budget cuts hurt schools.",
    "Budget cuts to libraries are wrong.",
    "The history shows that cameras fail.",
    "Its history shows that.",
]


@pytest.mark.parametrize(
    ("phrase", "clause"),
    [
        ("raise budgets", True),  # "to raise", "will raise": a verb
        ("plan keeps", True),  # "keeps the", "keeps it": a verb
        ("misuse searches", False),  # "searches of", "searches were": a noun
        ("footage", False),  # no word that may be a verb: not read
        ("keeps", True),  # a lone word too: "keeps the", "keeps it"
        ("searches", False),
        ("budget doubles", True),  # "this budget doubles": a singular noun, so a verb
        ("budget cuts", False),  # "the budget cuts hurt", "budget cuts to"
        ("history shows", True),  # "shows that"
    ],
)
def test_a_phrase_the_comments_use_as_part_of_a_clause_names_nothing(phrase, clause):
    assert _used_as_clause(phrase, [text.lower() for text in _USES]) is clause


_LEAKS = [
    "A leak lasts a lifetime; you cannot change your face.",
    "A leak lasts a lifetime, unlike a password.",
    "If the database is breached, the leak lasts a lifetime.",
    "One leak lasts a lifetime and harms everyone.",
    "A leak lasts a lifetime. Delete the images.",
    "Every leak lasts a lifetime for the people in it.",
]
_BUSES = [
    "Bus fares went up again this year.",
    "More buses at night, please.",
    "The bus timetable is never right.",
    "Buses are late every morning.",
    "Night buses should run later.",
    "Bus drivers need better pay.",
]


def test_a_word_is_not_lengthened_into_a_clause_nor_shown_beside_its_plural():
    membership = np.zeros((12, 2))
    membership[:6, 0] = membership[6:, 1] = 1
    leaks, buses = label_topics(_LEAKS + _BUSES, ["en"] * 12, membership)
    # "leak" is the theme's word; "leak lasts" and "lasts" are the clause it is in.
    assert "lasts" not in leaks.label.lower() and "leak" in leaks.label.lower()
    # "bus" and "buses" are one word.
    assert "bus" in buses.label.lower() and "buses" not in buses.label.lower()


def _names_ja(phrase):
    return nominal(phrase, "ja")


def test_a_japanese_verbal_noun_alone_is_shown_with_what_it_acts_on():
    ranked = ["強化", "予算", "監視の強化", "説明", "理由の説明", "報告書"]
    assert _expand_heads(["強化", "予算", "説明"], ranked, "ja", _names_ja) == [
        "監視の強化",
        "予算",
    ]
    # A noun that is no action stays as it is; a verbal noun with no longer phrase too.
    assert _expand_heads(["公表", "予算"], ["公表", "予算"], "ja", _names_ja) == ["公表", "予算"]


def test_a_japanese_phrase_led_by_a_quantity_names_nothing_and_parts_joined_by_no_overlap():
    assert not nominal("全ての検索", "ja") and nominal("検索の権限", "ja")
    assert _overlaps("参加者の識別", ["デモの参加者"], "ja")
    assert not _overlaps("顔データの安全管理", ["理由の説明"], "ja")


def test_a_verb_in_s_before_an_adjective_or_a_degree_word_belongs_to_a_clause():
    # No noun phrase puts a plural before its adjective: "stops" is the verb.
    assert not nominal("stops foreign developers", "en")
    assert nominal("foreign developers", "en") and nominal("rights groups", "en")
    uses = ["using works without permission goes too far.", "permission goes too far here."]
    assert _used_as_clause("permission goes", uses)
    # A preposition after a plural is no sign of a verb.
    spaces = ["cameras in public spaces in the city.", "public spaces by the station."]
    assert not _used_as_clause("public spaces", spaces)


def test_a_participle_cut_from_what_follows_and_a_verb_after_a_negated_modal_name_nothing():
    assert _used_as_clause("material known", ["excluding material known to be pirated is fine."])
    assert not _used_as_clause("people affected", ["people affected by flooding need help."])
    assert nominal("recorded footage", "en") and nominal("stolen data", "en")
    assert nominal("pest control", "en") and nominal("bowling green", "en")
    assert _used_as_clause("set robots.txt", ["i can't set robots.txt on that site."])
    assert _used_as_clause("set robots.txt", ["we can’t set robots.txt there."])


def test_a_verb_in_s_ending_a_clause_after_a_conjunction_or_after_an_adverb_is_a_verb():
    uses = [
        "there is no money for care, yet surveillance spending doubles.",
        "surveillance spending doubles while money for dialogue stays flat.",
    ]
    assert _used_as_clause("surveillance spending doubles", uses)
    assert _used_as_clause("doubles", ["a budget that nearly doubles in five years."])
    # A compound noun after a conjunction goes on to its verb.
    assert not _used_as_clause("budget cuts", ["but budget cuts hurt schools."])


def test_a_verb_in_s_before_a_name_is_a_verb():
    assert not nominal("early helps japan", "en")
    assert _used_as_clause("early helps", ["setting a position early helps japan lead."])
    assert nominal("warren county", "en") and nominal("bowling green", "en")


def test_no_two_labels_lead_with_the_same_phrase():
    drafts = [
        (["理由の説明", "相手の動き", "監視"], "ja", 40, ""),
        (["理由の説明", "資料", "公開"], "ja", 90, ""),
        (["Young people", "officers"], "en", 50, ""),
        (["incentives", "young people"], "en", 20, ""),
        (["young people"], "en", 10, ""),  # nothing else to show: it keeps its phrase
        ([], "en", 5, ""),
    ]
    assert _distinct_heads(drafts) == [
        ["相手の動き", "監視"],  # the smaller theme gives way
        ["理由の説明", "資料", "公開"],
        ["Young people", "officers"],
        ["incentives"],
        ["young people"],
        [],
    ]
