"""The platform administrator's verification page: verify or reject registered organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Organisation
from . import selectors, services
from .forms import RejectForm

STATUSES = ("pending", "verified", "rejected", "all")


def _platform_admin_or_404(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        raise Http404


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    _platform_admin_or_404(request)
    status = request.GET.get("status", "pending")
    if status not in STATUSES:
        status = "pending"
    return render(
        request,
        "organisations/staff_list.html",
        {
            "organisations": selectors.organisations_for_review(status)[:500],
            "status": status,
            "statuses": STATUSES,
            "reject_form": RejectForm(),
        },
    )


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    _platform_admin_or_404(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    services.organisation_verify(organisation=organisation, by=request.user, request=request)
    messages.success(request, _("%(name)s is verified.") % {"name": organisation.name})
    return redirect("organisations:staff-list")


@login_required
@require_POST
def organisation_reject(request: HttpRequest, slug: str) -> HttpResponse:
    _platform_admin_or_404(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.organisation_reject(
                organisation=organisation,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("%(name)s is rejected.") % {"name": organisation.name})
            return redirect("organisations:staff-list")
    return render(
        request,
        "organisations/staff_reject.html",
        {"organisation": organisation, "form": form},
        status=400,
    )
