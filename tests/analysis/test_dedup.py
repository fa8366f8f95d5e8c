"""Tests for consult.analysis.dedup: exact and near-duplicates, campaign templates."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.analysis.dedup import (
    DedupResult,
    find_duplicates,
    lsh_parameters,
    template_additions,
)

UNRELATED = [
    "The budget for this programme should be published line by line.",
    "Copyright holders deserve payment when their work trains a model.",
    "防衛予算の増額には国会での十分な審議が必要だと考えます。",
    "生成AIの学習に著作物を使う場合は、権利者への対価還元を義務付けるべきです。",
    "I support the proposal as long as an independent auditor checks every search.",
    "Local councils were never asked before the contract was signed.",
]


def partition(result: DedupResult, texts: list[str]) -> set[frozenset[str]]:
    """The clusters as sets of texts, independent of ids and input order."""
    groups: dict[int, set[str]] = {}
    for text, cluster in zip(texts, result.cluster_of, strict=True):
        groups.setdefault(int(cluster), set()).add(text)
    return {frozenset(group) for group in groups.values()}


def test_exact_duplicates_after_normalisation_are_one_cluster() -> None:
    texts = ["Ｈｅｌｌｏ  world", "hello world", "hello\u200b world", "something else"]
    result = find_duplicates(texts)
    assert result.n_unique_exact == 2
    assert result.cluster_of[0] == result.cluster_of[1] == result.cluster_of[2]
    assert result.cluster_of[3] != result.cluster_of[0]
    assert list(result.exact_of) == [0, 0, 0, 3]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_light_edits_are_grouped_with_their_template(
    light_edits: dict[str, list[str]], en_template: str, ja_template: str, language: str
) -> None:
    copies = light_edits[language]
    texts = [*UNRELATED, *copies]
    result = find_duplicates(texts, templates=[en_template, ja_template])
    copy_clusters = {int(result.cluster_of[len(UNRELATED) + i]) for i in range(len(copies))}
    assert len(copy_clusters) == 1
    cluster = result.cluster(copy_clusters.pop())
    assert cluster.size == len(copies)
    assert cluster.template_index == (0 if language == "en" else 1)
    unrelated_clusters = {int(c) for c in result.cluster_of[: len(UNRELATED)]}
    assert len(unrelated_clusters) == len(UNRELATED)
    assert all(result.cluster(c).template_index is None for c in unrelated_clusters)


def test_edited_copies_group_together_without_templates(light_edits: dict[str, list[str]]) -> None:
    texts = [*light_edits["en"], *UNRELATED, *light_edits["ja"]]
    result = find_duplicates(texts)
    assert result.n_clusters == len(UNRELATED) + 2
    assert [group.size for group in result.groups()] == [5, 5]


def test_clusters_are_ordered_by_size_and_canonical_is_the_most_copied(
    light_edits: dict[str, list[str]], en_template: str
) -> None:
    texts = [light_edits["en"][1], *UNRELATED, en_template, en_template, light_edits["en"][3]]
    result = find_duplicates(texts, templates=[en_template])
    assert list(result.sizes) == sorted(result.sizes, reverse=True)
    biggest = result.clusters[0]
    assert biggest.id == 0
    assert biggest.size == 4
    assert list(biggest.members) == [0, 7, 8, 9]
    assert biggest.canonical_index == 7
    assert biggest.canonical_text == en_template
    assert biggest.template_index == 0
    assert len(result.clusters) == result.n_clusters == 1 + len(UNRELATED)
    assert [cluster.size for cluster in result.clusters[1:]] == [1] * len(UNRELATED)
    assert [cluster.id for cluster in result.groups()] == [0]


def test_partition_does_not_depend_on_input_order(light_edits: dict[str, list[str]]) -> None:
    texts = [*light_edits["en"], *light_edits["ja"], *UNRELATED] * 2
    shuffled = texts[:]
    random.Random(3).shuffle(shuffled)
    assert partition(find_duplicates(texts), texts) == partition(
        find_duplicates(shuffled), shuffled
    )


def test_same_seed_same_result() -> None:
    rng = random.Random(5)
    words = ["camera", "privacy", "station", "police", "data", "delete", "audit", "budget", "court"]
    texts = [" ".join(rng.choices(words, k=12)) for _ in range(300)]
    first, second = find_duplicates(texts, seed=9), find_duplicates(texts, seed=9)
    assert np.array_equal(first.cluster_of, second.cluster_of)
    assert np.array_equal(first.canonical_indices, second.canonical_indices)


def test_empty_and_tiny_inputs() -> None:
    empty = find_duplicates([])
    assert empty.n_clusters == 0
    assert empty.groups() == []
    assert len(empty.cluster_of) == 0
    single = find_duplicates(["", "ok", "ok", "no"])
    assert single.n_clusters == 3
    assert single.cluster_of[1] == single.cluster_of[2]


@pytest.mark.parametrize(
    "options",
    [{"threshold": 0.0}, {"threshold": 1.5}, {"num_perm": 0}, {"shingle": 0}],
)
def test_invalid_options_are_rejected(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        find_duplicates(["a"], **options)  # type: ignore[arg-type]


def test_cluster_access_out_of_range() -> None:
    result = find_duplicates(["a", "b"])
    with pytest.raises(IndexError):
        result.cluster(2)
    assert result.clusters[-1].id == 1


def test_lsh_parameters_fit_the_signature() -> None:
    bands, rows = lsh_parameters(0.8, 64)
    assert bands * rows <= 64
    assert (bands, rows) == (8, 8)
    assert lsh_parameters(0.5, 1) == (1, 1)


def test_template_additions(en_template: str, ja_template: str) -> None:
    assert template_additions(en_template, en_template) == ""
    added = en_template + " My children take this train every day."
    assert template_additions(en_template, added) == "my children take this train every day."
    changed = en_template.replace("strongly oppose", "really oppose")
    assert template_additions(en_template, changed) == "really"
    assert template_additions(ja_template, ja_template + "私も心配です。") == "私も心配です。"
    cut = en_template[: en_template.index(" Biometric")]
    assert template_additions(en_template, cut) == ""


unicode_text = st.text(alphabet=st.characters(codec=None), max_size=80)


@settings(max_examples=60, deadline=None)
@given(st.lists(unicode_text, max_size=12), st.lists(unicode_text, max_size=2))
def test_any_unicode_never_raises(texts: list[str], templates: list[str]) -> None:
    result = find_duplicates(texts, templates=templates)
    assert len(result.cluster_of) == len(texts)
    assert int(result.sizes.sum()) == len(texts)
    for cluster in result.clusters:
        assert all(result.cluster_of[member] == cluster.id for member in cluster.members)
    for template in templates:
        for text in texts:
            template_additions(template, text)


def test_one_megabyte_text() -> None:
    big = ("監視カメラ😀\u200b e\u0301 \u202eRTL " * 50_000)[:1_000_000]
    result = find_duplicates([big, big + "!", "short"])
    assert result.cluster_of[0] == result.cluster_of[1] != result.cluster_of[2]


def test_detach_gives_each_wording_a_cluster_of_its_own(
    light_edits: dict[str, list[str]], en_template: str
) -> None:
    edited = light_edits["en"][1]
    texts = [
        *UNRELATED,
        en_template,
        en_template,
        edited,
        en_template,
        edited,
        light_edits["en"][2],
    ]
    result = find_duplicates(texts, templates=[en_template])
    letter = result.cluster(int(result.cluster_of[6]))
    assert letter.size == 6 and letter.template_index == 0

    detached = result.detach([10])  # either copy of the edited wording takes the other along
    assert detached.cluster_of[8] == detached.cluster_of[10] != detached.cluster_of[6]
    own = detached.cluster(int(detached.cluster_of[8]))
    assert list(own.members) == [8, 10]
    assert own.canonical_index == 8 and own.template_index is None
    remaining = detached.cluster(int(detached.cluster_of[6]))
    assert list(remaining.members) == [6, 7, 9, 11]
    assert remaining.canonical_text == en_template and remaining.template_index == 0
    # Still a partition, ranked by size (ties by earliest member), groups first.
    assert detached.n_clusters == result.n_clusters + 1
    assert list(detached.sizes) == [4, 2] + [1] * len(UNRELATED)
    assert [c.id for c in detached.groups()] == [0, 1]
    assert int(detached.sizes.sum()) == len(texts)
    for cluster in detached.clusters:
        assert all(detached.cluster_of[m] == cluster.id for m in cluster.members)
        assert detached.cluster_of[cluster.canonical_index] == cluster.id
    assert detached.cluster_of[: len(UNRELATED)].tolist() == list(range(2, 2 + len(UNRELATED)))
    assert np.array_equal(detached.exact_of, result.exact_of)


def test_detach_nothing_and_bad_requests(en_template: str) -> None:
    texts = [en_template, en_template, en_template + " Thanks.", "unrelated"]
    result = find_duplicates(texts)
    assert result.detach([]) is result
    with pytest.raises(ValueError, match="canonical"):
        result.detach([1])  # an exact copy of the canonical text
    with pytest.raises(ValueError, match="indices"):
        result.detach([4])
