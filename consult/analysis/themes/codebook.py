"""Codebook themes: score every comment against officials' themes and pick zero or more.

Scoring, in the shared TF-IDF space (`features`):
1. each theme is a query made of its label, description, keywords and example comments;
2. pseudo-relevance feedback (Rocchio): the comments that match a theme best join its query, so
   the theme picks up the consultation's own vocabulary; repeated twice;
3. scores are standardised per theme (z-scores over the consultation), so a theme with a
   wordy description does not crowd out the others;
4. with officials' corrections, each theme also gets a logistic-regression classifier trained on
   the corrected comments (plus the theme text as a positive example) and the corrected
   comments join the theme's query as prototypes; the classifier's standardised score is
   blended in with weight n / (n + 10) for a theme with n corrected examples (so a handful of
   corrections nudges rather than overrides; measured: the F1 curve then rises monotonically
   with the number of corrections instead of dipping at five per theme).

The fitted scorer (`CodebookModel`) scores any rows of the feature space, so `sentences` scores
each sentence of a comment with it too.

Selection (multi-label): a comment gets its best theme, plus every further theme whose score
passes a threshold or that one of its sentences raises (`sentences`), at most
``max_per_comment``. The threshold is calibrated per consultation:
to a target mean of themes per comment when one is given, otherwise a theme must stand one
standard deviation above its consultation-wide mean (scores are standardised per theme, so this
adapts to each consultation). Reading the target off the corrections was measured and dropped:
corrected comments are not a random sample and their mean theme count misled the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

__all__ = [
    "CodebookModel",
    "ThemeAssignment",
    "calibrate_threshold",
    "feedback_depth",
    "fit_codebook",
    "score_codebook",
    "select_themes",
    "standardise",
]

_FEEDBACK_ROUNDS = 2
_DEFAULT_Z = 1.0
_PRIOR_EXAMPLES = 10.0
_NO_SIGNAL = -3.0


@dataclass(frozen=True)
class ThemeAssignment:
    """Multi-label assignment in CSR form: doc ``i`` has themes
    ``indices[indptr[i]:indptr[i + 1]]`` with ``confidence`` alongside, strongest first."""

    indptr: np.ndarray
    indices: np.ndarray
    confidence: np.ndarray
    threshold: float

    def themes_of(self, doc: int) -> list[int]:
        """Theme indices of ``doc``, strongest first."""
        return [int(t) for t in self.indices[self.indptr[doc] : self.indptr[doc + 1]]]

    def counts_per_doc(self) -> np.ndarray:
        """Number of themes of each doc."""
        return np.diff(self.indptr)


def standardise(scores: np.ndarray) -> np.ndarray:
    """Standardise each column; a constant column carries no signal and scores ``_NO_SIGNAL``,
    so a theme that matches nothing cannot win by default."""
    mean = scores.mean(axis=0, keepdims=True)
    std = scores.std(axis=0, keepdims=True)
    z = (scores - mean) / np.where(std > 1e-9, std, 1.0)
    z[:, std.ravel() <= 1e-9] = _NO_SIGNAL
    return z.astype(np.float32)


def feedback_depth(n_docs: int, n_themes: int, requested: int | None) -> int:
    """How many of the best-matching docs join a theme's query in pseudo-relevance feedback."""
    if requested is not None:
        return max(0, min(requested, n_docs))
    # About a third of a theme's expected share of comments (two themes per comment spread
    # over the codebook), within sensible bounds.
    expected = 2.0 * n_docs / max(n_themes, 1)
    return int(np.clip(round(expected / 3), 3, 200)) if n_docs >= 10 else 0


def _rocchio(docs: sp.csr_matrix, queries: np.ndarray, depth: int) -> np.ndarray:
    """The queries after pseudo-relevance feedback: each absorbs its best docs' centroid."""
    for _ in range(_FEEDBACK_ROUNDS):
        z = standardise(np.asarray(docs @ queries.T))
        expanded = np.empty_like(queries)
        for j in range(queries.shape[0]):
            top = np.argpartition(-z[:, j], depth - 1)[:depth]
            centroid = np.asarray(docs[top].mean(axis=0)).ravel()
            expanded[j] = queries[j] + centroid
        queries = normalize(expanded)
    return queries


