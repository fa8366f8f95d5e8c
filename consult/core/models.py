"""Shared model base and the outbox of background jobs recorded with the data they follow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Base for every domain model: bigint key, creation and modification times."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class OutboxJob(TimeStampedModel):
    """A Celery task to send once the transaction that recorded it commits.

    Written in the same transaction as the data it follows, so a broker outage loses nothing: jobs
    that could not be sent stay here until the periodic drain (or a worker starting) sends them.
    """

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    queue = models.CharField(max_length=100, default="default")
    # The drain and the prune read jobs by (sent_at, id), below; nothing by creation time.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)  # set after created_at
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["sent_at", "id"], name="outbox_unsent_idx")]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
