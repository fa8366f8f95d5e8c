"""The only gate between staff and consultations: every staff view and API endpoint goes through here."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from consult.accounts.roles import Right, has_right, staff_rights
from consult.consultations.models import Consultation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User


def consultations_for_staff(
    user: "User | AnonymousUser", right: Right = Right.VIEW
) -> QuerySet[Consultation]:
    """Consultations on which this user holds `right`: their department's if their role grants it
    (see `consult.accounts.roles`); every one for a superuser."""
    qs = Consultation.objects.select_related("department")
    if not has_right(user, right):
        return qs.none()
    if user.is_superuser:
        return qs
    department_id = getattr(user, "department_id", None)
    if not department_id:
        return qs.none()
    return qs.filter(department_id=department_id)


def consultation_for_staff(
    user: "User | AnonymousUser", slug: str, right: Right = Right.VIEW
) -> Consultation:
    """The consultation if this user holds `right` on it; 404 otherwise (its existence is not
    revealed)."""
    consultation = consultations_for_staff(user, right).filter(slug=slug).first()
    if consultation is None:
        raise Http404
    return consultation


def rights_on(user: "User | AnonymousUser", consultation: Consultation) -> frozenset[Right]:
    """The rights this user holds on this consultation (none on another department's), so pages
    offer only the actions the user may take."""
    rights = staff_rights(user)
    if user.is_superuser or consultation.department_id == getattr(user, "department_id", None):
        return rights
    return frozenset()
