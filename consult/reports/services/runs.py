"""Report run lifecycle: start, cancel, take (by a worker), progress, finish, fail, reap.

Status is changed only here, with conditional UPDATEs (``WHERE status IN (...)``), so a cancel,
a reaper and a worker never overwrite each other's outcome. The database constraint allowing one
queued or running run per consultation is the real guard against two active runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from consult.accounts.models import User
from consult.consultations.models import Consultation
from consult.core.jobs import enqueue_after_commit

from .. import conf
from ..adapter import analysis_params
from ..models import ReportRun

logger = logging.getLogger(__name__)
Status = ReportRun.Status

MAX_SEED = 2**31 - 1
# Analysis parameters that are shares, similarities or weights: 0 to 1.
FRACTION_PARAMETERS = frozenset(
    {
        "semantic_weight",
        "quote_diversity",
        "dedup_threshold",
        "merge_similarity",
        "candidate_coverage",
        "one_language_weight",
        "bilingual_min_share",
        "min_theme_share",
        "stance_seed_confidence",
    }
)
TASK_NAME = "reports.run"


class RunStopped(Exception):
    """The run is no longer running (cancelled, or failed by the reaper): stop working on it."""


def clean_parameters(parameters: dict[str, Any] | None) -> dict[str, Any]:
    """Validated run parameters: ``{"seed": int, "analysis": {AnalysisParams overrides}}``."""
    parameters = dict(parameters or {})
    unknown = sorted(set(parameters) - {"seed", "analysis"})
    if unknown:
        raise ValidationError(
            {"parameters": _("Unknown parameters: %(names)s.") % {"names": ", ".join(unknown)}},
            code="unknown_parameter",
        )
    seed = parameters.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise ValidationError(
            {
                "parameters": _("The seed must be a whole number from 0 to %(max)s.")
                % {"max": MAX_SEED}
            },
            code="invalid_seed",
        )
    analysis = parameters.get("analysis") or {}
    if not isinstance(analysis, dict):
        raise ValidationError({"parameters": _("“analysis” must be an object.")}, code="invalid")
    for name, value in analysis.items():
        if isinstance(value, bool) or value is None:
            continue
        if not isinstance(value, int | float) or value < 0:
            raise ValidationError(
                {
                    "parameters": _("Analysis parameter “%(name)s” must be a number of 0 or more.")
                    % {"name": name}
                },
                code="invalid",
            )
        if name in FRACTION_PARAMETERS and value > 1:
            raise ValidationError(
                {
                    "parameters": _("Analysis parameter “%(name)s” must be between 0 and 1.")
                    % {"name": name}
                },
                code="invalid",
            )
    try:
        analysis_params(analysis)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"parameters": str(exc)}, code="invalid") from exc
    return {"seed": seed, "analysis": analysis}


def active_run(consultation: Consultation) -> ReportRun | None:
    """The consultation's queued or running run, if any."""
    return ReportRun.objects.filter(consultation=consultation, status__in=ReportRun.ACTIVE).first()


def _already_active() -> ValidationError:
    return ValidationError(
        _("A report is already being prepared for this consultation; wait for it or cancel it."),
        code="run_active",
    )


@transaction.atomic
def report_run_start(
    *,
    consultation: Consultation,
    user: User | None,
    language: str,
    parameters: dict[str, Any] | None = None,
) -> ReportRun:
    """Queue a report run; the worker is asked once this transaction commits.

    Raises ValidationError when the language is not ja/en, a parameter is invalid, or a run of
    this consultation is already queued or running.
    """
    if language not in ("ja", "en"):
        raise ValidationError(
            {"language": _("Choose Japanese (ja) or English (en).")}, code="invalid_language"
        )
    cleaned = clean_parameters(parameters)
    if active_run(consultation) is not None:
        raise _already_active()
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                consultation=consultation,
                language=language,
                parameters=cleaned,
                created_by=user,
                code_version=conf.code_version(),
            )
    except IntegrityError as exc:  # another request started one a moment ago
        raise _already_active() from exc
    enqueue_after_commit(TASK_NAME, queue="reports", run_id=run.pk)
    return run


def report_run_cancel(*, run: ReportRun, user: User | None = None) -> ReportRun:
    """Cancel a queued or running run. A running worker stops at its next progress update."""
    now = timezone.now()
    changed = ReportRun.objects.filter(pk=run.pk, status__in=ReportRun.ACTIVE).update(
        status=Status.CANCELLED, finished_at=now, updated_at=now
    )
    run.refresh_from_db()
    if not changed:
        raise ValidationError(
            _("Only a queued or running report can be cancelled."), code="not_active"
        )
    logger.info("report run %s cancelled by %s", run.pk, getattr(user, "pk", None))
    return run


