"""Result types of near-duplicate grouping: a lean, array-backed partition of the input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np
import numpy.typing as npt

__all__ = ["Cluster", "ClusterView", "DedupResult", "IntArray"]

IntArray = npt.NDArray[np.int64]


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

    def detach(self, indices: Sequence[int] | npt.NDArray[np.integer]) -> DedupResult:
        """A copy in which the wordings of the texts at ``indices`` leave their clusters.

        Each distinct wording (a normalised text, with all its exact duplicates) becomes a
        cluster of its own, canonical at its first index and matched to no template: it is no
        longer counted as a copy of its old cluster's letter. The clusters left behind keep
        their canonical text (still their most common wording); ids are ranked again by size,
        ties by earliest member. Raises ValueError for an index out of range or the wording of
        a cluster's canonical text, which cannot leave its own cluster.
        """
        chosen = np.asarray(indices, dtype=np.int64)
        n = len(self.cluster_of)
        if chosen.size and (chosen.min() < 0 or chosen.max() >= n):
            raise ValueError("indices must refer to texts of this result")
        wordings = np.unique(self.exact_of[chosen])
        if not wordings.size:
            return self
        if np.isin(wordings, self.exact_of[self.canonical_indices]).any():
            raise ValueError("a cluster's canonical wording cannot be detached from it")
        # Provisional labels: the clusters keep their ids, each detached wording takes a new one.
        label = self.cluster_of.copy()
        moved = np.flatnonzero(np.isin(self.exact_of, wordings))
        label[moved] = self.n_clusters + np.searchsorted(wordings, self.exact_of[moved])
        n_labels = self.n_clusters + len(wordings)
        sizes = np.bincount(label, minlength=n_labels)
        first = np.full(n_labels, n, dtype=np.int64)
        np.minimum.at(first, label, np.arange(n, dtype=np.int64))
        ranked = np.lexsort((first, -sizes))  # no label is empty: canonical texts stay
        new_id = np.empty(n_labels, dtype=np.int64)
        new_id[ranked] = np.arange(n_labels, dtype=np.int64)
        cluster_of = new_id[label]
        canonical = np.concatenate((self.canonical_indices, wordings))
        templates = np.concatenate((self.template_indices, np.full(len(wordings), -1)))
        ranked_sizes = sizes[ranked].astype(np.int64)
        return DedupResult(
            cluster_of=cluster_of,
            n_unique_exact=self.n_unique_exact,
            n_clusters=n_labels,
            sizes=ranked_sizes,
            canonical_indices=canonical[ranked].astype(np.int64),
            template_indices=templates[ranked].astype(np.int64),
            exact_of=self.exact_of,
            member_order=np.argsort(cluster_of, kind="stable").astype(np.int64),
            member_offsets=np.concatenate(([0], np.cumsum(ranked_sizes))).astype(np.int64),
            texts=self.texts,
        )


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
