"""Discovered themes: topic count, labels, merging, folding and candidates."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest

from consult.analysis.text import detect_language, tokenize_many
from consult.analysis.themes.assign import OTHER_KEY, assign_themes
from consult.analysis.themes.discover import choose_topic_count, discover_topics
from consult.analysis.themes.features import fit_features
from consult.analysis.themes.labels import extract_phrases, label_topics, nominal, other_label
from consult.analysis.themes.merge import candidate_topics, fold_small, merge_similar
from consult.analysis.types import AnalysisParams
from consult.demo.corpus import TOPICS, generate_comments
from tests.analysis.test_themes_data import JAPANESE, TOPIC_TEXTS, TOPIC_TRUTH


def _docs(texts):
    fitted = fit_features(tokenize_many(texts))
    assert fitted is not None
    return fitted[1]


def test_discover_topics_recovers_three_separated_arguments():
    topics = discover_topics(_docs(TOPIC_TEXTS), min_k=2, max_k=5, seed=0)
    assert topics.k >= 3
    primary = topics.weights.argmax(axis=1)
    # Each true argument lands mostly in one topic, and the three land in different topics.
    majority = []
    for name in ("retention", "accuracy", "cost"):
        rows = [i for i, t in enumerate(TOPIC_TRUTH) if t == name]
        values, counts = np.unique(primary[rows], return_counts=True)
        assert counts.max() >= 8
        majority.append(int(values[counts.argmax()]))
    assert len(set(majority)) == 3
    assert np.allclose(topics.weights.max(axis=1), 1.0)


def test_discover_topics_is_deterministic_for_a_seed():
    docs = _docs(TOPIC_TEXTS)
    first = discover_topics(docs, min_k=2, max_k=5, seed=1)
    second = discover_topics(docs, min_k=2, max_k=5, seed=1)
    assert first.k == second.k
    assert np.array_equal(first.weights, second.weights)


def test_the_number_of_themes_does_not_depend_on_the_seed():
    # Generated bilingual comments on which the seed once moved the count between 3 and 12:
    # the stability that picks it was measured from random starts drawn from the run's seed.
    comments = generate_comments(
        topic=TOPICS[0], n=200, seed=1, form_letter_share=0.0, ja_share=0.5
    )
    texts = list(dict.fromkeys(c.text for c in comments))
    languages = [detect_language(text) for text in texts]
    docs = _docs(texts)
    counts = [
        len(assign_themes(docs, texts, languages, weights=np.ones(len(texts)), seed=seed).drafts)
        for seed in range(5)
    ]
    assert max(counts) - min(counts) <= 1, counts
    assert min(counts) >= 4  # the choice is not stuck at the smallest count either


def test_choose_topic_count_respects_bounds_and_small_inputs():
    docs = _docs(TOPIC_TEXTS)
    k, stability = choose_topic_count(docs, min_k=3, max_k=4)
    assert 3 <= k <= 4 and set(stability) == {3, 4}
    k_small, _ = choose_topic_count(docs[:6], min_k=3, max_k=10)
    assert k_small == 1  # six documents support no more than one topic of five


def test_english_phrases_do_not_cross_punctuation_or_stop_words():
    found = extract_phrases("The retention period of footage is long, footage deleted.", "en")
    assert {"retention period", "period of footage", "footage deleted"} <= found
    assert not any(p.startswith("the ") or p.endswith(" of") for p in found)
    assert "long footage" not in found  # would cross the comma


def test_japanese_phrases_are_compounds_joined_by_no():
    found = extract_phrases("顔認証の精度と個人情報の保存期間が心配です。", "ja")
    assert found == {
        "顔認証", "精度", "顔認証の精度", "個人情報", "保存期間", "個人情報の保存期間", "心配"
    }  # fmt: skip


def test_japanese_phrases_join_each_pair_of_a_chain():
    found = extract_phrases("顔認証の精度の検証が必要です。", "ja")
    assert {"顔認証の精度", "精度の検証", "顔認証", "精度", "検証"} <= found
    assert "顔認証の精度の検証" not in found


def test_a_long_japanese_comment_is_read_in_linear_time():
    sentence = "顔認証の精度の検証と個人情報の保存期間が心配です。"
    text = sentence * (200_000 // len(sentence))
    start = time.perf_counter()
    found = extract_phrases(text, "ja")
    # About 0.05 s; scanning the text before each の, as it once did, took about 30 s.
    assert time.perf_counter() - start < 5
    assert {"精度の検証", "個人情報の保存期間"} <= found


def test_label_topics_reads_as_phrases_in_each_language():
    texts = TOPIC_TEXTS + JAPANESE
    languages = ["en"] * len(TOPIC_TEXTS) + ["ja"] * len(JAPANESE)
    membership = np.zeros((len(texts), 3), dtype=np.float32)
    membership[:10, 0] = 1.0  # retention, English
    membership[30:34, 1] = 1.0  # accuracy, Japanese
    membership[34:, 2] = 1.0  # retention, Japanese
    labels = label_topics(texts, languages, membership)
    assert "retention period" in labels[0].label.lower()
    assert labels[0].language == "en" and labels[0].description.startswith("Comments about")
    assert "顔認証の精度" in labels[1].label
    assert "個人情報の保存期間" in labels[2].label
    assert labels[1].language == "ja" and labels[1].description.endswith("に関する意見（4件）。")
    for label in labels[1:]:
        # Japanese labels are Japanese words, never stray kana.
        assert not re.search(r"(^|・)[\u3041-\u3096]{1,2}($|・)", label.label)


def test_label_of_a_theme_without_repeated_phrases_is_other():
    labels = label_topics(["alpha beta", "gamma delta"], ["en", "en"], np.ones((2, 1)))
    assert labels[0] == other_label("en")
    assert labels[0].label == "Other" and not labels[0].named and not labels[0].keywords


# Comments that share a word the tokeniser keeps but no phrase a label can use ("better",
# 急ぐ): discovery finds them a topic that has nothing to be named by.
UNNAMED = {
    "en": [
        "We really need better, much better.", "Better! We need it.", "Need better, really.",
        "Much better is what we need.", "We need much better, please.", "Really, need better.",
        "Better, better.", "Want better.",
    ],
    "ja": [
        "急いでほしい。", "もっと急いでください。", "とにかく急いでほしいです。",
        "もう少し急いでほしい。", "ぜひ急いでほしいです。", "急いでほしいと思います。",
        "すぐに急いでほしい。", "もっと急いでほしい。",
    ],
}  # fmt: skip


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_theme_with_no_phrase_to_name_it_joins_the_one_other_theme(language):
    base = TOPIC_TEXTS
    if language == "ja":
        generated = generate_comments(
            topic=TOPICS[0], n=40, seed=1, form_letter_share=0.0, ja_share=1.0
        )
        base = list(dict.fromkeys(c.text for c in generated))
    texts = base + UNNAMED[language]
    table = assign_themes(
        _docs(texts),
        texts,
        [detect_language(text) for text in texts],
        weights=np.ones(len(texts)),
        params=AnalysisParams(min_discovered=5, max_discovered=5),
    )
    assert table.stats["themes_unnamed"] >= 1  # the case this test is about did arise
    sources = [draft.source for draft in table.drafts]
    assert sources.count("other") == 1 and sources[-1] == "other"
    other = table.drafts[-1]
    assert (other.key, other.label, other.keywords) == (OTHER_KEY, other_label(language).label, ())
    assert other.language == language
    for draft in table.drafts[:-1]:
        assert draft.source == "discovered" and draft.keywords
        assert draft.label not in ("Other", "その他")
    unnamed = np.arange(len(texts) - 8, len(texts))
    assert np.all(table.confidence[unnamed, -1] > 0)


def test_merge_similar_joins_topics_with_the_same_members():
    weights = np.array([[1, 0.9, 0], [1, 0.8, 0], [0, 0, 1], [0.1, 0, 1]], dtype=np.float32)
    components = np.eye(3)
    merged, merged_components, groups = merge_similar(weights, components, threshold=0.6)
    assert groups == [[0, 1], [2]]
    assert merged.shape == (4, 2)
    assert np.allclose(np.linalg.norm(merged_components, axis=1), 1.0)
    _, _, apart = merge_similar(weights, components, threshold=1.01)
    assert apart == [[0], [1], [2]]


def test_fold_small_keeps_minority_arguments_with_enough_distinct_voices():
    keep = fold_small(
        np.array([9000.0, 3.0, 1.0]),
        np.array([1, 3, 1]),
        total_weight=9004.0,
        min_share=0.01,
        min_unique=3,
    )
    assert keep.tolist() == [True, True, False]


def test_candidate_topics_are_those_no_one_codebook_theme_covers():
    members = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 1]], dtype=bool)
    # Topic 0's comments all got theme A. Each of topic 1's got a codebook theme, but not the
    # same one: B, C, B, C. No one theme covers it, and it is offered.
    assigned = np.array(
        [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]], dtype=bool
    )
    assert candidate_topics(members, assigned, coverage=0.6).tolist() == [1]
    assert candidate_topics(members, assigned, coverage=0.4).tolist() == []
    assert candidate_topics(members, assigned, coverage=0.5).tolist() == []  # half is covered
    no_codebook = np.zeros((6, 0), dtype=bool)
    assert candidate_topics(members, no_codebook, coverage=0.5).tolist() == [0, 1]


def test_a_theme_given_to_a_topic_no_more_often_than_to_all_comments_does_not_cover_it():
    # Two codebook themes, each given to half of all comments (every comment gets one): the
    # comments of topic 1, about neither, are split between them like everyone else's.
    members = np.array([[1, 0]] * 4 + [[0, 1]] * 4, dtype=bool)
    assigned = np.array([[1, 0]] * 2 + [[0, 1]] * 2 + [[1, 0], [0, 1]] * 2, dtype=bool)
    assert candidate_topics(members, assigned, coverage=0.5).tolist() == [0, 1]
    # Each topic's comments all on one theme, which half of all comments get: both covered.
    assigned[:4] = [1, 0]
    assigned[4:] = [0, 1]
    assert candidate_topics(members, assigned, coverage=0.5).tolist() == []


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("young people", "en", True),
        ("policing", "en", True),  # a gerund names an activity
        ("bowling green", "en", True),  # a phrase may end in a word that is also an adjective
        ("wku", "en", True),  # unknown to the lexicon: mostly names
        ("first", "en", False),
        ("healthy", "en", False),
        ("started", "en", False),
        ("identify", "en", False),
        ("restore biodiversity", "en", False),
        ("顔認識カメラの導入", "ja", True),
        ("誤認", "ja", True),
        ("乱用の心配", "ja", True),
        ("今日", "ja", False),
        ("結局", "ja", False),
        ("基本的", "ja", False),
        ("反対", "ja", False),
    ],
)
def test_only_noun_phrases_name_themes(phrase, language, expected):
    assert nominal(phrase, language) is expected


def test_a_theme_label_skips_adjectives_and_adverbial_nouns():
    english = [f"Healthy rivers {i} need clean water and healthy wetlands." for i in range(6)]
    english += [f"Bus routes {i} are slow and the bus timetable is wrong." for i in range(6)]
    japanese = [f"今日も河川の水質が心配です。{i}" for i in range(6)]
    japanese += [f"今日のバスの時刻表は不便です。{i}" for i in range(6)]
    membership = np.zeros((12, 2), dtype=np.float32)
    membership[:6, 0] = membership[6:, 1] = 1.0
    en = label_topics(english, ["en"] * 12, membership)
    ja = label_topics(japanese, ["ja"] * 12, membership)
    for label in en + ja:
        assert label.keywords, label
        assert all(nominal(k, label.language) for k in label.keywords), label
    assert "healthy" not in [k for label in en for k in label.keywords]
    assert "今日" not in [k for label in ja for k in label.keywords]
