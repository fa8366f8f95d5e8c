"""The official's view of a consultation's responses. Access goes through consultation_for_staff."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff, rights_on
from consult.consultations.selectors import consultation_revisions
from consult.privacy.audit import audit_record
from consult.privacy.models import AuditAction

from ..models import Respondent, Response
from ..regions import Region
from ..selectors import (
    response_breakdown,
    response_detail_for_staff,
    responses_for_consultation,
    submitted_on_behalf,
)

FILTERS = ("status", "channel", "kind", "language", "region", "search")


@login_required
def consultation_overview(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.VIEW)
    # A NUL means nothing in a filter, and PostgreSQL cannot compare text holding one.
    filters = {name: request.GET.get(name, "")[:200].replace("\x00", "") for name in FILTERS}
    page = Paginator(responses_for_consultation(consultation, **filters), 50).get_page(
        request.GET.get("page")
    )
    labels: dict[str, dict[str, str]] = {
        "channel": {k: str(v) for k, v in Response.Channel.choices},
        "kind": {k: str(v) for k, v in Respondent.Kind.choices},
        "region": {k: str(v) for k, v in Region.choices},
        "language": {"ja": "日本語", "en": "English"},
    }
    breakdown = {
        name: [(labels[name].get(value, value or "—"), n) for value, n in rows]
        for name, rows in response_breakdown(consultation).items()
    }
    return render(
        request,
        "staff/consultation.html",
        {
            "consultation": consultation,
            "rights": rights_on(request.user, consultation),
            "page": page,
            "filters": filters,
            "breakdown": breakdown,
            "revisions": list(consultation_revisions(consultation)),
            "statuses": Response.Status.choices,
            "channels": Response.Channel.choices,
            "kinds": Respondent.Kind.choices,
            "regions": Region.choices,
        },
    )


@login_required
def response_detail(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.VIEW_PERSONAL_DATA)
    response = response_detail_for_staff(consultation, reference)
    if response is None:
        raise Http404
    audit_record(
        user=request.user,
        action=AuditAction.RESPONSE_VIEW,
        objects=[response],
        request=request,
        consultation=consultation,
    )
    return render(
        request,
        "staff/response.html",
        {
            "consultation": consultation,
            "response": response,
            "on_behalf": submitted_on_behalf(response),
        },
    )
