"""Benchmark: exact and near-duplicate grouping (consult.analysis.dedup) at 10k-1M comments.

Input: generated comments in both languages across the demo topics, 60% form letters copied
from the topics' templates with light edits, the rest varied. Reports wall seconds, peak RSS,
MinHash signatures per second and pairwise precision / recall of the grouping against the
generator's ground truth (which template each form letter copies). In the same run, datasketch
(MinHash + MinHashLSH with the same num_perm, bands and rows) is timed at 100k (or the largest
size below it) to give the speed ratio.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from tests.bench.harness import emit, measure

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (2_000, 10_000)
DATASKETCH_MAX = 100_000
TEMPLATES_PER_TOPIC = 10  # 3 topics: 30 campaigns, each with a Japanese and an English letter

Corpus = tuple[list[str], list[object], list[str], list[object]]


def load_corpus(n: int, *, seed: int = 7) -> Corpus:
    """``n`` comments from ``consult.demo.corpus`` spread over its topics, with ground truth:
    texts, template key per text (None if not a form letter), the templates in use, and each
    template's key. Each topic runs ``TEMPLATES_PER_TOPIC`` campaigns (each in both languages)."""
    from consult.demo.corpus import TOPICS, form_letter_templates, generate_comments

    texts: list[str] = []
    truth: list[object] = []
    shares = [n // len(TOPICS) + (1 if i < n % len(TOPICS) else 0) for i in range(len(TOPICS))]
    for offset, (topic, share) in enumerate(zip(TOPICS, shares, strict=True)):
        comments = generate_comments(
            topic=topic, n=share, seed=seed + offset, n_templates=TEMPLATES_PER_TOPIC
        )
        for comment in comments:
            texts.append(comment.text)
            template = comment.template_id
            truth.append(None if template is None else (topic, comment.language, template))
    templates: list[str] = []
    keys: list[object] = []
    for topic in TOPICS:
        for language in ("ja", "en"):
            letters = form_letter_templates(topic, language)[:TEMPLATES_PER_TOPIC]
            for template_id, text in enumerate(letters):
                templates.append(text)
                keys.append((topic, language, template_id))
    return texts, truth, templates, keys


def pairwise_scores(predicted: np.ndarray, truth: Sequence[object]) -> tuple[float, float]:
    """Pairwise precision and recall of ``predicted`` cluster ids against ``truth`` keys
    (None = not a form letter, which forms no true pair)."""
    codes: dict[object, int] = {}
    truth_ids = np.array(
        [
            -1 - i if key is None else codes.setdefault(key, len(codes))
            for i, key in enumerate(truth)
        ],
        dtype=np.int64,
    )

    def pairs(labels: np.ndarray) -> int:
        counts = np.unique(labels, return_counts=True)[1].astype(np.int64)
        return int((counts * (counts - 1) // 2).sum())

    joint = predicted.astype(np.int64) * (len(truth) + len(codes) + 1) + (truth_ids + len(truth))
    both, predicted_pairs, true_pairs = pairs(joint), pairs(predicted), pairs(truth_ids)
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall


def dedup_case(
    *, n: int, language: str, num_perm: int = 64, threshold: float = 0.8
) -> tuple[Callable[[], Corpus], Callable[[Corpus], dict[str, Any]]]:
    """Setup and run steps for one dedup measurement (wall_s is find_duplicates alone)."""
    from consult.analysis.dedup import find_duplicates

    def run(corpus: Corpus) -> dict[str, Any]:
        texts, truth, templates, keys = corpus
        timings: dict[str, float] = {}
        started = time.perf_counter()
        result = find_duplicates(
            texts, threshold=threshold, num_perm=num_perm, templates=templates, timings=timings
        )
        wall_s = time.perf_counter() - started
        precision, recall = pairwise_scores(result.cluster_of, truth)
        form = [i for i, key in enumerate(truth) if key is not None]
        matched = sum(
            1
            for i in form
            if (t := int(result.template_indices[result.cluster_of[i]])) >= 0
            and keys[t] == truth[i]
        )
        sketched = result.n_unique_exact + len(templates)
        return {
            "wall_s": round(wall_s, 3),
            **{f"{stage}_s": round(seconds, 3) for stage, seconds in timings.items()},
            "minhash_lsh_s": round(timings["sketch"] + timings["lsh"], 3),
            "num_perm": num_perm,
            "threshold": threshold,
            "n_unique_exact": result.n_unique_exact,
            "n_clusters": result.n_clusters,
            "n_groups": len(result.groups()),
            "signatures_per_s": round(sketched / timings["sketch"]),
            "pairwise_precision": round(precision, 4),
            "pairwise_recall": round(recall, 4),
            "template_match_rate": round(matched / len(form), 4) if form else None,
        }

    return (lambda: load_corpus(n)), run


def datasketch_case(
    *, n: int, language: str, num_perm: int = 64, threshold: float = 0.8
) -> tuple[Callable[[], Corpus], Callable[[Corpus], dict[str, Any]]]:
    """The same job with datasketch: exact dedup after ``normalize``, then one MinHash per
    unique text over the same character 5-shingles, inserted into and queried against a
    MinHashLSH with the same bands and rows (wall_s covers all of it; datasketch stops at
    candidate lists, with no verification or grouping, so the comparison favours it)."""
    from datasketch import MinHash, MinHashLSH

    from consult.analysis.dedup import lsh_parameters
    from consult.analysis.text import normalize

    def run(corpus: Corpus) -> dict[str, Any]:
        texts = corpus[0]
        started = time.perf_counter()
        unique = list(dict.fromkeys(normalize(text) for text in texts))
        normalize_s = time.perf_counter() - started
        started = time.perf_counter()
        sketches = []
        for text in unique:
            sketch = MinHash(num_perm=num_perm, seed=1)
            sketch.update_batch([text[i : i + 5].encode() for i in range(max(len(text) - 4, 1))])
            sketches.append(sketch)
        sketch_s = time.perf_counter() - started
        started = time.perf_counter()
        lsh = MinHashLSH(num_perm=num_perm, params=lsh_parameters(threshold, num_perm))
        for key, sketch in enumerate(sketches):
            lsh.insert(key, sketch)
        candidates = sum(len(lsh.query(sketch)) for sketch in sketches)
        lsh_s = time.perf_counter() - started
        return {
            "wall_s": round(normalize_s + sketch_s + lsh_s, 3),
            "normalize_s": round(normalize_s, 3),
            "sketch_s": round(sketch_s, 3),
            "lsh_s": round(lsh_s, 3),
            "minhash_lsh_s": round(sketch_s + lsh_s, 3),
            "num_perm": num_perm,
            "threshold": threshold,
            "n_unique_exact": len(unique),
            "signatures_per_s": round(len(unique) / sketch_s),
            "candidates": candidates,
        }

    return (lambda: load_corpus(n)), run


def main(sizes: Sequence[int]) -> None:
    """Measure dedup at each size, and datasketch once at the largest size <= 100k."""
    records: dict[int, dict[str, Any]] = {}
    for n in sizes:
        records[n] = measure(
            "tests.bench.bench_dedup:dedup_case", bench="dedup", n=n, language="mixed"
        )
    small = [n for n in sizes if n <= DATASKETCH_MAX]
    if not small:
        return
    n = max(small)
    theirs = measure(
        "tests.bench.bench_dedup:datasketch_case", bench="dedup_datasketch", n=n, language="mixed"
    )
    ours = records[n]
    if "error" in theirs or "error" in ours:
        return
    emit(
        {
            "bench": "dedup_speedup_vs_datasketch",
            "n": n,
            "language": "mixed",
            "ratio_signatures": round(ours["signatures_per_s"] / theirs["signatures_per_s"], 1),
            "ratio_minhash_lsh": round(theirs["minhash_lsh_s"] / ours["minhash_lsh_s"], 1),
            "ratio_end_to_end": round(theirs["wall_s"] / ours["wall_s"], 1),
        }
    )
