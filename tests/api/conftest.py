"""API fixtures: a client per role, each authenticating the way that role really does."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import Organisation, OrganisationMembership
from consult.accounts.tokens import api_token_create
from tests.factories import UserFactory

ROLES = ("anonymous", "citizen", "organisation", "official", "other_official")


@pytest.fixture
def organisation(db):
    """A verified organisation: only those submit responses for their supporters."""
    return Organisation.objects.create(
        slug="privacy-first", name="Privacy First", verified_at=timezone.now()
    )


@pytest.fixture
def org_member(organisation):
    user = UserFactory(is_staff=False, department=None)
    OrganisationMembership.objects.create(organisation=organisation, user=user, role="owner")
    return user


@pytest.fixture
def role_client(
    consultation, official, other_official, organisation, org_member
) -> Callable[[str], APIClient]:
    """`role_client("official")` → an APIClient authenticated as that role for `consultation`."""
    keys = {
        "organisation": api_token_create(
            access="write", user=org_member, name="campaign tool", organisation=organisation
        )[1],
        "official": api_token_create(access="write", user=official, name="analysis")[1],
        "other_official": api_token_create(access="write", user=other_official, name="elsewhere")[
            1
        ],
        # The same principals with read-only keys (not in ROLES: see test_permissions).
        "organisation_read": api_token_create(
            access="read", user=org_member, name="dashboard", organisation=organisation
        )[1],
        "official_read": api_token_create(access="read", user=official, name="notebook")[1],
    }

    def make(role: str) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if role in keys:
            client.credentials(HTTP_AUTHORIZATION=f"Token {keys[role]}")
        elif role == "citizen":
            client.cookies["sessionid"] = "not-a-session"  # a browser with cookies, no account
        return client

    return make
