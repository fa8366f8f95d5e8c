"""Stance from Likert answers, the bilingual lexicon and the consultation's own classifier."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from consult.analysis.stance import (
    MIXED,
    OPPOSE,
    SOURCE_CLASSIFIER,
    SOURCE_LEXICON,
    SOURCE_LIKERT,
    SOURCE_NONE,
    SUPPORT,
    UNCLEAR,
    lexicon_stance,
    likert_stance,
    stance_many,
    train_stance_classifier,
)
from consult.analysis.types import STANCES


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
