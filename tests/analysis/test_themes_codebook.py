"""Codebook scoring, calibration and selection, and the shared feature space."""

from __future__ import annotations

import numpy as np
import pytest

from consult.analysis.text import tokenize_many
from consult.analysis.themes.codebook import (
    calibrate_threshold,
    score_codebook,
    select_themes,
)
from consult.analysis.themes.features import expand_tokens, fit_features, sample_indices
from tests.analysis.test_themes_data import TOPIC_TEXTS, TOPIC_TRUTH

THEMES = {
    "retention": "Retention period: how long footage is kept before it is deleted",
    "accuracy": "Accuracy: false matches and misidentification of innocent people",
    "cost": "Cost: the budget and taxpayers money spent on the system",
}


def _space(texts, theme_texts):
    tokens = tokenize_many(texts)
    theme_tokens = tokenize_many(theme_texts)
    fitted = fit_features(tokens, extra=theme_tokens)
    assert fitted is not None
    space, docs = fitted
    return docs, space.transform(theme_tokens)


def test_expand_tokens_adds_prefixes_and_japanese_bigrams():
    expanded = expand_tokens(["normalisation", "ban", "個人情報", "ですね"])
    assert expanded[:4] == ["normalisation", "ban", "個人情報", "ですね"]
    assert "~norma" in expanded
    assert "~ban" not in expanded
    assert {"~個人", "~人情", "~情報"} <= set(expanded)
    assert not any(token.startswith("~です") for token in expanded)


def test_sample_indices_is_seeded_sorted_and_bounded():
    assert sample_indices(5, limit=10, seed=0).tolist() == [0, 1, 2, 3, 4]
    first = sample_indices(1000, limit=50, seed=3)
    assert len(first) == 50 and np.all(np.diff(first) > 0)
    assert first.tolist() == sample_indices(1000, limit=50, seed=3).tolist()
    assert first.tolist() != sample_indices(1000, limit=50, seed=4).tolist()


def test_fit_features_returns_none_without_tokens():
    assert fit_features([[], []]) is None


def test_zero_shot_scores_find_the_matching_theme():
    docs, themes = _space(TOPIC_TEXTS, list(THEMES.values()))
    scores = score_codebook(docs, themes)
    best = [list(THEMES)[j] for j in scores.argmax(axis=1)]
    accuracy = np.mean([b == t for b, t in zip(best, TOPIC_TRUTH, strict=True)])
    assert accuracy >= 0.9


def test_corrections_teach_a_theme_its_description_misses():
    # A theme whose description shares no word with the comments raising it.
    themes = [THEMES["retention"], THEMES["accuracy"], "Fiscal prudence"]
    docs, rows = _space(TOPIC_TEXTS, themes)
    before = score_codebook(docs, rows, feedback_docs=0)
    labelled = {20: frozenset({2}), 21: frozenset({2}), 22: frozenset({2}), 0: frozenset({0})}
    after = score_codebook(docs, rows, labelled=labelled, feedback_docs=0)
    held_out = range(23, 30)
    assert sum(int(before[i].argmax() == 2) for i in held_out) < len(held_out)
    assert all(after[i].argmax() == 2 for i in held_out)


def test_select_themes_keeps_best_plus_those_over_threshold():
    scores = np.array([[2.0, 1.5, -1.0], [0.1, -0.5, -2.0], [3.0, 2.5, 2.0]], dtype=np.float32)
    chosen = select_themes(scores, threshold=1.0, max_per_comment=2)
    assert chosen.themes_of(0) == [0, 1]
    assert chosen.themes_of(1) == [0]  # the best theme even under the threshold
    assert chosen.themes_of(2) == [0, 1]  # capped at two
    assert chosen.counts_per_doc().tolist() == [2, 1, 2]
    assert np.all(np.diff(chosen.confidence[:2]) <= 0)


def test_select_themes_gives_empty_docs_nothing():
    scores = np.ones((2, 3), dtype=np.float32)
    chosen = select_themes(scores, threshold=0.0, empty=np.array([True, False]))
    assert chosen.themes_of(0) == []
    assert len(chosen.themes_of(1)) == 3


def test_calibrate_threshold_hits_the_target_mean():
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(400, 6)).astype(np.float32)
    for target in (1.5, 2.0, 3.0):
        threshold = calibrate_threshold(scores, target_mean=target, max_per_comment=4)
        mean = select_themes(scores, threshold=threshold).counts_per_doc().mean()
        assert mean == pytest.approx(target, abs=0.02)
    assert calibrate_threshold(scores, target_mean=None, max_per_comment=4) == 1.0
    assert calibrate_threshold(scores, target_mean=1.0, max_per_comment=4) == np.inf


def test_score_codebook_handles_empty_inputs():
    docs, rows = _space(TOPIC_TEXTS, list(THEMES.values()))
    assert score_codebook(docs[:0], rows).shape == (0, 3)
    assert score_codebook(docs, rows[:0]).shape == (30, 0)
