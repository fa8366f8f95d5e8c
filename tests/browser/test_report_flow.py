"""Real-browser test of the report workflow: an official signs in (password, then authenticator
code), goes from the dashboard to the consultation's reports and starts one; the progress bar
(polled by htmx) reaches 100% while a real Celery worker consumes the ``reports`` queue; the
official merges two themes in theme review, prepares a second report, sees it compared with the
first, and downloads its PDF, in which the merged themes are one."""

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker

from consult.accounts.models import User
from consult.celery import app
from consult.consultations.models import Consultation
from consult.demo.generator import responses_generate
from consult.demo.loader import DEMO_PASSWORD, demo_load
from consult.reports.models import ReportRun, Theme
from tests.accounts.otp import totp_code, totp_device_confirmed

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
pypdf = pytest.importorskip("pypdf")
expect = pytest.importorskip("playwright.sync_api").expect

SLUG = "facial-recognition"
RESPONSES = 300
RUN_TIMEOUT_S = 180


@pytest.fixture
def worker(shared_sqlite_without_read_locks: None) -> Iterator[Any]:
    """A Celery worker in a thread consuming the ``reports`` queue of the in-memory broker."""
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        queues=["reports"],
        loglevel="WARNING",
        shutdown_timeout=60,
    ) as running:
        yield running


@pytest.fixture
def demo_official() -> User:
    """The demo consultation with generated responses, and its department's official."""
    demo_load()
    consultation = Consultation.objects.get(slug=SLUG)
    result = responses_generate(consultation=consultation, count=RESPONSES, seed=11)
    assert result.created == RESPONSES
    return User.objects.get(username=f"official-{consultation.department.code}")


def sign_in(page: Any, live_server: Any, user: User) -> None:
    """Through the sign-in page: password, then the authenticator's code."""
    device = totp_device_confirmed(user)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/")


def start_report_and_watch(page: Any) -> list[int]:
    """Start a report in English on the runs page; return the progress values the page showed,
    read without reloading it, until the run is no longer active."""
    page.get_by_label("Report language").select_option("en")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/reports/*/")
    bar = page.get_by_role("progressbar", name="Progress")
    seen = [int(bar.get_attribute("value"))]
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while seen[-1] < 100 and time.monotonic() < deadline:
        if page.locator("#run-status .status-failed, #run-status .status-cancelled").count():
            break
        page.wait_for_timeout(200)
        seen.append(int(bar.get_attribute("value")))
    return seen


def two_themes_of_one_section() -> tuple[Theme, Theme]:
    """Two themes the engine found in the first section that has two."""
    live = Theme.objects.filter(
        consultation__slug=SLUG,
        merged_into=None,
        deleted=False,
        source__in=[Theme.Source.DISCOVERED, Theme.Source.CODEBOOK],
    ).order_by("section", "pk")
    by_section: dict[str, list[Theme]] = {}
    for theme in live:
        by_section.setdefault(theme.section, []).append(theme)
    pairs = [themes[:2] for themes in by_section.values() if len(themes) >= 2]
    assert pairs, by_section
    return pairs[0][0], pairs[0][1]


def test_official_runs_a_report_merges_themes_reruns_and_downloads_the_pdf(
    browser, live_server, worker, demo_official
):
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server, demo_official)
    consultation = Consultation.objects.get(slug=SLUG)
    page.get_by_role("link", name=consultation.title_en).click()
    page.get_by_role("link", name="Reports", exact=True).click()

    seen = start_report_and_watch(page)
    assert seen[-1] == 100 and any(0 < value < 100 for value in seen), seen
    expect(page.locator("#run-status .status")).to_have_text("Succeeded")
    first = ReportRun.objects.get()
    assert first.status == ReportRun.Status.SUCCEEDED and first.celery_task_id
    if first.attempts == 1:  # a retried attempt (a locked test database) starts again at 0
        assert seen == sorted(seen), seen

    # Theme review: merge two themes of one question.
    page.locator(".meta").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Review themes").click()
    page.wait_for_url("**/reports/review/")
    source, target = two_themes_of_one_section()
    section = page.locator(f'[id="section-{source.section}"]')
    section.get_by_role("link", name=source.label, exact=True).click()
    page.get_by_label("Merge this theme into").select_option(str(target.pk))
    page.get_by_role("button", name="Merge", exact=True).click()
    page.wait_for_url(re.compile(r".*/reports/review/#section-.*"))
    expect(page.get_by_text("The themes were merged.")).to_be_visible()
    section = page.locator(f'[id="section-{source.section}"]')
    assert section.get_by_role("link", name=target.label, exact=True).count() == 1
    assert section.get_by_role("link", name=source.label, exact=True).count() == 0

    # A second report uses the merge; the official downloads its PDF.
    page.locator(".meta").get_by_role("link", name="Reports").click()
    seen = start_report_and_watch(page)
    assert seen[-1] == 100, seen
    expect(page.locator("#run-status .status")).to_have_text("Succeeded")
    # The page reloads when the run ends and compares it with the first report.
    comparison = page.get_by_role("table", name=f"Compared with report {first.pk}")
    expect(comparison.locator("tr", has_text="Themes no longer found")).to_contain_text(
        source.label
    )
    with page.expect_download() as download_info:
        page.locator("#run-status").get_by_role("link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    for heading in ("Contents", "Headline figures", "Questions", "Methodology"):
        assert heading in text
    assert target.label in text
    assert source.label not in text
    context.close()
