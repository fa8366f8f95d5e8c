"""An organisation's API token acts only while its user is an active member of that organisation:
removing the member revokes their tokens for it, and a token whose user is no longer a member
(however the membership went) or is deactivated is refused with the usual 401."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import ApiToken, Organisation, OrganisationMembership, User
from consult.accounts.organisations.services import membership_remove
from consult.accounts.tokens import api_token_authenticate, api_token_create
from consult.consultations.models import Consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(organisation: Organisation) -> User:
    """A second member, so that removing either one leaves the organisation an owner."""
    user = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=organisation, user=user, role="editor")
    return user


def membership(organisation: Organisation, user: User) -> OrganisationMembership:
    return OrganisationMembership.objects.get(organisation=organisation, user=user)


def client_for(key: str, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def read(client: APIClient, consultation: Consultation) -> int:
    url = reverse("api:response-list", kwargs={"slug": consultation.slug})
    return client.get(url).status_code


def assert_refused(client: APIClient, consultation: Consultation, message: str) -> None:
    url = reverse("api:response-list", kwargs={"slug": consultation.slug})
    r = client.get(url)
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Token"
    assert r.json() == {
        "errors": [{"path": "", "code": "authentication_failed", "message": message}]
    }


REFUSED_EN = "The API key is not valid, has expired or was revoked."
REFUSED_JA = "APIキーが正しくないか、有効期限が切れているか、失効しています。"


def test_removing_a_member_revokes_their_tokens_for_the_organisation(
    consultation, organisation, editor
):
    token, key = api_token_create(
        access="write", user=editor, name="campaign tool", organisation=organisation
    )
    assert read(client_for(key), consultation) == 200
    membership_remove(organisation=organisation, membership_id=membership(organisation, editor).pk)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_refused(client_for(key), consultation, REFUSED_EN)
    assert_refused(client_for(key, "ja"), consultation, REFUSED_JA)


def test_an_owner_removing_a_member_through_the_page_cuts_off_their_token(
    client, consultation, organisation, org_member, editor
):
    _token, key = api_token_create(
        access="write", user=editor, name="campaign tool", organisation=organisation
    )
    client.force_login(org_member)
    remove = reverse(
        "organisations:member-remove",
        args=[organisation.slug, membership(organisation, editor).pk],
    )
    assert client.post(remove).status_code == 302
    assert_refused(client_for(key), consultation, REFUSED_EN)


def test_only_the_tokens_for_that_organisation_are_revoked(
    consultation, organisation, org_member, editor
):
    other = Organisation.objects.create(slug="other-group", name="Other Group")
    OrganisationMembership.objects.create(organisation=other, user=editor, role="owner")
    here, _key = api_token_create(
        access="write", user=editor, name="here", organisation=organisation
    )
    there, there_key = api_token_create(
        access="write", user=editor, name="there", organisation=other
    )
    colleague, colleague_key = api_token_create(
        access="write", user=org_member, name="colleague", organisation=organisation
    )
    membership_remove(organisation=organisation, membership_id=membership(organisation, editor).pk)
    assert ApiToken.objects.get(pk=here.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=there.pk).revoked_at is None
    assert ApiToken.objects.get(pk=colleague.pk).revoked_at is None
    assert read(client_for(there_key), consultation) == 200
    assert read(client_for(colleague_key), consultation) == 200


def test_a_refused_removal_revokes_nothing(consultation, organisation, org_member):
    _token, key = api_token_create(
        access="write", user=org_member, name="tool", organisation=organisation
    )
    with pytest.raises(ValidationError) as refused:
        membership_remove(
            organisation=organisation, membership_id=membership(organisation, org_member).pk
        )
    assert refused.value.code == "last_owner"
    assert read(client_for(key), consultation) == 200


def test_revocation_and_removal_commit_together(monkeypatch, consultation, organisation, editor):
    token, key = api_token_create(
        access="write", user=editor, name="tool", organisation=organisation
    )

    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("the membership could not be deleted")

    monkeypatch.setattr(OrganisationMembership, "delete", fail)
    with pytest.raises(DatabaseError):
        membership_remove(
            organisation=organisation, membership_id=membership(organisation, editor).pk
        )
    token.refresh_from_db()
    assert token.revoked_at is None
    assert read(client_for(key), consultation) == 200


def test_a_token_is_refused_once_its_user_is_no_longer_a_member(consultation, organisation, editor):
    """A membership deleted without the service (the admin, a script) revokes nothing, but the
    token stops working all the same."""
    token, key = api_token_create(
        access="write", user=editor, name="tool", organisation=organisation
    )
    OrganisationMembership.objects.filter(organisation=organisation, user=editor).delete()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert api_token_authenticate(key) is None
    assert_refused(client_for(key, "ja"), consultation, REFUSED_JA)


def test_a_member_of_another_organisation_only_cannot_use_the_token(
    consultation, organisation, editor
):
    other = Organisation.objects.create(slug="other-group", name="Other Group")
    _token, key = api_token_create(
        access="write", user=editor, name="tool", organisation=organisation
    )
    OrganisationMembership.objects.filter(organisation=organisation, user=editor).update(
        organisation=other
    )
    assert_refused(client_for(key), consultation, REFUSED_EN)


def test_a_deactivated_users_token_is_refused(consultation, organisation, editor, official):
    _token, org_key = api_token_create(
        access="write", user=editor, name="tool", organisation=organisation
    )
    _token, official_key = api_token_create(access="write", user=official, name="analysis")
    assert read(client_for(org_key), consultation) == 200
    assert read(client_for(official_key), consultation) == 200
    User.objects.filter(pk__in=[editor.pk, official.pk]).update(is_active=False)
    assert_refused(client_for(org_key), consultation, REFUSED_EN)
    assert_refused(client_for(official_key, "ja"), consultation, REFUSED_JA)


@pytest.mark.parametrize("for_organisation", [True, False])
def test_authentication_takes_one_query(
    django_assert_num_queries, organisation, editor, official, for_organisation
):
    if for_organisation:
        token, key = api_token_create(
            access="write", user=editor, name="tool", organisation=organisation
        )
    else:
        token, key = api_token_create(access="write", user=official, name="analysis")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())  # no write due
    with django_assert_num_queries(1):
        found = api_token_authenticate(key)
    assert found == token
    # What callers read next comes with it.
    with django_assert_num_queries(0):
        assert found is not None
        assert found.user.is_active and (found.organisation is None) is not for_organisation
