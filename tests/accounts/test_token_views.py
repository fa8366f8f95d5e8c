"""The API-token pages: list, create (key shown once), revoke with confirmation, sign-in redirect."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from consult.accounts.models import ApiToken
from consult.accounts.tokens import api_token_authenticate, api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TOKENS = reverse("accounts:tokens")
PASSWORD = "correct horse battery staple"


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def shown_key(html: str) -> str:
    match = re.search(r'value="(cst_[A-Za-z0-9_-]+)"', html)
    assert match, html
    return match.group(1)


def test_sign_in_sends_staff_to_the_dashboard_and_members_to_their_tokens(official, org_member):
    # Staff set up their second factor first, then go on to the dashboard.
    enrol_then_dashboard = reverse("accounts:otp-enrol") + "?next=%2Fstaff%2F"
    for user, target in ((official, enrol_then_dashboard), (org_member, TOKENS)):
        client = Client()
        r = client.post(
            reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
        )
        assert r.status_code == 302 and r.url == target


def test_an_explicit_next_still_wins(org_member):
    r = Client().post(
        reverse("accounts:login") + "?next=/api/docs/",
        {"username": org_member.username, "password": PASSWORD, "next": "/api/docs/"},
    )
    assert r.url == "/api/docs/"


def test_the_page_needs_a_sign_in():
    r = Client().get(TOKENS)
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:login"))


def test_official_creates_a_token_and_sees_the_key_once(official):
    client = signed_in(official)
    form = client.get(TOKENS).content.decode()
    assert re.search(r'<input type="radio" name="access" value="read"[^>]*checked', form)
    r = client.post(
        TOKENS, {"name": "analysis notebook", "days": "30", "organisation": "", "access": "read"}
    )
    assert r.status_code == 200
    html = r.content.decode()
    key = shown_key(html)
    assert "only time the key is shown" in html
    assert r.headers["Cache-Control"].startswith("max-age=0")
    token = api_token_authenticate(key)
    assert token is not None and token.user == official and token.organisation is None
    assert token.access == "read"
    listing = client.get(TOKENS).content.decode()
    assert "analysis notebook" in listing and token.prefix in listing
    assert "Read and export only" in listing
    assert key not in listing


def test_member_creates_an_organisation_token(org_member, organisation):
    client = signed_in(org_member)
    r = client.post(
        TOKENS,
        {"name": "campaign site", "days": "90", "organisation": organisation.pk, "access": "write"},
    )
    token = api_token_authenticate(shown_key(r.content.decode()))
    assert token is not None and token.organisation == organisation and token.access == "write"


def test_a_token_without_a_chosen_access_is_not_created(official):
    r = signed_in(official).post(TOKENS, {"name": "x", "days": "30", "organisation": ""})
    assert r.status_code == 400 and not ApiToken.objects.exists()


def test_a_member_must_choose_an_organisation(org_member):
    r = signed_in(org_member).post(TOKENS, {"name": "as myself", "days": "90", "organisation": ""})
    assert r.status_code == 400
    assert 'href="#id_organisation"' in r.content.decode()
    assert not ApiToken.objects.exists()


def test_another_organisation_cannot_be_chosen(official, organisation):
    r = signed_in(official).post(
        TOKENS, {"name": "x", "days": "90", "organisation": organisation.pk}
    )
    assert r.status_code == 400 and not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "days": "30"}, "name"),
        ({"name": "x", "days": "0"}, "days"),
        ({"name": "x", "days": "367"}, "days"),
        ({"name": "x", "days": "soon"}, "days"),
    ],
)
def test_errors_are_summarised_and_linked_to_their_field(official, data, field):
    r = signed_in(official).post(TOKENS, {**data, "organisation": ""})
    html = r.content.decode()
    assert r.status_code == 400
    assert 'class="error-summary"' in html and f'href="#id_{field}"' in html
    assert 'aria-invalid="true"' in html and f'id="id_{field}_error"' in html
    assert not ApiToken.objects.exists()


def test_someone_without_organisation_or_department_cannot_create():
    user = UserFactory(is_staff=False, department=None)
    client = signed_in(user)
    assert "Only officials and members" in client.get(TOKENS).content.decode()
    r = client.post(TOKENS, {"name": "x", "days": "30"})
    assert r.status_code == 400 and not ApiToken.objects.exists()


def test_the_list_shows_only_ones_own_tokens(official, other_official):
    api_token_create(access="write", user=official, name="mine")
    api_token_create(access="write", user=other_official, name="theirs")
    html = signed_in(official).get(TOKENS).content.decode()
    assert "mine" in html and "theirs" not in html


def test_revoke_asks_for_confirmation_then_revokes(official):
    token, key = api_token_create(access="write", user=official, name="analysis")
    client = signed_in(official)
    url = reverse("accounts:token-revoke", args=[token.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert api_token_authenticate(key) is not None
    r = client.post(url)
    assert r.status_code == 302 and r.url == TOKENS
    assert api_token_authenticate(key) is None
    assert "Revoked" in client.get(TOKENS).content.decode()


def test_another_users_token_cannot_be_revoked(official, other_official):
    token, key = api_token_create(access="write", user=other_official, name="theirs")
    client = signed_in(official)
    url = reverse("accounts:token-revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert api_token_authenticate(key) is not None
