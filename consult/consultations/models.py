"""A consultation: a proposal clause by clause and a questionnaire, in Japanese and English."""

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consult.accounts.models import Department
from consult.core.i18n import localized
from consult.core.models import TimeStampedModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def public(self) -> "ConsultationQuerySet":
        """Consultations citizens may see: everything past draft."""
        return self.exclude(status=Consultation.Status.DRAFT)


class Consultation(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ANALYSED = "analysed", _("Analysed")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_ja = models.TextField(_("summary (Japanese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    body_ja = models.TextField(_("body (Japanese, markdown)"), blank=True)
    body_en = models.TextField(_("body (English, markdown)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    notice_version = models.CharField(_("privacy notice version"), max_length=40)
    notice_ja = models.TextField(_("purpose-of-use notice (Japanese)"))
    notice_en = models.TextField(_("purpose-of-use notice (English)"))
    published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    # Respondents' contact details and names are erased this many days after publication
    # (consult.privacy.retention); the texts are kept with personal data in them redacted.
    retention_days = models.PositiveIntegerField(
        _("retention of personal data after publication (days)"),
        default=365,
        help_text=_(
            "Days after the results are published before respondents' names and contact details "
            "are erased and replaced by pseudonyms."
        ),
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ("-opens_at", "slug")
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(opens_at__isnull=False) & Q(closes_at__isnull=False)),
                name="consultation_scheduled_has_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    def accepts_responses(self, now: datetime | None = None) -> bool:
        """Open for responses right now. The window is enforced by time, not only by the status,
        so a consultation closes on time even if the periodic status update has not run yet."""
        now = now or timezone.now()
        return (
            self.status in (self.Status.SCHEDULED, self.Status.OPEN)
            and self.opens_at is not None
            and self.closes_at is not None
            and self.opens_at <= now < self.closes_at
        )

    def current_status(self, now: datetime | None = None) -> str:
        """The status as citizens should see it at `now` (scheduled/open become open/closed on time)."""
        now = now or timezone.now()
        if self.status in (self.Status.SCHEDULED, self.Status.OPEN) and self.closes_at:
            if self.closes_at <= now:
                return self.Status.CLOSED
            if self.opens_at and self.opens_at <= now:
                return self.Status.OPEN
            return self.Status.SCHEDULED
        return str(self.status)

    def current_status_label(self) -> str:
        return str(self.Status(self.current_status()).label)


class ProposalSection(TimeStampedModel):
    """One clause of the proposal; citizens may comment on each."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("consultation"),
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20)
    title_ja = models.CharField(_("title (Japanese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    text_ja = models.TextField(_("text (Japanese, markdown)"))
    text_en = models.TextField(_("text (English, markdown)"))

    class Meta:
        ordering = ("consultation", "position")
        verbose_name = _("proposal section")
        verbose_name_plural = _("proposal sections")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="section_number_unique"
            ),
            models.UniqueConstraint(
                fields=["consultation", "position"], name="section_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {localized(self, 'title')}"


class Question(TimeStampedModel):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        LIKERT = "likert", _("Agree/disagree scale")
        FREE_TEXT = "free_text", _("Free text")
        RANKING = "ranking", _("Ranking")

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.RANKING)

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("consultation"),
    )
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_ja = models.TextField(_("question (Japanese)"))
    text_en = models.TextField(_("question (English)"))
    help_text_ja = models.TextField(_("help text (Japanese)"), blank=True)
    help_text_en = models.TextField(_("help text (English)"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    section = models.ForeignKey(
        ProposalSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)

    class Meta:
        ordering = ("consultation", "position")
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "key"], name="question_key_unique"),
            models.UniqueConstraint(
                fields=["consultation", "position"], name="question_position_unique"
            ),
            models.CheckConstraint(
                condition=~Q(kind="free_text") | Q(max_length__gte=1, max_length__lte=20000),
                name="question_free_text_has_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {localized(self, 'text')[:60]}"


class Choice(TimeStampedModel):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveIntegerField(_("position"))
    label_ja = models.CharField(_("label (Japanese)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)

    class Meta:
        ordering = ("question", "position")
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="choice_key_unique"),
            models.UniqueConstraint(fields=["question", "position"], name="choice_position_unique"),
        ]

    def __str__(self) -> str:
        return localized(self, "label")


class ConsultationRevision(models.Model):
    """The consultation's texts as they stood from `created_at` until the next revision.

    Every load of a document that changes what is stored (`consultation_load_document`) records
    one, with the whole document and the paths that changed, so an official can show what
    respondents read at any time and which wording changed after responses had arrived
    (`responses_before`). A consultation authored before revisions were kept gets its first one,
    as it then stood, when it is next changed.
    """

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("consultation"),
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("in effect from"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Empty when loaded from the command line."),
    )
    # Text, not jsonb: jsonb reorders keys, and the document is kept as it was written.
    document_json = models.TextField(_("consultation document"))
    changed = models.JSONField(
        _("changed"), default=list, help_text=_("The document paths that differ from the last.")
    )
    responses_before = models.PositiveIntegerField(
        _("responses before"), default=0, help_text=_("Responses submitted before it took effect.")
    )

    class Meta:
        ordering = ("consultation", "number")
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_revision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation.slug} #{self.number}"

    @property
    def document(self) -> dict[str, Any]:
        """The consultation document of this revision (`consultation_document`'s form)."""
        loaded: dict[str, Any] = json.loads(self.document_json)
        return loaded

    @document.setter
    def document(self, value: dict[str, Any]) -> None:
        self.document_json = self.encode(value)

    @staticmethod
    def encode(document: dict[str, Any]) -> str:
        """`document_json` for a document: its keys in the order they were written."""
        return json.dumps(document, ensure_ascii=False)


LIKERT_SCALE: "tuple[tuple[int, StrOrPromise], ...]" = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)
