"""Report runs and their files; themes, their assignments to responses, and the review log.

A theme belongs to one *section* of a consultation: a free-text question (``question:<key>``) or
a clause (``clause:<number>``); each section is analysed as its own set of comments. Services
(`consult.reports.services`) do every write; these models hold data and invariants only.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consult.consultations.models import Consultation
from consult.core.models import TimeStampedModel
from consult.responses.models import Response

LANGUAGES = (("ja", "日本語"), ("en", "English"))
STEP_LABELS = {
    "snapshot": _("Reading the responses"),
    "analysis": _("Finding themes and stances"),
    "aggregate": _("Counting and summarising"),
    "render": _("Writing the files"),
}


class ReportRun(TimeStampedModel):
    """One execution of the report pipeline for a consultation, in one language."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="report_runs"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    step = models.CharField(_("step"), max_length=32, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Set each time a worker takes the run; past it, the reaper marks the run failed.
    deadline_at = models.DateTimeField(null=True, blank=True, editable=False)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    input_hash = models.CharField(_("input hash (SHA-256)"), max_length=64, blank=True)
    code_version = models.CharField(_("code version"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_runs",
    )
    celery_task_id = models.CharField(max_length=255, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # The input as read at the snapshot step (gzipped JSON lines), so a retried run reads the
    # same responses. Private: never offered for download.
    snapshot = models.FileField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(status__in=["queued", "running"]),
                name="report_run_one_active_per_consultation",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_run_progress_max"),
            models.CheckConstraint(
                condition=Q(language__in=["ja", "en"]), name="report_run_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def step_label(self) -> str:
        """The current step as officials read it."""
        return str(STEP_LABELS.get(self.step, self.step))


class ReportArtifact(TimeStampedModel):
    """A file a run produced, in default storage under an unguessable name."""

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="artifacts")
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ("run", "format")
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(fields=["run", "format"], name="artifact_once_per_format"),
        ]

    def __str__(self) -> str:
        return self.filename


class Theme(TimeStampedModel):
    """A theme of one section of a consultation, found by the engine or written by officials.

    Reviewed or edited themes (and those officials moved responses into) are the codebook of the
    next run. Deleting and merging are soft, so the review log keeps pointing somewhere.
    """

    class Source(models.TextChoices):
        CODEBOOK = "codebook", _("Codebook")
        DISCOVERED = "discovered", _("Discovered")
        CANDIDATE = "candidate", _("Candidate")
        OTHER = "other", _("Other")
        OFFICIAL = "official", _("Added by officials")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    section = models.CharField(_("section"), max_length=60)
    key = models.CharField(_("key"), max_length=80)
    label = models.CharField(_("label"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # The engine's label and description of the theme in the other language, from its comments
    # in that language: ``{"en": {"label": ..., "description": ...}}``. A report in that language
    # shows them; they go when officials give the theme a label of their own.
    translations = models.JSONField(_("label in other languages"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    deleted = models.BooleanField(_("deleted"), default=False)
    government_view = models.TextField(_("the government's view"), blank=True)
    last_run = models.ForeignKey(
        ReportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="themes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("consultation", "section", "id")
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "section", "key"], name="theme_key_unique_in_section"
            ),
            models.CheckConstraint(condition=~Q(label=""), name="theme_has_label"),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("id")),
                name="theme_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def label_in(self, language: str) -> tuple[str, str]:
        """The label and description to show in ``language``: the engine's in that language
        when it named the theme in it, else the theme's own."""
        other = (self.translations or {}).get(language)
        if isinstance(other, dict) and other.get("label"):
            return str(other["label"]), str(other.get("description") or "")
        return self.label, self.description

    @property
    def is_live(self) -> bool:
        return not self.deleted and self.merged_into_id is None


class ThemeAssignment(models.Model):
    """A response raises a theme (in the theme's section): by the engine, or set by an official.

    Officials' rows for a (response, section) are the full corrected set of its themes there.
    """

    class Source(models.TextChoices):
        ENGINE = "engine", _("Engine")
        OFFICIAL = "official", _("Official")

    id = models.BigAutoField(primary_key=True)
    # No single-column indexes on `response` and `theme`: the unique constraint's index
    # (response, theme, source) and `assignment_theme_source_idx` (theme, source) begin with them
    # and serve the same lookups. Each index costs every run that stores ~2 million assignments
    # at a million responses (measured: 2 million rows inserted in 39.8 s with them, 34.7 s
    # without).
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="theme_assignments", db_index=False
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="assignments", db_index=False
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    confidence = models.FloatField(default=1.0)
    run = models.ForeignKey(
        ReportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("theme assignment")
        verbose_name_plural = _("theme assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "theme", "source"], name="assignment_unique_per_source"
            ),
        ]
        indexes = [models.Index(fields=["theme", "source"], name="assignment_theme_source_idx")]

    def __str__(self) -> str:
        return f"{self.response_id} → {self.theme_id} ({self.source})"


class ThemeEdit(models.Model):
    """Append-only log of officials' review actions."""

    class Action(models.TextChoices):
        RENAME = "rename", _("Rename")
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        DELETE = "delete", _("Delete")
        MOVE = "move", _("Move responses")
        ADD = "add", _("Add")
        REVIEW = "review", _("Mark reviewed")
        GOVERNMENT_VIEW = "government_view", _("Government's view")
        CHECK = "check", _("Check a sampled response")

    id = models.BigAutoField(primary_key=True)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="theme_edits"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="edits"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("theme edit")
        verbose_name_plural = _("theme edits")

    def __str__(self) -> str:
        return f"{self.action} {self.theme_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Theme edits are append-only.")
        super().save(*args, **kwargs)


class UndeclaredCampaign(models.Model):
    """A near-duplicate cluster of one run that no declared campaign claims (see
    `consult.analysis.campaigns`): what officials triage. Texts are stored redacted; member
    responses by id only."""

    run = models.ForeignKey(
        ReportRun, on_delete=models.CASCADE, related_name="undeclared_campaigns"
    )
    section = models.CharField(_("section"), max_length=60)
    key = models.CharField(_("cluster key"), max_length=32)
    size = models.PositiveIntegerField(_("size"))
    canonical_text = models.TextField(_("canonical text (redacted)"))
    first_at = models.DateTimeField(_("first submission"), null=True, blank=True)
    last_at = models.DateTimeField(_("last submission"), null=True, blank=True)
    signals = models.JSONField(_("automation signals"), default=list, blank=True)
    samples = models.JSONField(_("sample texts (redacted)"), default=list, blank=True)
    response_ids = models.JSONField(_("member responses"), default=list, blank=True)

    class Meta:
        ordering = ("-size", "id")
        verbose_name = _("undeclared campaign")
        verbose_name_plural = _("undeclared campaigns")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "section", "key"], name="undeclared_campaign_once_per_run"
            ),
            models.CheckConstraint(condition=Q(size__gte=2), name="undeclared_campaign_size"),
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.key} ({self.size})"


