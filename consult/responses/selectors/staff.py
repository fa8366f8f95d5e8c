"""Reads of responses for the official's staff pages."""

from django.db.models import Count, Q, QuerySet

from consult.consultations.models import Consultation

from ..models import Response


def responses_for_consultation(
    consultation: Consultation,
    *,
    status: str = "",
    channel: str = "",
    kind: str = "",
    language: str = "",
    region: str = "",
    search: str = "",
) -> QuerySet[Response]:
    qs = Response.objects.filter(consultation=consultation).select_related(
        "respondent", "responding_organisation"
    )
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if kind:
        qs = qs.filter(respondent__kind=kind)
    if language:
        qs = qs.filter(language=language)
    if region:
        qs = qs.filter(respondent__region=region)
    if search:
        qs = qs.filter(
            Q(reference__iexact=search)
            | Q(answers__text__icontains=search)
            | Q(clause_comments__text__icontains=search)
        ).distinct()
    return qs.order_by("-submitted_at", "-id")


def response_breakdown(consultation: Consultation) -> dict[str, list[tuple[str, int]]]:
    """Counts of submitted responses by channel, respondent kind, language and region."""
    submitted = Response.objects.filter(consultation=consultation, status=Response.Status.SUBMITTED)
    out: dict[str, list[tuple[str, int]]] = {}
    for name, fieldname in (
        ("channel", "channel"),
        ("kind", "respondent__kind"),
        ("language", "language"),
        ("region", "respondent__region"),
    ):
        rows = submitted.values(fieldname).annotate(n=Count("id")).order_by("-n")
        out[name] = [(row[fieldname] or "", row["n"]) for row in rows]
    return out


def response_detail_for_staff(consultation: Consultation, reference: str) -> Response | None:
    return (
        Response.objects.filter(consultation=consultation, reference=reference)
        .select_related("respondent", "responding_organisation")
        .prefetch_related("answers__question", "clause_comments__section")
        .first()
    )
