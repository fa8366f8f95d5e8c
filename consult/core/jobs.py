"""The one way request paths start background work: record in the transaction, send after commit."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import OutboxJob

logger = logging.getLogger(__name__)


def enqueue_after_commit(task_name: str, *, queue: str = "default", **kwargs: Any) -> OutboxJob:
    """Record a job in the current transaction and send it to the broker once that commits.

    If the broker is unreachable the request still succeeds; `outbox_drain` sends the job later.
    Tasks must therefore be safe to run twice.
    """
    job = OutboxJob.objects.create(task_name=task_name, kwargs=kwargs, queue=queue)
    transaction.on_commit(lambda: outbox_send(job_id=job.pk))
    return job


def outbox_send(*, job_id: int) -> bool:
    """Send one recorded job; return whether the broker accepted it."""
    from consult.celery import app

    job = OutboxJob.objects.filter(pk=job_id, sent_at__isnull=True).first()
    if job is None:
        return True
    try:
        app.send_task(job.task_name, kwargs=job.kwargs, queue=job.queue, retry=False)
    except Exception as exc:  # the broker is down or refuses: keep the job for the drain
        logger.warning("outbox: could not send %s (%s); it will be retried", job, exc)
        OutboxJob.objects.filter(pk=job.pk).update(
            attempts=job.attempts + 1, last_error=str(exc)[:2000]
        )
        return False
    OutboxJob.objects.filter(pk=job.pk).update(sent_at=timezone.now(), attempts=job.attempts + 1)
    return True


def outbox_drain(*, limit: int = 1000) -> int:
    """Send every recorded job not yet sent (oldest first); return how many were sent."""
    sent = 0
    ids = list(
        OutboxJob.objects.filter(sent_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for job_id in ids:
        if not outbox_send(job_id=job_id):
            break
        sent += 1
    return sent
