"""The one way request paths start background work: record in the transaction, send after commit.

A job is a row in the outbox, written in the same transaction as the data it follows, and sent to
the broker only once that commits. Two ways to send it:

- `enqueue_after_commit`, for work a person waits on (a report run, an attachment's text): the
  job is published right after commit.
- `record_job` / `drain_after_commit`, for the follow-ups of every submission (the confirmation
  email, the moderation scan): once the transaction commits the process asks a worker to drain the
  outbox (`core.drain_outbox`, due `DRAIN_DELAY` seconds later), and the drain publishes the
  waiting jobs in batches. A process asks at most once per `DRAIN_DELAY`, so under load one message
  covers many submissions and a request neither publishes its jobs nor marks them sent (measured:
  1.6 ms of a 5.8 ms submission).

If the broker is down the request still succeeds; the jobs wait for the next drain (asked for by
the next commit, the periodic schedule or a worker starting). Tasks must be safe to run twice: a
job whose sending was not recorded is sent again.
"""

import json
import logging
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .bulk import insert_rows
from .models import OutboxJob

logger = logging.getLogger(__name__)

# Seconds between committing a job and the drain that sends it; also the longest a process goes
# without asking for a drain while it keeps committing jobs.
DRAIN_DELAY = 0.2
# After the broker refused a request for a drain, this process waits this long before asking
# again: the jobs are safe in the outbox, the periodic drain and a worker's start send them, and
# a broker outage during an import of thousands of rows logs one warning, not one per commit.
ASK_AGAIN_AFTER_FAILURE = 30.0
DRAIN_BATCH = 500
DRAIN_MAX_BATCHES = 40  # one drain sends at most 20,000 jobs; it asks for the next itself
# Sent jobs are kept this long (to see what was sent when), then pruned: every submission adds
# one or two, and a table that only grows would slow every drain's scan and every backup.
SENT_KEPT_DAYS = 7
PRUNE_CHUNK = 10_000

_drain_lock = threading.Lock()
_drain_due = 0.0  # (epoch seconds) when the drain this process last asked for will run


def enqueue_after_commit(task_name: str, *, queue: str = "default", **kwargs: Any) -> OutboxJob:
    """Record a job in the current transaction and publish it as soon as that commits; a job the
    broker refuses waits for the next drain."""
    job = record_job(task_name, queue=queue, **kwargs)
    transaction.on_commit(lambda: _send_now(job))
    return job


def record_job(task_name: str, *, queue: str = "default", **kwargs: Any) -> OutboxJob:
    """Record a job in the current transaction for a drain to send (see `drain_after_commit`)."""
    return OutboxJob.objects.create(task_name=task_name, kwargs=kwargs, queue=queue)


def drain_after_commit() -> None:
    """Ask for a drain once the current transaction commits, for the jobs recorded in it (by
    `record_job`, or written with the response's rows by the single-statement submission)."""
    transaction.on_commit(outbox_drain_soon)


def enqueue_many_after_commit(
    task_name: str, kwargs_list: Sequence[dict[str, Any]], *, queue: str = "default"
) -> int:
    """Record many jobs in the current transaction in one statement (COPY on PostgreSQL, a
    multi-row INSERT elsewhere) for bulk imports; they are drained once it commits. Returns how
    many were recorded."""
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
    drain_after_commit()
    return len(kwargs_list)


def outbox_drain_soon() -> bool:
    """Ask a worker to drain the outbox `DRAIN_DELAY` seconds from now, unless a drain this
    process asked for is still to come (it will read what was committed until then). Returns
    whether a drain is on its way."""
    global _drain_due
    from consult.celery import app

    now = time.time()
    with _drain_lock:
        if now < _drain_due:
            return True
        _drain_due = now + DRAIN_DELAY
    try:
        app.send_task("core.drain_outbox", queue="default", retry=False, countdown=DRAIN_DELAY)
    except Exception as exc:  # the broker is down: the jobs wait in the outbox
        with _drain_lock:
            _drain_due = time.time() + ASK_AGAIN_AFTER_FAILURE
        logger.warning(
            "outbox: could not ask for a drain (%s); the jobs wait for the periodic drain, "
            "and this process asks again in %.0f s",
            exc,
            ASK_AGAIN_AFTER_FAILURE,
        )
        return False
    return True


def outbox_drain(*, batch: int = DRAIN_BATCH, max_batches: int = DRAIN_MAX_BATCHES) -> int:
    """Send recorded jobs not yet sent, oldest first; return how many were sent.

    Each batch is claimed with `FOR UPDATE SKIP LOCKED` (PostgreSQL), so drains running at once
    never send a job twice, published over one broker connection and marked sent in one
    statement. Stops when the outbox is empty or the broker refuses a job (that job records the
    error; it and the rest wait for the next drain); after `max_batches` it asks for another
    drain rather than hold a worker.
    """
    from consult.celery import app

    sent_total = 0
    for _ in range(max_batches):
        with transaction.atomic():
            jobs = list(
                OutboxJob.objects.filter(sent_at__isnull=True)
                .order_by("id")
                .select_for_update(skip_locked=True)
                .only("id", "task_name", "kwargs", "queue")[:batch]
            )
            if not jobs:
                return sent_total
            sent, error = _publish(app, jobs)
            if sent:
                OutboxJob.objects.filter(pk__in=sent).update(
                    sent_at=timezone.now(), attempts=F("attempts") + 1
                )
            if error is not None:
                _record_refusal(jobs[len(sent)], error)
        sent_total += len(sent)
        if error is not None or len(jobs) < batch:
            return sent_total
    try:
        app.send_task("core.drain_outbox", queue="default", retry=False)
    except Exception as exc:  # the periodic drain goes on where this one stopped
        logger.warning("outbox: could not ask for the next drain (%s)", exc)
    return sent_total


def _send_now(job: OutboxJob) -> None:
    from consult.celery import app

    sent, error = _publish(app, [job])
    if sent:
        OutboxJob.objects.filter(pk=job.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
    elif error is not None:
        _record_refusal(job, error)


def _record_refusal(job: OutboxJob, error: Exception) -> None:
    logger.warning("outbox: could not send %s (%s); it will be retried", job, error)
    OutboxJob.objects.filter(pk=job.pk).update(
        attempts=F("attempts") + 1, last_error=str(error)[:2000]
    )


def _publish(app: Any, jobs: Sequence[OutboxJob]) -> tuple[list[int], Exception | None]:
    """Publish `jobs` in order over one connection until the broker refuses one; return the ids
    sent and the refusal, if any."""
    sent: list[int] = []
    try:
        with app.producer_or_acquire() as producer:
            for job in jobs:
                app.send_task(
                    job.task_name,
                    kwargs=job.kwargs,
                    queue=job.queue,
                    retry=False,
                    producer=producer,
                )
                sent.append(job.pk)
    except Exception as exc:  # the broker is down or refuses: the rest wait for the next drain
        return sent, exc
    return sent, None


def outbox_prune(*, days: int = SENT_KEPT_DAYS, chunk: int = PRUNE_CHUNK) -> int:
    """Delete the jobs sent more than `days` ago, `chunk` at a time (short transactions, no long
    lock); jobs not yet sent are never deleted, however old. Returns how many were deleted."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted = 0
    while True:
        ids = list(
            OutboxJob.objects.filter(sent_at__lt=cutoff)
            .order_by("sent_at", "id")
            .values_list("id", flat=True)[:chunk]
        )
        if not ids:
            return deleted
        deleted += OutboxJob.objects.filter(pk__in=ids).delete()[0]
