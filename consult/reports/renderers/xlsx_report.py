"""The XLSX report: Summary, one sheet per question, Themes, Clauses, Campaigns, Organisations,
the e-Gov table, Methodology and the coded responses (continued on further sheets past Excel's
1,048,576 rows). Written with XlsxWriter in constant-memory mode, formulas never inferred from
text (``strings_to_formulas=False``) and every text cell formula-neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from xlsxwriter.workbook import Workbook

from .cells import min_cell
from .coded import CODED_COLUMNS, CODED_HEADINGS, coded_values
from .xlsx_sheets import write_clauses, write_question, write_summary, write_themes
from .xlsx_tables import write_campaigns, write_egov, write_methodology, write_organisations
from .xlsx_writer import MAX_ROWS, Formats, Sheet

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
CODED_WIDTHS = (16, 22, 8, 14, 12, 10, 40, 10, 100)


class XlsxReport:
    """The workbook being written: section sheets on creation, then coded responses one by one,
    then `close`. Use inside ``translation.override`` (or through `render_xlsx`)."""

    def __init__(self, target: IO[bytes], content: Mapping[str, Any]) -> None:
        self.workbook = Workbook(target, WORKBOOK_OPTIONS)
        self.formats = Formats(self.workbook)
        self.taken: set[str] = set()
        self.rows = 0
        self._coded: Sheet | None = None
        self._coded_sheets: list[Sheet] = []
        threshold = min_cell(content)
        write_summary(self._sheet(_("Summary")), content)
        for number, question in enumerate(content.get("questions") or [], start=1):
            name = f"Q{number} {question.get('text') or ''}"
            write_question(self._sheet(name), question, number=number, threshold=threshold)
        write_themes(self._sheet(_("Themes")), content)
        write_clauses(self._sheet(_("Clauses")), content)
        write_campaigns(self._sheet(_("Campaigns")), content)
        write_organisations(self._sheet(_("Organisations")), content)
        write_egov(self._sheet(_("e-Gov table")), content)
        write_methodology(self._sheet(_("Methodology")), content)
        self._coded_headings = [str(CODED_HEADINGS[column]) for column in CODED_COLUMNS]
        self._coded_name = _("Coded responses")
        self._next_coded_sheet()

    def _sheet(self, name: str) -> Sheet:
        return Sheet(self.workbook, name, self.formats, taken=self.taken)

    def _next_coded_sheet(self) -> None:
        name = self._coded_name
        if self._coded_sheets:
            name = f"{name} {len(self._coded_sheets) + 1}"
        sheet = self._sheet(name)
        self._coded_sheets.append(sheet)
        sheet.widths(CODED_WIDTHS)
        sheet.header(self._coded_headings)
        sheet.worksheet.freeze_panes(1, 0)
        self._coded = sheet

    def write_coded(self, row: Mapping[str, Any]) -> None:
        """Append one coded response (a new sheet begins when one is full)."""
        self.write_coded_values(coded_values(row))

    def write_coded_values(self, values: list[str]) -> None:
        """Append one coded response already made into cells by `coded_values`."""
        assert self._coded is not None
        if self._coded.row >= MAX_ROWS:
            self._next_coded_sheet()
            assert self._coded is not None
        self._coded.line(values, [self.formats.plain] * (len(CODED_COLUMNS) - 1))
        self.rows += 1

    def close(self) -> None:
        """Finish the file (the coded sheets get their filter range here)."""
        for sheet in self._coded_sheets:
            sheet.worksheet.autofilter(0, 0, max(sheet.row - 1, 0), len(CODED_COLUMNS) - 1)
        self.workbook.close()


def render_xlsx(content: Mapping[str, Any], *, coded_rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The XLSX report for ``content`` with ``coded_rows`` (consumed once) on the last sheets."""
    buffer = io.BytesIO()
    with translation.override(content.get("language") or "ja"):
        report = XlsxReport(buffer, content)
        for row in coded_rows:
            report.write_coded(row)
        report.close()
    return buffer.getvalue()
