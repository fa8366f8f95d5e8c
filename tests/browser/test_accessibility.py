"""Accessibility in a real browser: axe-core (shipped inside the axe-playwright-python package, run
offline) finds no WCAG 2.1 A or AA violation on the pages citizens, organisations and officials
use, in English and Japanese: the public pages on a phone-sized screen (a form returned with
its errors among them), the staff pages on a desktop one (a theme's review page and a moderation item among them) and the report's own HTML as officials publish it."""

import importlib.resources
from typing import Any

import pytest

from consult.demo.generator import responses_generate
from consult.moderation.models import ModerationItem
from consult.moderation.scanning import moderation_scan
from consult.reports.models import Theme
from consult.reports.services import report_run_execute, report_run_start
from consult.responses.services import response_submit
from tests.browser.helpers import published_campaign, signed_in_context
from tests.conftest import valid_input
from tests.factories import ConsultationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
axe_package = pytest.importorskip("axe_playwright_python")

AXE = (importlib.resources.files(axe_package) / "axe.min.js").read_text(encoding="utf-8")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def violations(page: Any) -> list[str]:
    """What axe finds on the page as loaded: one line per rule broken, with where."""
    page.add_script_tag(content=AXE)
    found = page.evaluate(
        """rules => axe.run(document, {runOnly: rules}).then(r => r.violations.map(
            v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3)
                .map(n => n.target.join(" ")).join("; ")}`))""",
        RULES,
    )
    return list(found)


def audit(page: Any, url: str) -> list[str]:
    shown = page.goto(url)
    assert shown is not None and shown.status == 200, url
    page.wait_for_load_state("load")
    return [f"{url}: {line}" for line in violations(page)]


def test_public_and_staff_pages_break_no_wcag_rule(browser, live_server):
    consultation = ConsultationFactory()
    responses_generate(consultation=consultation, count=40, seed=3)
    official = UserFactory(department=consultation.department)
    run = report_run_execute(
        run_id=report_run_start(
            consultation=consultation,
            user=official,
            language="en",
            parameters={"analysis": {"max_discovered": 4}},
        ).pk
    )
    assert run is not None and run.status == "succeeded", run and run.error
    theme = Theme.objects.filter(consultation=consultation, last_run=run).first()
    assert theme is not None
    data = valid_input(language="en")
    data.comments = {"2": "Keeping footage is wrong. Call me on 090-1234-5678 about it."}
    flagged, _created = response_submit(consultation=consultation, data=data)
    moderation_scan(response_id=flagged.pk)
    item = ModerationItem.objects.get(clause_comment__response=flagged)
    moderator = UserFactory(department=consultation.department, staff_role="moderator")
    base, slug = live_server.url, consultation.slug
    found: list[str] = []

    for locale, lang in (("en-GB", "en"), ("ja-JP", "ja")):
        context = browser.new_context(locale=locale, viewport=PHONE)
        page = context.new_page()
        for path in (
            "/",
            f"/consultations/{slug}/",
            f"/consultations/{slug}/respond/",
            "/organisations/register/",
            "/report-misattribution/",
            "/accounts/login/",
        ):
            found += audit(page, f"{base}{path}?lang={lang}")
        # The form sent back with its errors: each message tied to its field.
        page.goto(f"{base}/consultations/{slug}/respond/?lang={lang}")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        found += [f"respond with errors ({lang}): {line}" for line in violations(page)]
        context.close()
    # A citizen's whole journey: the check-your-answers page and the receipt.
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/consultations/{slug}/respond/?lang=en")
    page.get_by_label("Disagree", exact=True).check()
    page.get_by_label("Your comment on clause 2").fill("72 hours is far too long.")
    page.get_by_label("An individual").check()
    page.get_by_label("Publish my response anonymously").check()
    page.get_by_label("I have read how my personal data is used.").check()
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_role("heading", name="Check your response before you submit it").wait_for()
    page.wait_for_load_state("load")
    found += [f"check your answers: {line}" for line in violations(page)]
    page.get_by_role("button", name="Submit my response").click()
    page.wait_for_url("**/receipt/")
    found += [f"receipt: {line}" for line in violations(page)]
    context.close()
    for locale, lang in (("en-GB", "en"), ("ja-JP", "ja")):
        context = signed_in_context(browser, live_server, official, locale=locale, viewport=DESKTOP)
        page = context.new_page()
        for path in (
            "/staff/",
            f"/staff/{slug}/",
            f"/staff/{slug}/reports/",
            f"/staff/{slug}/reports/{run.pk}/",
            f"/staff/{slug}/reports/{run.pk}/report/",
            f"/staff/{slug}/reports/review/",
            f"/staff/{slug}/reports/review/themes/{theme.pk}/",
            "/accounts/tokens/",
        ):
            found += audit(page, f"{base}{path}?lang={lang}")
        context.close()
        context = signed_in_context(
            browser, live_server, moderator, locale=locale, viewport=DESKTOP
        )
        page = context.new_page()
        for path in (f"/staff/moderation/{slug}/", f"/staff/moderation/{slug}/items/{item.pk}/"):
            found += audit(page, f"{base}{path}?lang={lang}")
        context.close()
    # The report itself, as officials publish it: served with a CSP that forbids scripts, which
    # the browser is told to set aside so that axe can run in it.
    for language in ("en", "ja"):
        report_run = report_run_execute(
            run_id=report_run_start(
                consultation=consultation,
                user=official,
                language=language,
                parameters={"analysis": {"max_discovered": 4}},
            ).pk
        )
        assert report_run is not None and report_run.status == "succeeded"
        context = signed_in_context(
            browser, live_server, official, viewport=DESKTOP, bypass_csp=True
        )
        found += audit(
            context.new_page(), f"{base}/staff/{slug}/reports/{report_run.pk}/report.html"
        )
        context.close()

    assert found == [], "\n".join(found)


def test_campaign_pages_break_no_wcag_rule(browser, live_server):
    campaign, member = published_campaign(ConsultationFactory(), comment="Delete it.")
    base = f"{live_server.url}/campaigns/{campaign.slug}"
    found: list[str] = []
    for locale, lang in (("en-GB", "en"), ("ja-JP", "ja")):
        context = browser.new_context(locale=locale, viewport=PHONE)
        page = context.new_page()
        found += audit(page, f"{base}/?lang={lang}")
        found += audit(page, f"{base}/respond/?lang={lang}")
        context.close()
        context = signed_in_context(browser, live_server, member, locale=locale, viewport=DESKTOP)
        found += audit(context.new_page(), f"{base}/dashboard/?lang={lang}")
        context.close()
    assert found == [], "\n".join(found)
