"""Respondents' rights through the private link, and the department's audit log for staff."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from consult.responses.models import Response
from consult.responses.services import response_for_token

from .audit import audit_record
from .disclosure import personal_data_for
from .erasure import response_erase
from .forms import AuditFilterForm
from .models import ActorKind, AuditAction, Erasure
from .selectors import audit_events_filter, audit_events_for, can_read_audit, consultation_slugs

AUDIT_PAGE_SIZE = 50


def _response_or_404(token: str) -> Response:
    response = response_for_token(token)
    if response is None:
        raise Http404
    return response


@never_cache
@require_GET
def my_data(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    data = personal_data_for(response)
    download = request.GET.get("format") == "json"
    audit_record(
        user=None,
        actor=ActorKind.RESPONDENT,
        action=AuditAction.SUBJECT_ACCESS,
        objects=[response],
        request=request,
        consultation=response.consultation,
        reason="json" if download else "page",
    )
    if download:
        body = json.dumps(data, ensure_ascii=False, indent=2)
        reply = HttpResponse(body, content_type="application/json; charset=utf-8")
        reply["Content-Disposition"] = f'attachment; filename="consult-{response.reference}.json"'
        return reply
    return render(
        request,
        "privacy/my_data.html",
        {"response": response, "consultation": response.consultation, "data": data, "token": token},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    erasure = Erasure.objects.filter(response=response).first()
    erased = erasure is not None and erasure.reason == Erasure.Reason.REQUEST
    if request.method == "POST":
        response_erase(response=response, request=request)
        return redirect("privacy:erase", token=token)
    return render(
        request,
        "privacy/erased.html" if erased else "privacy/erase.html",
        {
            "response": response,
            "consultation": response.consultation,
            "erasure": erasure,
            "token": token,
        },
    )


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit(request.user):
        raise PermissionDenied
    events = audit_events_for(request.user)
    actions = events.order_by().values_list("action", flat=True).distinct()
    form = AuditFilterForm(request.GET or None, actions=actions)
    status = 200
    if form.is_bound and not form.is_valid():
        events, status = events.none(), 400
    elif form.is_bound:
        events = audit_events_filter(
            events,
            username=form.cleaned_data["user"],
            action=form.cleaned_data["action"],
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
        )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    slugs = consultation_slugs(rows)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit.html",
        {
            "form": form,
            "page": page,
            "events": [(event, slugs.get(event.consultation_id or 0)) for event in rows],
            "query": query.urlencode(),
        },
        status=status,
    )
