import io
import re

import pytest
import xlsxwriter
from django.utils import translation
from django.utils.translation import gettext

from consult.reports.renderers import render_xlsx, xlsx_report
from consult.reports.renderers.xlsx_writer import safe_text, sheet_name
from tests.reports.renderers.conftest import CODED_ROWS
from tests.reports.renderers.sample_content import make_coded_rows, make_content
from tests.reports.renderers.xlsx_reader import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_english_workbook_has_one_sheet_per_section(rendered):
    name, data = rendered("en")["xlsx"]
    assert name == "facial-recognition-report-en.xlsx"
    book = Workbook(data)
    assert book.names[0] == "Summary"
    assert book.names[-7:] == [
        "Themes",
        "Clauses",
        "Campaigns",
        "Organisations",
        "e-Gov table",
        "Methodology",
        "Coded responses",
    ]
    questions = [n for n in book.names if re.match(r"Q\d+ ", n)]
    assert len(questions) == len(make_content("en")["questions"])
    assert all(len(n) <= 31 for n in book.names)


def test_japanese_workbook_names_its_sheets_in_japanese_when_translated(rendered):
    book = Workbook(rendered("ja")["xlsx"][1])
    with translation.override("ja"):
        assert book.names[0] == gettext("Summary")[:31]
        assert book.names[-1] == gettext("Coded responses")[:31]
    assert any("顔認証" in n for n in book.names)


def test_no_cell_is_a_formula_and_formula_like_text_is_neutralised(rendered, language):
    book = Workbook(rendered(language)["xlsx"][1])
    texts = []
    for name in book.names:
        assert "<f>" not in book.xml(name)
        texts += [v for v in book.cells(name).values() if isinstance(v, str)]
    assert not [t for t in texts if t.startswith(FORMULA_START)]
    assert any(t.startswith("'=HYPERLINK(") for t in texts)
    organisations = book.column(book.names[-4], "A")
    assert any(str(v).startswith("'=SUM(A1:A9)") for v in organisations)


def test_coded_responses_sheet_holds_every_row(rendered, language):
    book = Workbook(rendered(language)["xlsx"][1])
    references = book.column(book.names[-1], "A")
    assert len(references) == CODED_ROWS + 1
    assert references[1:] == [
        row["reference"] for row in make_coded_rows(CODED_ROWS, language=language)
    ]


def test_shares_are_numbers_with_a_percent_format_and_suppressed_cells_read_lt5(rendered):
    book = Workbook(rendered("en")["xlsx"][1])
    assert 'formatCode="0.0%"' in book.zip.read("xl/styles.xml").decode()
    summary = book.cells("Summary")
    region_rows = [ref for ref, value in summary.items() if value == "Tokyo"]
    row = region_rows[0][1:]
    assert isinstance(summary[f"B{row}"], float)
    assert 0 < float(summary[f"C{row}"]) < 1
    okinawa = next(ref for ref, value in summary.items() if value == "Okinawa")[1:]
    assert summary[f"B{okinawa}"] == "<5"
    assert summary[f"C{okinawa}"] == "<5"
    assert any(str(v).startswith("<5: fewer than 5 responses") for v in summary.values())


def test_coded_responses_continue_on_a_new_sheet_past_the_row_limit(monkeypatch):
    monkeypatch.setattr(xlsx_report, "MAX_ROWS", 4)
    data = render_xlsx(make_content("en"), coded_rows=make_coded_rows(7, language="en"))
    book = Workbook(data)
    assert book.names[-3:] == ["Coded responses", "Coded responses 2", "Coded responses 3"]
    counts = [len(book.column(n, "A")) for n in book.names[-3:]]
    assert counts == [4, 4, 2]  # header + 3, header + 3, header + 1


def test_hostile_text_cannot_break_the_workbook_xml():
    rows = [
        {"reference": "R-1", "themes": [], "text": "<r><t>injected</t></r>"},
        {"reference": "R-2", "themes": [], "text": "bell\x07 and _x0041_ and \ud7ff"},
        {"reference": "R-3", "themes": [], "text": "x" * 40_000},
    ]
    book = Workbook(render_xlsx(make_content("en"), coded_rows=rows))
    texts = book.column("Coded responses", "I")
    assert texts[1] == "'<r><t>injected</t></r>"
    assert str(texts[2]).startswith("bell")
    assert "_x0041_" in str(texts[2])
    assert len(str(texts[3])) == 32_767


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Q1 What/why? [draft]: *x*", set(), "Q1 What why draft x"),
        ("summary", {"summary"}, "summary (2)"),
        ("あ" * 40, set(), "あ" * 31),
        ("'quoted'", set(), "quoted"),
        ("", set(), "Sheet"),
        # A cut that ends at an apostrophe, which Excel refuses at either end of a name.
        ("Q4 Do you agree that the draft's limits", set(), "Q4 Do you agree that the draft"),
        ("A" * 26 + "'s limits", {("a" * 26 + "'s li")}, "A" * 26 + " (2)"),
        ("'''' x", set(), "x"),
    ],
)
def test_sheet_names_are_valid_and_unique(name, taken, expected):
    assert sheet_name(name, taken=taken) == expected
    assert expected.casefold() in taken
    # xlsxwriter refuses what Excel would.
    xlsxwriter.Workbook(io.BytesIO()).add_worksheet(expected)


def test_safe_text_neutralises_formulas_and_rich_string_markup():
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("<r>x</r>") == "'<r>x</r>"
    assert safe_text("ordinary") == "ordinary"
