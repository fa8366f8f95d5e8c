"""Tidying discovered themes: merge near-identical ones, fold tiny ones, find uncovered ones."""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import normalize

__all__ = ["candidate_topics", "fold_small", "merge_similar"]

MEMBER_LEVEL = 0.5  # a doc belongs to a topic when its weight there is at least half its best


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_similar(
    weights: np.ndarray, components: np.ndarray, *, threshold: float
) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Merge topics whose term profiles (cosine) or member sets (Jaccard) agree at least at
    ``threshold``. Returns the merged weights (max of the merged columns), the merged components
    (re-normalised sum) and, for each merged topic, the original topics it came from."""
    k = components.shape[0]
    if k < 2:
        return weights, components, [[i] for i in range(k)]
    cosine = normalize(components) @ normalize(components).T
    members = weights >= MEMBER_LEVEL
    inter = members.T.astype(np.float32) @ members.astype(np.float32)
    sizes = members.sum(axis=0).astype(np.float32)
    union = sizes[:, None] + sizes[None, :] - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    parent = list(range(k))
    for a in range(k):
        for b in range(a + 1, k):
            if cosine[a, b] >= threshold or jaccard[a, b] >= threshold:
                parent[_find(parent, b)] = _find(parent, a)
    roots: dict[int, list[int]] = {}
    for i in range(k):
        roots.setdefault(_find(parent, i), []).append(i)
    groups = list(roots.values())
    merged_weights = np.stack([weights[:, g].max(axis=1) for g in groups], axis=1)
    merged_components = normalize(np.stack([components[g].sum(axis=0) for g in groups]))
    return merged_weights.astype(np.float32), merged_components, groups


def fold_small(
    member_weight: np.ndarray,
    member_unique: np.ndarray,
    *,
    total_weight: float,
    min_share: float,
    min_unique: int,
) -> np.ndarray:
    """Boolean mask of topics big enough to keep: at least ``min_share`` of all comments
    (duplicates counted) or at least ``min_unique`` distinct texts, whichever is looser —
    so a distinct argument made by a few people survives a campaign of thousands."""
    share = member_weight / max(total_weight, 1.0)
    return (share >= min_share) | (member_unique >= min_unique)


# A codebook theme covers a topic when it was given to at least `coverage` of the topic's
# comments and this many times as often as to comments at large: in a codebook of two themes,
# each given to half of all comments, a topic about neither still has half its comments on one.
COVERING_LIFT = 1.5


def candidate_topics(members: np.ndarray, assigned: np.ndarray, *, coverage: float) -> np.ndarray:
    """Indices of topics (columns of boolean ``members``, docs x topics) that no one codebook
    theme covers (columns of boolean ``assigned``, docs x codebook themes): none was given to
    at least ``coverage`` of the topic's docs, and `COVERING_LIFT` times as often as to all.

    One theme at a time, not any theme: most comments raise two to four themes, so nearly
    every comment about a theme the codebook lacks has some codebook theme too, and a topic the
    codebook misses was hardly ever uncovered when any theme counted."""
    sizes = members.sum(axis=0)
    if assigned.shape[1] == 0:
        return np.flatnonzero(sizes > 0)
    share = (members.T.astype(np.float64) @ assigned.astype(np.float64)) / np.maximum(sizes, 1)[
        :, None
    ]
    lift = share / np.maximum(assigned.mean(axis=0), 1e-9)[None, :]
    covered = ((share >= coverage) & (lift >= COVERING_LIFT)).any(axis=1)
    return np.flatnonzero(~covered & (sizes > 0))
