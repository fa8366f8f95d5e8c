"""A group registers: its owner's account, the organisation (unverified) and the owner
membership, in one transaction; in Japanese and English."""

import pytest
from django.urls import reverse

from consult.accounts.models import Organisation, OrganisationMembership, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("organisations:register")

FORM = {
    "name": "Tokyo Privacy Network",
    "kind": "ngo",
    "website": "https://privacy.example.org",
    "contact_name": "Sato Hanako",
    "contact_email": "",
    "username": "tpn-owner",
    "email": "owner@privacy.example.org",
    "password1": "Kd8#vnq2-Lp0x",
    "password2": "Kd8#vnq2-Lp0x",
}


@pytest.mark.parametrize(("lang", "heading"), [("ja", 'lang="ja"'), ("en", "Register an")])
def test_registration_creates_account_organisation_and_owner(client, lang, heading):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200 and heading in page.content.decode()
    done = client.post(URL, FORM, HTTP_ACCEPT_LANGUAGE=lang)
    assert done.status_code == 302
    organisation = Organisation.objects.get()
    assert done["Location"] == reverse("organisations:detail", args=[organisation.slug])
    assert organisation.slug == "tokyo-privacy-network"
    assert organisation.verified_at is None and organisation.rejected_at is None
    assert organisation.contact_email == FORM["email"]  # defaults to the owner's address
    user = User.objects.get(username="tpn-owner")
    assert not user.is_staff and not user.is_superuser and user.check_password(FORM["password1"])
    assert OrganisationMembership.objects.get(organisation=organisation).user == user
    assert OrganisationMembership.objects.get().role == "owner"
    # Signed in straight away; the page says it awaits verification and offers no response.
    detail = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Awaiting verification" in detail.content.decode()
    assert "Respond as the organisation" not in detail.content.decode()
    # The existing sign-in page takes the new account.
    client.logout()
    assert client.login(username="tpn-owner", password=FORM["password1"])


@pytest.mark.parametrize(
    ("lang", "message"),
    [("ja", "このパスワードは短すぎます"), ("en", "This password is too short")],
)
def test_weak_password_refused_with_djangos_validators_in_both_languages(client, lang, message):
    form = {**FORM, "password1": "abc", "password2": "abc"}
    page = client.post(URL, form, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_bad_input_gives_specific_errors_and_writes_nothing(client):
    UserFactory(username="taken")
    cases = [
        ({"username": "TAKEN"}, "This user name is taken"),
        ({"password2": "something else"}, "The two passwords differ"),
        ({"kind": "cult"}, "Select a valid choice"),
        ({"website": "not a url"}, "Enter a valid URL"),
        ({"name": ""}, "This field is required"),
        ({"username": "bad name!"}, "Enter a valid username"),
    ]
    for change, message in cases:
        page = client.post(f"{URL}?lang=en", {**FORM, **change})
        assert page.status_code == 400, change
        assert message in page.content.decode(), (change, message)
    assert not Organisation.objects.exists() and User.objects.count() == 1


def test_same_name_gets_its_own_slug_and_japanese_names_work(client):
    client.post(URL, FORM)
    client.logout()
    second = {**FORM, "username": "other", "email": "o@example.org"}
    assert client.post(URL, second).status_code == 302
    client.logout()
    third = {**FORM, "name": "個人情報を守る会", "username": "third", "email": "t@example.org"}
    assert client.post(URL, third).status_code == 302
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert len(slugs) == 3 and "tokyo-privacy-network" in slugs
    assert any(slug.startswith("organisation") for slug in slugs)


def test_signed_in_users_are_sent_to_their_organisations(client, owner):
    client.force_login(owner)
    assert client.get(URL)["Location"] == reverse("organisations:home")
