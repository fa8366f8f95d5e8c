"""An organisation's own response, from its page: the response form with the respondent fixed
as the organisation, review, submit; then its attachments."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from consult.accounts.access import organisation_for_member
from consult.accounts.models import Organisation, User
from consult.consultations.models import Consultation
from consult.core.i18n import current_language

from ..attachments.detect import AttachmentRejected
from ..attachments.limits import limit
from ..attachments.services import attachment_add, attachment_remove
from ..attachments.uploads import limit_upload_size, upload_was_too_big
from ..forms import (
    submission_from_post,
    submission_from_response,
)
from ..models import Response, ResponseAttachment
from ..organisation import (
    OrganisationMayNotRespond,
    as_organisation,
    organisation_response_for,
    organisation_response_submit,
)
from ..questionnaire import build_questionnaire
from ..services import ConsultationNotOpen
from ..submission import RespondentInput, SubmissionInput, SubmissionInvalid, validate_submission
from .review_step import review_page, reviewed_submission

ABOUT_TEMPLATE = "organisations/includes/about_organisation.html"


def _member_org(request: HttpRequest, slug: str) -> Organisation:
    return organisation_for_member(request.user, slug)


def _own_response(organisation: Organisation, reference: str) -> Response:
    response = (
        Response.objects.select_related("consultation", "respondent")
        .filter(responding_organisation=organisation, reference=reference)
        .first()
    )
    if response is None:
        raise Http404
    return response


def _render_form(
    request: HttpRequest,
    organisation: Organisation,
    consultation: Consultation,
    data: SubmissionInput,
    *,
    response: Response | None,
    errors: dict[str, list[str]] | None = None,
    submission_id: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "responses/respond.html",
        {
            "consultation": consultation,
            "organisation": organisation,
            "form": build_questionnaire(consultation, data, errors),
            "response": response,
            "submission_id": submission_id or uuid.uuid4().hex,
            "action_url": request.path,
            "about_template": ABOUT_TEMPLATE,
            "no_drafts": True,
        },
        status=status,
    )


def _refused(request: HttpRequest, organisation: Organisation, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("organisations:detail", slug=organisation.slug)


def _journey(
    request: HttpRequest,
    organisation: Organisation,
    consultation: Consultation,
    response: Response | None,
) -> HttpResponse:
    if not organisation.is_verified:
        return _refused(
            request,
            organisation,
            _("Your organisation must be verified before it can respond as an organisation."),
        )
    if not consultation.accepts_responses():
        return render(
            request,
            "responses/not_open.html",
            {"consultation": consultation},
            status=200 if request.method == "GET" else 403,
        )
    if request.method == "GET":
        if response is not None:
            data = submission_from_response(response)
        else:
            user = request.user
            data = SubmissionInput(
                respondent=RespondentInput(
                    name=organisation.contact_name,
                    email=organisation.contact_email or getattr(user, "email", ""),
                    consent="named",
                ),
                language=current_language(),
            )
        data = as_organisation(data, organisation)
        return _render_form(request, organisation, consultation, data, response=response)

    submission_id = (request.POST.get("submission_id") or "")[:64] or uuid.uuid4().hex
    action = request.POST.get("action", "review")
    if action in ("submit", "edit"):
        parsed = reviewed_submission(request)
        if parsed is None:
            data = as_organisation(SubmissionInput(), organisation)
            return _render_form(
                request, organisation, consultation, data, response=response, status=400
            )
        data = as_organisation(parsed, organisation)
        if action == "edit":
            return _render_form(
                request,
                organisation,
                consultation,
                data,
                response=response,
                submission_id=submission_id,
            )
        try:
            saved = organisation_response_submit(
                organisation=organisation,
                consultation=consultation,
                data=data,
                response=response,
                submission_id=submission_id,
            )
        except SubmissionInvalid as exc:
            return _render_form(
                request,
                organisation,
                consultation,
                data,
                response=response,
                errors=exc.errors,
                submission_id=submission_id,
                status=400,
            )
        except OrganisationMayNotRespond as exc:
            return _refused(request, organisation, exc.messages[0])
        except ConsultationNotOpen:
            return render(
                request, "responses/not_open.html", {"consultation": consultation}, status=403
            )
        messages.success(
            request,
            _("Your organisation's response is submitted. You can add documents to it below."),
        )
        return redirect("organisations:response", slug=organisation.slug, reference=saved.reference)

    data = as_organisation(
        submission_from_post(consultation, request.POST, current_language()), organisation
    )
    try:
        validate_submission(consultation=consultation, data=data, complete=True)
    except SubmissionInvalid as exc:
        return _render_form(
            request,
            organisation,
            consultation,
            data,
            response=response,
            errors=exc.errors,
            submission_id=submission_id,
            status=400,
        )
    return review_page(request, consultation, data, submission_id=submission_id, response=response)


@login_required
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str, consultation: str) -> HttpResponse:
    organisation = _member_org(request, slug)
    target = get_object_or_404(Consultation.objects.public(), slug=consultation)
    existing = organisation_response_for(organisation, target)
    if existing is not None:
        messages.info(
            request,
            _("Your organisation has responded to this consultation already. Amend that response."),
        )
        return redirect(
            "organisations:response", slug=organisation.slug, reference=existing.reference
        )
    return _journey(request, organisation, target, None)


@login_required
@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    organisation = _member_org(request, slug)
    response = _own_response(organisation, reference)
    if response.status == Response.Status.WITHDRAWN:
        return redirect("organisations:response", slug=slug, reference=reference)
    return _journey(request, organisation, response.consultation, response)


@csrf_exempt  # only so the size limit is in place before the CSRF check reads the body
@login_required
@require_http_methods(["GET", "POST"])
def response_page(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    limit_upload_size(request)
    return _response_page(request, slug, reference)


@csrf_protect
def _response_page(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    """The organisation's response: its status and attachments (add / remove)."""
    organisation = _member_org(request, slug)
    response = _own_response(organisation, reference)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload_was_too_big(request):
            error = _("This file is larger than %(limit)d MB. Make it smaller or split it.") % {
                "limit": limit("MAX_BYTES") // (1024 * 1024)
            }
        elif upload is None:
            error = _("Choose a file to attach.")
        else:
            try:
                attachment_add(response=response, upload=upload, user=_user(request))
            except AttachmentRejected as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    _("The file is attached. Its text is being read for the analysis."),
                )
                return redirect("organisations:response", slug=slug, reference=reference)
    changeable = (
        response.consultation.accepts_responses() and response.status != Response.Status.WITHDRAWN
    )
    return render(
        request,
        "organisations/response.html",
        {
            "organisation": organisation,
            "response": response,
            "consultation": response.consultation,
            "attachments": response.attachments.all(),
            "changeable": changeable,
            "error": error,
            "max_mb": limit("MAX_BYTES") // (1024 * 1024),
            "max_files": limit("MAX_FILES"),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, slug: str, reference: str, pk: int) -> HttpResponse:
    organisation = _member_org(request, slug)
    response = _own_response(organisation, reference)
    attachment = get_object_or_404(ResponseAttachment, response=response, pk=pk)
    try:
        attachment_remove(attachment=attachment)
    except AttachmentRejected as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The file is removed."))
    return redirect("organisations:response", slug=slug, reference=reference)


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None
