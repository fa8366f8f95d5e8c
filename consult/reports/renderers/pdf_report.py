"""The PDF report: the HTML report laid out by WeasyPrint on A4 pages, with page numbers in the
footer ("3 / 20"), the table of contents' page numbers (CSS ``target-counter``), PDF bookmarks
from the headings, charts embedded and Japanese text in Noto Sans CJK JP (Debian
``fonts-noto-cjk``, installed by ``scripts/ensure-fonts.sh``).

WeasyPrint may fetch nothing: the report is self-contained, and its URL fetcher allows only
``data:`` URIs, so a crafted text cannot make the renderer read a local file or call a server.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from .html_report import render_html_text


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here (its Debian libraries are missing)."""


def weasyprint_module() -> ModuleType:
    """WeasyPrint, imported on first use: it loads Pango through ``cffi`` when imported."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            f"WeasyPrint cannot start ({error}); install the Debian packages libpango-1.0-0 and "
            "libpangoft2-1.0-0 (bash scripts/ensure-fonts.sh)"
        ) from error
    return weasyprint


def render_pdf(content: Mapping[str, Any], *, html: str | None = None) -> bytes:
    """The PDF report for ``content``; pass ``html`` (from `render_html_text`) to reuse it.
    Raises `PdfUnavailable` when WeasyPrint's system libraries are missing."""
    weasyprint = weasyprint_module()
    source = html if html is not None else render_html_text(content)
    document = weasyprint.HTML(
        string=source,
        base_url=None,
        url_fetcher=weasyprint.URLFetcher(allowed_protocols={"data"}, fail_on_errors=False),
    )
    pdf: bytes = document.write_pdf()
    return pdf
