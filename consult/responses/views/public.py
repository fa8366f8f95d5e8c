"""The citizen journey: respond, review, submit, resume a draft, amend, withdraw, verify email."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consult.consultations.models import Consultation
from consult.core.i18n import current_language
from consult.integrity.services import submission_trace_record

from ..forms import (
    submission_from_post,
    submission_from_response,
)
from ..models import Response
from ..questionnaire import build_questionnaire
from ..services import (
    ConsultationNotOpen,
    IdempotencyConflict,
    respondent_verify_email,
    response_for_token,
    response_private_token,
    response_save_draft,
    response_submit,
    response_withdraw,
)
from ..submission import SubmissionInput, SubmissionInvalid, validate_submission
from .review_step import review_page, reviewed_submission


def _not_open(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    status = 200 if request.method == "GET" else 403
    return render(request, "responses/not_open.html", {"consultation": consultation}, status=status)


def _render_form(
    request: HttpRequest,
    consultation: Consultation,
    *,
    data: SubmissionInput | None,
    errors: dict[str, list[str]] | None = None,
    response: Response | None = None,
    submission_id: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "consultation": consultation,
        "form": build_questionnaire(consultation, data, errors),
        "response": response,
        "submission_id": submission_id or uuid.uuid4().hex,
        "action_url": request.path,
    }
    return render(request, "responses/respond.html", context, status=status)


def _handle(
    request: HttpRequest, consultation: Consultation, response: Response | None
) -> HttpResponse:
    """One handler for new responses and for editing a draft or a submitted one."""
    if not consultation.accepts_responses():
        return _not_open(request, consultation)
    if request.method == "GET":
        data = submission_from_response(response) if response else None
        return _render_form(request, consultation, data=data, response=response)

    language = current_language()
    submission_id = (request.POST.get("submission_id") or "")[:64] or uuid.uuid4().hex
    action = request.POST.get("action", "review")
    if action in ("submit", "edit"):
        data = reviewed_submission(request)
        if data is None:
            return _render_form(request, consultation, data=None, response=response, status=400)
        if action == "edit":
            return _render_form(
                request, consultation, data=data, response=response, submission_id=submission_id
            )
        return _submit(request, consultation, data, response, submission_id)

    data = submission_from_post(consultation, request.POST, language)

    def invalid(exc: SubmissionInvalid) -> HttpResponse:
        """The form again, as typed, with every problem beside its field and in the summary."""
        return _render_form(
            request,
            consultation,
            data=data,
            errors=exc.errors,
            response=response,
            submission_id=submission_id,
            status=400,
        )

    if action == "draft":
        if response is not None and response.status != Response.Status.DRAFT:
            action = "review"  # a submitted response is amended, never turned back into a draft
        else:
            try:
                saved = response_save_draft(consultation=consultation, data=data, response=response)
            except SubmissionInvalid as exc:
                return invalid(exc)
            messages.success(
                request,
                _("Your draft has been saved. Keep the private link below to come back to it."),
            )
            return redirect("responses:manage", token=response_private_token(saved))
    try:
        validate_submission(consultation=consultation, data=data, complete=True)
    except SubmissionInvalid as exc:
        return invalid(exc)
    return review_page(request, consultation, data, submission_id=submission_id, response=response)


def _submit(
    request: HttpRequest,
    consultation: Consultation,
    data: SubmissionInput,
    response: Response | None,
    submission_id: str,
) -> HttpResponse:
    try:
        saved, _created = response_submit(
            consultation=consultation,
            data=data,
            response=response,
            channel=Response.Channel.WEB,
            idempotency_key=None if response else f"web:{submission_id}",
        )
    except SubmissionInvalid as exc:
        return _render_form(
            request,
            consultation,
            data=data,
            errors=exc.errors,
            response=response,
            submission_id=submission_id,
            status=400,
        )
    except IdempotencyConflict as exc:
        messages.info(
            request,
            _("This response was already submitted. You can amend it from its private link."),
        )
        return redirect("responses:manage", token=response_private_token(exc.response))
    except ConsultationNotOpen:
        return _not_open(request, consultation)
    submission_trace_record(response=saved, request=request)
    return redirect("responses:receipt", token=response_private_token(saved))


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.public(), slug=slug)
    return _handle(request, consultation, None)


def _response_or_404(token: str) -> Response:
    response = response_for_token(token)
    if response is None:
        from django.http import Http404

        raise Http404
    return response


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    if response.status == Response.Status.WITHDRAWN:
        return redirect("responses:manage", token=token)
    if response.responding_organisation_id is not None:
        # An organisation's own response is amended by its members, as the organisation.
        return redirect(
            "organisations:amend",
            slug=response.responding_organisation.slug,  # type: ignore[union-attr]
            reference=response.reference,
        )
    return _handle(request, response.consultation, response)


@require_http_methods(["GET"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    return render(
        request,
        "responses/manage.html",
        {
            "response": response,
            "consultation": response.consultation,
            "token": token,
            "private_url": request.build_absolute_uri(reverse("responses:manage", args=[token])),
            "can_change": response.consultation.accepts_responses()
            and response.status != Response.Status.WITHDRAWN,
        },
    )


@require_http_methods(["GET"])
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    if response.status != Response.Status.SUBMITTED:
        return redirect("responses:manage", token=token)
    return render(
        request,
        "responses/receipt.html",
        {
            "response": response,
            "consultation": response.consultation,
            "token": token,
            "private_url": request.build_absolute_uri(reverse("responses:manage", args=[token])),
        },
    )


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    consultation = response.consultation
    if response.status == Response.Status.WITHDRAWN:
        return redirect("responses:manage", token=token)
    if not consultation.accepts_responses():
        return _not_open(request, consultation)
    if request.method == "POST":
        try:
            response_withdraw(response=response)
        except ConsultationNotOpen:
            return _not_open(request, consultation)
        messages.success(request, _("Your response has been withdrawn. It will not be counted."))
        return redirect("responses:manage", token=token)
    return render(
        request, "responses/withdraw.html", {"response": response, "consultation": consultation}
    )


@require_http_methods(["GET"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    response = respondent_verify_email(token=token)
    return render(
        request,
        "responses/verify_email.html",
        {"response": response},
        status=200 if response else 400,
    )
