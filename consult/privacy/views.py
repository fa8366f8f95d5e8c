"""The department's audit log for staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import AuditFilterForm
from .selectors import audit_events_filter, audit_events_for, can_read_audit, consultation_slugs

AUDIT_PAGE_SIZE = 50


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
