"""Exact and near-duplicate grouping of comments, and matching of campaign form letters.

Exact duplicates are found first (by a hash of the normalised text); the unique texts are then
sketched with MinHash over character shingles (rensa's R-MinHash, fed pre-hashed shingles built
with numpy, so it works the same for Japanese and English), indexed with LSH banding, and every
candidate pair is verified (estimated Jaccard >= threshold) before it joins two texts.
Connected components of the verified pairs are the clusters. Known campaign templates are
sketched into the same index, so a cluster that copies a template is matched to it.
"""

from __future__ import annotations

from consult.analysis.dedup.additions import template_additions
from consult.analysis.dedup.grouping import find_duplicates
from consult.analysis.dedup.lsh import lsh_parameters
from consult.analysis.dedup.result import Cluster, ClusterView, DedupResult

__all__ = [
    "Cluster",
    "ClusterView",
    "DedupResult",
    "find_duplicates",
    "lsh_parameters",
    "template_additions",
]
