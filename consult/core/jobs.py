"""The one way request paths start background work: record in the transaction, send after commit."""

import json
import logging
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .bulk import insert_rows
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


def enqueue_many_after_commit(
    task_name: str, kwargs_list: Sequence[dict[str, Any]], *, queue: str = "default"
) -> int:
    """Record many jobs in the current transaction in one statement (COPY on PostgreSQL, a
    multi-row INSERT elsewhere) for bulk imports; once it commits, one `core.drain_outbox`
    message asks a worker to send them.

    Sending thousands of messages from the request would cost more than writing the rows; if the
    broker is unreachable the periodic drain sends them instead. Returns how many were recorded.
    """
    if not kwargs_list:
        return 0
    now = timezone.now()
    fields = ("created_at", "updated_at", "task_name", "kwargs", "queue", "attempts", "last_error")
    if connection.vendor == "postgresql":
        qn = connection.ops.quote_name
        # Plain fields, so the names are the columns; values go as data.
        columns = ", ".join(qn(name) for name in fields)
        sql = f"COPY {qn(OutboxJob._meta.db_table)} ({columns}) FROM STDIN"
        with (
            connection.wrap_database_errors,
            connection.cursor() as cursor,
            cursor.cursor.copy(sql) as copy,
        ):
            for kwargs in kwargs_list:
                copy.write_row((now, now, task_name, json.dumps(kwargs), queue, 0, ""))
    else:
        rows = [(now, now, task_name, kwargs, queue, 0, "") for kwargs in kwargs_list]
        insert_rows(OutboxJob, fields, rows, returning=True)  # one multi-row statement
    transaction.on_commit(outbox_drain_soon)
    return len(kwargs_list)


def outbox_drain_soon() -> bool:
    """Ask a worker to send the recorded jobs now; return whether the broker took the request."""
    from consult.celery import app

    try:
        app.send_task("core.drain_outbox", queue="default", retry=False)
    except Exception as exc:  # the broker is down: the periodic drain sends the jobs later
        logger.warning("outbox: could not request a drain (%s); the periodic drain will", exc)
        return False
    return True


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
