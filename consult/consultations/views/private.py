"""Staff pages for consultations: dashboard and lifecycle. Every view goes through access.py."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.accounts.roles import Right

from .. import services
from ..access import consultation_for_staff, consultations_for_staff
from ..models import Consultation
from ..selectors import consultations_with_counts

TRANSITIONS: dict[str, Callable[..., Consultation]] = {
    "open": services.consultation_open,
    "close": services.consultation_close,
    "mark_analysed": services.consultation_mark_analysed,
    "publish": services.consultation_publish,
}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    consultations = consultations_with_counts(consultations_for_staff(request.user, Right.VIEW))
    return render(request, "staff/dashboard.html", {"consultations": consultations})


@login_required
@require_POST
def transition(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.TRANSITION)
    action = TRANSITIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            action(consultation=consultation)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return redirect("staff:consultation", slug=slug)
