"""`report_run_execute`: the steps of a run, each safe to run again.

snapshot → analysis → aggregate → render. Every step records its step name and percentage in
its own short write (the staff page and the API poll them) and stops as soon as the run is no
longer running (cancelled by an official or failed by the reaper). An exception marks the run
failed with a readable reason, except database connection errors, which are raised again so the
task can retry the whole run (each step is idempotent, and a retry reads the stored snapshot).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from django.utils.translation import override

from consult.analysis.pii import redact
from consult.analysis.types import AnalysisResult
from consult.moderation.selectors import scanned_clean_texts

from .. import conf
from ..adapter import (
    analyse_snapshot,
    analysis_inputs,
    analysis_params,
    snapshot_load,
    snapshot_take,
)
from ..campaigns import undeclared_store
from ..coded import CodedRows
from ..content import RunInfo, ThemeInfo, build_content
from ..models import ReportArtifact, ReportRun
from ..redaction import Redactions
from ..snapshot import Snapshot
from .artifacts import artifact_store, private_name
from .results import run_results_store
from .runs import (
    RunStopped,
    report_run_discard_snapshot,
    report_run_fail,
    report_run_progress,
    report_run_succeed,
    report_run_take,
)

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
Progress = Callable[[float], None]


@dataclass
class _Work:
    run: ReportRun
    snapshot: Snapshot | None = None
    results: dict[str, AnalysisResult] = field(default_factory=dict)
    themes: dict[str, list[ThemeInfo]] = field(default_factory=dict)
    content: dict[str, Any] | None = None
    redactions: Redactions | None = None
    redacted: dict[str, str] = field(default_factory=dict)


def _rss_mb() -> float:
    """This process's resident memory now (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def _log_time(run: ReportRun, what: str, since: float) -> None:
    logger.info(
        "report run %s: %s took %.2f s (resident memory %.0f MB)",
        run.pk,
        what,
        time.perf_counter() - since,
        _rss_mb(),
    )


def report_filename(run: ReportRun, extension: str) -> str:
    """The JSON file's name until the renderers name their own."""
    return f"{run.consultation.slug}-report-{run.pk}-{run.language}.{extension}"


def _snapshot(work: _Work, progress: Progress) -> None:
    run = work.run
    if run.snapshot and default_storage.exists(run.snapshot.name):
        work.snapshot = snapshot_load(storage_name=run.snapshot.name)
    else:
        work.snapshot, name = snapshot_take(
            consultation=run.consultation,
            storage_name=private_name(run, "snapshot.jsonl.gz"),
        )
        ReportRun.objects.filter(pk=run.pk).update(snapshot=name)
        run.snapshot.name = name
    run.input_hash = work.snapshot.input_hash
    ReportRun.objects.filter(pk=run.pk).update(input_hash=run.input_hash)
    # The coded responses' texts are redacted by helper processes during the analysis, but for
    # those the moderation scan found clean.
    texts = [text for units in work.snapshot.units.values() for text in units.texts]
    clock = time.perf_counter()
    clean = scanned_clean_texts(run.consultation_id, texts)
    _log_time(run, "scanned_clean_texts", clock)
    work.redactions = Redactions(texts, processes=conf.redaction_processes(), unchanged=clean)
    progress(1.0)


def _analysis(work: _Work, progress: Progress) -> None:
    assert work.snapshot is not None
    run = work.run
    codebooks, corrections = analysis_inputs(work.snapshot)
    clock = time.perf_counter()
    work.results = analyse_snapshot(
        work.snapshot,
        codebooks=codebooks,
        corrections=corrections,
        params=analysis_params(run.parameters.get("analysis")),
        seed=int(run.parameters.get("seed", 0)),
        progress=lambda fraction: progress(0.9 * fraction),
        processes=conf.analysis_processes(),
    )
    _log_time(run, "engine", clock)
    clock = time.perf_counter()
    work.themes = run_results_store(run=run, snapshot=work.snapshot, results=work.results)
    _log_time(run, "store_themes", clock)
    progress(1.0)


