"""Real-browser test: a staff member signs in with password and authenticator code; before the
code, staff pages send them back to the code page."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_sign_in_with_a_second_factor(browser, live_server, staff_sign_in):
    staff = UserFactory()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()

    # Password only: the staff dashboard is out of reach.
    page.goto(f"{live_server.url}/accounts/login/?lang=en&next=/staff/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/two-factor/enrol/**")
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.goto(f"{live_server.url}/staff/?lang=en")
    assert "/accounts/two-factor/" in page.url

    # With the code: the dashboard opens (a fresh context signs in with a known device).
    staff_page = browser.new_context(locale="en-GB").new_page()
    staff_sign_in(staff_page, live_server, staff)
    assert staff_page.url.endswith("/staff/")
    assert staff_page.goto(f"{live_server.url}/staff/").status == 200
    assert Client().get("/staff/").status_code == 302  # and nobody else's session is verified
    context.close()