def report_run_take(*, run_id: int, task_id: str = "") -> ReportRun | None:
    """A worker takes the run: queued → running (or running again after a lost worker).

    Returns None when there is nothing to do (finished, cancelled, unknown), and fails the run
    when it has been taken `REPORT_MAX_ATTEMPTS` times already.
    """
    now = timezone.now()
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status not in ReportRun.ACTIVE:
            return None
        if run.attempts >= conf.max_attempts():
            with override(run.language):
                reason = _(
                    "Stopped after %(n)s attempts: the worker running it stopped each time "
                    "(for example it ran out of memory or was restarted)."
                ) % {"n": run.attempts}
            _finish(run, Status.FAILED, error=reason)
            return None
        run.status = Status.RUNNING
        run.attempts += 1
        run.started_at = run.started_at or now
        run.deadline_at = now + timedelta(seconds=conf.time_limit() + 60)
        run.celery_task_id = task_id[:255]
        run.code_version = conf.code_version()
        run.error = ""
        run.save(
            update_fields=[
                "status",
                "attempts",
                "started_at",
                "deadline_at",
                "celery_task_id",
                "code_version",
                "error",
                "updated_at",
            ]
        )
    return run


def report_run_progress(*, run: ReportRun, step: str, progress: int) -> None:
    """Record the step and percentage in its own short write; RunStopped if no longer running."""
    progress = max(0, min(100, int(progress)))
    changed = ReportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
        step=step, progress=progress, updated_at=timezone.now()
    )
    if not changed:
        raise RunStopped(run.pk)
    run.step, run.progress = step, progress


def _finish(
    run: ReportRun, status: str, *, error: str = "", only_from: tuple[str, ...] = ReportRun.ACTIVE
) -> bool:
    now = timezone.now()
    fields: dict[str, Any] = {"status": status, "finished_at": now, "updated_at": now}
    if error:
        fields["error"] = error[:4000]
    if status == Status.SUCCEEDED:
        fields["progress"] = 100
    changed = ReportRun.objects.filter(pk=run.pk, status__in=only_from).update(**fields)
    run.refresh_from_db()
    if changed:
        report_run_discard_snapshot(run=run)
    return bool(changed)


def report_run_discard_snapshot(*, run: ReportRun) -> None:
    """Delete a finished run's snapshot file (unless `REPORT_KEEP_SNAPSHOTS`): it holds every
    comment as submitted, and a response erased later must not live on in it. The input hash
    stays, so runs can still be compared."""
    if run.is_active or not run.snapshot or conf.keep_snapshots():
        return
    name = run.snapshot.name
    ReportRun.objects.filter(pk=run.pk).update(snapshot="")
    run.snapshot.name = ""
    default_storage.delete(name)


def report_run_succeed(*, run: ReportRun) -> bool:
    """Mark a running run succeeded (False if it was cancelled or reaped meanwhile)."""
    return _finish(run, Status.SUCCEEDED, only_from=(Status.RUNNING,))


def report_run_fail(*, run: ReportRun, reason: str) -> bool:
    """Mark a queued or running run failed with a reason officials can read."""
    logger.warning("report run %s failed: %s", run.pk, reason)
    return _finish(run, Status.FAILED, error=reason)


def report_runs_reap(*, now: Any = None) -> int:
    """Fail runs left running past their deadline (the worker died or hung) and runs queued
    for longer than `REPORT_QUEUED_MAX_AGE` (no worker took them); return how many. Reasons
    are written in the run's language, as the run's own errors are."""
    now = now or timezone.now()
    reaped = 0
    stuck = ReportRun.objects.filter(status=Status.RUNNING, deadline_at__lt=now)
    for run in stuck:
        with override(run.language):
            reason = _(
                "The worker stopped responding during “%(step)s” and did not finish within the "
                "time limit (%(minutes)s minutes). Start the report again."
            ) % {"step": run.step_label or "-", "minutes": conf.time_limit() // 60}
        reaped += report_run_fail(run=run, reason=reason)
    waiting = ReportRun.objects.filter(
        status=Status.QUEUED, created_at__lt=now - timedelta(seconds=conf.queued_max_age())
    )
    for run in waiting:
        with override(run.language):
            reason = _("No worker took this report within %(hours)s hours. Start it again.") % {
                "hours": conf.queued_max_age() // 3600
            }
        reaped += report_run_fail(run=run, reason=reason)
    return reaped
