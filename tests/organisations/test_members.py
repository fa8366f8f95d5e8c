"""Owners manage members; editors cannot; an organisation always keeps an owner."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consult.accounts.models import Organisation, OrganisationMembership, User
from consult.accounts.organisations.services import membership_change_role, membership_remove
from tests.factories import UserFactory

from .conftest import member

pytestmark = pytest.mark.django_db


def members_url(organisation):
    return reverse("organisations:members", args=[organisation.slug])


def test_owner_adds_an_existing_account_and_creates_an_editor(client, organisation, owner):
    outsider = UserFactory(is_staff=False, department=None, staff_role="")
    client.force_login(owner)
    added = client.post(
        members_url(organisation), {"form": "add", "username": outsider.username, "role": "editor"}
    )
    assert added.status_code == 302
    assert OrganisationMembership.objects.get(user=outsider).role == "editor"
    created = client.post(
        members_url(organisation),
        {
            "form": "new",
            "username": "new-editor",
            "email": "editor@example.org",
            "password1": "Kd8#vnq2-Lp0x",
            "password2": "Kd8#vnq2-Lp0x",
        },
    )
    assert created.status_code == 302
    new = User.objects.get(username="new-editor")
    assert not new.is_staff and OrganisationMembership.objects.get(user=new).role == "editor"


def test_bad_member_input_is_refused_clearly(client, organisation, owner, editor):
    client.force_login(owner)
    staff = UserFactory()
    cases = [
        ({"username": "nobody", "role": "editor"}, "There is no account with this user name"),
        ({"username": editor.username, "role": "owner"}, "already a member"),
        ({"username": staff.username, "role": "editor"}, "Staff accounts cannot be members"),
        ({"username": "x", "role": "admin"}, "Select a valid choice"),
    ]
    for data, message in cases:
        page = client.post(f"{members_url(organisation)}?lang=en", {"form": "add", **data})
        assert page.status_code == 400 and message in page.content.decode(), data
    assert OrganisationMembership.objects.filter(organisation=organisation).count() == 2


def test_editor_cannot_manage_members(client, organisation, owner, editor):
    client.force_login(editor)
    assert client.get(members_url(organisation)).status_code == 404
    owner_membership = OrganisationMembership.objects.get(user=owner)
    for name in ("member-remove", "member-role"):
        url = reverse(f"organisations:{name}", args=[organisation.slug, owner_membership.pk])
        assert client.post(url, {"role": "editor"}).status_code == 404
    assert OrganisationMembership.objects.get(user=owner).role == "owner"
    # An editor still sees the organisation's page and edits its details.
    assert client.get(reverse("organisations:detail", args=[organisation.slug])).status_code == 200
    edit = client.post(
        reverse("organisations:edit", args=[organisation.slug]),
        {"name": "Privacy First", "kind": "ngo", "contact_name": "Editor"},
    )
    assert edit.status_code == 302
    organisation.refresh_from_db()
    assert organisation.contact_name == "Editor"


def test_last_owner_cannot_be_removed_or_demoted(client, organisation, owner, editor):
    own = OrganisationMembership.objects.get(user=owner)
    with pytest.raises(ValidationError):
        membership_remove(organisation=organisation, membership_id=own.pk)
    with pytest.raises(ValidationError):
        membership_change_role(organisation=organisation, membership_id=own.pk, role="editor")
    client.force_login(owner)
    url = reverse("organisations:member-remove", args=[organisation.slug, own.pk])
    page = client.post(f"{url}?lang=en", follow=True)
    assert "at least one owner" in page.content.decode()
    assert OrganisationMembership.objects.filter(pk=own.pk).exists()
    # With a second owner, the first may step down.
    other = OrganisationMembership.objects.get(user=editor)
    membership_change_role(organisation=organisation, membership_id=other.pk, role="owner")
    membership_change_role(organisation=organisation, membership_id=own.pk, role="editor")
    assert OrganisationMembership.objects.get(pk=own.pk).role == "editor"


def test_owner_role_change_and_removal_through_the_pages(client, organisation, owner, editor):
    client.force_login(owner)
    membership = OrganisationMembership.objects.get(user=editor)
    url = reverse("organisations:member-role", args=[organisation.slug, membership.pk])
    assert client.post(url, {"role": "owner"}).status_code == 302
    assert OrganisationMembership.objects.get(pk=membership.pk).role == "owner"
    remove = reverse("organisations:member-remove", args=[organisation.slug, membership.pk])
    assert client.post(remove).status_code == 302
    assert not OrganisationMembership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=editor.pk).exists()  # the account stays


def test_another_organisations_members_are_out_of_reach(client, organisation, owner):
    other = Organisation.objects.create(slug="other", name="Other")
    their_owner = member(other, "owner")
    theirs = OrganisationMembership.objects.get(user=their_owner)
    client.force_login(owner)
    assert client.get(members_url(other)).status_code == 404
    # Naming their membership under our organisation: not ours, so 404 too.
    url = reverse("organisations:member-remove", args=[organisation.slug, theirs.pk])
    assert client.post(url).status_code == 404
    assert OrganisationMembership.objects.filter(pk=theirs.pk).exists()