def _classifiers(
    docs: sp.csr_matrix,
    theme_rows: sp.csr_matrix,
    labelled: Mapping[int, frozenset[int]],
    seed: int,
) -> tuple[tuple[LogisticRegression | None, ...], np.ndarray]:
    """Per-theme classifiers trained on the corrected docs (None for a theme without one) and
    the number of corrected examples behind each."""
    n_themes = theme_rows.shape[0]
    rows = np.fromiter(labelled.keys(), dtype=np.int64)
    if len(rows) < 2:
        return (None,) * n_themes, np.zeros(n_themes, dtype=np.float32)
    truth = np.zeros((len(rows), n_themes), dtype=bool)
    for r, doc in enumerate(rows):
        for t in labelled[int(doc)]:
            truth[r, t] = True
    models: list[LogisticRegression | None] = []
    train = sp.vstack([docs[rows], theme_rows]).tocsr()
    for j in range(n_themes):
        y = np.concatenate([truth[:, j], np.arange(n_themes) == j])
        if not truth[:, j].any() or y.all():
            models.append(None)
            continue
        model = LogisticRegression(
            C=10.0, class_weight="balanced", max_iter=1000, random_state=seed
        )
        models.append(model.fit(train, y))
    examples = np.array([truth[:, j].sum() if m else 0 for j, m in enumerate(models)])
    return tuple(models), examples.astype(np.float32)


@dataclass(frozen=True)
class CodebookModel:
    """The fitted scorer: each theme's expanded query and, with corrections, its classifier.

    ``trust`` is the weight of each theme's classifier against its query (0 without one).
    """

    queries: np.ndarray
    classifiers: tuple[LogisticRegression | None, ...]
    trust: np.ndarray

    def scores(self, rows: sp.csr_matrix) -> np.ndarray:
        """Relevance of every row to every theme, standardised per theme over ``rows`` (so
        docs are compared with docs and sentences with sentences); float32, rows x themes."""
        n_themes = self.queries.shape[0]
        if rows.shape[0] == 0 or n_themes == 0:
            return np.zeros((rows.shape[0], n_themes), dtype=np.float32)
        scores = standardise(np.asarray(rows @ self.queries.T))
        if not self.trust.any():
            return scores
        learned = np.zeros_like(scores)
        for j, model in enumerate(self.classifiers):
            if model is not None:
                learned[:, j] = model.decision_function(rows)
        learned = standardise(learned)
        # Trust each classifier as far as its examples go: with few corrected comments the
        # theme's own words (and the prototypes added to its query) still carry most weight.
        trust = np.where(learned.std(axis=0) > 0, self.trust, 0.0)
        return standardise(trust * learned + (1.0 - trust) * scores)


def fit_codebook(
    docs: sp.csr_matrix,
    themes: sp.csr_matrix,
    *,
    labelled: Mapping[int, frozenset[int]] | None = None,
    feedback_docs: int | None = None,
    seed: int = 0,
) -> CodebookModel:
    """Fit the scorer on the consultation's docs (rows of ``docs``) for the themes (rows of
    ``themes``); ``labelled`` maps doc rows to the theme indices officials confirmed for them:
    they sharpen the theme queries and train per-theme classifiers."""
    labelled = labelled or {}
    n_docs, n_themes = docs.shape[0], themes.shape[0]
    queries = themes.toarray().astype(np.float32)
    for j in range(n_themes):
        positives = [doc for doc, keys in labelled.items() if j in keys]
        if positives:
            queries[j] += np.asarray(docs[positives].mean(axis=0)).ravel()
    if n_themes:
        queries = normalize(queries)
    depth = feedback_depth(n_docs, n_themes, feedback_docs) if n_docs and n_themes else 0
    if depth:
        queries = _rocchio(docs, queries, depth)
    classifiers, examples = (
        _classifiers(docs, themes, labelled, seed)
        if n_docs and n_themes
        else ((None,) * n_themes, np.zeros(n_themes, dtype=np.float32))
    )
    trust = examples / (examples + _PRIOR_EXAMPLES)
    return CodebookModel(queries, classifiers, trust.astype(np.float32))


