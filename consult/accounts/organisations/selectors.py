"""Reads for the organisation pages."""

from django.db.models import QuerySet

from consult.consultations.models import Consultation
from consult.responses.models import Response

from ..models import Organisation, OrganisationMembership


def memberships_of(organisation: Organisation) -> QuerySet[OrganisationMembership]:
    """The organisation's members, owners first, with their accounts."""
    return (
        OrganisationMembership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__username")  # "owner" sorts after "editor": reversed
    )


def organisations_for_review(status: str = "pending") -> QuerySet[Organisation]:
    """Organisations for the platform administrator: awaiting verification (default), verified,
    rejected or all."""
    qs = Organisation.objects.order_by("created_at")
    if status == "pending":
        return qs.filter(verified_at__isnull=True, rejected_at__isnull=True)
    if status == "verified":
        return qs.filter(verified_at__isnull=False).select_related("verified_by")
    if status == "rejected":
        return qs.filter(rejected_at__isnull=False)
    return qs


def own_responses(organisation: Organisation) -> QuerySet[Response]:
    """The organisation's own responses, newest first, with their consultations."""
    return (
        Response.objects.filter(responding_organisation=organisation)
        .select_related("consultation")
        .order_by("-created_at")
    )


def open_consultations() -> list[Consultation]:
    """Consultations that accept responses now (the window checked by time, as for citizens)."""
    candidates = Consultation.objects.public().filter(
        status__in=[Consultation.Status.SCHEDULED, Consultation.Status.OPEN]
    )
    return [c for c in candidates.order_by("closes_at") if c.accepts_responses()]
