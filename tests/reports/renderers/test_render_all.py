import os
import sys

import pytest

from consult.reports.renderers import FORMATS, file_names, pdf_report, render_all
from consult.reports.renderers.html_report import render_html_text
from tests.reports.renderers.sample_content import make_content


def test_render_all_reads_the_coded_rows_once_for_every_format():
    content = make_content("en", free_questions=1, clauses=1, themes_per_section=2)
    reads = []

    def rows():
        for index in range(3):
            reads.append(index)
            yield {"reference": f"R-{index}", "themes": ["Privacy"], "text": f"=text {index}"}

    files = render_all(content, coded_rows=rows())
    assert list(files) == list(FORMATS)
    assert reads == [0, 1, 2]
    assert {fmt: name for fmt, (name, _) in files.items()} == file_names(content)
    assert b'"coded_responses_count": 3' in files["json"][1]
    assert files["csv"][1].count(b"'=text") == 3
    assert all(data for _, data in files.values())


def test_file_names_are_safe_for_any_slug():
    content = make_content("ja")
    content["consultation"]["slug"] = "../../etc/passwd 顔"
    names = file_names(content)
    assert names["pdf"] == "etc-passwd-report-ja.pdf"
    assert all("/" not in name for name in names.values())


def test_without_weasyprint_the_other_formats_are_still_rendered(monkeypatch, caplog):
    def missing():
        raise pdf_report.PdfUnavailable("no Pango here")

    monkeypatch.setattr(pdf_report, "weasyprint_module", missing)
    files = render_all(make_content("en", clauses=1), coded_rows=[])
    assert list(files) == ["json", "html", "xlsx", "csv"]
    assert "The PDF report was not rendered: no Pango here" in caplog.text


def test_a_missing_weasyprint_is_reported_with_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(pdf_report.PdfUnavailable, match=r"libpango-1\.0-0"):
        pdf_report.render_pdf(make_content("en"), html="<p>x</p>")


def assert_reaped(pids: list[int]) -> None:
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):  # waited for already: no zombie, no orphan
        os.waitpid(pids[0], os.WNOHANG)


def test_a_pdf_renderer_that_crashes_fails_the_render_and_leaves_no_child(monkeypatch, forked):
    def crash(*args, **kwargs):
        raise ValueError("layout exploded")

    monkeypatch.setattr("consult.reports.renderers.render_pdf", crash)
    with pytest.raises(ValueError, match="layout exploded"):  # the child's error, raised here
        render_all(make_content("en", clauses=1), coded_rows=[])
    assert_reaped(forked)


def test_a_failure_while_writing_rows_stops_the_pdf_child(forked):
    def rows():
        yield {"reference": "R-1", "themes": [], "text": "x"}
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        render_all(make_content("en", clauses=1), coded_rows=rows())
    assert_reaped(forked)


@pytest.mark.parametrize(("limit", "summaries"), [(200, True), (2, False)])
def test_the_pdf_quotes_organisations_summaries_up_to_a_limit(settings, limit, summaries):
    settings.REPORT_PDF_ORGANISATION_SUMMARIES = limit
    content = make_content("en", clauses=1)
    organisations = content["organisations"]
    assert len(organisations) > 2
    paged = render_html_text(content, paged=True)
    screen = render_html_text(content)
    assert screen.count('<div class="organisation">') == len(organisations)
    assert paged.count('<div class="organisation">') == (len(organisations) if summaries else 0)
    assert organisations[-1]["name"] in paged
    assert ("organisations responded. They are listed here by name" in paged) is not summaries


def test_above_the_limit_the_pdf_lists_each_organisations_responses_under_its_name(settings):
    settings.REPORT_PDF_ORGANISATION_SUMMARIES = 2
    content = make_content("en", clauses=1)
    template = content["organisations"][0]
    content["organisations"] = [
        {**template, "name": name, "verified": verified, "reference": f"REF-{n:04d}"}
        for n, (name, verified) in enumerate(
            [("Privacy Watch", False)] * 5 + [("Privacy Watch", True), ("Camera Makers", False)]
        )
    ]
    paged = render_html_text(content, paged=True)
    assert paged.count('<div class="organisation-group">') == 3  # verified apart
    assert all(f"REF-{n:04d}" in paged for n in range(7))  # every response, by reference
    assert "5 responses" in paged and paged.count("1 response<") == 2
    first = paged.index("Privacy Watch")
    assert paged.index("REF-0000") > first and paged.index("REF-0004") < paged.index("Camera")
