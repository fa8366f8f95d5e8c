"""LSH banding over MinHash signatures, verified candidate pairs, connected components."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from consult.analysis.dedup.minhash import agreement, row_hash
from consult.analysis.dedup.result import IntArray

__all__ = ["components", "lsh_parameters"]

# Each member of an LSH bucket is compared with the bucket's first member and the next few
# members in content order; a bucket of up to _WINDOW + 1 texts is compared pair by pair.
_WINDOW = 4


def lsh_parameters(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for LSH at ``threshold`` with ``num_perm`` hash values.

    Minimises 0.2 x P(false positive) + 0.8 x P(false negative) (datasketch's criterion with
    weights tilted towards recall, since every candidate pair is verified afterwards).
    """
    grid = np.linspace(0.0, 1.0, 2001)
    below, above = grid <= threshold, grid >= threshold
    best, best_error = (1, 1), math.inf
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            hit = 1.0 - (1.0 - grid**rows) ** bands
            false_pos = np.trapezoid(hit[below], grid[below])
            false_neg = np.trapezoid(1.0 - hit[above], grid[above])
            error = float(0.2 * false_pos + 0.8 * false_neg)
            if error < best_error - 1e-12:
                best, best_error = (bands, rows), error
    return best


def _candidate_pairs(bucket_keys: np.ndarray, order: IntArray) -> tuple[IntArray, IntArray]:
    """Pairs within LSH buckets: each member with the bucket's first and next members."""
    sorted_keys = bucket_keys[order]
    new_bucket = np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1]))
    bucket = np.cumsum(new_bucket)
    first_pos = np.flatnonzero(new_bucket)[bucket - 1]
    firsts, seconds = [order[first_pos]], [order]
    for step in range(1, _WINDOW + 1):
        same = bucket[:-step] == bucket[step:]
        firsts.append(order[:-step][same])
        seconds.append(order[step:][same])
    return np.concatenate(firsts), np.concatenate(seconds)


def components(signatures: np.ndarray, *, threshold: float, seed: int) -> npt.NDArray[np.int32]:
    """Connected components of verified near-duplicate pairs (one label per row)."""
    rows, num_perm = signatures.shape
    labels = np.arange(rows, dtype=np.int32)
    if rows < 2:
        return labels
    bands, width = lsh_parameters(threshold, num_perm)
    needed = math.ceil(threshold * num_perm - 1e-9)
    content_key = row_hash(signatures, seed)
    edges_a: list[IntArray] = []
    edges_b: list[IntArray] = []
    for band in range(bands):
        keys = row_hash(signatures[:, band * width : (band + 1) * width], seed + band + 1)
        order = np.lexsort((content_key, keys)).astype(np.int64)
        first, second = _candidate_pairs(keys, order)
        open_pair = labels[first] != labels[second]
        first, second = first[open_pair], second[open_pair]
        verified = agreement(signatures, first, second) >= needed
        if not verified.any():
            continue
        edges_a.append(first[verified])
        edges_b.append(second[verified])
        a, b = np.concatenate(edges_a), np.concatenate(edges_b)
        graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(rows, rows))
        labels = connected_components(graph, directed=False)[1].astype(np.int32)
    return labels
