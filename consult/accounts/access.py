"""The only gate between organisation members and their organisation's data.

Organisation members are non-staff accounts with a role (owner or editor) in an organisation
(`OrganisationMembership`). Every page or endpoint that shows or changes an organisation's data
gets the organisation through `organisation_for_member`; another organisation is a 404, so its
existence is not revealed. Staff rights on consultations are in `consult.consultations.access`.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from .models import Organisation, OrganisationMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

MEMBER_ROLES: tuple[str, ...] = tuple(OrganisationMembership.Role.values)
"""Every member role: what reading an organisation's own data needs."""

OWNER_ROLES: tuple[str, ...] = (OrganisationMembership.Role.OWNER,)
"""What managing the organisation's members needs."""


def organisations_for_member(
    user: "User | AnonymousUser", *, roles: Iterable[str] = MEMBER_ROLES
) -> QuerySet[Organisation]:
    """Organisations in which this active user holds one of `roles`; none for anyone else."""
    wanted = [str(role) for role in roles]
    unknown = set(wanted) - set(MEMBER_ROLES)
    if unknown:
        raise ValueError(f"unknown organisation roles: {sorted(unknown)}")
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        organisationmembership__user_id=user.pk, organisationmembership__role__in=wanted
    ).distinct()


def organisation_for_member(
    user: "User | AnonymousUser", slug: str, *, roles: Iterable[str] = MEMBER_ROLES
) -> Organisation:
    """The organisation with this slug if the user holds one of `roles` in it; 404 otherwise."""
    organisation = organisations_for_member(user, roles=roles).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def member_role(user: "User | AnonymousUser", organisation: Organisation) -> str | None:
    """The user's role in the organisation (owner or editor), or None for a non-member."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        OrganisationMembership.objects.filter(organisation=organisation, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )
