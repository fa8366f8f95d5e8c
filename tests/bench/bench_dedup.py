"""Benchmark: exact and near-duplicate grouping (consult.analysis.dedup) at 10k-1M comments.

Input: generated comments in both languages across the demo topics, 60% form letters copied
from the topics' templates with light edits, the rest varied. Reports wall seconds, peak RSS,
MinHash signatures per second and pairwise precision / recall of the grouping against the
generator's ground truth (which template each form letter copies). In the same run, datasketch
(MinHash + MinHashLSH with the same num_perm, bands and rows) is timed at 100k (or the largest
size below it) to give the speed ratio.
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from tests.bench.harness import measure

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (2_000, 10_000)
DATASKETCH_MAX = 100_000

Corpus = tuple[list[str], list[object], list[str], list[object]]


def load_corpus(n: int, *, seed: int = 7) -> Corpus:
    """``n`` comments with ground truth: texts, template key per text (None if not a form
    letter), the templates, and each template's key."""
    try:
        corpus = importlib.import_module("consult.demo.corpus")
        generate = corpus.generate_comments
        topics = corpus.TOPICS
        template_texts = corpus.form_letter_templates
    except (ImportError, AttributeError):
        return _fallback_corpus(n, seed=seed)
    texts: list[str] = []
    truth: list[object] = []
    shares = [n // len(topics) + (1 if i < n % len(topics) else 0) for i in range(len(topics))]
    for offset, (topic, share) in enumerate(zip(topics, shares, strict=True)):
        for comment in generate(topic=topic, n=share, seed=seed + offset):
            texts.append(comment.text)
            key = None if comment.template_id is None else (topic, comment.language)
            truth.append(None if key is None else (*key, comment.template_id))
    templates: list[str] = []
    keys: list[object] = []
    for topic in topics:
        for language in ("ja", "en"):
            for template_id, text in enumerate(template_texts(topic, language)):
                templates.append(text)
                keys.append((topic, language, template_id))
    return texts, truth, templates, keys


_EN = (
    "Facial recognition in stations treats every passenger as a suspect.",
    "The 72-hour deletion rule cannot be checked by anyone outside the police.",
    "I support cameras if an independent body audits every search.",
    "Accuracy of 99.9% still means thousands of false matches each day.",
    "Copyright holders should be paid when their work trains a model.",
    "Defence spending on AI surveillance needs parliamentary oversight.",
    "Children and protesters deserve special protection from tracking.",
    "Local councils were not consulted before the contract was signed.",
    "Publish the error rates by age, sex and skin tone every year.",
    "Data must never be shared with foreign agencies without a court order.",
)
_JA = (
    "駅での顔認証はすべての乗客を容疑者として扱うものです。",
    "72時間で削除するという約束は外部から検証できません。",
    "第三者機関がすべての検索を監査するなら設置に賛成します。",
    "精度99.9%でも毎日何千人もの誤認が生じます。",
    "著作物が学習に使われるなら権利者に対価を支払うべきです。",
    "防衛分野のAI監視予算には国会の監督が必要です。",
    "子どもやデモ参加者は追跡から特に守られるべきです。",
    "契約の前に自治体への説明がありませんでした。",
    "年齢・性別・肌の色ごとの誤照合率を毎年公表してください。",
    "裁判所の令状なしに外国機関とデータを共有してはなりません。",
)


def _fallback_corpus(n: int, *, seed: int) -> Corpus:
    """Stand-in for consult.demo.corpus until it lands: 30 templates, edited copies, varied
    comments made from a shared sentence bank."""
    rng = random.Random(seed)
    templates: list[str] = []
    keys: list[object] = []
    for language, bank, sep in (("en", _EN, " "), ("ja", _JA, "")):
        for template_id in range(15):
            template_rng = random.Random(f"{language}-{template_id}")
            templates.append(sep.join(template_rng.sample(bank, 4)))
            keys.append(("fallback", language, template_id))
    texts: list[str] = []
    truth: list[object] = []
    for _ in range(n):
        language = "ja" if rng.random() < 0.5 else "en"
        bank, sep = (_JA, "") if language == "ja" else (_EN, " ")
        if rng.random() < 0.6:
            template_id = rng.randrange(15)
            index = template_id + (15 if language == "ja" else 0)
            texts.append(_edit(templates[index], bank, sep, rng))
            truth.append(keys[index])
        else:
            texts.append(sep.join(rng.sample(bank, rng.randint(1, 3))) + str(rng.random()))
            truth.append(None)
    return texts, truth, templates, keys


def _edit(template: str, bank: Sequence[str], sep: str, rng: random.Random) -> str:
    text = template
    roll = rng.random()
    if roll < 0.3:
        return text
    if roll < 0.55:
        return text + sep + rng.choice(("Please reconsider.", "私も反対です。", "Thank you."))
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(len(chars))
        chars[position] = rng.choice("abcdeアイウエオ")
    return "".join(chars)


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
    """Setup and run steps for one dedup measurement."""
    from consult.analysis.dedup import find_duplicates

    def run(corpus: Corpus) -> dict[str, Any]:
        texts, truth, templates, keys = corpus
        started = time.perf_counter()
        result = find_duplicates(texts, threshold=threshold, num_perm=num_perm, templates=templates)
        elapsed = time.perf_counter() - started
        precision, recall = pairwise_scores(result.cluster_of, truth)
        form = [i for i, key in enumerate(truth) if key is not None]
        matched = sum(
            1
            for i in form
            if (t := int(result.template_indices[result.cluster_of[i]])) >= 0
            and keys[t] == truth[i]
        )
        return {
            "n_unique_exact": result.n_unique_exact,
            "n_clusters": result.n_clusters,
            "n_groups": len(result.groups()),
            "signatures_per_s": round((result.n_unique_exact + len(templates)) / elapsed),
            "pairwise_precision": round(precision, 4),
            "pairwise_recall": round(recall, 4),
            "template_match_rate": round(matched / len(form), 4) if form else None,
        }

    return (lambda: load_corpus(n)), run


def datasketch_case(
    *, n: int, language: str, num_perm: int = 64, threshold: float = 0.8
) -> tuple[Callable[[], Corpus], Callable[[Corpus], dict[str, Any]]]:
    """The same job with datasketch: MinHash per text over the same shingles, MinHashLSH."""
    from datasketch import MinHash, MinHashLSH

    from consult.analysis.dedup import lsh_parameters
    from consult.analysis.text import normalize

    def run(corpus: Corpus) -> dict[str, Any]:
        texts = corpus[0]
        unique = list(dict.fromkeys(normalize(text) for text in texts))
        lsh = MinHashLSH(num_perm=num_perm, params=lsh_parameters(threshold, num_perm))
        for key, text in enumerate(unique):
            sketch = MinHash(num_perm=num_perm, seed=1)
            sketch.update_batch([text[i : i + 5].encode() for i in range(max(len(text) - 4, 1))])
            lsh.insert(key, sketch)
        return {"n_unique_exact": len(unique)}

    return (lambda: load_corpus(n)), run


def main(sizes: Sequence[int]) -> None:
    """Measure dedup at each size, and datasketch once at the largest size <= 100k."""
    timings: dict[int, float] = {}
    for n in sizes:
        record = measure("tests.bench.bench_dedup:dedup_case", bench="dedup", n=n, language="mixed")
        timings[n] = float(record.get("wall_s", "nan"))
    small = [n for n in sizes if n <= DATASKETCH_MAX]
    if small:
        n = max(small)
        record = measure(
            "tests.bench.bench_dedup:datasketch_case",
            bench="dedup_datasketch",
            n=n,
            language="mixed",
        )
        ratio = float(record.get("wall_s", "nan")) / timings[n]
        from tests.bench.harness import emit

        emit(
            {
                "bench": "dedup_speedup_vs_datasketch",
                "n": n,
                "language": "mixed",
                "ratio": round(ratio, 1),
            }
        )
