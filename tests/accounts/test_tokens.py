"""API tokens: hashed at rest, expiry, revocation, several per user, membership, and the
`Authorization: Token …` header."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import ApiToken, Organisation
from consult.accounts.selectors import api_token_for_user, api_tokens_for_user
from consult.accounts.tokens import api_token_authenticate, api_token_create, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def database_contains(text: str) -> bool:
    """Whether any text column of any row of any model holds `text`."""
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.get_internal_type() in ("CharField", "TextField", "JSONField")
        ]
        for row in model._base_manager.values_list(*names) if names else ():
            if any(text in str(value) for value in row):
                return True
    return False


def test_the_key_is_never_stored(official):
    token, key = api_token_create(access="write", user=official, name="analysis")
    assert key.startswith("cst_") and len(key) > 40
    assert token.prefix == key[:10] and token.key_hash != key
    assert not database_contains(key)
    assert not database_contains(key[10:])
    assert database_contains(token.prefix)  # the check above can find what is there


def test_a_key_authenticates_until_revoked(official):
    token, key = api_token_create(access="write", user=official, name="analysis")
    assert api_token_authenticate(key) == token
    api_token_revoke(token=token)
    assert api_token_authenticate(key) is None


def test_expired_keys_do_not_authenticate(official):
    token, key = api_token_create(access="write", user=official, name="analysis", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_token_authenticate(key) is None


def test_an_inactive_users_keys_do_not_authenticate(official):
    _token, key = api_token_create(access="write", user=official, name="analysis")
    official.is_active = False
    official.save(update_fields=["is_active"])
    assert api_token_authenticate(key) is None


@pytest.mark.parametrize("key", ["", "cst_", "cst_" + "x" * 40, "other_prefix", "cst_" + "a" * 200])
def test_unknown_keys_do_not_authenticate(official, key):
    api_token_create(access="write", user=official, name="analysis")
    assert api_token_authenticate(key) is None


def test_several_tokens_per_user_are_independent(official):
    (first, key1), (second, key2) = (
        api_token_create(access="write", user=official, name="one"),
        api_token_create(access="write", user=official, name="two"),
    )
    assert key1 != key2 and first.prefix != second.prefix
    api_token_revoke(token=first)
    assert api_token_authenticate(key1) is None
    assert api_token_authenticate(key2) == second
    assert list(api_tokens_for_user(official)) == [second, first]


def test_organisation_tokens_need_membership(official, organisation, org_member):
    token, _key = api_token_create(
        access="write", user=org_member, name="campaign", organisation=organisation
    )
    assert token.organisation == organisation
    with pytest.raises(PermissionDenied):
        api_token_create(access="write", user=official, name="campaign", organisation=organisation)
    other = Organisation.objects.create(slug="other", name="Other")
    with pytest.raises(PermissionDenied):
        api_token_create(access="write", user=org_member, name="campaign", organisation=other)


def test_only_officials_get_tokens_without_organisation(org_member):
    with pytest.raises(PermissionDenied):
        api_token_create(access="write", user=org_member, name="as myself")
    assert api_token_create(
        access="write", user=UserFactory(is_superuser=True, department=None), name="x"
    )


@pytest.mark.parametrize(("name", "days"), [("", 30), (" ", 30), ("x" * 101, 30), ("ok", 0)])
def test_bad_names_and_lifetimes_are_refused(official, name, days):
    with pytest.raises(ValidationError):
        api_token_create(access="write", user=official, name=name, days=days)
    assert not ApiToken.objects.exists()


def test_a_token_is_found_only_by_its_owner(official, other_official):
    token, _key = api_token_create(access="write", user=official, name="analysis")
    assert api_token_for_user(official, token.pk) == token
    with pytest.raises(Http404):
        api_token_for_user(other_official, token.pk)


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_the_authorization_header_works_until_revoked_or_expired(official, scheme):
    token, key = api_token_create(access="write", user=official, name="analysis")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    assert client.get("/api/v1/consultations/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    api_token_revoke(token=token)
    assert client.get("/api/v1/consultations/").status_code == 401

    short, key2 = api_token_create(access="write", user=official, name="short")
    ApiToken.objects.filter(pk=short.pk).update(expires_at=timezone.now())
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key2}")
    response = client.get("/api/v1/consultations/?lang=en")
    assert response.status_code == 401
    assert "expired" in response.json()["errors"][0]["message"]
