"""Small-cell suppression: the one place that decides which counts a report may show.

Applies to breakdowns by respondent attributes (kind, region, language, channel, and every
theme × respondent-kind cross-tab), where a small count could point at a person. Totals of the
whole consultation (responses, a question's answers, a theme's count) are not suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["suppress_cells"]


def suppress_cells(
    cells: Sequence[tuple[str, str, int]], *, min_cell: int, total: int | None = None
) -> list[dict[str, Any]]:
    """``(key, label, count)`` cells → report cells ``{"key", "label", "count", "share",
    "suppressed"}``.

    A count from 1 to ``min_cell - 1`` is suppressed (``count`` and ``share`` None). When
    exactly one cell is suppressed and the others are shown, it could be recovered by
    subtracting them from the total, so the next smallest non-zero cell is suppressed too
    (complementary suppression). Shares are of ``total`` (default: the sum of the cells).
    """
    total = sum(count for _, _, count in cells) if total is None else total
    hidden = {i for i, (_, _, count) in enumerate(cells) if 0 < count < min_cell}
    if len(hidden) == 1:
        shown = [
            (count, i) for i, (_, _, count) in enumerate(cells) if i not in hidden and count > 0
        ]
        if shown:
            hidden.add(min(shown)[1])
    out: list[dict[str, Any]] = []
    for i, (key, label, count) in enumerate(cells):
        if i in hidden:
            out.append(
                {"key": key, "label": label, "count": None, "share": None, "suppressed": True}
            )
        else:
            share = round(count / total, 4) if total else 0.0
            out.append(
                {"key": key, "label": label, "count": count, "share": share, "suppressed": False}
            )
    return out
