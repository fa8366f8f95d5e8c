"""Exact and near-duplicate grouping of comments, and matching of campaign form letters.

Exact duplicates are found first (by a hash of the normalised text); the unique texts are then
sketched with MinHash over character shingles (rensa's R-MinHash, fed pre-hashed shingles built
with numpy, so it works the same for Japanese and English), indexed with LSH banding, and every
candidate pair is verified (estimated Jaccard >= threshold) before it joins two texts.
Connected components of the verified pairs are the clusters. Known campaign templates are
sketched into the same index, so a cluster that copies a template is matched to it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np
import numpy.typing as npt
import rensa
from rapidfuzz.distance import Levenshtein
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from consult.analysis.text import normalize

__all__ = ["Cluster", "DedupResult", "find_duplicates", "lsh_parameters", "template_additions"]

IntArray = npt.NDArray[np.int64]

_BATCH = 50_000
# Each member of an LSH bucket is compared with the bucket's first member and the next few
# members in content order; a bucket of up to _WINDOW + 1 texts is compared pair by pair.
_WINDOW = 4
_VERIFY_CHUNK = 262_144
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_PRIME = np.uint64(0x100000001B3)


@dataclass(frozen=True, eq=False)
class Cluster:
    """A group of texts that are exact or near-duplicates of one another.

    ``members`` are indices into the input, ascending. ``canonical_index`` is the member whose
    normalised text occurs most often in the cluster (in a campaign, the unedited letter); ties
    go to the member most similar to the matched template, then to the earliest index.
    ``template_index`` is the index into ``templates`` of the campaign template the cluster
    copies, or ``None``.
    """

    id: int
    members: IntArray
    canonical_index: int
    canonical_text: str
    template_index: int | None

    @property
    def size(self) -> int:
        """Number of texts in the cluster."""
        return len(self.members)


@dataclass(frozen=True, eq=False)
class DedupResult:
    """The partition of the input into clusters, stored as arrays (lean at a million texts).

    Every input text is in exactly one cluster; a text with no duplicate is a cluster of one.
    Cluster ids run from 0 in order of size (largest first), ties by earliest member, so
    ``groups()`` (clusters of two or more) is a prefix of ``clusters``. ``clusters`` is a
    read-only sequence that builds each ``Cluster`` on access; singletons cost no objects
    until asked for.
    """

    cluster_of: IntArray
    n_unique_exact: int
    n_clusters: int
    sizes: IntArray
    canonical_indices: IntArray
    template_indices: IntArray  # -1 where the cluster matches no template
    exact_of: IntArray  # per text, the first index with the same normalised text
    member_order: IntArray = field(repr=False)
    member_offsets: IntArray = field(repr=False)
    texts: Sequence[str] = field(repr=False)

    @property
    def clusters(self) -> ClusterView:
        """All clusters, singletons included, as a lazily built sequence of ``Cluster``."""
        return ClusterView(self)

    def cluster(self, cluster_id: int) -> Cluster:
        """The cluster with id ``cluster_id``."""
        if not 0 <= cluster_id < self.n_clusters:
            raise IndexError(f"cluster id {cluster_id} out of range 0..{self.n_clusters - 1}")
        start, end = self.member_offsets[cluster_id], self.member_offsets[cluster_id + 1]
        canonical = int(self.canonical_indices[cluster_id])
        template = int(self.template_indices[cluster_id])
        return Cluster(
            id=cluster_id,
            members=self.member_order[start:end],
            canonical_index=canonical,
            canonical_text=self.texts[canonical],
            template_index=None if template < 0 else template,
        )

    def groups(self, *, min_size: int = 2) -> list[Cluster]:
        """Clusters of at least ``min_size`` texts, largest first."""
        count = int(np.count_nonzero(self.sizes >= min_size))
        return [self.cluster(cluster_id) for cluster_id in range(count)]


class ClusterView(Sequence[Cluster]):
    """Read-only sequence over a ``DedupResult``'s clusters, built on access."""

    def __init__(self, result: DedupResult) -> None:
        self._result = result

    def __len__(self) -> int:
        return self._result.n_clusters

    @overload
    def __getitem__(self, index: int) -> Cluster: ...
    @overload
    def __getitem__(self, index: slice) -> list[Cluster]: ...
    def __getitem__(self, index: int | slice) -> Cluster | list[Cluster]:
        if isinstance(index, slice):
            return [self._result.cluster(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self._result.cluster(index)

    def __iter__(self) -> Iterator[Cluster]:
        return (self._result.cluster(i) for i in range(len(self)))


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


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finaliser, vectorised: spreads polynomial hashes over all 64 bits."""
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX_1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX_2
    return values ^ (values >> np.uint64(31))


def _shingle_hashes(texts: list[str], shingle: int) -> tuple[npt.NDArray[np.uint64], IntArray]:
    """Hashes of every character ``shingle``-gram of each text, flat, with row offsets.

    A text shorter than ``shingle`` is one shingle (padded with NULs, which normalised text
    never contains).
    """
    padded = [text if len(text) >= shingle else text.ljust(shingle, "\0") for text in texts]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    joined = "".join(padded).encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(joined, dtype=np.uint32).astype(np.uint64)
    span = len(codes) - shingle + 1
    hashes = np.full(max(span, 0), np.uint64(0xCBF29CE484222325))
    for offset in range(shingle):
        hashes = (hashes ^ codes[offset : offset + span]) * _PRIME
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    counts = lengths - shingle + 1
    position = np.arange(span, dtype=np.int64) - np.repeat(starts, lengths)[:span]
    valid = position < np.repeat(counts, lengths)[:span]
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return _mix(hashes[valid]), offsets


def _signatures(texts: list[str], *, num_perm: int, shingle: int, seed: int) -> np.ndarray:
    """MinHash signatures (uint32, one row per text) of the texts' shingle sets."""
    if not texts:
        return np.empty((0, num_perm), dtype=np.uint32)
    hashes, offsets = _shingle_hashes(texts, shingle)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        hashes, offsets.astype(np.uint64), num_perm, seed
    )
    return np.array(matrix.to_rows(), dtype=np.uint32)


def _row_hash(columns: np.ndarray, seed: int) -> npt.NDArray[np.uint64]:
    hashes = np.full(len(columns), np.uint64(seed) ^ np.uint64(0x9E3779B97F4A7C15))
    for column in columns.T:
        hashes = _mix(hashes ^ column.astype(np.uint64))
    return hashes


def _agreement(signatures: np.ndarray, first: IntArray, second: IntArray) -> IntArray:
    """Number of equal hash values between rows ``first[i]`` and ``second[i]``, chunked."""
    out = np.empty(len(first), dtype=np.int64)
    for start in range(0, len(first), _VERIFY_CHUNK):
        part = slice(start, start + _VERIFY_CHUNK)
        equal = signatures[first[part]] == signatures[second[part]]
        out[part] = np.count_nonzero(equal, axis=1)
    return out


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


def _components(signatures: np.ndarray, *, threshold: float, seed: int) -> npt.NDArray[np.int32]:
    """Connected components of verified near-duplicate pairs (one label per row)."""
    rows, num_perm = signatures.shape
    labels = np.arange(rows, dtype=np.int32)
    if rows < 2:
        return labels
    bands, width = lsh_parameters(threshold, num_perm)
    needed = math.ceil(threshold * num_perm - 1e-9)
    content_key = _row_hash(signatures, seed)
    edges_a: list[IntArray] = []
    edges_b: list[IntArray] = []
    for band in range(bands):
        keys = _row_hash(signatures[:, band * width : (band + 1) * width], seed + band + 1)
        order = np.lexsort((content_key, keys)).astype(np.int64)
        first, second = _candidate_pairs(keys, order)
        open_pair = labels[first] != labels[second]
        first, second = first[open_pair], second[open_pair]
        verified = _agreement(signatures, first, second) >= needed
        if not verified.any():
            continue
        edges_a.append(first[verified])
        edges_b.append(second[verified])
        a, b = np.concatenate(edges_a), np.concatenate(edges_b)
        graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(rows, rows))
        labels = connected_components(graph, directed=False)[1].astype(np.int32)
    return labels


