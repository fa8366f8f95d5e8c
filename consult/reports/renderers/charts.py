"""Charts for the HTML and PDF reports: matplotlib (no pyplot, so no global figure state) drawn
to SVG with Japanese text in Noto Sans CJK JP (Debian ``fonts-noto-cjk``).

Text stays text (``svg.fonttype = "none"``): it can be selected and searched in the PDF, and
WeasyPrint lays it out with the same fonts as the page (drawing every glyph as an outline made
the PDF a second slower per twenty pages). The SVG is the same bytes for the same figures
(fixed hash salt, no date). Suppressed bars are drawn empty and
labelled ``"<5"``. When the CJK font is missing the charts still render (with a logged warning),
Japanese labels showing as empty boxes.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from .cells import count_text, percent_text

logger = logging.getLogger(__name__)

CJK_FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
)
CJK_FAMILY = "Noto Sans CJK JP"
BAR_COLOUR = "#2f5d8a"
LABEL_CHARS = 26


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, its count (None when suppressed) and its share 0..1."""

    label: str
    count: int | None
    share: float | None = None


@functools.cache
def cjk_font_available() -> bool:
    """Register the Noto CJK font files with matplotlib; False (logged once) when missing."""
    found = False
    for path in CJK_FONT_FILES:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            found = True
    if not found:
        try:
            font_manager.findfont(CJK_FAMILY, fallback_to_default=False)
            found = True
        except ValueError:
            logger.warning(
                "Font %r is not installed (Debian fonts-noto-cjk; see scripts/ensure-fonts.sh): "
                "Japanese text in charts will not show.",
                CJK_FAMILY,
            )
    return found


def _rc() -> dict[Any, Any]:
    return {
        "font.family": [CJK_FAMILY, "DejaVu Sans"] if cjk_font_available() else ["DejaVu Sans"],
        "font.size": 9,
        "svg.fonttype": "none",
        "svg.hashsalt": "consult-report",
        "axes.unicode_minus": False,
    }


def _shorten(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart_svg(bars: Sequence[Bar], *, threshold: int, width_in: float = 6.3) -> bytes:
    """A horizontal bar chart, first bar on top, each bar annotated with its count and share."""
    with matplotlib.rc_context(_rc()), warnings.catch_warnings():
        # Missing glyphs (no CJK font) are already reported once by cjk_font_available.
        warnings.simplefilter("ignore", UserWarning)
        figure = Figure(figsize=(width_in, 0.3 * max(len(bars), 1) + 0.45))
        axes = figure.add_subplot()
        positions = list(range(len(bars)))
        values = [bar.count or 0 for bar in bars]
        axes.barh(positions, values, color=BAR_COLOUR, height=0.62)
        axes.set_yticks(positions, [_shorten(bar.label) for bar in bars])
        axes.invert_yaxis()
        top = max(values, default=0) or 1
        axes.set_xlim(0, top * 1.32)
        for position, bar in zip(positions, bars, strict=True):
            suppressed = bar.count is None
            text = count_text(bar.count, threshold=threshold, suppressed=suppressed)
            if bar.share is not None and not suppressed:
                text += f" ({percent_text(bar.share, threshold=threshold)})"
            axes.text((bar.count or 0) + top * 0.01, position, text, va="center", fontsize=8)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.xaxis.grid(True, color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.tick_params(axis="both", labelsize=8)
        figure.tight_layout(pad=0.3)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(svg: bytes) -> str:
    """``svg`` as a ``data:`` URI, for an ``<img>`` that needs no other file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def chart_alt(bars: Sequence[Bar], *, threshold: int) -> str:
    """A text alternative for a bar chart: every label with its count."""
    return "; ".join(
        f"{bar.label}: {count_text(bar.count, threshold=threshold, suppressed=bar.count is None)}"
        for bar in bars
    )
