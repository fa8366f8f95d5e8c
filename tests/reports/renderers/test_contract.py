"""The content document the reports app builds meets the schema the renderers document, and
every renderer accepts it."""

import json

import pytest

from consult.reports.renderers import content_errors, render_html, render_xlsx
from tests.reports.renderers.xlsx_reader import Workbook


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_real_run_produces_a_document_the_renderers_accept(
    answered, official, run_report, quick_render, language
):
    run = run_report(answered, official, language=language)
    content = json.loads(run.artifacts.get(format="json").file.read())
    assert content_errors(content) == []
    assert content["language"] == language
    page = render_html(content).decode()
    assert content["consultation"]["title"] in page
    book = Workbook(render_xlsx(content, coded_rows=[]))
    assert len(book.names) == 8 + len(content["questions"])
