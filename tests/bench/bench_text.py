"""Benchmark: normalise + tokenise throughput (comments per second) for Japanese and English.

Comments come from ``consult.demo.corpus`` (one language at a time, spread over the topics,
organic only, so that every comment is different and the per-text cache does not flatter the
figure). Reports the rate of ``normalize`` alone, of ``tokenize_many`` (normalise + tokenise,
the batched path), and of the same batch again with its Japanese segments cached.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from tests.bench.harness import measure

SIZES = (10_000, 100_000)
QUICK_SIZES = (2_000,)
LANGUAGES = ("ja", "en")


def load_texts(n: int, language: str, *, seed: int = 5) -> list[str]:
    """``n`` organic generated comments in ``language``."""
    from consult.demo.corpus import TOPICS, generate_comments

    share = 1.0 if language == "ja" else 0.0
    texts: list[str] = []
    for offset, topic in enumerate(TOPICS):
        count = n // len(TOPICS) + (1 if offset < n % len(TOPICS) else 0)
        comments = generate_comments(
            topic=topic, n=count, seed=seed + offset, form_letter_share=0.0, ja_share=share
        )
        texts.extend(comment.text for comment in comments)
    return texts


def text_case(
    *, n: int, language: str
) -> tuple[Callable[[], list[str]], Callable[[list[str]], dict[str, Any]]]:
    """Setup and run steps for one throughput measurement."""
    from consult.analysis.text import normalize, tokenize_many

    def run(texts: list[str]) -> dict[str, Any]:
        started = time.perf_counter()
        for text in texts:
            normalize(text)
        normalize_s = time.perf_counter() - started
        started = time.perf_counter()
        tokens = tokenize_many(texts)
        tokenize_s = time.perf_counter() - started
        started = time.perf_counter()
        tokenize_many(texts)
        cached_s = time.perf_counter() - started
        return {
            "normalize_per_s": round(len(texts) / normalize_s),
            "tokenize_per_s": round(len(texts) / tokenize_s),
            "tokenize_cached_per_s": round(len(texts) / cached_s),
            "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
            "mean_tokens": round(sum(map(len, tokens)) / len(tokens), 1),
        }

    return (lambda: load_texts(n, language)), run


def main(sizes: Sequence[int]) -> None:
    """One measurement per size and language."""
    for n in sizes:
        for language in LANGUAGES:
            measure("tests.bench.bench_text:text_case", bench="text", n=n, language=language)
