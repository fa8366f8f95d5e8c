"""Organisation members' campaign pages: list, create, edit the template, publish, close,
dashboard and the export of consenting supporters' submissions."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consult.accounts.access import organisation_for_member
from consult.consultations.models import Consultation
from consult.core.i18n import current_language, localized
from consult.privacy.audit import audit_record
from consult.responses.forms import submission_from_post
from consult.responses.questionnaire import build_questionnaire
from consult.responses.submission import SubmissionInput, SubmissionInvalid

from ..access import campaign_for_member
from ..export import EXPORT_AUDIT_ACTION, export_filename, supporters_csv
from ..forms import CampaignForm, ConsultationChoiceForm, open_consultations
from ..models import Campaign
from ..selectors import campaign_dashboard, campaigns_of, counted_supports
from ..services import (
    CampaignContent,
    CampaignRefused,
    campaign_close,
    campaign_create,
    campaign_publish,
    campaign_update,
)
from .public import template_input


@login_required
@require_http_methods(["GET"])
def campaign_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_member(request.user, org_slug)
    return render(
        request,
        "campaigns/list.html",
        {
            "organisation": organisation,
            "campaigns": campaigns_of(organisation),
            "consultations": open_consultations(),
        },
    )


def _form_page(
    request: HttpRequest,
    *,
    organisation: object,
    consultation: Consultation,
    form: CampaignForm,
    data: SubmissionInput,
    campaign: Campaign | None = None,
    errors: dict[str, list[str]] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "campaigns/form.html",
        {
            "organisation": organisation,
            "consultation": consultation,
            "campaign": campaign,
            "meta_form": form,
            "form": build_questionnaire(consultation, data, errors),
            "refusal": refusal,
            "submission_id": uuid.uuid4().hex,
        },
        status=status,
    )


def _content(form: CampaignForm, data: SubmissionInput, slug: str) -> CampaignContent:
    c = form.cleaned_data
    return CampaignContent(
        slug=slug,
        title_ja=c.get("title_ja", ""),
        title_en=c.get("title_en", ""),
        message_ja=c.get("message_ja", ""),
        message_en=c.get("message_en", ""),
        template=data,
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_member(request.user, org_slug)
    chosen = request.POST.get("consultation") or request.GET.get("consultation")
    chooser = ConsultationChoiceForm({"consultation": chosen} if chosen else None)
    if not chooser.is_valid():
        return render(
            request,
            "campaigns/choose.html",
            {
                "organisation": organisation,
                "consultations": open_consultations(),
                "chooser": chooser,
            },
            status=400 if chooser.is_bound else 200,
        )
    consultation: Consultation = chooser.cleaned_data["consultation"]
    if not consultation.accepts_responses():
        return render(
            request,
            "campaigns/choose.html",
            {
                "organisation": organisation,
                "consultations": open_consultations(),
                "chooser": chooser,
                "refusal": _(
                    "“%(title)s” is not open for responses, so a campaign for it cannot be "
                    "created. Choose a consultation that is open now."
                )
                % {"title": localized(consultation, "title")},
            },
            status=400,
        )
    if request.method == "GET":
        return _form_page(
            request,
            organisation=organisation,
            consultation=consultation,
            form=CampaignForm(),
            data=SubmissionInput(),
        )
    form = CampaignForm(request.POST)
    data = submission_from_post(consultation, request.POST, current_language())
    if not form.is_valid():
        return _form_page(
            request,
            organisation=organisation,
            consultation=consultation,
            form=form,
            data=data,
            status=400,
        )
    try:
        campaign = campaign_create(
            organisation=organisation,
            consultation=consultation,
            content=_content(form, data, form.cleaned_data["slug"]),
            created_by=request.user,  # type: ignore[arg-type]
        )
    except SubmissionInvalid as exc:
        return _form_page(
            request,
            organisation=organisation,
            consultation=consultation,
            form=form,
            data=data,
            errors=exc.errors,
            status=400,
        )
    except ValidationError as exc:
        return _form_page(
            request,
            organisation=organisation,
            consultation=consultation,
            form=form,
            data=data,
            refusal=" ".join(exc.messages),
            status=400,
        )
    messages.success(request, _("The campaign has been saved as a draft."))
    return redirect("campaigns:edit", slug=campaign.slug)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for_member(request.user, slug)
    consultation = campaign.consultation
    if request.method == "GET":
        return _form_page(
            request,
            organisation=campaign.organisation,
            consultation=consultation,
            campaign=campaign,
            form=CampaignForm(instance=campaign, editing=True),
            data=template_input(campaign),
        )
    form = CampaignForm(request.POST, instance=Campaign.objects.get(pk=campaign.pk), editing=True)
    data = submission_from_post(consultation, request.POST, current_language())
    if not form.is_valid():
        return _form_page(
            request,
            organisation=campaign.organisation,
            consultation=consultation,
            campaign=campaign,
            form=form,
            data=data,
            status=400,
        )
    try:
        campaign_update(campaign=campaign, content=_content(form, data, campaign.slug))
    except SubmissionInvalid as exc:
        errors = exc.errors
        return _form_page(
            request,
            organisation=campaign.organisation,
            consultation=consultation,
            campaign=campaign,
            form=form,
            data=data,
            errors=errors,
            status=400,
        )
    except ValidationError as exc:
        return _form_page(
            request,
            organisation=campaign.organisation,
            consultation=consultation,
            campaign=campaign,
            form=form,
            data=data,
            refusal=" ".join(exc.messages),
            status=400,
        )
    messages.success(request, _("The campaign has been saved."))
    return redirect("campaigns:edit", slug=campaign.slug)


@login_required
@require_POST
def campaign_transition(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for_member(request.user, slug)
    action = request.POST.get("action")
    try:
        if action == "publish":
            campaign_publish(campaign=campaign)
            messages.success(request, _("The campaign is public. Share its link with supporters."))
        elif action == "close":
            campaign_close(campaign=campaign)
            messages.success(request, _("The campaign is closed: it takes no more supporters."))
        else:
            messages.error(request, _("Unknown action."))
    except CampaignRefused as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("campaigns:edit", slug=campaign.slug)


@login_required
@require_http_methods(["GET"])
def campaign_dashboard_view(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for_member(request.user, slug)
    dashboard = campaign_dashboard(campaign)
    peak = max((n for _day, n in dashboard.by_day), default=0)
    return render(
        request,
        "campaigns/dashboard.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "dashboard": dashboard,
            "peak": peak,
            "share_url": request.build_absolute_uri(
                reverse("campaigns:page", args=[campaign.slug])
            ),
        },
    )


@login_required
@require_http_methods(["GET"])
def campaign_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    campaign = campaign_for_member(request.user, slug)
    audit_record(
        user=request.user,
        action=EXPORT_AUDIT_ACTION,
        objects=counted_supports(campaign).filter(consent_share=True),
        request=request,
        consultation=campaign.consultation,
        reason=f"campaign {campaign.slug}",
    )
    response = StreamingHttpResponse(
        supporters_csv(campaign), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(campaign)}"'
    response["Cache-Control"] = "no-store"
    return response
