"""Report tasks (queue ``reports``, routed in settings): take ids, call one service.

``reports.run`` acknowledges its message only when done (``acks_late``) and gives it back when
the worker process dies (``reject_on_worker_lost``), so another worker takes the run again;
its time limits stay below the broker's visibility timeout, so a live run is never handed to a
second worker. Database connection errors are retried a bounded number of times; every other
failure is recorded on the run by the service. ``reports.reap`` (Celery beat) fails runs whose
worker vanished without a trace.
"""

from typing import Any

from celery import Task, shared_task

from . import conf
from .models import ReportRun
from .services import report_run_execute, report_run_fail, report_runs_reap
from .services.execute import TRANSIENT_ERRORS

MAX_RETRIES = 2


@shared_task(
    bind=True,
    name="reports.run",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=conf.time_limit(),
    soft_time_limit=conf.soft_time_limit(),
    max_retries=MAX_RETRIES,
)
def run_report(self: Task[Any, Any], run_id: int) -> str | None:
    """Carry out report run ``run_id``; return its final status (None: nothing to do)."""
    try:
        run = report_run_execute(run_id=run_id, task_id=self.request.id or "")
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            stuck = ReportRun.objects.filter(pk=run_id).first()
            if stuck is not None:
                report_run_fail(run=stuck, reason=f"Database unavailable: {exc}"[:500])
            raise
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
    return None if run is None else str(run.status)


@shared_task(name="reports.reap", acks_late=True, time_limit=120, soft_time_limit=100)
def reap_reports() -> int:
    """Fail report runs left running past their deadline or never taken by a worker."""
    return report_runs_reap()
