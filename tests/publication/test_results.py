"""The results page: the latest report's headline and e-Gov table with the government's view
as officials last wrote it, small cells hidden, and the public report files."""

import json
from typing import Any

import pytest
from django.urls import reverse

from consult.demo.generator import responses_generate
from consult.reports import renderers
from consult.reports.models import ReportArtifact, ReportRun, Theme
from consult.reports.services import (
    report_run_execute,
    report_run_start,
    theme_set_government_view,
)
from tests.factories import UserFactory

from .conftest import publish, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_and_html(monkeypatch: Any) -> None:
    """Render the JSON and HTML files only (the PDF takes seconds per run)."""

    def render_some(content: dict[str, Any], *, coded_rows: Any) -> dict[str, tuple[str, bytes]]:
        names = renderers.file_names(content)
        rows = list(coded_rows)
        return {
            "json": (
                names["json"],
                renderers.render_json(content, coded_responses_count=len(rows)),
            ),
            "html": (names["html"], renderers.render_html(content)),
            "csv": (names["csv"], renderers.render_csv(rows)),
        }

    monkeypatch.setattr(renderers, "render_all", render_some)


def run_report(
    consultation: Any, language: str, django_capture_on_commit_callbacks: Any
) -> ReportRun:
    official = UserFactory(department=consultation.department)
    with django_capture_on_commit_callbacks(execute=False):
        started = report_run_start(
            consultation=consultation,
            user=official,
            language=language,
            parameters={"analysis": {"max_discovered": 4}},
        )
    finished = report_run_execute(run_id=started.pk)
    assert finished is not None and finished.status == ReportRun.Status.SUCCEEDED
    return finished


@pytest.fixture
def reported(consultation, json_and_html, django_capture_on_commit_callbacks):
    responses_generate(consultation=consultation, count=60, seed=3)
    # one organisation in Okinawa: a small cell the report hides
    respond(
        consultation,
        kind="organisation",
        consent="named",
        organisation_name="沖縄の団体",
        region="47",
        free_text="反対です。",
    )
    publish(consultation)
    run = run_report(consultation, "en", django_capture_on_commit_callbacks)
    return consultation, run


def test_results_show_the_e_gov_table_with_the_current_government_view(client, reported):
    consultation, run = reported
    theme = Theme.objects.filter(last_run=run, deleted=False).exclude(source="other").first()
    assert theme is not None
    theme_set_government_view(
        theme=theme, user=None, text="ご意見を踏まえ、保存期間を24時間に短縮します。"
    )
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert response.status_code == 200
    rows = response.context["results"].egov_table
    assert rows and all({"no", "section", "summary", "count"} <= set(row) for row in rows)
    mine = [row for row in rows if row["theme_key"] == theme.key]
    assert [row["government_view"] for row in mine] == [
        "ご意見を踏まえ、保存期間を24時間に短縮します。"
    ]
    html = response.content.decode()
    assert "ご意見を踏まえ、保存期間を24時間に短縮します。" in html
    assert "The government&#x27;s view" in html or "The government's view" in html
    assert "Summary of opinions" in html
    assert "How the opinions were processed" in html
    assert "Moderation: every comment was scanned" in html  # the report's methodology


def test_results_hide_small_cells(client, reported):
    consultation, _run = reported
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    html = response.content.decode()
    assert "Okinawa" in html
    okinawa = next(
        cell
        for table in response.context["breakdowns"]
        for cell in table["cells"]
        if cell["key"] == "47"
    )
    assert okinawa["suppressed"] and okinawa["count"] is None
    assert "&lt;5" in html
    # Counts by respondent type only in the suppressed table, never as raw headline figures
    # (a handful of organisations would be given away beside a suppressed cell).
    assert "Organisations</dt>" not in html and "Individuals</dt>" not in html
    headline = response.context["headline"]
    assert f">{headline['responses']}<" in html


def test_public_report_files_are_the_html_and_pdf_only(client, reported):
    consultation, run = reported
    html = client.get(reverse("publication:report-file", args=[consultation.slug, "html"]))
    assert html.status_code == 200
    assert html["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(html.streaming_content).startswith(b"<!")
    for fmt in ("csv", "json", "xlsx", "pdf"):  # no PDF was rendered here
        response = client.get(reverse("publication:report-file", args=[consultation.slug, fmt]))
        assert response.status_code == 404, fmt
    page = client.get(reverse("publication:results", args=[consultation.slug]))
    assert reverse("publication:report-file", args=[consultation.slug, "html"]) in (
        page.content.decode()
    )
    assert ReportArtifact.objects.filter(run=run, format="csv").exists()


def test_the_report_in_the_readers_language_is_preferred(
    client, reported, django_capture_on_commit_callbacks
):
    consultation, english = reported
    japanese = run_report(consultation, "ja", django_capture_on_commit_callbacks)
    ja = client.get(reverse("publication:results", args=[consultation.slug]))
    en = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert ja.context["results"].run == japanese
    assert en.context["results"].run == english


def test_before_any_report_the_page_says_so(client, consultation):
    publish(consultation)
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert response.status_code == 200
    assert "has not been published yet" in response.content.decode()
    file = client.get(reverse("publication:report-file", args=[consultation.slug, "html"]))
    assert file.status_code == 404


def test_a_failed_run_is_not_public(client, consultation):
    publish(consultation)
    ReportRun.objects.create(consultation=consultation, language="ja", status="failed")
    response = client.get(reverse("publication:results", args=[consultation.slug]))
    assert response.context["results"] is None


def test_a_published_report_whose_files_storage_lost_is_said_to_be_unavailable(client, reported):
    """Not "not published yet", which would tell readers the government published nothing."""
    consultation, run = reported
    for artifact in run.artifacts.all():
        artifact.file.storage.delete(artifact.file.name)
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "is published, but it cannot be shown at the moment" in page
    assert "has not been published yet" not in page
    japanese = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "ja"})
    assert japanese.status_code == 503
    assert "公表されていますが、現在表示できません" in japanese.content.decode()
    file = client.get(
        reverse("publication:report-file", args=[consultation.slug, "html"]), {"lang": "en"}
    )
    assert file.status_code == 503
    assert "cannot be shown at the moment" in file.content.decode()


def test_a_damaged_report_document_is_said_to_be_unavailable(client, reported):
    consultation, run = reported
    document = run.artifacts.get(format="json")
    with document.file.storage.open(document.file.name, "wb") as damaged:
        damaged.write(b"\x00not json")
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert response.status_code == 503
    assert "cannot be shown at the moment" in response.content.decode()


def test_results_count_confirmed_and_unconfirmed_email_addresses(client, reported):
    consultation, run = reported
    email = run.artifacts.get(format="json")
    headline = json.loads(email.file.read())["headline"]["email"]
    assert headline["verified"] + headline["unverified"] + headline["none"] > 0
    response = client.get(reverse("publication:results", args=[consultation.slug]), {"lang": "en"})
    assert response.context["verification"] == [
        ("Confirmed an email address", headline["verified"]),
        ("Gave an email address not confirmed", headline["unverified"]),
    ]
