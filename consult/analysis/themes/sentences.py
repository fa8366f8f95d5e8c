"""Sentence-level codebook matching: a comment raises every theme one of its sentences is about.

A comment that makes three points is three short texts about three themes; scored as one bag of
words, each point is diluted by the others and only the strongest passes a threshold. So each
comment is split into sentences (and clauses after ``;``), every sentence is scored by the same
fitted `CodebookModel` (standardised over the consultation's sentences), and a sentence whose
best theme stands ``threshold`` above that theme's mean raises it for its comment. Sentences
are scored independently, so the number of themes a comment gets follows the number of points it
makes instead of a fixed count per comment.

The threshold rises with the classifiers' trust: officials' corrections make the scores sharper
(a trained classifier separates its theme more cleanly than a query does), so the same z means
less. Measured on the generated consultations of all three demo topics and on half of the
themefinder gambling set, with 0, 5, 10 and 25 corrected comments per theme (see
``tests/bench/bench_quality.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from consult.analysis.themes.codebook import CodebookModel

__all__ = ["raised_by_sentences", "sentence_threshold", "split_sentences"]

# After Japanese sentence ends (no space follows them), after Latin ones and ";" when a space
# follows (so 9.5 and e.g. stay whole), and at line breaks.
_BOUNDARY = re.compile(r"(?<=[。！？!?])\s*|(?<=[.;．；])\s+|[\r\n]+")
_MAX_SENTENCES = 64
_BASE_Z = 0.75


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order; the text itself when it has one.

    At most 64: the rest of a very long comment stays in its last piece. Never raises.
    """
    pieces = [piece.strip() for piece in _BOUNDARY.split(text)]
    pieces = [piece for piece in pieces if piece]
    if len(pieces) > _MAX_SENTENCES:
        pieces[_MAX_SENTENCES - 1 :] = [" ".join(pieces[_MAX_SENTENCES - 1 :])]
    return pieces or [text]


def sentence_threshold(model: CodebookModel) -> float:
    """The z a sentence's best theme must reach to count: 0.75 with no classifier, up to 1.75
    as the corrections behind the classifiers grow (their mean trust, 0 to 1)."""
    trust = float(model.trust.mean()) if model.trust.size else 0.0
    return _BASE_Z + trust


def raised_by_sentences(
    model: CodebookModel,
    sentences: sp.csr_matrix,
    owner: Sequence[int] | np.ndarray,
    *,
    n_docs: int,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Which themes each doc's sentences raise, and each doc's best sentence score per theme.

    ``sentences`` are the feature rows of every sentence, ``owner`` the doc of each. Returns a
    boolean (docs x themes) matrix and a float32 one (``-inf`` where a doc has no sentence with
    content). A sentence without content raises nothing.
    """
    n_themes = model.queries.shape[0]
    raised = np.zeros((n_docs, n_themes), dtype=bool)
    best = np.full((n_docs, n_themes), -np.inf, dtype=np.float32)
    owner = np.asarray(owner, dtype=np.int64)
    live = np.flatnonzero(sentences.getnnz(axis=1) > 0)
    if not n_themes or len(live) == 0:
        return raised, best
    scores = model.scores(sentences[live])
    docs = owner[live]
    top = scores.argmax(axis=1)
    strong = scores[np.arange(len(live)), top] >= threshold
    raised[docs[strong], top[strong]] = True
    np.maximum.at(best, docs, scores)
    return raised, best
