"""The public campaign page and the supporter's own response, started from the template."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consult.core.i18n import current_language, localized
from consult.core.markdown import render_markdown
from consult.responses.forms import submission_from_post
from consult.responses.questionnaire import build_questionnaire
from consult.responses.services import IdempotencyConflict, response_private_token
from consult.responses.submission import SubmissionInput, SubmissionInvalid, validate_submission
from consult.responses.views.review_step import review_page, reviewed_submission

from ..models import Campaign
from ..selectors import campaign_public
from ..services import (
    AlreadySupported,
    CampaignRefused,
    already_supported_message,
    campaign_support_submit,
    ensure_accepting,
)

SESSION_KEY = "campaigns_supported"


def _campaign_or_404(slug: str) -> Campaign:
    campaign = campaign_public(slug)
    if campaign is None:
        raise Http404
    return campaign


def template_input(campaign: Campaign) -> SubmissionInput:
    """The campaign's template as a submission to pre-fill the response form with."""
    template = campaign.template or {}
    return SubmissionInput(
        answers=dict(template.get("answers") or {}),
        comments={str(k): str(v) for k, v in (template.get("comments") or {}).items()},
        language=current_language(),
    )


def _accepting(campaign: Campaign) -> bool:
    try:
        ensure_accepting(campaign)
    except CampaignRefused:
        return False
    return True


def _session_reference(request: HttpRequest, campaign: Campaign) -> str | None:
    supported = request.session.get(SESSION_KEY) or {}
    reference = supported.get(campaign.slug) if isinstance(supported, dict) else None
    return str(reference) if reference else None


def _remember(request: HttpRequest, campaign: Campaign, reference: str) -> None:
    supported = request.session.get(SESSION_KEY)
    supported = dict(supported) if isinstance(supported, dict) else {}
    supported[campaign.slug] = reference
    request.session[SESSION_KEY] = supported


def _already(request: HttpRequest, campaign: Campaign, reference: str) -> HttpResponse:
    return render(
        request,
        "campaigns/already.html",
        {
            "campaign": campaign,
            "reference": reference,
            "message": already_supported_message(reference),
        },
        status=200 if request.method == "GET" else 409,
    )


def _refused(request: HttpRequest, campaign: Campaign, message: str = "") -> HttpResponse:
    return render(
        request,
        "campaigns/not_accepting.html",
        {"campaign": campaign, "consultation": campaign.consultation, "message": message},
        status=200 if request.method == "GET" else 409,
    )


@require_http_methods(["GET"])
def campaign_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(slug)
    return render(
        request,
        "campaigns/page.html",
        {
            "campaign": campaign,
            "consultation": campaign.consultation,
            "organisation": campaign.organisation,
            "title": localized(campaign, "title"),
            "message_html": render_markdown(localized(campaign, "message")),
            "form": build_questionnaire(campaign.consultation, template_input(campaign), None),
            "accepting": _accepting(campaign),
            "existing_reference": _session_reference(request, campaign),
            "share_url": request.build_absolute_uri(request.path),
        },
    )


def _render_form(
    request: HttpRequest,
    campaign: Campaign,
    data: SubmissionInput,
    *,
    errors: dict[str, list[str]] | None = None,
    share: bool = False,
    submission_id: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "campaigns/respond.html",
        {
            "campaign": campaign,
            "consultation": campaign.consultation,
            "organisation": campaign.organisation,
            "title": localized(campaign, "title"),
            "form": build_questionnaire(campaign.consultation, data, errors),
            "share": share,
            "submission_id": submission_id or uuid.uuid4().hex,
            "action_url": request.path,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def campaign_respond(request: HttpRequest, slug: str) -> HttpResponse:
    """The normal response form pre-filled from the template; the supporter changes anything,
    gives their own details and consent, checks it on the review page and submits as
    themselves."""
    campaign = _campaign_or_404(slug)
    if not _accepting(campaign):
        return _refused(request, campaign)
    reference = _session_reference(request, campaign)
    if reference:
        return _already(request, campaign, reference)
    if request.method == "GET":
        return _render_form(request, campaign, template_input(campaign))
    consultation = campaign.consultation
    share = request.POST.get("share") == "1"
    submission_id = (request.POST.get("submission_id") or "")[:64] or uuid.uuid4().hex
    # Filled in → "review" (checked, shown back) → "submit" or "edit" with the reviewed answers;
    # a form posted with no action (an older page) submits at once, as it always did.
    action = request.POST.get("action", "")
    if action in ("submit", "edit"):
        reviewed = reviewed_submission(request)
        if reviewed is None:
            return _render_form(request, campaign, template_input(campaign), status=400)
        if action == "edit":
            return _render_form(
                request, campaign, reviewed, share=share, submission_id=submission_id
            )
        data = reviewed
    else:
        data = submission_from_post(consultation, request.POST, current_language())

    def invalid(exc: SubmissionInvalid) -> HttpResponse:
        """The form again, as sent, with every problem beside its field and in the summary."""
        return _render_form(
            request,
            campaign,
            data,
            errors=exc.errors,
            share=share,
            submission_id=submission_id,
            status=400,
        )

    if action == "review":
        try:
            validate_submission(consultation=consultation, data=data, complete=True)
        except SubmissionInvalid as exc:
            return invalid(exc)
        return review_page(
            request,
            consultation,
            data,
            submission_id=submission_id,
            campaign=campaign,
            organisation=campaign.organisation,
            share=share,
        )
    try:
        response, _created = campaign_support_submit(
            campaign=campaign,
            data=data,
            consent_share=share,
            idempotency_key=f"campaign:{campaign.pk}:{submission_id}",
        )
    except SubmissionInvalid as exc:
        return invalid(exc)
    except IdempotencyConflict:
        # This form was already sent with other content: offer it again as a new submission.
        messages.error(
            request,
            _("This form was already sent with different answers. Check them and submit again."),
        )
        return _render_form(request, campaign, data, share=share, status=409)
    except AlreadySupported as exc:
        _remember(request, campaign, exc.reference)
        return _already(request, campaign, exc.reference)
    except CampaignRefused as exc:
        return _refused(request, campaign, " ".join(exc.messages))
    _remember(request, campaign, response.reference)
    return redirect("responses:receipt", token=response_private_token(response))
