"""Real-browser smoke test: a citizen submits a response with the keyboard and mouse."""

import pytest
from playwright.sync_api import expect

from consult.responses.models import Response
from tests.factories import ConsultationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_submits_in_chromium(browser, live_server):
    consultation = ConsultationFactory()
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=consultation.title_en).click()
    page.get_by_role("link", name="Respond to this consultation").first.click()

    # Submitting empty shows the error summary, which links to the fields.
    page.get_by_role("button", name="Continue to review").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "q-overall"

    page.get_by_label("Disagree", exact=True).check()
    page.get_by_label("Your comment on clause 2").fill(
        "72 hours is far too long to keep footage of people."
    )
    page.get_by_label("An individual").check()
    page.get_by_label("Publish my response anonymously").check()
    page.get_by_label("I have read how my personal data is used.").check()
    page.get_by_role("button", name="Continue to review").click()

    expect(
        page.get_by_role("heading", name="Check your response before you submit it")
    ).to_be_visible()
    page.get_by_role("button", name="Submit my response").click()
    page.wait_for_url("**/receipt/")
    reference = page.locator(".reference").inner_text().strip()
    response = Response.objects.get()
    assert response.reference == reference and response.status == "submitted"
    assert response.clause_comments.get().text.startswith("72 hours")
    context.close()
