"""Organisation members reach their own organisation only, with the role a page asks for."""

import pytest
from django.http import Http404

from consult.accounts.access import (
    OWNER_ROLES,
    member_role,
    organisation_for_member,
    organisations_for_member,
)
from consult.accounts.models import Organisation, OrganisationMembership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(organisation):
    user = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=organisation, user=user, role="editor")
    return user


def test_member_gets_their_organisation(organisation, org_member, editor):
    assert organisation_for_member(org_member, organisation.slug) == organisation
    assert organisation_for_member(editor, organisation.slug) == organisation
    assert member_role(org_member, organisation) == "owner"
    assert member_role(editor, organisation) == "editor"


def test_owner_only_pages_refuse_editors(organisation, org_member, editor):
    assert organisation_for_member(org_member, organisation.slug, roles=OWNER_ROLES)
    with pytest.raises(Http404):
        organisation_for_member(editor, organisation.slug, roles=OWNER_ROLES)


def test_another_organisation_is_a_404(organisation, org_member):
    other = Organisation.objects.create(slug="other-group", name="Other group")
    with pytest.raises(Http404):
        organisation_for_member(org_member, other.slug)
    with pytest.raises(Http404):
        organisation_for_member(org_member, "no-such-group")
    assert list(organisations_for_member(org_member)) == [organisation]


def test_staff_anonymous_and_inactive_are_not_members(organisation, org_member, client):
    from django.contrib.auth.models import AnonymousUser

    staff = UserFactory()  # a department administrator, but no member of the organisation
    for user in (staff, AnonymousUser()):
        with pytest.raises(Http404):
            organisation_for_member(user, organisation.slug)
        assert member_role(user, organisation) is None
    org_member.is_active = False
    org_member.save(update_fields=["is_active"])
    with pytest.raises(Http404):
        organisation_for_member(org_member, organisation.slug)


def test_unknown_role_is_a_programming_error(org_member):
    with pytest.raises(ValueError, match="unknown organisation roles"):
        organisations_for_member(org_member, roles=("admin",))
