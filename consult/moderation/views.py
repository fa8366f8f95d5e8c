"""Moderators' pages (Right.MODERATE) and the public false-attribution form."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.core.spreadsheet import spreadsheet_cell
from consult.privacy.audit import audit_record, client_ip
from consult.privacy.models import AuditAction

from .forms import DecisionForm, FalseAttributionDecisionForm, FalseAttributionForm
from .models import FLAG_KINDS, FLAG_LABELS, FalseAttributionReport, ModerationItem
from .redaction import highlight_segments
from .selectors import (
    EXPORT_HEADER,
    decision_rows,
    false_attribution_reports,
    moderation_counts,
    moderation_item_for,
    moderation_queue,
)
from .services import (
    false_attribution_decide,
    false_attribution_report_create,
    item_original_text,
    moderation_approve,
    moderation_redact,
    moderation_reject,
)

PAGE_SIZE = 50
MAX_ID = 2**63 - 1
REPORTS_PER_HOUR = 10
"""False-attribution reports accepted from one address per hour (the form needs no account)."""
VIEW_ACTION = AuditAction.MODERATION_VIEW
EXPORT_ACTION = AuditAction.MODERATION_EXPORT
REPORT_VIEW_ACTION = AuditAction.FALSE_ATTRIBUTION_VIEW


@login_required
@require_GET
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.MODERATE)
    status = request.GET.get("status", "")[:20]
    kind = request.GET.get("kind", "")[:20]
    page = Paginator(moderation_queue(consultation, status=status, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "moderation/queue.html",
        {
            "consultation": consultation,
            "page": page,
            "rows": [
                (entry, [FLAG_LABELS[k] for k in entry.flag_kinds.split(",") if k in FLAG_LABELS])
                for entry in page
            ],
            "status": status,
            "kind": kind,
            "statuses": ModerationItem.Status.choices,
            "kinds": [(k, FLAG_LABELS[k]) for k in FLAG_KINDS],
            "counts": moderation_counts(consultation),
            "open_reports": FalseAttributionReport.objects.filter(
                consultation=consultation, status=FalseAttributionReport.Status.OPEN
            ).count(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.MODERATE)
    found = moderation_item_for(consultation, pk) if pk <= MAX_ID else None
    if found is None:
        raise Http404
    form = DecisionForm(
        request.POST if request.method == "POST" else None, flag_count=len(found.flags)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "approve":
                moderation_approve(item=found, user=request.user, reason=data["reason"])  # type: ignore[arg-type]
            elif data["action"] == "redact":
                moderation_redact(
                    item=found,
                    user=request.user,  # type: ignore[arg-type]
                    flag_indexes=data["flags"],
                    ranges=data["ranges"],
                    reason=data["reason"],
                )
            else:
                moderation_reject(item=found, user=request.user, reason=data["reason"])  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("moderation:queue", slug=consultation.slug)
    text = item_original_text(found)
    audit_record(
        user=request.user,
        action=VIEW_ACTION,
        objects=[found],
        request=request,
        consultation=consultation,
    )
    source = found.answer or found.clause_comment
    return render(
        request,
        "moderation/item.html",
        {
            "consultation": consultation,
            "item": found,
            "response": source.response if source is not None else None,
            "segments": [
                (piece, kinds, " ".join(str(FLAG_LABELS.get(k, k)) for k in kinds.split()))
                for piece, kinds in highlight_segments(text, found.flags)
            ],
            "flags": [
                {
                    "index": i,
                    "start": flag["start"],
                    "end": flag["end"],
                    "kind": flag["kind"],
                    "label": FLAG_LABELS.get(flag["kind"], flag["kind"]),
                    "text": text[int(flag["start"]) : int(flag["end"])],
                }
                for i, flag in enumerate(found.flags)
            ],
            "length": len(text),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.MODERATE)
    audit_record(
        user=request.user,
        action=EXPORT_ACTION,
        objects=[consultation],
        request=request,
        consultation=consultation,
    )
    writer = csv.writer(_Echo())

    def rows() -> object:
        yield "\ufeff" + writer.writerow(EXPORT_HEADER)
        for row in decision_rows(consultation):
            yield writer.writerow([spreadsheet_cell(value) for value in row])

    reply = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")  # type: ignore[arg-type]
    reply["Content-Disposition"] = (
        f'attachment; filename="moderation-decisions-{consultation.slug}.csv"'
    )
    return reply


@login_required
@require_GET
def reports(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.MODERATE)
    status = request.GET.get("status", "")[:20]
    page = Paginator(false_attribution_reports(consultation, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "moderation/reports.html",
        {
            "consultation": consultation,
            "page": page,
            "status": status,
            "statuses": FalseAttributionReport.Status.choices,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.MODERATE)
    report = (
        FalseAttributionReport.objects.filter(consultation=consultation, pk=pk)
        .select_related("response", "decided_by")
        .first()
        if pk <= MAX_ID
        else None
    )
    if report is None:
        raise Http404
    form = FalseAttributionDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            false_attribution_decide(
                report=report,
                user=request.user,  # type: ignore[arg-type]
                uphold=form.cleaned_data["decision"] == "uphold",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("moderation:reports", slug=consultation.slug)
    audit_record(
        user=request.user,
        action=REPORT_VIEW_ACTION,
        objects=[report],
        request=request,
        consultation=consultation,
    )
    return render(
        request,
        "moderation/report_detail.html",
        {"consultation": consultation, "report": report, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _report_allowed(request: HttpRequest) -> bool:
    """Whether this address may send another report this hour (counted in the cache only)."""
    key = f"moderation:misattribution:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= REPORTS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return True


@never_cache
@require_http_methods(["GET", "POST"])
def report_misattribution(request: HttpRequest) -> HttpResponse:
    initial = {"reference": request.GET.get("reference", "")[:20]}
    form = FalseAttributionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and not _report_allowed(request):
        form.is_valid()
        form.add_error(None, _("Too many reports from this connection. Please try again later."))
        return render(request, "moderation/misattribution.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            false_attribution_report_create(**form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return render(request, "moderation/misattribution_received.html")
    return render(
        request,
        "moderation/misattribution.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
