"""Coded responses: one row per response with its themes and stance (CSV and the XLSX sheet).

The run streams them as dicts ``{"reference", "submitted_at", "language", "kind", "region",
"channel", "themes": [labels], "stance", "text"}`` (text already redacted); renderers consume the
stream once and never hold it whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from consult.core.spreadsheet import spreadsheet_cell

from .cells import iso_text

CODED_COLUMNS: tuple[str, ...] = (
    "reference",
    "submitted_at",
    "language",
    "kind",
    "region",
    "channel",
    "themes",
    "stance",
    "text",
)

CODED_HEADINGS = {
    "reference": _("Reference"),
    "submitted_at": _("Submitted at"),
    "language": _("Language"),
    "kind": _("Respondent type"),
    "region": _("Region"),
    "channel": _("Channel"),
    "themes": _("Themes"),
    "stance": _("Stance"),
    "text": _("Text (redacted)"),
}

THEME_SEPARATOR = "; "


def coded_values(row: Mapping[str, Any]) -> list[str]:
    """The cells of one coded response in `CODED_COLUMNS` order, as spreadsheet-safe text.

    Themes are joined with ``"; "``; every cell that a spreadsheet would read as a formula gets
    a leading apostrophe; missing values are empty cells.
    """
    values: list[str] = []
    for column in CODED_COLUMNS:
        value = row.get(column)
        if column == "themes":
            labels = (
                value if isinstance(value, list | tuple) else ([] if value is None else [value])
            )
            text = THEME_SEPARATOR.join(str(label) for label in labels)
        else:
            text = iso_text(value)
        values.append(spreadsheet_cell(text))
    return values