def _aggregate(work: _Work, progress: Progress) -> None:
    assert work.snapshot is not None
    run = work.run
    clock = time.perf_counter()
    work.redacted = work.redactions.results() if work.redactions else {}
    _log_time(run, "redaction_wait", clock)
    work.content = build_content(
        snapshot=work.snapshot,
        results=work.results,
        themes=work.themes,
        run=RunInfo(
            id=run.pk,
            started_at=run.started_at,
            input_hash=run.input_hash,
            code_version=run.code_version,
            parameters=run.parameters,
            seed=int(run.parameters.get("seed", 0)),
        ),
        language=run.language,
        min_cell=conf.min_cell(),
        campaign_min_size=conf.campaign_min_size(),
        redacted=work.redacted,
    )
    undeclared_store(
        run=run,
        snapshot=work.snapshot,
        results=work.results,
        min_size=conf.campaign_min_size(),
        redact=lambda text: work.redacted.get(text) or redact(text),
    )
    data = json.dumps(work.content, ensure_ascii=False, indent=1).encode()
    artifact_store(
        run=run, format=ReportArtifact.Format.JSON, filename=report_filename(run, "json"), data=data
    )
    progress(1.0)


def _render(work: _Work, progress: Progress) -> None:
    assert work.snapshot is not None and work.content is not None
    try:
        from consult.reports.renderers import render_all
    except ImportError:
        logger.warning(
            "report run %s: the renderers are not installed, so only the JSON file was written",
            work.run.pk,
        )
        return
    coded = CodedRows(
        snapshot=work.snapshot,
        results=work.results,
        labels={s: [t.label for t in themes] for s, themes in work.themes.items()},
        language=work.run.language,
        redacted=work.redacted,
    )
    clock = time.perf_counter()
    files = render_all(work.content, coded_rows=coded)
    _log_time(work.run, "render_all", clock)
    formats = set(ReportArtifact.Format.values)
    for number, (fmt, (filename, data)) in enumerate(sorted(files.items()), 1):
        if fmt not in formats:
            logger.warning("report run %s: ignoring unknown format %r", work.run.pk, fmt)
            continue
        artifact_store(run=work.run, format=fmt, filename=filename, data=data)
        progress(number / max(1, len(files)))
    missing = formats - set(files)
    if missing:
        logger.warning(
            "report run %s: no %s file rendered", work.run.pk, ", ".join(sorted(missing))
        )


# (name, first %, last %, function): the percentages are what the progress bar shows.
STEPS: tuple[tuple[str, int, int, Callable[[_Work, Progress], None]], ...] = (
    ("snapshot", 0, 10, _snapshot),
    ("analysis", 10, 70, _analysis),
    ("aggregate", 70, 85, _aggregate),
    ("render", 85, 99, _render),
)


def _progress_for(run: ReportRun, step: str, first: int, last: int) -> Progress:
    def progress(fraction: float) -> None:
        value = first + int((last - first) * max(0.0, min(1.0, fraction)))
        if value != run.progress:
            report_run_progress(run=run, step=step, progress=value)

    return progress


def report_run_execute(*, run_id: int, task_id: str = "") -> ReportRun | None:
    """Take the run and carry out its steps; return the run as it ended (None: nothing to do).

    Raises only database connection errors (for the task to retry); every other failure is
    recorded on the run.
    """
    run = report_run_take(run_id=run_id, task_id=task_id)
    if run is None:
        return None
    work = _Work(run)
    step = ""
    try:
        for step, first, last, function in STEPS:
            report_run_progress(run=run, step=step, progress=first)
            clock = time.perf_counter()
            function(work, _progress_for(run, step, first, last))
            _log_time(run, step, clock)
        report_run_succeed(run=run)
    except RunStopped:
        logger.info("report run %s stopped at %s: no longer running", run.pk, step)
    except SoftTimeLimitExceeded:
        with override(run.language):
            reason = _(
                "The report took longer than the time limit (%(minutes)s minutes) during "
                "“%(step)s”."
            ) % {"minutes": conf.time_limit() // 60, "step": run.step_label}
        report_run_fail(run=run, reason=reason)
    except TRANSIENT_ERRORS:
        logger.warning("report run %s: database error during %s; retrying", run.pk, step)
        raise
    except Exception as exc:
        logger.exception("report run %s failed during %s", run.pk, step)
        with override(run.language):
            reason = _("The step “%(step)s” failed: %(error)s") % {
                "step": run.step_label,
                "error": f"{type(exc).__name__}: {exc}"[:1500],
            }
        report_run_fail(run=run, reason=reason)
    finally:
        if work.redactions is not None:
            work.redactions.close()
    run.refresh_from_db()
    report_run_discard_snapshot(run=run)  # a cancelled run ends here, not in a service
    return run
