"""The coded-responses CSV: UTF-8 with a byte-order mark (so Excel reads Japanese correctly),
one row per response, themes joined with ``"; "``, formula-like cells neutralised.

The header row holds the stable column keys (``reference``, ``submitted_at``, ...) rather than
translated headings, so that scripts reading the file work whatever the report's language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .coded import CODED_COLUMNS, coded_values


class CodedCsvWriter:
    """Writes coded responses to a binary stream one row at a time."""

    def __init__(self, target: IO[bytes]) -> None:
        self._text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=True)
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self._writer.writerow(CODED_COLUMNS)
        self.rows = 0

    def write(self, row: Mapping[str, Any]) -> None:
        """Append one coded response."""
        self.write_values(coded_values(row))

    def write_values(self, values: list[str]) -> None:
        """Append one coded response already made into cells by `coded_values`."""
        self._writer.writerow(values)
        self.rows += 1

    def close(self) -> None:
        """Flush the text layer and hand the binary stream back to its owner (left open)."""
        self._text.flush()
        self._text.detach()


def render_csv(coded_rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The coded-responses CSV for ``coded_rows`` (consumed once)."""
    buffer = io.BytesIO()
    writer = CodedCsvWriter(buffer)
    for row in coded_rows:
        writer.write(row)
    writer.close()
    return buffer.getvalue()
