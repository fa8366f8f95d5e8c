"""A thin layer over XlsxWriter for the report workbook: safe text cells, row-by-row sheets.

The workbook is written in ``constant_memory`` mode (rows go to disk as they are written, so a
million coded responses never sit in memory), which means every sheet is written top to bottom.
Every text cell goes through `safe_text`: formula-like text gets a leading apostrophe
(`consult.core.spreadsheet`), text longer than a cell can hold is cut, and text shaped like an
XlsxWriter rich string (``<r>…</r>``, which constant-memory mode would copy into the XML
unescaped) is neutralised the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from consult.core.spreadsheet import spreadsheet_safe

MAX_CELL_CHARS = 32_767
MAX_ROWS = 1_048_576
_INVALID_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def safe_text(value: str) -> str:
    """``value`` as it may be written to a cell: formula-neutralised and within Excel's limit."""
    text = spreadsheet_safe(value)
    if text.startswith("<r>") and text.endswith("</r>"):
        text = "'" + text
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def sheet_name(name: str, *, taken: set[str]) -> str:
    """A valid, unique worksheet name (at most 31 characters, no ``[]:*?/\\``), recorded in
    ``taken`` (compared case-insensitively, as Excel does)."""
    base = " ".join(name.translate(_INVALID_SHEET_CHARS).split()).strip("' ") or "Sheet"

    def cut(length: int) -> str:
        # Nor may it start or end with an apostrophe, which a cut can leave ("the draft's").
        return base[:length].rstrip(" '") or "Sheet"

    candidate = cut(31)
    suffix = 2
    while candidate.casefold() in taken:
        tail = f" ({suffix})"
        candidate = cut(31 - len(tail)) + tail
        suffix += 1
    taken.add(candidate.casefold())
    return candidate


class Formats:
    """The workbook's cell formats, created once."""

    def __init__(self, workbook: Workbook) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.heading = workbook.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.label = workbook.add_format({"bold": True, "valign": "top"})
        self.text = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.plain = workbook.add_format({"valign": "top"})
        self.count = workbook.add_format({"num_format": "#,##0", "valign": "top"})
        self.percent = workbook.add_format({"num_format": "0.0%", "valign": "top"})
        self.decimal = workbook.add_format({"num_format": "0.00", "valign": "top"})
        self.suppressed = workbook.add_format(
            {"italic": True, "font_color": "#595959", "align": "right", "valign": "top"}
        )
        self.note = workbook.add_format({"italic": True, "font_color": "#404040"})


class Sheet:
    """One worksheet written row after row."""

    def __init__(self, workbook: Workbook, name: str, formats: Formats, *, taken: set[str]) -> None:
        self.worksheet: Worksheet = workbook.add_worksheet(sheet_name(name, taken=taken))
        self.formats = formats
        self.row = 0

    def widths(self, widths: Sequence[float]) -> None:
        """Set the column widths (in characters)."""
        for column, width in enumerate(widths):
            self.worksheet.set_column(column, column, width)

    def cell(self, column: int, value: Any, fmt: Format | None = None) -> None:
        """Write one cell of the current row: text made safe, numbers as numbers, None blank."""
        sheet, row = self.worksheet, self.row
        if value is None or value == "":
            sheet.write_blank(row, column, None, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value, fmt)
        else:
            sheet.write_string(row, column, safe_text(str(value)), fmt or self.formats.text)

    def line(self, values: Sequence[Any], formats: Sequence[Format | None] = ()) -> None:
        """Write a row of cells (with per-column formats) and move to the next row."""
        for column, value in enumerate(values):
            self.cell(column, value, formats[column] if column < len(formats) else None)
        self.row += 1

    def header(self, values: Sequence[str]) -> None:
        """Write a heading row."""
        self.line(values, [self.formats.heading] * len(values))

    def title(self, text: str) -> None:
        """Write the sheet's title and leave a blank row."""
        self.line([text], [self.formats.title])
        self.row += 1

    def skip(self, rows: int = 1) -> None:
        """Leave blank rows."""
        self.row += rows
