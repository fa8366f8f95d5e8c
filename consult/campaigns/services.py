"""Writing campaigns and their supporters' responses.

A campaign is created as a draft by a member of its organisation, for a consultation that is
open; it goes public (`active`) only once the organisation has been verified by the platform, so
an unverified group cannot present a template under a name it does not own. Closing is final.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from consult.accounts.models import Organisation, User
from consult.consultations.models import Consultation, Question
from consult.consultations.questionnaire import Questionnaire, questionnaire_for
from consult.responses.models import Response
from consult.responses.services import response_submit
from consult.responses.submission import (
    CleanSubmission,
    RespondentInput,
    SubmissionInput,
    validate_submission,
)

from .edits import EditMeasure, measure_edits
from .models import Campaign, CampaignSupport

EMAIL_DIGEST_SALT = "consult.campaigns.supporter-email"


class CampaignRefused(ValidationError):
    """A campaign action refused for a reason the caller shows as it is (code tells which)."""


class AlreadySupported(CampaignRefused):
    """This supporter already responded through this campaign; `reference` is their response."""

    def __init__(self, message: str, *, reference: str):
        super().__init__(message, code="already_supported")
        self.reference = reference


@dataclass(frozen=True)
class CampaignContent:
    slug: str
    title_ja: str
    title_en: str
    message_ja: str
    message_en: str
    template: SubmissionInput


def normalised_email(email: str) -> str:
    return email.strip().lower()


def email_digest(email: str) -> str:
    """A keyed hash of the normalised address ('' without one): equal addresses match, the
    address itself is not stored again."""
    email = normalised_email(email)
    if not email:
        return ""
    return salted_hmac(EMAIL_DIGEST_SALT, email, algorithm="sha256").hexdigest()


def _ensure_consultation_open(consultation: Consultation) -> None:
    if not consultation.accepts_responses():
        raise CampaignRefused(
            _(
                "This consultation is not open for responses, so a campaign for it cannot be "
                "created or run."
            ),
            code="consultation_not_open",
        )


def clean_template(
    consultation: Consultation,
    template: SubmissionInput,
    questionnaire: Questionnaire | None = None,
) -> dict[str, Any]:
    """The template as stored, validated like a draft response (respondent details ignored)."""
    data = SubmissionInput(
        respondent=RespondentInput(),
        answers=dict(template.answers),
        comments=dict(template.comments),
        language=template.language,
    )
    clean = validate_submission(
        consultation=consultation, data=data, complete=False, questionnaire=questionnaire
    )
    return {"answers": clean.answers, "comments": clean.comments}


def _fill(campaign: Campaign, content: CampaignContent) -> None:
    campaign.title_ja = content.title_ja.strip()
    campaign.title_en = content.title_en.strip()
    campaign.message_ja = content.message_ja.strip()
    campaign.message_en = content.message_en.strip()
    campaign.template = clean_template(campaign.consultation, content.template)


@transaction.atomic
def campaign_create(
    *,
    organisation: Organisation,
    consultation: Consultation,
    content: CampaignContent,
    created_by: User | None,
) -> Campaign:
    """Create a draft campaign for an open consultation (refused otherwise)."""
    _ensure_consultation_open(consultation)
    campaign = Campaign(
        organisation=organisation,
        consultation=consultation,
        slug=content.slug,
        created_by=created_by,
    )
    _fill(campaign, content)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, content: CampaignContent) -> Campaign:
    """Change a campaign's texts and template (not its slug: the share link stays valid)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == Campaign.Status.CLOSED:
        raise CampaignRefused(_("A closed campaign cannot be changed."), code="campaign_closed")
    _ensure_consultation_open(campaign.consultation)
    _fill(campaign, content)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_publish(*, campaign: Campaign) -> Campaign:
    """Make a draft campaign public; only a verified organisation's, on an open consultation."""
    campaign = (
        Campaign.objects.select_for_update()
        .select_related("organisation", "consultation")
        .get(pk=campaign.pk)
    )
    if campaign.status != Campaign.Status.DRAFT:
        raise CampaignRefused(_("Only a draft campaign can be published."), code="not_draft")
    if campaign.organisation.verified_at is None:
        raise CampaignRefused(
            _(
                "Your organisation has not been verified yet. A campaign goes public once the "
                "platform has verified the organisation."
            ),
            code="organisation_not_verified",
        )
    _ensure_consultation_open(campaign.consultation)
    campaign.status = Campaign.Status.ACTIVE
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["status", "published_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    """Close a campaign: its page stays, it takes no more supporters."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == Campaign.Status.CLOSED:
        return campaign
    campaign.status = Campaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    if campaign.published_at is None:
        campaign.published_at = campaign.closed_at
    campaign.save(update_fields=["status", "closed_at", "published_at", "updated_at"])
    return campaign


def ensure_accepting(campaign: Campaign) -> None:
    """Refuse supporters unless the campaign is active and its consultation open."""
    if campaign.status != Campaign.Status.ACTIVE:
        raise CampaignRefused(
            _("This campaign is not taking supporters (it is closed or not yet published)."),
            code="campaign_not_active",
        )
    if not campaign.consultation.accepts_responses():
        raise CampaignRefused(
            _("The consultation this campaign is for is closed: no more responses are taken."),
            code="consultation_not_open",
        )


def free_text_keys(questionnaire: Questionnaire) -> set[str]:
    return {k for k, q in questionnaire.questions.items() if q.kind == Question.Kind.FREE_TEXT}


def support_measure(
    campaign: Campaign, clean: CleanSubmission, questionnaire: Questionnaire
) -> EditMeasure:
    template = campaign.template or {}
    return measure_edits(
        template_answers=dict(template.get("answers") or {}),
        template_comments={str(k): v for k, v in (template.get("comments") or {}).items()},
        answers=clean.answers,
        comments=clean.comments,
        text_keys=free_text_keys(questionnaire),
    )


def already_supported_message(reference: str) -> str:
    return _(
        "You have already responded through this campaign (reference %(reference)s). "
        "You can amend that response from its private link instead of sending another."
    ) % {"reference": reference}


def _existing_reference(campaign: Campaign, digest: str) -> str | None:
    if not digest:
        return None
    return (
        CampaignSupport.objects.filter(campaign=campaign, email_digest=digest)
        .values_list("response__reference", flat=True)
        .first()
    )


def campaign_support_submit(
    *,
    campaign: Campaign,
    data: SubmissionInput,
    consent_share: bool,
    idempotency_key: str | None = None,
    consent_method: str = CampaignSupport.ConsentMethod.CAMPAIGN_PAGE,
    consented_at: datetime | None = None,
) -> tuple[Response, bool]:
    """Submit a supporter's own response through a campaign page: channel `campaign`, submitted
    through the campaign's organisation, with a `CampaignSupport` row measuring the edits.

    Refused (`CampaignRefused`) when the campaign does not take supporters, and
    (`AlreadySupported`) when the same email address already responded through it. Returns the
    response and whether this call created it (False: a retry with the same idempotency key).
    """
    ensure_accepting(campaign)
    questionnaire = questionnaire_for(campaign.consultation)
    clean = validate_submission(
        consultation=campaign.consultation, data=data, complete=True, questionnaire=questionnaire
    )
    digest = email_digest(clean.respondent.email)
    existing = _existing_reference(campaign, digest)
    if existing is not None:
        raise AlreadySupported(already_supported_message(existing), reference=existing)
    try:
        with transaction.atomic():
            response, created = response_submit(
                consultation=campaign.consultation,
                data=data,
                channel=Response.Channel.CAMPAIGN,
                idempotency_key=idempotency_key,
                organisation=campaign.organisation,
            )
            if not created:
                return response, False
            existing = _existing_reference(campaign, digest)
            if existing is not None:
                raise AlreadySupported(already_supported_message(existing), reference=existing)
            measure = support_measure(campaign, clean, questionnaire)
            CampaignSupport.objects.create(
                response=response,
                campaign=campaign,
                via=CampaignSupport.Via.WEB,
                template_edited=measure.template_edited,
                edit_ratio=measure.edit_ratio,
                own_words_chars=measure.own_words_chars,
                consent_share=consent_share,
                consent_method=consent_method,
                consented_at=consented_at or timezone.now(),
                email_digest=digest,
            )
            return response, True
    except IntegrityError:
        # Two submissions with one address raced: the unique constraint let one through.
        existing = _existing_reference(campaign, digest)
        if existing is not None:
            raise AlreadySupported(
                already_supported_message(existing), reference=existing
            ) from None
        raise


def campaign_supports_forget_email(*, response_ids: list[int]) -> int:
    """Blank the email digests of these responses' campaign supports, when their respondents'
    email addresses are erased (at their request or at the end of retention): the digest is
    derived from the address, so it goes with it. Returns how many supports changed."""
    return (
        CampaignSupport.objects.filter(response_id__in=response_ids)
        .exclude(email_digest="")
        .update(email_digest="")
    )