def score_codebook(
    docs: sp.csr_matrix,
    themes: sp.csr_matrix,
    *,
    labelled: Mapping[int, frozenset[int]] | None = None,
    feedback_docs: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Standardised relevance of every doc (row of ``docs``) to every theme (row of ``themes``).

    ``labelled`` maps doc rows to the theme indices officials confirmed for them (see
    `fit_codebook`). Returns a float32 array (docs x themes); higher means more relevant, 0 is
    a theme's consultation-wide mean.
    """
    model = fit_codebook(docs, themes, labelled=labelled, feedback_docs=feedback_docs, seed=seed)
    return model.scores(docs)


def calibrate_threshold(
    scores: np.ndarray,
    *,
    target_mean: float | None,
    max_per_comment: int,
    weights: np.ndarray | None = None,
) -> float:
    """The score a doc's second and further themes must reach.

    With ``target_mean``, the threshold makes the (weighted) mean number of themes per doc
    closest to it, counting the best theme of every doc as given; otherwise the default z of 1.
    """
    if target_mean is None or scores.size == 0:
        return _DEFAULT_Z
    n_docs = scores.shape[0]
    w = np.ones(n_docs) if weights is None else np.asarray(weights, dtype=np.float64)
    ordered = -np.sort(-scores, axis=1)[:, 1:max_per_comment]
    extra_needed = max(target_mean - 1.0, 0.0) * w.sum()
    if ordered.size == 0 or extra_needed <= 0:
        return float(np.inf)
    values = ordered.ravel()
    value_weights = np.repeat(w, ordered.shape[1])
    order = np.argsort(-values)
    cumulative = np.cumsum(value_weights[order])
    position = int(np.searchsorted(cumulative, extra_needed))
    return float(values[order[min(position, len(order) - 1)]])


def select_themes(
    scores: np.ndarray,
    *,
    threshold: float,
    max_per_comment: int = 4,
    empty: np.ndarray | None = None,
    raised: np.ndarray | None = None,
) -> ThemeAssignment:
    """Pick each doc's best theme plus the others scoring at least ``threshold`` or marked in
    ``raised`` (docs x themes, booleans: e.g. the theme one of the doc's sentences is about).

    ``empty`` marks docs with no content (no tokens): they get no theme. Confidence is a logistic
    squash of the score around the threshold (0.5 at the threshold).
    """
    n_docs, n_themes = scores.shape
    limit = max(1, min(max_per_comment, n_themes)) if n_themes else 0
    if n_docs == 0 or limit == 0:
        return ThemeAssignment(
            np.zeros(n_docs + 1, dtype=np.int64),
            np.zeros(0, dtype=np.int32),
            np.zeros(0, dtype=np.float32),
            threshold,
        )
    order = np.argsort(-scores, axis=1, kind="stable")[:, :limit]
    top = np.take_along_axis(scores, order, axis=1)
    keep = top >= threshold
    if raised is not None:
        keep |= np.take_along_axis(np.asarray(raised, dtype=bool), order, axis=1)
    keep[:, 0] = True
    if empty is not None:
        keep[np.asarray(empty, dtype=bool)] = False
    counts = keep.sum(axis=1)
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = order[keep].astype(np.int32)
    finite = threshold if np.isfinite(threshold) else float(top[:, 0].max())
    confidence = (1.0 / (1.0 + np.exp(-(top[keep] - finite)))).astype(np.float32)
    return ThemeAssignment(indptr, indices, confidence, threshold)
