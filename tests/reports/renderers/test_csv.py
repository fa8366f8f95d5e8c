import csv
import io
from datetime import UTC, datetime

from consult.reports.renderers import render_csv
from consult.reports.renderers.coded import CODED_COLUMNS, coded_values
from tests.reports.renderers.conftest import CODED_ROWS
from tests.reports.renderers.sample_content import make_coded_rows


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_a_bom_and_round_trips(rendered, language):
    name, data = rendered(language)["csv"]
    assert name == f"facial-recognition-report-{language}-coded-responses.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read(data)
    assert rows[0] == list(CODED_COLUMNS)
    assert len(rows) == CODED_ROWS + 1
    expected = list(make_coded_rows(CODED_ROWS, language=language))
    for row, source in zip(rows[1:], expected, strict=True):
        record = dict(zip(CODED_COLUMNS, row, strict=True))
        assert record["reference"] == source["reference"]
        assert record["themes"].split("; ") == source["themes"]
        assert record["text"].removeprefix("'") == source["text"]


def test_formula_like_cells_are_neutralised():
    row = {
        "reference": "R-1",
        "submitted_at": datetime(2026, 2, 1, 9, 30, tzinfo=UTC),
        "language": "ja",
        "kind": None,
        "region": "-13",
        "channel": "@web",
        "themes": ["=1+1", "プライバシー"],
        "stance": "\tsupport",
        "text": '=HYPERLINK("https://evil.example/","x")',
    }
    values = coded_values(row)
    assert values == [
        "R-1",
        "2026-02-01T09:30:00+00:00",
        "ja",
        "",
        "'-13",
        "'@web",
        "'=1+1; プライバシー",
        "'\tsupport",
        '\'=HYPERLINK("https://evil.example/","x")',
    ]
    rows = read(render_csv([row]))
    assert rows[1] == values
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in rows[1])


def test_multi_line_and_japanese_text_survive_the_round_trip():
    text = '一行目、\n二行目 "引用", カンマ'
    rows = read(render_csv(iter([{"reference": "R-2", "themes": [], "text": text}])))
    assert rows[1][CODED_COLUMNS.index("text")] == text
    assert rows[1][CODED_COLUMNS.index("themes")] == ""
