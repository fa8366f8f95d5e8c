"""Reads of responses for the official's staff pages."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, QuerySet

from consult.consultations.models import Consultation

from ..models import Response
from .filters import search_condition


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
        # The same condition as the API's list: EXISTS per response, not a join of its answers
        # and clause comments made distinct again.
        qs = qs.filter(search_condition(search))
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
        .select_related(
            "respondent",
            "responding_organisation",
            "organisation",
            "supporter_consent",
            "campaign_support__campaign",
        )
        .prefetch_related("answers__question", "clause_comments__section")
        .first()
    )


@dataclass(frozen=True)
class OnBehalf:
    """How a response came through an organisation: which, by which campaign (if any), and the
    supporter's consent as recorded (None: submitted before a record was required)."""

    organisation: Any
    campaign: Any
    method: str | None
    consented_at: datetime | None
    shared: bool | None


def submitted_on_behalf(response: Response) -> OnBehalf | None:
    """The organisation and consent behind a supporter's response, or None for a response
    nobody submitted on anyone's behalf. Reads what `response_detail_for_staff` selected."""
    try:
        support: Any = response.campaign_support
    except ObjectDoesNotExist:
        support = None
    try:
        consent: Any = response.supporter_consent
    except ObjectDoesNotExist:
        consent = None
    if support is not None:
        return OnBehalf(
            organisation=response.organisation or support.campaign.organisation,
            campaign=support.campaign,
            method=support.get_consent_method_display(),
            consented_at=support.consented_at,
            shared=support.consent_share,
        )
    if response.organisation is None:
        return None
    if consent is None:
        return OnBehalf(response.organisation, None, None, None, None)
    return OnBehalf(
        organisation=response.organisation,
        campaign=None,
        method=consent.get_method_display(),
        consented_at=consent.consented_at,
        shared=consent.share,
    )
