"""Real-browser test: a supporter follows a campaign link, makes the template their own and
submits; the organisation's dashboard counts them."""

import pytest
from playwright.sync_api import expect

from consult.campaigns.models import CampaignSupport
from consult.responses.models import Response
from tests.browser.helpers import published_campaign, signed_in_context
from tests.factories import ConsultationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEMPLATE = "Footage must be deleted within 24 hours."


def test_supporter_makes_the_template_their_own_in_chromium(browser, live_server):
    consultation = ConsultationFactory()
    campaign, member = published_campaign(consultation, comment=TEMPLATE)

    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/campaigns/{campaign.slug}/?lang=en")
    expect(page.get_by_role("heading", name="Delete footage within 24 hours")).to_be_visible()
    expect(page.get_by_text("A campaign by Privacy First")).to_be_visible()
    page.get_by_role("link", name="Make it your own").click()

    comment = page.get_by_label("Your comment on clause 2")
    assert comment.input_value() == TEMPLATE  # the template pre-fills the form
    comment.fill(TEMPLATE + " I walk past these cameras every day.")
    page.get_by_label("An individual").check()
    page.get_by_label("Publish my response anonymously").check()
    page.get_by_label("I have read how my personal data is used.").check()
    page.get_by_label("Share my response with Privacy First").check()
    page.get_by_role("button", name="Continue to review").click()
    # The supporter checks what they will send, sharing with the group included.
    expect(
        page.get_by_role("heading", name="Check your response before you submit it")
    ).to_be_visible()
    expect(page.get_by_text("I walk past these cameras every day.")).to_be_visible()
    expect(page.get_by_text("Share my response with Privacy First")).to_be_visible()
    page.get_by_role("button", name="Submit my response").click()
    page.wait_for_url("**/receipt/")
    reference = page.locator(".reference").inner_text().strip()

    response = Response.objects.get()
    assert response.reference == reference and response.channel == "campaign"
    assert response.clause_comments.get().text.endswith("every day.")
    support = CampaignSupport.objects.get()
    assert support.template_edited and support.own_words_chars > 30 and support.consent_share

    # Following the link again in the same browser does not allow a second response.
    page.goto(f"{live_server.url}/campaigns/{campaign.slug}/respond/?lang=en")
    expect(page.get_by_text(reference).first).to_be_visible()
    context.close()

    org_context = signed_in_context(browser, live_server, member)
    dashboard = org_context.new_page()
    dashboard.goto(f"{live_server.url}/campaigns/{campaign.slug}/dashboard/?lang=en")
    assert dashboard.locator("#supporter-total").inner_text() == "1"
    assert dashboard.locator("#supporter-edited").inner_text().startswith("1")
    assert dashboard.locator("#supporter-shared").inner_text() == "1"
    org_context.close()
