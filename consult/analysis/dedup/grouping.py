"""``find_duplicates``: exact duplicates, then verified near-duplicates, as clusters."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from consult.analysis.dedup.lsh import components
from consult.analysis.dedup.minhash import agreement, sketch
from consult.analysis.dedup.result import DedupResult, IntArray
from consult.analysis.text import normalize

__all__ = ["find_duplicates"]

_BATCH = 50_000


def find_duplicates(
    texts: Sequence[str],
    *,
    threshold: float = 0.8,
    num_perm: int = 64,
    shingle: int = 5,
    seed: int = 0,
    templates: Sequence[str] = (),
    timings: dict[str, float] | None = None,
) -> DedupResult:
    """Group ``texts`` into clusters of exact and near-duplicates.

    Near-duplicates are texts whose sets of character ``shingle``-grams (after ``normalize``)
    have an estimated Jaccard similarity of at least ``threshold`` with ``num_perm`` MinHash
    values, joined transitively. ``templates`` (known campaign form letters) are indexed with
    the texts; a cluster connected to a template gets its index. Deterministic for a given
    ``seed``, and the partition does not depend on the order of the input. If ``timings`` is
    given, it receives the seconds spent in each stage ("normalize", "sketch", "lsh",
    "assemble").
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if num_perm < 1 or shingle < 1:
        raise ValueError("num_perm and shingle must be positive")
    clock = timings if timings is not None else {}
    for stage in ("normalize", "sketch", "lsh", "assemble"):
        clock[stage] = 0.0
    unique_of, first_index, sketches = _sketch_unique(
        texts, templates, num_perm=num_perm, shingle=shingle, seed=seed, clock=clock
    )
    started = time.perf_counter()
    labels = components(sketches, threshold=threshold, seed=seed)
    clock["lsh"] = time.perf_counter() - started
    started = time.perf_counter()
    result = _assemble(
        texts,
        unique_of=unique_of,
        first_index=first_index,
        labels=labels,
        signatures=sketches,
        n_unique=len(first_index),
        threshold=threshold,
    )
    clock["assemble"] = time.perf_counter() - started
    return result


def _sketch_unique(
    texts: Sequence[str],
    templates: Sequence[str],
    *,
    num_perm: int,
    shingle: int,
    seed: int,
    clock: dict[str, float],
) -> tuple[IntArray, IntArray, np.ndarray]:
    """Normalise, drop exact duplicates (keyed by a 128-bit hash, so the normalised texts need
    not stay in memory), and sketch each unique text, batch by batch; templates are sketched
    last. Returns the unique row of each text, the first index of each unique row, and the
    signatures (unique texts, then templates)."""
    n = len(texts)
    row_of_key: dict[bytes, int] = {}
    unique_of = np.empty(n, dtype=np.int64)
    first_index: list[int] = []
    parts: list[np.ndarray] = []
    for start in range(0, n, _BATCH):
        started = time.perf_counter()
        new_texts: list[str] = []
        for index in range(start, min(start + _BATCH, n)):
            normalised = normalize(texts[index])
            key = hashlib.blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=16)
            row = row_of_key.setdefault(key.digest(), len(row_of_key))
            if row == len(first_index):
                first_index.append(index)
                new_texts.append(normalised)
            unique_of[index] = row
        clock["normalize"] += time.perf_counter() - started
        started = time.perf_counter()
        parts.append(sketch(new_texts, num_perm=num_perm, shingle=shingle, seed=seed))
        clock["sketch"] += time.perf_counter() - started
    started = time.perf_counter()
    template_texts = [normalize(template) for template in templates]
    parts.append(sketch(template_texts, num_perm=num_perm, shingle=shingle, seed=seed))
    clock["sketch"] += time.perf_counter() - started
    return unique_of, np.asarray(first_index, dtype=np.int64), np.concatenate(parts)


def _assemble(
    texts: Sequence[str],
    *,
    unique_of: IntArray,
    first_index: IntArray,
    labels: npt.NDArray[np.int32],
    signatures: np.ndarray,
    n_unique: int,
    threshold: float,
) -> DedupResult:
    n = len(texts)
    text_label = labels[unique_of].astype(np.int64)
    label_size = np.bincount(text_label, minlength=len(labels))
    label_first = np.full(len(labels), n, dtype=np.int64)
    np.minimum.at(label_first, text_label, np.arange(n, dtype=np.int64))
    used = np.flatnonzero(label_size)
    ranked = used[np.lexsort((label_first[used], -label_size[used]))]
    cluster_of_label = np.full(len(labels), -1, dtype=np.int64)
    cluster_of_label[ranked] = np.arange(len(ranked))
    cluster_of = cluster_of_label[text_label]
    n_clusters = len(ranked)
    sizes = label_size[ranked].astype(np.int64)

    template_rows = _template_rows(
        labels, cluster_of_label, signatures, n_unique=n_unique, threshold=threshold
    )
    template_indices = np.where(template_rows >= 0, template_rows - n_unique, -1)

    exact_count = np.bincount(unique_of, minlength=n_unique)[unique_of]
    similarity = np.zeros(n, dtype=np.int64)
    with_template = np.flatnonzero(template_rows[cluster_of] >= 0)
    if len(with_template):
        similarity[with_template] = agreement(
            signatures, unique_of[with_template], template_rows[cluster_of[with_template]]
        )
    indices = np.arange(n, dtype=np.int64)
    best_first = np.lexsort((indices, -similarity, -exact_count, cluster_of))
    member_order = np.argsort(cluster_of, kind="stable").astype(np.int64)
    member_offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    canonical = best_first[member_offsets[:-1]].astype(np.int64)
    return DedupResult(
        cluster_of=cluster_of,
        n_unique_exact=n_unique,
        n_clusters=n_clusters,
        sizes=sizes,
        canonical_indices=canonical,
        template_indices=template_indices.astype(np.int64),
        exact_of=first_index[unique_of],
        member_order=member_order,
        member_offsets=member_offsets,
        texts=texts,
    )


def _template_rows(
    labels: npt.NDArray[np.int32],
    cluster_of_label: IntArray,
    signatures: np.ndarray,
    *,
    n_unique: int,
    threshold: float,
) -> IntArray:
    """Per cluster, the signature row of the template it copies (-1 if none).

    When a cluster reaches several templates, the one that the most of its unique texts match
    directly (estimated Jaccard >= threshold) wins; ties go to the lower template index.
    """
    n_clusters = int(cluster_of_label.max(initial=-1)) + 1
    chosen = np.full(n_clusters, -1, dtype=np.int64)
    rows_of_cluster: dict[int, list[int]] = {}
    for row in range(n_unique, len(labels)):
        cluster = int(cluster_of_label[labels[row]])
        if cluster >= 0:
            rows_of_cluster.setdefault(cluster, []).append(row)
    needed = math.ceil(threshold * signatures.shape[1] - 1e-9)
    for cluster, rows in rows_of_cluster.items():
        if len(rows) == 1:
            chosen[cluster] = rows[0]
            continue
        members = np.flatnonzero(cluster_of_label[labels[:n_unique]] == cluster)[:2000]
        scores = [
            int(
                np.count_nonzero(
                    agreement(signatures, members, np.full_like(members, row)) >= needed
                )
            )
            for row in rows
        ]
        chosen[cluster] = rows[int(np.argmax(scores))]
    return chosen
