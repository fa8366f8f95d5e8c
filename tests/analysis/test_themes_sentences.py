"""Sentence-level codebook matching: splitting, the threshold and the themes sentences raise."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from consult.analysis.pipeline import analyse
from consult.analysis.text import tokenize_many
from consult.analysis.themes.codebook import fit_codebook, select_themes
from consult.analysis.themes.features import fit_features
from consult.analysis.themes.sentences import (
    raised_by_sentences,
    sentence_threshold,
    split_sentences,
)
from consult.analysis.types import AnalysisParams, CodebookTheme, CommentIn
from tests.analysis.test_themes_data import TOPIC_TEXTS

CODEBOOK = (
    CodebookTheme("retention", "Retention period", "How long footage is kept before deletion"),
    CodebookTheme("accuracy", "Accuracy", "False matches and misidentification of people"),
    CodebookTheme("cost", "Cost", "The budget and taxpayers money spent"),
)
TWO_POINTS = (
    "Footage should be deleted after a short retention period. "
    "Separately, the budget is a waste of taxpayers money."
)


def test_split_sentences_english_japanese_and_line_breaks():
    assert split_sentences("Delete it. Costs 9.5 million; far too much!  Why?") == [
        "Delete it.",
        "Costs 9.5 million;",
        "far too much!",
        "Why?",
    ]
    assert split_sentences("映像は消すべきだ。費用が高すぎる！本当に必要？") == [
        "映像は消すべきだ。",
        "費用が高すぎる！",
        "本当に必要？",
    ]
    assert split_sentences("first line\nsecond line") == ["first line", "second line"]
    assert split_sentences("no boundary at all") == ["no boundary at all"]
    assert split_sentences("   ") == ["   "]


def test_split_sentences_caps_a_very_long_comment():
    pieces = split_sentences("Word. " * 200)
    assert len(pieces) == 64
    assert pieces[-1].count("Word.") == 200 - 63


@given(st.text(max_size=200))
def test_split_sentences_never_raises_and_loses_no_word(text):
    pieces = split_sentences(text)
    assert pieces
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


def _fitted(texts, themes):
    tokens = tokenize_many(texts)
    theme_tokens = tokenize_many(themes)
    fitted = fit_features(tokens, extra=theme_tokens)
    assert fitted is not None
    space, docs = fitted
    return space, docs, space.transform(theme_tokens)


def test_each_sentence_raises_its_own_theme():
    themes = [f"{t.label} {t.description}" for t in CODEBOOK]
    space, docs, rows = _fitted([*TOPIC_TEXTS, TWO_POINTS], themes)
    model = fit_codebook(docs, rows, feedback_docs=0)
    sentences = [*split_sentences(TWO_POINTS), ""]
    sentence_rows = space.transform(tokenize_many(sentences))
    owner = [len(TOPIC_TEXTS)] * len(sentences)
    raised, best = raised_by_sentences(
        model, sentence_rows, owner, n_docs=docs.shape[0], threshold=0.0
    )
    assert raised[len(TOPIC_TEXTS)].tolist() == [True, False, True]
    assert not raised[: len(TOPIC_TEXTS)].any()
    assert np.isneginf(best[0]).all() and np.isfinite(best[len(TOPIC_TEXTS)]).all()


def test_no_sentence_with_content_raises_nothing():
    _, docs, rows = _fitted(TOPIC_TEXTS, ["retention period", "accuracy", "budget cost"])
    model = fit_codebook(docs, rows)
    empty = sp.csr_matrix((2, docs.shape[1]), dtype=np.float32)
    raised, _ = raised_by_sentences(model, empty, [0, 1], n_docs=docs.shape[0], threshold=0.0)
    assert not raised.any()


def test_sentence_threshold_rises_with_the_corrections():
    _, docs, rows = _fitted(TOPIC_TEXTS, ["retention period", "accuracy", "budget cost"])
    plain = fit_codebook(docs, rows)
    labelled = {i: frozenset({i // 10}) for i in (0, 1, 2, 10, 11, 12, 20, 21, 22)}
    taught = fit_codebook(docs, rows, labelled=labelled)
    assert sentence_threshold(plain) == 0.75
    assert 0.75 < sentence_threshold(taught) < 1.75


def test_select_themes_keeps_what_sentences_raised():
    scores = np.array([[2.0, -1.0, 0.5], [0.3, 0.2, 0.1]], dtype=np.float32)
    raised = np.array([[False, True, False], [False, False, False]])
    chosen = select_themes(scores, threshold=1.0, raised=raised)
    assert chosen.themes_of(0) == [0, 1]
    assert chosen.themes_of(1) == [0]


def test_a_comment_making_two_points_gets_both_themes():
    comments = [CommentIn(t) for t in [*TOPIC_TEXTS, TWO_POINTS]]
    with_sentences = analyse(comments, codebook=CODEBOOK, params=AnalysisParams(max_discovered=5))
    keys = {k for k, _ in with_sentences.themes_of(len(TOPIC_TEXTS))}
    assert {"retention", "cost"} <= keys
    assert with_sentences.stats["codebook_sentence_threshold"] == 0.75
    without = analyse(
        comments,
        codebook=CODEBOOK,
        params=AnalysisParams(max_discovered=5, sentence_themes=False),
    )
    assert "codebook_sentence_threshold" not in without.stats
