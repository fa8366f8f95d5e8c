"""Representative quotes: a few comments per theme that are central AND diverse.

Maximal marginal relevance over centrality: each candidate's relevance is its cosine to the
theme's (membership-weighted) centroid times its membership strength; candidates are picked one
at a time by relevance minus ``diversity`` times their highest similarity to quotes already
picked, so the second quote says something the first did not. Candidates are distinct texts
(one per near-duplicate group), so a campaign's letter is quoted at most once. Quoted text has
personal data redacted (`consult.analysis.pii.redact`) and is cut to a maximum length.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from consult.analysis.pii import redact
from consult.analysis.types import Quote

__all__ = ["mmr_select", "representative_quotes", "trim_quote"]

_CANDIDATES = 300
_MIN_TOKENS_PREFERRED = 4


def mmr_select(
    rows: sp.csr_matrix,
    strength: np.ndarray,
    *,
    k: int,
    diversity: float,
    lengths: np.ndarray | None = None,
) -> list[int]:
    """Positions (into ``rows``) of up to ``k`` central and mutually diverse rows.

    ``rows`` are L2-normalised feature rows of the theme's member texts, ``strength`` their
    membership (0-1). ``lengths`` (token counts), if given, demote very short texts, which are
    central but say little.
    """
    n = rows.shape[0]
    if n == 0 or k <= 0:
        return []
    weights = np.clip(np.asarray(strength, dtype=np.float64), 0.0, None)
    centroid = normalize(np.asarray(rows.T @ weights).reshape(1, -1))
    relevance = np.asarray(rows @ centroid.T).ravel() * np.sqrt(weights)
    if lengths is not None:
        relevance = relevance * np.where(np.asarray(lengths) < _MIN_TOKENS_PREFERRED, 0.5, 1.0)
    pool = np.argsort(-relevance, kind="stable")[:_CANDIDATES]
    pool_rows = rows[pool]
    similarity = np.asarray((pool_rows @ pool_rows.T).todense())
    chosen: list[int] = []
    closest = np.zeros(len(pool))
    available = np.ones(len(pool), dtype=bool)
    for _ in range(min(k, len(pool))):
        score = (1.0 - diversity) * relevance[pool] - diversity * closest
        score[~available] = -np.inf
        best = int(np.argmax(score))
        chosen.append(int(pool[best]))
        available[best] = False
        closest = np.maximum(closest, similarity[best])
    return chosen


def trim_quote(text: str, max_chars: int) -> str:
    """``text`` cut at a word or sentence boundary near ``max_chars`` with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    boundary = max(cut.rfind(" "), cut.rfind("。"), cut.rfind("、"))
    if boundary > max_chars // 2:
        cut = cut[:boundary]
    return cut.rstrip(" 、。,.;:") + "…"


def representative_quotes(
    texts: Sequence[str],
    rows: sp.csr_matrix,
    strength: np.ndarray,
    comment_index: Sequence[int] | np.ndarray,
    *,
    k: int = 3,
    diversity: float = 0.35,
    max_chars: int = 400,
    lengths: np.ndarray | None = None,
) -> tuple[Quote, ...]:
    """Quotes for one theme: ``texts``/``rows``/``strength`` describe its member texts,
    ``comment_index`` the input comment each text stands for."""
    picked = mmr_select(rows, strength, k=k, diversity=diversity, lengths=lengths)
    quotes = []
    for position in picked:
        safe = trim_quote(redact(texts[position]), max_chars)
        if safe:
            quotes.append(
                Quote(int(comment_index[position]), safe, round(float(strength[position]), 4))
            )
    return tuple(quotes)
