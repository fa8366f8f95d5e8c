"""Civil-society campaigns: a group's message and template response, and the supporters who
started from it and made it their own."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consult.core.models import TimeStampedModel


def empty_template() -> dict[str, Any]:
    return {"answers": {}, "comments": {}}


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def public(self) -> "CampaignQuerySet":
        """Campaigns anyone with the link may see: published (active or since closed)."""
        return self.exclude(status=Campaign.Status.DRAFT)


class Campaign(TimeStampedModel):
    """An organisation's campaign on one consultation.

    `template` holds the template response in the submission's own shape:
    `{"answers": {question key: value}, "comments": {section number: text}}`, validated against
    the consultation's questionnaire like a (partial) submission.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("organisation"),
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("consultation"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    message_ja = models.TextField(_("message (Japanese, markdown)"), max_length=20000, blank=True)
    message_en = models.TextField(_("message (English, markdown)"), max_length=20000, blank=True)
    template = models.JSONField(_("template response"), default=empty_template)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "active", "closed"]),
                name="campaign_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(title_ja="") | ~Q(title_en=""), name="campaign_has_title"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="campaign_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="campaign_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"], name="campaign_cons_status_idx"),
        ]

    def __str__(self) -> str:
        return self.slug


class CampaignSupport(TimeStampedModel):
    """One supporter's response made through a campaign, with how far they made it their own.

    `edit_ratio` is 0 when the free texts are the template's word for word and 1 when nothing of
    the template's wording is left; `own_words_chars` counts characters the supporter added.
    `email_digest` (HMAC of the normalised email) lets the database refuse a second response to
    the same campaign from the same address without keeping another copy of the address.
    """

    class Via(models.TextChoices):
        WEB = "web", _("Campaign page")
        BULK = "bulk", _("Organisation's bulk submission")

    class ConsentMethod(models.TextChoices):
        CAMPAIGN_PAGE = "campaign_page", _("Ticked on the campaign page")
        ONLINE_FORM = "online_form", _("The organisation's own online form")
        PAPER = "paper", _("Signed paper form")
        EMAIL = "email", _("By email")
        IN_PERSON = "in_person", _("In person, recorded by the organisation")

    response = models.OneToOneField(
        "responses.Response",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="campaign_support",
        verbose_name=_("response"),
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="supports", verbose_name=_("campaign")
    )
    via = models.CharField(_("submitted via"), max_length=8, choices=Via.choices)
    template_edited = models.BooleanField(_("template edited"), default=False)
    edit_ratio = models.FloatField(_("share of the template text changed"), default=0.0)
    own_words_chars = models.PositiveIntegerField(_("characters of own words"), default=0)
    consent_share = models.BooleanField(
        _("shared with the organisation"),
        default=False,
        help_text=_("The supporter agreed that the organisation may see their submission."),
    )
    consent_method = models.CharField(
        _("how consent was collected"), max_length=16, choices=ConsentMethod.choices
    )
    consented_at = models.DateTimeField(_("consented at"))
    email_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("campaign supporter")
        verbose_name_plural = _("campaign supporters")
        constraints = [
            models.CheckConstraint(
                condition=Q(edit_ratio__gte=0.0) & Q(edit_ratio__lte=1.0),
                name="support_edit_ratio_range",
            ),
            models.CheckConstraint(
                condition=Q(template_edited=True) | Q(edit_ratio=0.0, own_words_chars=0),
                name="support_unedited_is_zero",
            ),
            models.CheckConstraint(condition=Q(via__in=["web", "bulk"]), name="support_via_known"),
            models.UniqueConstraint(
                fields=["campaign", "email_digest"],
                condition=~Q(email_digest=""),
                name="support_one_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "created_at"], name="support_campaign_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.response_id}"
