"""The audit log, the per-consultation pseudonym keys and the record of erasures."""

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consult.core.models import TimeStampedModel
from consult.responses.models import Response


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditAction(models.TextChoices):
    """The actions recorded today. `AuditEvent.action` is a free dotted code (other parts of the
    project may record their own); these are the ones with a label."""

    RESPONSE_VIEW = "response.view", _("Viewed a response with respondent details")
    RESPONSES_EXPORT = "responses.export", _("Exported responses")
    RETENTION_ERASE = "retention.erase", _("Erased personal data at the end of retention")
    REQUEST_ERASE = "response.erase", _("Erased a response at the respondent's request")
    SUBJECT_ACCESS = "response.subject_access", _("Respondent viewed or downloaded their data")
    MODERATION_VIEW = "moderation.view_original", _("Viewed an original text for moderation")
    MODERATION_EXPORT = "moderation.export", _("Exported moderation decisions")
    FALSE_ATTRIBUTION_VIEW = (
        "moderation.view_false_attribution",
        _("Viewed a report of false attribution"),
    )


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    SYSTEM = "system", _("System")
    RESPONDENT = "respondent", _("Respondent (private link)")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutable("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditLogImmutable("audit events cannot be deleted")


class AuditEvent(models.Model):
    """One look at, export of, or erasure of personal data: who, what, which, when, from where, why.

    Append-only: `save()` refuses an existing row and `delete()` refuses always; on PostgreSQL a
    trigger (migration 0002) refuses UPDATE and DELETE of the table even from raw SQL.
    Users, consultations and departments are referred to by id (no foreign keys), so no deletion
    elsewhere can cascade into, or be blocked by, the log.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor_kind = models.CharField(_("actor"), max_length=12, choices=ActorKind.choices)
    user_id = models.PositiveBigIntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=100)
    object_ids = models.JSONField(_("object ids"), default=list)
    object_count = models.PositiveIntegerField(_("number of objects"), default=0)
    consultation_id = models.PositiveBigIntegerField(_("consultation id"), null=True, blank=True)
    department_id = models.PositiveBigIntegerField(_("department id"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["department_id", "at"], name="audit_department_at_idx"),
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or self.actor_kind} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogImmutable("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutable("audit events cannot be deleted")

    @property
    def action_label(self) -> str:
        try:
            return str(AuditAction(self.action).label)
        except ValueError:
            return self.action


class PseudonymKey(TimeStampedModel):
    """The secret of one consultation's pseudonyms (HMAC-SHA256 key, hex).

    Kept apart from the data: in the `privacy_keys` database when one is configured (see
    `routers.py`), else in its own table that no export, report or API reads. The consultation is
    referred to by id so the row can live in another database.
    """

    consultation_id = models.PositiveBigIntegerField(_("consultation id"), unique=True)
    key = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("pseudonym key")
        verbose_name_plural = _("pseudonym keys")

    def __str__(self) -> str:
        return f"key of consultation {self.consultation_id}"


class EmailState(models.TextChoices):
    VERIFIED = "verified", _("Confirmed")
    UNVERIFIED = "unverified", _("Not confirmed")
    NONE = "none", _("None given")


class Erasure(TimeStampedModel):
    """That a response's personal data was erased, why and when; makes erasure idempotent."""

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Retention period over")
        REQUEST = "request", _("At the respondent's request")

    response = models.OneToOneField(
        Response, on_delete=models.PROTECT, related_name="erasure", verbose_name=_("response")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=40, blank=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    # Whether the erased email address had been confirmed, so reports still count it.
    email_state = models.CharField(
        _("email before erasure"), max_length=10, choices=EmailState.choices, blank=True
    )

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.response_id} ({self.reason})"
