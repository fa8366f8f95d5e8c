"""Only platform administrators verify or reject organisations; both are recorded and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse

from consult.accounts.organisations.services import (
    organisation_reject,
    organisation_update,
    organisation_verify,
)
from consult.privacy.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:staff-list")


def test_admin_verifies_from_the_staff_page(client, organisation, admin_user):
    client.force_login(admin_user)
    page = client.get(f"{LIST}?lang=en")
    assert page.status_code == 200 and "Privacy First" in page.content.decode()
    done = client.post(reverse("organisations:staff-verify", args=[organisation.slug]))
    assert done.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified_at is not None and organisation.verified_by == admin_user
    event = AuditEvent.objects.get(action="organisation.verify")
    assert event.user_id == admin_user.pk and event.object_ids == [organisation.pk]
    # No longer awaiting verification; listed among the verified.
    assert list(client.get(LIST).context["organisations"]) == []
    assert list(client.get(f"{LIST}?status=verified").context["organisations"]) == [organisation]


def test_admin_rejects_with_a_reason_the_group_reads(client, organisation, admin_user, owner):
    client.force_login(admin_user)
    url = reverse("organisations:staff-reject", args=[organisation.slug])
    empty = client.post(f"{url}?lang=en", {"reason": "  "})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    organisation.refresh_from_db()
    assert organisation.rejected_at is None
    assert client.post(url, {"reason": "No such group at that address."}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.rejected_at and organisation.verified_at is None
    event = AuditEvent.objects.get(action="organisation.reject")
    assert event.reason == "No such group at that address."
    client.force_login(owner)
    detail = client.get(reverse("organisations:detail", args=[organisation.slug]) + "?lang=en")
    assert "No such group at that address." in detail.content.decode()
    # Correcting the details asks again.
    organisation_update(organisation=organisation, website="https://privacy-first.example")
    organisation.refresh_from_db()
    assert organisation.rejected_at is None and organisation.rejection_reason == ""


@pytest.mark.parametrize("who", ["official", "department_admin_all", "owner", "anonymous"])
def test_nobody_else_reaches_or_uses_the_staff_page(client, organisation, owner, who):
    if who == "official":
        client.force_login(UserFactory(staff_role="analyst"))
    elif who == "department_admin_all":
        client.force_login(UserFactory(staff_role="department_admin"))
    elif who == "owner":
        client.force_login(owner)
    page = client.get(LIST)
    verify = client.post(reverse("organisations:staff-verify", args=[organisation.slug]))
    assert page.status_code in (302, 404) and verify.status_code in (302, 404)
    if who != "anonymous":
        assert page.status_code == 404 and verify.status_code == 404
    organisation.refresh_from_db()
    assert organisation.verified_at is None
    assert not AuditEvent.objects.exists()


def test_services_refuse_non_administrators(organisation, owner):
    with pytest.raises(PermissionDenied):
        organisation_verify(organisation=organisation, by=owner)
    with pytest.raises(PermissionDenied):
        organisation_verify(organisation=organisation, by=UserFactory())
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        organisation_reject(organisation=organisation, by=admin, reason="")


def test_renaming_a_verified_organisation_withdraws_verification(verified, admin_user):
    organisation_update(organisation=verified, contact_name="New contact")
    verified.refresh_from_db()
    assert verified.verified_at is not None  # contact details are not what was verified
    organisation_update(organisation=verified, name="Privacy First Japan")
    verified.refresh_from_db()
    assert verified.verified_at is None and verified.verified_by is None


def test_badge_shown_only_when_verified(organisation, admin_user):
    template = Template(
        "{% load organisations %}[{% organisation_badge org %}]|{% organisation_name org %}"
    )
    unverified = template.render(Context({"org": organisation}))
    assert unverified == '[]|<span class="org-name">Privacy First</span>'
    organisation = organisation_verify(organisation=organisation, by=admin_user)
    shown = template.render(Context({"org": organisation}))
    assert shown.count("badge-verified") == 2 and "Privacy First" in shown
    assert template.render(Context({"org": None})) == "[]|"
    organisation.name = "<script>x</script>"
    assert "<script>" not in template.render(Context({"org": organisation}))


def test_badge_on_the_organisation_page(client, organisation, owner, admin_user):
    client.force_login(owner)
    url = reverse("organisations:detail", args=[organisation.slug])
    assert "badge-verified" not in client.get(url).content.decode()
    organisation_verify(organisation=organisation, by=admin_user)
    assert "badge-verified" in client.get(url).content.decode()


def test_admin_action_verifies_through_the_audited_service(client, organisation, admin_user):
    client.force_login(admin_user)
    done = client.post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "verify", "_selected_action": [organisation.pk]},
    )
    assert done.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified_by == admin_user
    assert AuditEvent.objects.filter(action="organisation.verify").count() == 1


def test_verifying_again_keeps_the_first_verification(organisation, admin_user):
    first = organisation_verify(organisation=organisation, by=admin_user)
    other_admin = UserFactory(is_superuser=True)
    again = organisation_verify(organisation=first, by=other_admin)
    assert again.verified_at == first.verified_at and again.verified_by == admin_user
    assert AuditEvent.objects.filter(action="organisation.verify").count() == 1
