"""Who responded and what they said: respondent, response, answers, clause comments."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consult.consultations.models import Consultation, ProposalSection, Question
from consult.core.models import TimeStampedModel

from .regions import AgeBand, Region


class Respondent(TimeStampedModel):
    """The person or organisation behind one response. Everything but the kind is optional."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("An individual")
        ORGANISATION = "organisation", _("An organisation")

    class Consent(models.TextChoices):
        NAMED = "named", _("Publish my response with my name")
        ANONYMOUS = "anonymous", _("Publish my response anonymously")
        NONE = "none", _("Do not publish my response")

    # Blank only while the response is a draft; submission requires it (see validation.py).
    kind = models.CharField(_("responding as"), max_length=16, choices=Kind.choices, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=2, choices=Region.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    email = models.EmailField(_("email"), blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    consent = models.CharField(_("publication"), max_length=16, choices=Consent.choices, blank=True)
    notice_version = models.CharField(
        _("privacy notice version accepted"), max_length=40, blank=True
    )
    # Nothing looks respondents up by creation time; every index is paid for on each insert.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)  # set after created_at

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="organisation") | ~Q(organisation_name=""),
                name="respondent_organisation_has_name",
            ),
            models.CheckConstraint(
                condition=~Q(consent="named") | ~Q(name="") | ~Q(organisation_name=""),
                name="respondent_named_consent_has_name",
            ),
            models.CheckConstraint(
                condition=Q(email_verified_at__isnull=True) | ~Q(email=""),
                name="respondent_verified_has_email",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation_name or self.name or f"{self.get_kind_display()} #{self.pk}"


class Response(TimeStampedModel):
    """One submission to one consultation, reached again through a private link."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        API = "api", _("API")
        CAMPAIGN = "campaign", _("Campaign")
        IMPORT = "import", _("Import")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="responses",
        db_index=False,  # the (consultation, status) and (consultation, id) indexes lead with it
        verbose_name=_("consultation"),
    )
    # The two organisation keys are empty for citizens' responses, most of them: their indexes
    # (partial, below) hold only the rows that have one.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        db_index=False,
        on_delete=models.PROTECT,
        related_name="submitted_responses",
        verbose_name=_("submitted through organisation"),
        help_text=_("Set when an organisation submitted this response for a consenting supporter."),
    )
    responding_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        db_index=False,
        on_delete=models.PROTECT,
        related_name="own_responses",
        verbose_name=_("responding as organisation"),
        help_text=_("Set when a verified organisation submitted its own response."),
    )
    respondent = models.OneToOneField(
        Respondent, on_delete=models.PROTECT, related_name="response", verbose_name=_("respondent")
    )
    reference = models.CharField(_("reference number"), max_length=20)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8)
    # The private link's token is an HMAC of this salt; only its SHA-256 is stored for look-up.
    access_salt = models.CharField(max_length=32, editable=False)
    access_token_hash = models.CharField(max_length=64, editable=False)
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, editable=False)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    # Lists and filters go by submission time; nothing looks responses up by creation time.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)  # set after created_at
    amended_at = models.DateTimeField(_("amended at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ("-submitted_at", "-id")
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="response_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(withdrawn_at__isnull=False),
                name="response_withdrawn_has_time",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["ja", "en"]), name="response_language_known"
            ),
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"], name="response_idempotency_key_unique"
            ),
            # Constraints rather than unique=True: PostgreSQL then keeps one index each, without
            # the extra pattern-ops index that LIKE look-ups would need and we never do.
            models.UniqueConstraint(fields=["reference"], name="response_reference_unique"),
            models.UniqueConstraint(fields=["access_token_hash"], name="response_token_unique"),
            # One standing response per organisation and consultation (it is amended, not
            # repeated); a withdrawn one does not count.
            models.UniqueConstraint(
                fields=["consultation", "responding_organisation"],
                condition=Q(responding_organisation__isnull=False) & ~Q(status="withdrawn"),
                name="response_one_per_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"], name="response_cons_status_idx"),
            # The API's list (newest first) and the export (keyset chunks by id) read a
            # consultation's responses in id order; without this, PostgreSQL may sort every
            # response of the consultation for each page.
            models.Index(fields=["consultation", "id"], name="response_cons_id_idx"),
            models.Index(
                fields=["organisation"],
                condition=Q(organisation__isnull=False),
                name="response_organisation_idx",
            ),
            models.Index(
                fields=["responding_organisation"],
                condition=Q(responding_organisation__isnull=False),
                name="response_responding_org_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Answer(models.Model):
    """The answer to one question. `value` holds the structured answer:
    likert → int 1–5; single_choice → choice key; multiple_choice / ranking → list of choice keys
    (ranking in order); free_text → the text, also kept in `text` for search and analysis."""

    id = models.BigAutoField(primary_key=True)
    # Indexed by the (response, question) unique constraint, which leads with it.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField()
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class ClauseComment(models.Model):
    """A comment on one clause of the proposal."""

    id = models.BigAutoField(primary_key=True)
    # Indexed by the (response, section) unique constraint, which leads with it.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="clause_comments", db_index=False
    )
    section = models.ForeignKey(ProposalSection, on_delete=models.PROTECT, related_name="comments")
    text = models.TextField()

    class Meta:
        verbose_name = _("clause comment")
        verbose_name_plural = _("clause comments")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "section"], name="comment_once_per_section"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.section_id}"


class SupporterConsent(models.Model):
    """A supporter's consent to an organisation submitting their response with its API key
    (outside a campaign, whose supporters' consent `CampaignSupport` records): when it was given,
    how it was collected, and whether the supporter agreed that the organisation may see their
    submission afterwards. Every response an organisation's key submits carries one."""

    class Method(models.TextChoices):
        ONLINE_FORM = "online_form", _("The organisation's own online form")
        PAPER = "paper", _("Signed paper form")
        EMAIL = "email", _("By email")
        IN_PERSON = "in_person", _("In person, recorded by the organisation")

    response = models.OneToOneField(
        Response,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="supporter_consent",
        verbose_name=_("response"),
    )
    share = models.BooleanField(
        _("shared with the organisation"),
        help_text=_("The supporter agreed that the organisation may see their submission."),
    )
    method = models.CharField(_("how consent was collected"), max_length=16, choices=Method.choices)
    consented_at = models.DateTimeField(_("consented at"))

    class Meta:
        verbose_name = _("supporter's consent")
        verbose_name_plural = _("supporters' consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=["online_form", "paper", "email", "in_person"]),
                name="supporter_consent_method_known",
            ),
        ]

    def __str__(self) -> str:
        return str(self.response_id)


def _attachment_name(instance: "ResponseAttachment", filename: str) -> str:
    """A random storage name: nothing the uploader chose reaches the file system."""
    import secrets

    return f"attachments/{secrets.token_hex(16)}"


class ResponseAttachment(TimeStampedModel):
    """A document attached to an organisation's response (PDF, DOCX or plain text).

    The type is detected from the content, never the name; the file is stored under a random name
    and only ever sent to staff as a download. Its text is extracted in the background, in a
    separate process with limits on time and memory (see `consult.responses.attachments`).
    """

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        DOCX = "docx", _("Word document (DOCX)")
        TXT = "txt", _("Plain text")

    class Extraction(models.TextChoices):
        PENDING = "pending", _("Text being extracted")
        DONE = "done", _("Text extracted")
        FAILED = "failed", _("Text could not be extracted")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("response")
    )
    original_name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(_("file"), upload_to=_attachment_name, max_length=200)
    extraction = models.CharField(
        _("text extraction"), max_length=8, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_error = models.CharField(_("extraction problem"), max_length=300, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    # What reports analyse: the start of the text with personal data and abuse replaced by
    # labels. Kept when the file and the extracted text are erased, so reports reproduce.
    analysed_text = models.TextField(_("text for analysis (redacted)"), blank=True)
    # Set when the retention period ended: the file, its name and extracted text are gone.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("response attachment")
        verbose_name_plural = _("response attachments")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=["pdf", "docx", "txt"]), name="attachment_kind_known"
            ),
            models.UniqueConstraint(fields=["response", "sha256"], name="attachment_once"),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        return ATTACHMENT_CONTENT_TYPES[self.kind]

    @property
    def problem(self) -> str:
        """Why the text could not be extracted, in the reader's language ("" if it could)."""
        if self.extraction != self.Extraction.FAILED:
            return ""
        return str(
            EXTRACTION_PROBLEMS.get(self.extraction_error, EXTRACTION_PROBLEMS["unreadable"])
        )


EXTRACTION_PROBLEMS = {
    "timeout": _(
        "Reading this file took too long, so its text is not used. Is it unusually built?"
    ),
    "too_large": _("This file expands far beyond its size, so its text is not used."),
    "encrypted": _("This file is protected by a password, so its text cannot be read."),
    "unreadable": _("This file is damaged or unusually built, so its text cannot be read."),
}


ATTACHMENT_CONTENT_TYPES: dict[str, str] = {
    ResponseAttachment.Kind.PDF: "application/pdf",
    ResponseAttachment.Kind.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ResponseAttachment.Kind.TXT: "text/plain; charset=utf-8",
}