class CampaignDecision(models.Model):
    """Officials' decision on an undeclared campaign, kept across runs: found again by its key
    (the canonical text's hash) or by sharing most of its member responses."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", _("Confirmed as a campaign")
        MERGE = "merge", _("Merged into a declared campaign")
        DISMISS = "dismiss", _("Dismissed: individual responses")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="campaign_decisions"
    )
    section = models.CharField(_("section"), max_length=60)
    key = models.CharField(_("cluster key"), max_length=32)
    action = models.CharField(_("decision"), max_length=8, choices=Action.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_clusters",
        verbose_name=_("declared campaign"),
    )
    canonical_text = models.TextField(_("canonical text (redacted)"), blank=True)
    response_ids = models.JSONField(_("member responses when decided"), default=list)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        ordering = ("-decided_at", "-id")
        verbose_name = _("campaign decision")
        verbose_name_plural = _("campaign decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "section", "key"], name="campaign_decision_once"
            ),
            models.CheckConstraint(
                condition=Q(action="merge", campaign__isnull=False)
                | (~Q(action="merge") & Q(campaign__isnull=True)),
                name="campaign_decision_merge_has_campaign",
            ),
            models.CheckConstraint(
                condition=Q(action__in=["confirm", "merge", "dismiss"]),
                name="campaign_decision_action_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.key}: {self.action}"
