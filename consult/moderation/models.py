"""The moderation queue (one item per free-text answer or clause comment), the configurable
reasons for decisions, and reports of responses made in someone's name without their consent.

No personal data is copied here: an item's `flags` hold spans (offsets and a kind) into the
original text, which stays in its answer or comment; `published_text` is what may be shown or
quoted, after the moderator's redactions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consult.consultations.models import Consultation
from consult.core.models import TimeStampedModel
from consult.responses.models import Answer, ClauseComment, Response

FLAG_KINDS = (
    "email",
    "phone",
    "my_number",
    "id_number",
    "address",
    "name",
    "url",
    "abuse",
    "link_spam",
    "all_caps",
)
FLAG_LABELS = {
    "email": _("Email address"),
    "phone": _("Phone number"),
    "my_number": _("My Number"),
    "id_number": _("ID or card number"),
    "address": _("Address"),
    "name": pgettext_lazy("personal data found", "Name"),
    "url": _("Personal link"),
    "abuse": _("Abusive language"),
    "link_spam": _("Link spam"),
    "all_caps": _("Shouting (capitals)"),
}
# The personal-data detector's kinds (`consult.analysis.pii`), in the queue's words.
PII_FLAG_KIND = {
    "email": "email",
    "phone": "phone",
    "my_number": "my_number",
    "id_number": "id_number",
    "postal_code": "address",
    "address": "address",
    "person_name": "name",
    "url_id": "url",
    "handle": "url",
}
PERSONAL_KINDS = frozenset({"email", "phone", "my_number", "id_number", "address", "name", "url"})


class ModerationReason(TimeStampedModel):
    """A reason a moderator can give for a decision (configurable in the admin)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_ja = models.CharField(_("label (Japanese)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "code")
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")

    def __str__(self) -> str:
        return self.code


class ModerationItemQuerySet(models.QuerySet["ModerationItem"]):
    def publishable(self) -> "ModerationItemQuerySet":
        return self.filter(
            status__in=[ModerationItem.Status.APPROVED, ModerationItem.Status.REDACTED]
        )


class ModerationItem(TimeStampedModel):
    """The moderation state of one free-text answer or one clause comment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REDACTED = "redacted", _("Redacted")
        REJECTED = "rejected", _("Rejected")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="moderation_items",
        db_index=False,  # the (consultation, status, id) index leads with it
        verbose_name=_("consultation"),
    )
    answer = models.OneToOneField(
        Answer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation",
        verbose_name=_("answer"),
    )
    clause_comment = models.OneToOneField(
        ClauseComment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation",
        verbose_name=_("clause comment"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    flags = models.JSONField(_("flags"), default=list, blank=True)
    # ",email,phone," — the distinct kinds of `flags`, for filtering the queue on any database.
    flag_kinds = models.CharField(_("flag kinds"), max_length=200, blank=True)
    text_hash = models.CharField(_("hash of the scanned text"), max_length=64)
    # `consult.analysis.pii.DETECTOR_VERSION` of the scan that set `flags` ("" when the flags
    # were not computed from the text, e.g. after erasure).
    pii_version = models.CharField(
        _("personal-data detector version"), max_length=20, blank=True, default=""
    )
    published_text = models.TextField(_("published text"), null=True, blank=True)
    auto = models.BooleanField(_("approved automatically"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.ForeignKey(
        ModerationReason,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("reason"),
    )
    original_erased_at = models.DateTimeField(_("original erased at"), null=True, blank=True)

    objects = ModerationItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation item")
        verbose_name_plural = _("moderation items")
        constraints = [
            models.CheckConstraint(
                condition=(Q(answer__isnull=False) & Q(clause_comment__isnull=True))
                | (Q(answer__isnull=True) & Q(clause_comment__isnull=False)),
                name="moderation_item_one_text",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "rejected"]) | Q(published_text__isnull=False),
                name="moderation_item_published_has_text",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["pending", "rejected"]) | Q(published_text__isnull=True),
                name="moderation_item_unpublished_no_text",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | Q(reason__isnull=False),
                name="moderation_item_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(auto=False) | Q(status="approved"),
                name="moderation_item_auto_is_approved",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status", "id"], name="moderation_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk} {self.status}"


class FalseAttributionReport(TimeStampedModel):
    """Someone says a response was made in their name without their consent."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld: set aside from counts")
        DISMISSED = "dismissed", _("Dismissed")

    STATEMENT_MAX = 2000

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="false_attribution_reports",
        verbose_name=_("response"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="false_attribution_reports",
        verbose_name=_("consultation"),
    )
    statement = models.TextField(_("statement"), max_length=STATEMENT_MAX)
    contact_email = models.EmailField(_("contact email"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    set_aside = models.BooleanField(_("set aside from counts"), default=False)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("statement erased at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("false-attribution report")
        verbose_name_plural = _("false-attribution reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(set_aside=False) | Q(status="upheld"),
                name="false_attribution_set_aside_upheld",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(reason=""),
                name="false_attribution_decided_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"], name="false_attr_cons_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.status}"
