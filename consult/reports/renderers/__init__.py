"""Renderers: the report content document as the files officials download.

`render_all` makes every format from one content document (schema: ``report.schema.json``) and
one pass over the coded responses, which feed the CSV and the XLSX's last sheets together and are
counted for the JSON: the stream is read once and never held whole. Each format also has its own
function:

- ``json``: the document itself plus ``coded_responses_count`` (`render_json`);
- ``html``: one self-contained page, the in-app report and the PDF's source (`render_html`);
- ``pdf``: A4 via WeasyPrint, page numbers, table of contents, Japanese fonts (`render_pdf`);
- ``xlsx``: one sheet per section plus the coded responses (`render_xlsx`);
- ``csv``: coded responses, UTF-8 with BOM, formula-neutralised (`render_csv`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import translation

from consult.core.forking import start_forked

from .cells import file_stem
from .coded import coded_values
from .csv_report import CodedCsvWriter, render_csv
from .html_report import render_html, render_html_text
from .json_report import content_errors, render_json, report_schema
from .pdf_report import PdfUnavailable, render_pdf
from .xlsx_report import XlsxReport, render_xlsx

__all__ = [
    "FORMATS",
    "PdfUnavailable",
    "content_errors",
    "file_names",
    "render_all",
    "render_csv",
    "render_html",
    "render_json",
    "render_pdf",
    "render_xlsx",
    "report_schema",
]

logger = logging.getLogger(__name__)

FORMATS = ("json", "html", "pdf", "xlsx", "csv")


def file_names(content: Mapping[str, Any]) -> dict[str, str]:
    """The download file name of each format, e.g. ``facial-recognition-report-ja.pdf`` and
    ``facial-recognition-report-ja-coded-responses.csv``."""
    stem = file_stem(content)
    names = {fmt: f"{stem}.{fmt}" for fmt in FORMATS}
    names["csv"] = f"{stem}-coded-responses.csv"
    return names


def render_all(
    content: dict[str, Any], *, coded_rows: Iterable[Mapping[str, Any]]
) -> dict[str, tuple[str, bytes]]:
    """Every format of the report: format → (file name, bytes), for "json", "html", "pdf",
    "xlsx" and "csv". ``coded_rows`` (one dict per response) is consumed once.

    The PDF is laid out in a forked process (`consult.core.forking`) while this one writes the
    coded responses (the two longest steps, each bound to one core), so the wall time is the
    longer of the two, not their sum. On a machine where WeasyPrint cannot start (Pango missing)
    the PDF is left out, with an error logged, rather than failing the other four formats."""
    names = file_names(content)
    with translation.override(content.get("language") or "ja"):
        paged = render_html_text(content, paged=True)
        pdf_job = start_forked(lambda: render_pdf(content, html=paged))
        try:
            html = render_html_text(content)
            csv_buffer, xlsx_buffer = io.BytesIO(), io.BytesIO()
            csv_writer = CodedCsvWriter(csv_buffer)
            workbook = XlsxReport(xlsx_buffer, content)
            for row in coded_rows:
                values = coded_values(row)
                csv_writer.write_values(values)
                workbook.write_coded_values(values)
            workbook.close()
            csv_writer.close()
        except BaseException:
            pdf_job.wait(abandon=True)
            raise
    files = {
        "json": render_json(content, coded_responses_count=csv_writer.rows),
        "html": html.encode("utf-8"),
        "xlsx": xlsx_buffer.getvalue(),
        "csv": csv_buffer.getvalue(),
    }
    try:
        pdf = pdf_job.wait()
    except PdfUnavailable as error:
        logger.error("The PDF report was not rendered: %s", error)
    else:
        if pdf is not None:
            files["pdf"] = pdf
    return {fmt: (names[fmt], files[fmt]) for fmt in FORMATS if fmt in files}
