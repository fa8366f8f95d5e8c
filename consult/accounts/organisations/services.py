"""Writes on organisations: register, edit, verify or reject, and manage members.

Every organisation keeps at least one owner: the membership services check it under a row lock on
the organisation, so two owners removing each other at once cannot both succeed.
"""

import secrets
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consult.privacy.audit import audit_record

from ..models import Organisation, OrganisationMembership, User
from ..tokens import api_tokens_revoke_for_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

AUDIT_VERIFY = "organisation.verify"
AUDIT_REJECT = "organisation.reject"

Role = OrganisationMembership.Role

# Changing one of these on a verified organisation withdraws the verification: the administrator
# verified this name, type and website, not whatever they become.
VERIFIED_FIELDS = ("name", "kind", "website")
EDITABLE_FIELDS = ("name", "kind", "website", "contact_name", "contact_email")


RESERVED_SLUGS = frozenset({"register"})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60].strip("-") or "organisation"
    slug = base if base not in RESERVED_SLUGS else f"{base}-group"
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def user_create_member(*, username: str, email: str, password: str) -> User:
    """A non-staff account for an organisation member; the password passes Django's validators."""
    user = User(username=username, email=email, is_staff=False, is_superuser=False)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def organisation_register(
    *,
    username: str,
    email: str,
    password: str,
    name: str,
    kind: str,
    website: str = "",
    contact_name: str = "",
    contact_email: str = "",
) -> tuple[Organisation, User]:
    """Register a group: its owner's account, the organisation (not yet verified) and the owner
    membership, all or nothing."""
    user = user_create_member(username=username, email=email, password=password)
    organisation = Organisation(
        slug=_unique_slug(name),
        name=name,
        kind=kind,
        website=website,
        contact_name=contact_name,
        contact_email=contact_email or email,
    )
    organisation.full_clean()
    organisation.save()
    OrganisationMembership.objects.create(organisation=organisation, user=user, role=Role.OWNER)
    return organisation, user


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields: str) -> Organisation:
    """Change an organisation's details. A verified organisation whose name, type or website
    changes goes back to unverified; a rejected one asks for verification again."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    if not changed:
        return organisation
    for name in changed:
        setattr(organisation, name, fields[name])
    update = [*changed, "updated_at"]
    if organisation.verified_at and set(changed) & set(VERIFIED_FIELDS):
        organisation.verified_at = None
        organisation.verified_by = None
        update += ["verified_at", "verified_by"]
    if organisation.rejected_at:
        organisation.rejected_at = None
        organisation.rejection_reason = ""
        update += ["rejected_at", "rejection_reason"]
    organisation.full_clean()
    organisation.save(update_fields=update)
    return organisation


def _ensure_platform_admin(user: "User | AnonymousUser") -> None:
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        raise PermissionDenied(_("Only a platform administrator may verify organisations."))


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, by: "User | AnonymousUser", request: HttpRequest | None = None
) -> Organisation:
    """Mark the organisation verified by this platform administrator (recorded and audited)."""
    _ensure_platform_admin(by)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.verified_at is not None:
        return organisation  # verified already: the first verification stands
    organisation.verified_at = timezone.now()
    organisation.verified_by = by  # type: ignore[assignment]
    organisation.rejected_at = None
    organisation.rejection_reason = ""
    organisation.save(
        update_fields=[
            "verified_at",
            "verified_by",
            "rejected_at",
            "rejection_reason",
            "updated_at",
        ]
    )
    audit_record(user=by, action=AUDIT_VERIFY, objects=[organisation], request=request)
    return organisation


@transaction.atomic
def organisation_reject(
    *,
    organisation: Organisation,
    by: "User | AnonymousUser",
    reason: str,
    request: HttpRequest | None = None,
) -> Organisation:
    """Refuse (or withdraw) verification with a reason the group can read; audited."""
    _ensure_platform_admin(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason, so the group knows what to correct.")}, code="required"
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.verified_at = None
    organisation.verified_by = None
    organisation.rejected_at = timezone.now()
    organisation.rejection_reason = reason[:500]
    organisation.save(
        update_fields=[
            "verified_at",
            "verified_by",
            "rejected_at",
            "rejection_reason",
            "updated_at",
        ]
    )
    audit_record(
        user=by, action=AUDIT_REJECT, objects=[organisation], request=request, reason=reason
    )
    return organisation


def _ensure_may_join(user: User) -> None:
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            {"username": _("Staff accounts cannot be members of an organisation.")},
            code="staff",
        )
    if not user.is_active:
        raise ValidationError({"username": _("This account is deactivated.")}, code="inactive")


@transaction.atomic
def membership_add(
    *, organisation: Organisation, username: str, role: str
) -> OrganisationMembership:
    """Add an existing (non-staff, active) account to the organisation with this role."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose owner or editor.")}, code="invalid")
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ValidationError(
            {"username": _("There is no account with this user name.")}, code="unknown"
        )
    _ensure_may_join(user)
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if OrganisationMembership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            {"username": _("This account is already a member of the organisation.")},
            code="member",
        )
    return OrganisationMembership.objects.create(organisation=organisation, user=user, role=role)


@transaction.atomic
def membership_create_editor(
    *, organisation: Organisation, username: str, email: str, password: str
) -> OrganisationMembership:
    """Create a new account and make it an editor of the organisation."""
    user = user_create_member(username=username, email=email, password=password)
    return OrganisationMembership.objects.create(
        organisation=organisation, user=user, role=Role.EDITOR
    )


def _lock_memberships(organisation: Organisation) -> None:
    Organisation.objects.select_for_update().get(pk=organisation.pk)


def _ensure_another_owner(organisation: Organisation, membership: OrganisationMembership) -> None:
    others = (
        OrganisationMembership.objects.filter(organisation=organisation, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise ValidationError(
            _("An organisation needs at least one owner. Make another member an owner first."),
            code="last_owner",
        )


@transaction.atomic
def membership_change_role(
    *, organisation: Organisation, membership_id: int, role: str
) -> OrganisationMembership:
    """Make a member an owner or an editor; the last owner cannot become an editor."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose owner or editor.")}, code="invalid")
    _lock_memberships(organisation)
    membership = OrganisationMembership.objects.get(organisation=organisation, pk=membership_id)
    if membership.role == role:
        return membership
    if membership.role == Role.OWNER:
        _ensure_another_owner(organisation, membership)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, membership_id: int) -> None:
    """Remove a member (their account stays) and revoke their API tokens for the organisation;
    the last owner cannot be removed."""
    _lock_memberships(organisation)
    membership = OrganisationMembership.objects.select_related("user").get(
        organisation=organisation, pk=membership_id
    )
    if membership.role == Role.OWNER:
        _ensure_another_owner(organisation, membership)
    api_tokens_revoke_for_member(user=membership.user, organisation=organisation)
    membership.delete()