def find_duplicates(
    texts: Sequence[str],
    *,
    threshold: float = 0.8,
    num_perm: int = 64,
    shingle: int = 5,
    seed: int = 0,
    templates: Sequence[str] = (),
) -> DedupResult:
    """Group ``texts`` into clusters of exact and near-duplicates.

    Near-duplicates are texts whose sets of character ``shingle``-grams (after ``normalize``)
    have an estimated Jaccard similarity of at least ``threshold`` with ``num_perm`` MinHash
    values, joined transitively. ``templates`` (known campaign form letters) are indexed with
    the texts; a cluster connected to a template gets its index. Deterministic for a given
    ``seed``, and the partition does not depend on the order of the input.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if num_perm < 1 or shingle < 1:
        raise ValueError("num_perm and shingle must be positive")
    n = len(texts)
    first_of_key: dict[bytes, int] = {}
    unique_of = np.empty(n, dtype=np.int64)
    first_index: list[int] = []
    signature_parts: list[np.ndarray] = []
    for start in range(0, n, _BATCH):
        new_texts: list[str] = []
        for index in range(start, min(start + _BATCH, n)):
            normalised = normalize(texts[index])
            key = hashlib.blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=16)
            row = first_of_key.setdefault(key.digest(), len(first_of_key))
            if row == len(first_index):
                first_index.append(index)
                new_texts.append(normalised)
            unique_of[index] = row
        signature_parts.append(
            _signatures(new_texts, num_perm=num_perm, shingle=shingle, seed=seed)
        )
    del first_of_key
    n_unique = len(first_index)
    template_texts = [normalize(template) for template in templates]
    signature_parts.append(
        _signatures(template_texts, num_perm=num_perm, shingle=shingle, seed=seed)
    )
    signatures = np.concatenate(signature_parts) if signature_parts else np.empty((0, num_perm))
    del signature_parts
    labels = _components(signatures, threshold=threshold, seed=seed)
    return _assemble(
        texts,
        unique_of=unique_of,
        first_index=np.asarray(first_index, dtype=np.int64),
        labels=labels,
        signatures=signatures,
        n_unique=n_unique,
        threshold=threshold,
    )


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
        similarity[with_template] = _agreement(
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
                    _agreement(signatures, members, np.full_like(members, row)) >= needed
                )
            )
            for row in rows
        ]
        chosen[cluster] = rows[int(np.argmax(scores))]
    return chosen


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of comparison units: Latin-script words and digits, or single other characters."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
            continue
        end = index + 1
        if (char.isascii() and char.isalnum()) or "\u00c0" <= char <= "\u024f":
            while end < len(text) and (
                (text[end].isascii() and (text[end].isalnum() or text[end] in "'-"))
                or "\u00c0" <= text[end] <= "\u024f"
            ):
                end += 1
        spans.append((index, end))
        index = end
    return spans


def template_additions(template: str, text: str) -> str:
    """What a supporter added to or changed from ``template`` in ``text``.

    Both are normalised and aligned word by word (Latin script) or character by character
    (Japanese); the inserted and replacing passages of ``text`` are returned joined by " ",
    punctuation-only passages left out. Empty if ``text`` only copies or cuts the template.
    """
    base, own = normalize(template), normalize(text)
    base_spans, own_spans = _units(base), _units(own)
    base_units = [base[start:end] for start, end in base_spans]
    own_units = [own[start:end] for start, end in own_spans]
    pieces: list[str] = []
    for op in Levenshtein.opcodes(base_units, own_units):
        if op.tag in ("insert", "replace") and op.dest_end > op.dest_start:
            piece = own[own_spans[op.dest_start][0] : own_spans[op.dest_end - 1][1]]
            if any(char.isalnum() for char in piece):
                pieces.append(piece)
    return " ".join(pieces)
