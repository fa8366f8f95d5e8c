"""The only gate between staff and consultations: every staff view and API endpoint goes through here."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from consult.consultations.models import Consultation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User


def consultations_for_staff(user: "User | AnonymousUser") -> QuerySet[Consultation]:
    """Consultations this user may manage: their department's; every one for a superuser."""
    qs = Consultation.objects.select_related("department")
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return qs.none()
    if user.is_superuser:
        return qs
    department_id = getattr(user, "department_id", None)
    if not department_id:
        return qs.none()
    return qs.filter(department_id=department_id)


def consultation_for_staff(user: "User | AnonymousUser", slug: str) -> Consultation:
    """The consultation if this user may manage it; 404 otherwise (its existence is not revealed)."""
    consultation = consultations_for_staff(user).filter(slug=slug).first()
    if consultation is None:
        raise Http404
    return consultation
