"""API tokens: create, revoke, authenticate. The key is random; only its SHA-256 is kept."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, Organisation, OrganisationMembership, User

KEY_PREFIX = "cst_"
MAX_DAYS = 366


def hash_key(key: str) -> str:
    """The SHA-256 kept in place of the key."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    access: str,
    organisation: Organisation | None = None,
    days: int = 90,
) -> tuple[ApiToken, str]:
    """Create a token for an official (no organisation) or for an organisation the user belongs
    to, read-only or read-write (`ApiToken.Access`, no default: the caller says which); return
    it and the key, which is shown once and never stored."""
    if access not in ApiToken.Access.values:
        raise ValidationError({"access": _("Choose read-only or read and write access.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("A token lives between 1 and %(n)d days.") % {"n": MAX_DAYS}}
        )
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": _("Give the token a name of up to 100 characters.")})
    if organisation is not None:
        if not OrganisationMembership.objects.filter(organisation=organisation, user=user).exists():
            raise PermissionDenied(_("You are not a member of this organisation."))
    elif not user.is_official and not user.is_superuser:
        raise PermissionDenied(_("Only officials or organisation members can create API tokens."))
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        access=access,
        prefix=key[: len(KEY_PREFIX) + 6],
        key_hash=hash_key(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_tokens_revoke_for_member(*, user: User, organisation: Organisation) -> int:
    """Revoke the user's live tokens that act for the organisation (when they leave it); their
    other tokens stay. Returns how many were revoked."""
    now = timezone.now()
    return ApiToken.objects.filter(
        user=user, organisation=organisation, revoked_at__isnull=True
    ).update(revoked_at=now, updated_at=now)


def api_token_authenticate(key: str) -> ApiToken | None:
    """The live token for a key (not expired, not revoked, user active and, for an
    organisation's token, still a member of it), or None.

    Removing a member revokes their organisation's tokens (`membership_remove`); the membership
    is checked here as well, in the same query, so a membership removed any other way (the admin,
    a script) cannot leave a token acting for an organisation its user no longer belongs to."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    now = timezone.now()
    still_member = Exists(
        OrganisationMembership.objects.filter(
            organisation=OuterRef("organisation"), user=OuterRef("user")
        )
    )
    token = (
        ApiToken.objects.select_related("user", "organisation", "user__department")
        .filter(
            Q(organisation__isnull=True) | still_member,
            key_hash=hash_key(key),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is not None and (
        token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5)
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
