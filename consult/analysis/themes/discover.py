"""Discovered themes: NMF topics over the TF-IDF space, the number chosen by stability.

For each candidate number of topics ``k`` within bounds (each up to 8, then every other one),
NMF is fitted three times from different random starts on a sample; the stability of ``k`` is
the mean cosine between the fits' topics after optimal matching (Hungarian), averaged over the
pairs of fits. Stable ``k`` are those the data supports rather than the random start. The
largest ``k`` whose topics are reproducible (stability at least 0.85) is kept — the most
detailed grouping the data supports; officials merge themes more easily than they split them.
(The best-stability ``k`` alone is biased to two or three broad topics, which random starts
agree on trivially.) When no ``k`` is reproducible, the largest within a small margin of the
best. The chosen ``k`` is fitted once more from the NNDSVD start and applied to every document.
Features found in most documents (the consultation's subject itself) are left out first.

The number of topics is a property of the consultation, not of the run: the sample and the
random starts that measure stability are drawn from fixed seeds, never from the run's seed.
On real consultations the stability curve is flat around the threshold (0.82-0.88 for every
``k`` from 7 to 12 on the gambling set), so which ``k`` crosses it depended on the starts drawn:
the same comments gave from 5 to 12 themes from one seed to the next, and six starts per ``k``
instead of three (twice the cost) still gave from 3 to 12. With the starts fixed, the same
comments give the same number of topics; the run's seed still draws the sample the final model
is fitted on when there are more than 10,000 texts. The choice still follows the texts
themselves, and where the curve is flat one distinct text more or less can move it (as when
near-duplicate grouping, which is seeded, joins one more pair).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import normalize

from consult.analysis.themes.features import sample_indices

__all__ = ["Topics", "choose_topic_count", "discover_topics"]

_STABILITY_MARGIN = 0.05
_REPRODUCIBLE = 0.85
_SELECTION_SAMPLE = 2_000
_FIT_SAMPLE = 10_000  # NMF needs far fewer documents than the vocabulary does
_FINE_UP_TO = 8  # every k up to here, then every other k
_RUNS = 3
# Seed of the selection sample and of the first random start (the others follow it), fixed so
# that the number of topics does not depend on the run's seed (see the module's note).
_SELECTION_SEED = 0
_MAX_ITER = 300
_MIN_DOCS_PER_TOPIC = 5
_MAX_DF = 0.4


@dataclass(frozen=True)
class Topics:
    """``weights``: docs x k membership (each row scaled so its maximum is 1, zero rows for docs
    no topic explains); ``components``: k x features (rows L2-normalised)."""

    weights: np.ndarray
    components: np.ndarray
    stability: dict[int, float]

    @property
    def k(self) -> int:
        """Number of topics."""
        return int(self.components.shape[0])


def _fit(matrix: sp.csr_matrix, k: int, *, init: str, seed: int) -> NMF:
    model = NMF(n_components=k, init=init, random_state=seed, max_iter=_MAX_ITER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # Degenerate inputs (a handful of near-identical rows) make sklearn's loss report take
        # the square root of a tiny negative rounding error; the fit itself is fine.
        warnings.filterwarnings("ignore", "invalid value encountered in sqrt", RuntimeWarning)
        model.fit(matrix)
    return model


def _stability(a: np.ndarray, b: np.ndarray) -> float:
    similarity = normalize(a) @ normalize(b).T
    rows, cols = linear_sum_assignment(-similarity)
    return float(similarity[rows, cols].mean())


def choose_topic_count(
    matrix: sp.csr_matrix, *, min_k: int, max_k: int
) -> tuple[int, dict[int, float]]:
    """The number of topics for ``matrix`` within [min_k, max_k] and the stability of each;
    a function of ``matrix`` alone (fixed sample and random starts)."""
    rows = sample_indices(matrix.shape[0], limit=_SELECTION_SAMPLE, seed=_SELECTION_SEED)
    sample = matrix[rows]
    sample = sample[np.asarray(sample.sum(axis=1)).ravel() > 0]
    upper = min(max_k, sample.shape[0] // _MIN_DOCS_PER_TOPIC, sample.shape[1])
    lower = min(min_k, upper)
    if upper < 2:
        return max(upper, 1), {}
    stability: dict[int, float] = {}
    candidates = [k for k in range(max(lower, 2), upper + 1) if k <= _FINE_UP_TO or k % 2 == 0]
    for k in candidates:
        fits = [
            _fit(sample, k, init="random", seed=_SELECTION_SEED + r).components_
            for r in range(_RUNS)
        ]
        pairs = [(a, b) for a in range(_RUNS) for b in range(a + 1, _RUNS)]
        stability[k] = float(np.mean([_stability(fits[a], fits[b]) for a, b in pairs]))
    reproducible = [k for k, value in stability.items() if value >= _REPRODUCIBLE]
    if reproducible:
        return max(reproducible), stability
    best = max(stability.values())
    chosen = max(k for k, value in stability.items() if value >= best - _STABILITY_MARGIN)
    return chosen, stability


def _topical(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Drop features found in more than ``_MAX_DF`` of the docs (the consultation's subject
    itself, which every topic shares) and re-normalise the rows."""
    share = matrix.getnnz(axis=0) / max(matrix.shape[0], 1)
    keep = (share <= _MAX_DF).astype(np.float32)
    if matrix.shape[0] < _MIN_DOCS_PER_TOPIC * 2 or keep.sum() == 0:
        return matrix
    return sp.csr_matrix(normalize(matrix @ sp.diags(keep)))


def discover_topics(
    matrix: sp.csr_matrix,
    *,
    min_k: int = 3,
    max_k: int = 12,
    seed: int = 0,
    max_fit_docs: int = 30_000,
) -> Topics:
    """NMF topics of ``matrix`` (docs x features, TF-IDF), ``k`` chosen by stability (the same
    for every ``seed``, which draws only the sample the final model is fitted on)."""
    n_docs, n_features = matrix.shape
    if n_docs == 0 or matrix.nnz == 0:
        return Topics(np.zeros((n_docs, 0), np.float32), np.zeros((0, n_features)), {})
    matrix = _topical(matrix)
    k, stability = choose_topic_count(matrix, min_k=min_k, max_k=max_k)
    rows = sample_indices(n_docs, limit=min(max_fit_docs, _FIT_SAMPLE), seed=seed)
    fit_matrix = matrix[rows]
    model = _fit(fit_matrix, k, init="nndsvda", seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.transform(matrix).astype(np.float32)
    peak = weights.max(axis=1, keepdims=True)
    weights = np.divide(weights, peak, out=np.zeros_like(weights), where=peak > 0)
    return Topics(weights, normalize(model.components_), stability)
