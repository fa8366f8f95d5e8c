"""How one figure of the content document is shown in every format.

A count the run suppressed (small-cell suppression, `REPORT_MIN_CELL`) arrives as
``{"count": None, "share": None, "suppressed": True}`` and is shown as ``"<5"`` (the configured
threshold), never as a number; shares are fractions 0..1 of the section's base.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

DEFAULT_MIN_CELL = 5


def min_cell(content: Mapping[str, Any]) -> int:
    """The suppression threshold the content document was built with."""
    suppression = content.get("suppression") or {}
    value = suppression.get("min_cell", DEFAULT_MIN_CELL)
    return int(value) if isinstance(value, int) and value > 0 else DEFAULT_MIN_CELL


def suppressed_text(threshold: int) -> str:
    """What a suppressed cell shows: ``"<5"`` for a threshold of 5."""
    return f"<{threshold}"


def is_suppressed(cell: Mapping[str, Any]) -> bool:
    """Whether a breakdown cell was suppressed (or has no count to show)."""
    return bool(cell.get("suppressed")) or cell.get("count") is None


def count_text(value: int | None, *, threshold: int, suppressed: bool = False) -> str:
    """A count with thousands separators, or the suppression marker."""
    if suppressed or value is None:
        return suppressed_text(threshold)
    return f"{value:,}"


def percent_text(share: float | None, *, threshold: int, suppressed: bool = False) -> str:
    """A share 0..1 as a percentage with one decimal (``"12.5%"``), or the suppression marker."""
    if suppressed or share is None:
        return suppressed_text(threshold)
    return f"{share * 100:.1f}%"


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 string (or datetime) as a datetime; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def iso_text(value: Any) -> str:
    """A datetime (or anything else) as text for a spreadsheet or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_-]+")


def file_stem(content: Mapping[str, Any]) -> str:
    """The stem shared by a report's files: ``<slug>-report-<language>``."""
    consultation = content.get("consultation") or {}
    slug = _UNSAFE_FILENAME.sub("-", str(consultation.get("slug") or "consultation")).strip("-")
    language = _UNSAFE_FILENAME.sub("", str(content.get("language") or "ja"))
    return f"{slug or 'consultation'}-report-{language or 'ja'}"
