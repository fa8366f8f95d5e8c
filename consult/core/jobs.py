"""The one way request paths start background work: record in the transaction, send after commit."""

import json
import logging
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F
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
    send_after_commit([job])
    return job


def send_after_commit(jobs: Sequence[OutboxJob]) -> None:
    """Send `jobs`, recorded in the current transaction (by `enqueue_after_commit` or written with
    the rows they follow), once that commits; a job the broker refuses waits for the drain."""
    if jobs:
        transaction.on_commit(lambda: outbox_send_jobs(jobs))


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
    """Send one recorded job unless it was sent already; return whether the broker accepted it."""
    job = OutboxJob.objects.filter(pk=job_id, sent_at__isnull=True).first()
    return job is None or outbox_send_jobs([job]) == 1


def outbox_send_jobs(jobs: Sequence[OutboxJob]) -> int:
    """Send jobs in order until the broker refuses one (that one records the error; it and the
    rest wait for the drain); mark the sent ones sent. Returns how many were sent."""
    from consult.celery import app

    sent: list[int] = []
    for job in jobs:
        try:
            app.send_task(job.task_name, kwargs=job.kwargs, queue=job.queue, retry=False)
        except Exception as exc:  # the broker is down or refuses: keep the job for the drain
            logger.warning("outbox: could not send %s (%s); it will be retried", job, exc)
            OutboxJob.objects.filter(pk=job.pk).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:2000]
            )
            break
        sent.append(job.pk)
    if sent:
        _mark_sent(sent)
    return len(sent)


def _mark_sent(job_ids: list[int]) -> None:
    """Mark jobs sent. On PostgreSQL, outside a transaction, without waiting for the disk: a mark
    lost to a crash only makes the drain send the job once more, which every task allows, and the
    request does not wait for a second flush of the write-ahead log."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # Inside a caller's transaction the setting would apply to all of it: wait like the rest.
        OutboxJob.objects.filter(pk__in=job_ids).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        return
    table = connection.ops.quote_name(OutboxJob._meta.db_table)
    ids = ", ".join(str(int(pk)) for pk in job_ids)
    # One round trip: statements sent together without parameters run as one transaction, to
    # which SET LOCAL applies; after an error the connection is left idle, as before. The ids
    # are our own integers and the table name comes from model metadata.
    update = f"UPDATE {table} SET sent_at = now(), attempts = attempts + 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL synchronous_commit TO OFF; {update} WHERE id IN ({ids})")


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
