"""Real-browser test: a moderator redacts a phone number in a clause comment; the next report
and the published responses page show it redacted."""

import re

import pytest
from playwright.sync_api import expect

from consult.consultations.services import (
    consultation_close,
    consultation_mark_analysed,
    consultation_publish,
)
from consult.demo.generator import responses_generate
from consult.moderation.models import ModerationItem
from consult.moderation.scanning import moderation_scan
from consult.reports.services import report_run_execute, report_run_start
from consult.responses.services import response_submit
from tests.browser.helpers import signed_in_context
from tests.conftest import valid_input
from tests.factories import ConsultationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "090-1234-5678"
PHONE_DIGITS = re.compile(r"090\D{0,3}1234\D{0,3}5678")
COMMENT = f"Keeping footage for 72 hours is far too long. Call me on {PHONE} to discuss it."


def test_moderator_redaction_reaches_the_report_and_the_public_page(browser, live_server):
    consultation = ConsultationFactory()
    responses_generate(consultation=consultation, count=20, seed=5)
    data = valid_input(language="en")
    data.comments = {"2": COMMENT}
    response, _created = response_submit(consultation=consultation, data=data)
    moderation_scan(response_id=response.pk)  # what the worker does after the submission
    moderator = UserFactory(department=consultation.department, staff_role="moderator")
    official = UserFactory(department=consultation.department)  # department administrator

    context = signed_in_context(browser, live_server, moderator)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/moderation/{consultation.slug}/?kind=phone&lang=en")
    page.get_by_role("link", name=re.compile(r"^#\d+$")).first.click()
    mark = page.locator("#original mark.phone")
    assert mark.inner_text() == PHONE
    # The selection handler is a deferred script: it is in place once the document has loaded.
    page.wait_for_load_state("load")
    page.get_by_label(re.compile(re.escape(PHONE))).check()
    # Selecting a word in the original adds its character range to the form.
    page.evaluate(
        """word => {
            const original = document.getElementById("original");
            const node = document.createTreeWalker(original, NodeFilter.SHOW_TEXT).nextNode();
            const at = node.data.indexOf(word);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            original.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        "far",
    )
    start = COMMENT.index("far")
    assert page.get_by_label("Other character ranges to redact").input_value() == (
        f"{start}-{start + 3}"
    )
    page.get_by_role("button", name="Publish with the chosen spans redacted").click()
    page.wait_for_url(f"**/staff/moderation/{consultation.slug}/")
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    item = ModerationItem.objects.get(clause_comment__response=response)
    assert item.status == "redacted" and item.decided_by == moderator
    assert item.published_text == (
        COMMENT.replace(PHONE, "[phone]").replace("far too", "[redacted] too")
    )
    context.close()

    # The next report: every file, and the report as officials read it in the browser.
    started = report_run_start(
        consultation=consultation,
        user=official,
        language="en",
        parameters={"analysis": {"max_discovered": 4}},
    )
    run = report_run_execute(run_id=started.pk)
    assert run is not None and run.status == "succeeded", run and run.error
    for artifact in run.artifacts.all():
        raw = artifact.file.read()
        assert PHONE_DIGITS.search(raw.decode("utf-8", "ignore")) is None, artifact.format
    coded = run.artifacts.get(format="csv").file.read().decode("utf-8-sig")
    assert "Call me on [phone] to discuss it." in coded
    context = signed_in_context(browser, live_server, official)
    page = context.new_page()
    base = f"{live_server.url}/staff/{consultation.slug}/reports/{run.pk}"
    for url in (f"{base}/report/?lang=en", f"{base}/report.html"):
        shown = page.goto(url)
        assert shown is not None and shown.status == 200, url
        assert PHONE_DIGITS.search(page.content()) is None
    assert consultation.title_en in page.locator("body").inner_text()
    context.close()

    # The published responses page shows the moderated text only.
    consultation_close(consultation=consultation)
    consultation_mark_analysed(consultation=consultation)
    consultation_publish(consultation=consultation)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/responses/?lang=en&q=discuss")
    body = page.locator("main").inner_text()
    assert "Call me on [phone] to discuss it." in body
    assert PHONE_DIGITS.search(page.content()) is None
    context.close()
