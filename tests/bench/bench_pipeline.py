"""Benchmark: the whole `consult.analysis.pipeline.analyse` at 10k / 100k / 1M comments.

Input: generated comments in both languages across the demo topics, 60% form letters (the
campaign templates are passed in, as the reports app will), with the generator's Likert answers.
Each size runs in a fresh interpreter through `tests.bench.harness`; the record holds wall
seconds, peak RSS, the number of distinct texts, themes and seconds per pipeline step.
Targets: 100k within 30 s, 1M within 4 min, peak RSS within 4 GB (2 cores).
Each size runs twice: without a codebook (themes discovered) and with one (``codebook=true``:
the demo topics' themes, English labels and Japanese descriptions, as officials would give
them), which adds codebook scoring by shared words and by meaning (`consult.analysis.semantic`);
then a third time with the Likert answers dropped and a proposal to ban something given
(``text_only=true``): every comment's stance read from its words.

Run: ``.venv/bin/python -m tests.bench.bench_pipeline [--quick] [--sizes 10000 100000]``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

from consult.analysis.pipeline import analyse
from consult.analysis.types import CodebookTheme, CommentIn
from tests.bench.harness import measure

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (2_000, 10_000)

Case = tuple[list[CommentIn], list[str]]


def load_comments(n: int, *, seed: int = 11) -> Case:
    """``n`` generated comments (all topics, both languages, 60% form letters) and the
    campaign templates; without the generator, the dedup benchmark's fallback corpus."""
    try:
        corpus = importlib.import_module("consult.demo.corpus")
        generate = corpus.generate_comments
        topics = corpus.TOPICS
        templates_of = corpus.form_letter_templates
    except (ImportError, AttributeError):
        from tests.bench.bench_dedup import load_corpus

        texts, _, templates, _ = load_corpus(n, seed=seed)
        return [CommentIn(text) for text in texts], list(templates)
    comments: list[CommentIn] = []
    shares = [n // len(topics) + (1 if i < n % len(topics) else 0) for i in range(len(topics))]
    for offset, (topic, share) in enumerate(zip(topics, shares, strict=True)):
        for item in generate(topic=topic, n=share, seed=seed + offset):
            comments.append(CommentIn(item.text, item.likert, item.language))
    templates = [t for topic in topics for lang in ("ja", "en") for t in templates_of(topic, lang)]
    return comments, templates


def demo_codebook() -> list[CodebookTheme]:
    """Every demo topic's themes: English label, Japanese description (none without the demo)."""
    try:
        corpus = importlib.import_module("consult.demo.corpus")
    except ImportError:
        return []
    return [
        CodebookTheme(f"{topic}:{key}", names["en"], names["ja"])
        for topic in corpus.TOPICS
        for key, names in corpus.theme_catalogue(topic).items()
    ]


# For the text-only case: a proposal that bans something, so every distinct text is read for
# what it says of the ban and, with no stated position, for the arguments it makes.
BAN_PROPOSAL = (
    "公共の場所での顔認識カメラの利用を禁止する案\n"
    "Should facial recognition cameras be banned from public places?"
)


# And a proposal to introduce something, as the demo consultation's title and question put it:
# every longer comment is then read sentence by sentence for the arguments it weighs.
INTRODUCTION_PROPOSAL = (
    "駅や繁華街への顔認識カメラの導入について\n"
    "Should the city introduce facial recognition cameras at stations and in busy streets?"
)


def analyse_case(
    *,
    n: int,
    language: str,
    codebook: bool = False,
    text_only: bool = False,
    introduction: bool = False,
) -> tuple[Callable[[], Case], Callable[[Case], dict[str, Any]]]:
    """Harness factory: build the comments (untimed), then time one `analyse` run.
    ``text_only``: the Likert answers dropped and a proposal to ban something given (or, with
    ``introduction``, to introduce something), so the stance of every comment is read from its
    text (the slowest cases for that step)."""
    themes = demo_codebook() if codebook else []

    def setup() -> Case:
        comments, templates = load_comments(n)
        if text_only:
            comments = [CommentIn(c.text, None, c.language) for c in comments]
        return comments, templates

    def run(case: Case) -> dict[str, Any]:
        comments, templates = case
        result = analyse(
            comments,
            templates=templates,
            codebook=themes,
            proposal=(INTRODUCTION_PROPOSAL if introduction else BAN_PROPOSAL) if text_only else "",
            seed=0,
        )
        return {
            "n_unique": int(result.stats["n_unique"]),
            "groups": len(result.groups),
            "themes": len(result.themes),
            "labels": [t.label for t in result.themes][:12],
            **{k: v for k, v in result.stats.items() if k.startswith("seconds_")},
        }

    return setup, run


def main(sizes: Sequence[int] = SIZES) -> None:
    """Four measurements per size: themes discovered, then with a codebook, then discovered
    with every stance read from the text (``text_only``), on a ban and on an introduction."""
    for n in sizes:
        for codebook, text_only, introduction in (
            (False, False, False),
            (True, False, False),
            (False, True, False),
            (False, True, True),
        ):
            measure(
                "tests.bench.bench_pipeline:analyse_case",
                bench="pipeline",
                n=n,
                language="ja+en",
                timeout_s=1800,
                codebook=codebook,
                **({"text_only": True} if text_only else {}),
                **({"introduction": True} if introduction else {}),
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*")
    args = parser.parse_args()
    main(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    sys.exit(0)
