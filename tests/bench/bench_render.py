"""Benchmark: the report renderers.

Two measurements, each in a fresh interpreter (``tests.bench.harness``):

- ``render_pdf``: a 20-page Japanese PDF (a content document of the size of a prominent
  consultation: 24,938 responses, four choice and two free-text questions, four clauses, four
  themes each). The timed step is one render, with fonts and matplotlib already loaded during
  setup (a small warm-up render), as in a worker that has rendered before. Target: ≤ 5 s.
- ``render_all``: every format (JSON, HTML, PDF, XLSX, CSV) for a content document of an
  ``n``-response consultation with ``n`` coded responses streamed from a generator.

Besides wall seconds the records carry CPU seconds (``cpu_s``, this process only) and the load
average when the run ended, because on a busy two-core machine the wall time of a
single-threaded renderer says as much about the neighbours as about the renderer.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from tests.bench.harness import measure

SIZES = (100_000,)
QUICK_SIZES = (5_000,)
PDF_RESPONSES = 24_938
PDF_SHAPE = {"choice_questions": 4, "free_questions": 2, "clauses": 4, "themes_per_section": 4}
ALL_SHAPE = {
    "choice_questions": 6,
    "free_questions": 3,
    "clauses": 12,
    "themes_per_section": 8,
    "quotes_per_theme": 3,
    "organisations": 60,
    "campaigns": 12,
}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)


def _pages(pdf: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def pdf_case(
    *, n: int, language: str
) -> tuple[Callable[[], dict[str, Any]], Callable[[dict[str, Any]], dict[str, Any]]]:
    """Setup and run steps for the 20-page PDF."""

    def setup() -> dict[str, Any]:
        _setup_django()
        from consult.reports.renderers import render_pdf
        from consult.reports.renderers.charts import cjk_font_available
        from tests.reports.renderers.sample_content import make_content

        cjk_font_available()
        render_pdf(
            make_content(
                language,
                responses=50,
                choice_questions=1,
                free_questions=0,
                clauses=0,
                organisations=0,
                campaigns=0,
            )
        )
        return make_content(language, responses=n, **PDF_SHAPE)

    def run(content: dict[str, Any]) -> dict[str, Any]:
        from consult.reports.renderers import render_pdf

        cpu = time.process_time()
        pdf = render_pdf(content)
        cpu_s = time.process_time() - cpu
        return {
            "pages": _pages(pdf),
            "cpu_s": round(cpu_s, 3),
            "pdf_kb": len(pdf) // 1024,
            "load_avg": _load(),
        }

    return setup, run


def all_case(
    *, n: int, language: str
) -> tuple[Callable[[], dict[str, Any]], Callable[[dict[str, Any]], dict[str, Any]]]:
    """Setup and run steps for every format of an ``n``-response consultation."""

    def setup() -> dict[str, Any]:
        _setup_django()
        import consult.reports.renderers  # noqa: F401 - imports are not part of the figure
        from tests.reports.renderers.sample_content import make_content

        return make_content(language, responses=n, **ALL_SHAPE)

    def run(content: dict[str, Any]) -> dict[str, Any]:
        from consult.reports.renderers import render_all
        from tests.reports.renderers.sample_content import make_coded_rows

        cpu = time.process_time()
        files = render_all(content, coded_rows=make_coded_rows(n, language=language))
        cpu_s = time.process_time() - cpu
        return {
            "pages": _pages(files["pdf"][1]),
            "cpu_s": round(cpu_s, 3),
            "coded_rows": n,
            **{f"{fmt}_kb": len(data) // 1024 for fmt, (_, data) in files.items()},
            "load_avg": _load(),
        }

    return setup, run


def main(sizes: Sequence[int]) -> None:
    """The 20-page Japanese PDF, then every format at each size (ja and en)."""
    measure("tests.bench.bench_render:pdf_case", bench="render_pdf", n=PDF_RESPONSES, language="ja")
    for n in sizes:
        for language in ("ja", "en"):
            measure("tests.bench.bench_render:all_case", bench="render_all", n=n, language=language)
