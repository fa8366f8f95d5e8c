"""The HTML report: one self-contained page (inline CSS, charts as ``data:`` SVG images, no
external URL), shown in the app and used as the PDF's source."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from .cells import suppressed_text
from .html_context import report_context

TEMPLATE = "reports/render/report.html"
STYLESHEET = "reports/report.css"


@functools.cache
def report_css() -> str:
    """The report's stylesheet (``static/reports/report.css``), read once."""
    found = finders.find(STYLESHEET)
    path = Path(found if isinstance(found, str) else settings.BASE_DIR / "static" / STYLESHEET)
    return path.read_text(encoding="utf-8")


def render_html_text(
    content: Mapping[str, Any], *, charts: bool = True, paged: bool = False
) -> str:
    """The report page as text, in the content document's language. ``paged`` makes the PDF's
    source: above `conf.pdf_organisation_summaries` organisations it lists them by name and
    reference instead of quoting every summary."""
    from consult.reports import conf

    with translation.override(content.get("language") or "ja"):
        context: dict[str, Any] = report_context(content, css=report_css(), charts=charts)
        context["marker"] = suppressed_text(context["threshold"])
        context["organisation_summaries"] = (
            not paged or len(context["organisations"]) <= conf.pdf_organisation_summaries()
        )
        return render_to_string(TEMPLATE, context)


def render_html(content: Mapping[str, Any]) -> bytes:
    """The HTML report, UTF-8."""
    return render_html_text(content).encode("utf-8")
