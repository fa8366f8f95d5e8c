"""Report runs: one active run per consultation, cancel, progress through the steps, failure with a
reason, the reaper, retries after a lost worker, idempotent steps."""

import dataclasses
import json
import os
from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from consult.core.models import OutboxJob
from consult.reports.models import ReportArtifact, ReportRun, Theme, ThemeAssignment
from consult.reports.services import execute as execute_module
from consult.reports.services import (
    report_run_cancel,
    report_run_execute,
    report_run_start,
    report_runs_reap,
)
from consult.reports.services.artifacts import artifact_store
from consult.reports.services.results import run_results_store
from consult.reports.services.runs import report_run_take

pytestmark = pytest.mark.django_db


def test_start_queues_a_run_and_enqueues_the_task_after_commit(
    consultation, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = report_run_start(consultation=consultation, user=official, language="ja")
    assert run.status == ReportRun.Status.QUEUED and run.progress == 0
    assert run.code_version and run.parameters == {"seed": 0, "analysis": {}}
    job = OutboxJob.objects.get()
    assert (job.task_name, job.queue, job.kwargs) == ("reports.run", "reports", {"run_id": run.pk})
    assert len(callbacks) == 1  # sent to the broker only once the run is committed


def test_start_refuses_a_second_active_run(consultation, official):
    report_run_start(consultation=consultation, user=official, language="ja")
    with pytest.raises(ValidationError) as error:
        report_run_start(consultation=consultation, user=official, language="en")
    assert error.value.code == "run_active"
    assert ReportRun.objects.count() == 1


def test_the_database_allows_one_queued_or_running_run_per_consultation(consultation):
    ReportRun.objects.create(consultation=consultation, language="ja", status="running")
    ReportRun.objects.create(consultation=consultation, language="ja", status="failed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRun.objects.create(consultation=consultation, language="en", status="queued")


@pytest.mark.parametrize(
    ("language", "parameters", "field"),
    [
        ("fr", {}, "language"),
        ("ja", {"colour": "blue"}, "parameters"),
        ("ja", {"seed": -1}, "parameters"),
        ("ja", {"seed": True}, "parameters"),
        ("ja", {"analysis": {"no_such_knob": 1}}, "parameters"),
        ("ja", {"analysis": {"max_discovered": "many"}}, "parameters"),
        ("ja", {"analysis": {"semantic_weight": 1.5}}, "parameters"),
    ],
)
def test_start_rejects_bad_input_with_the_field_named(
    consultation, official, language, parameters, field
):
    with pytest.raises(ValidationError) as error:
        report_run_start(
            consultation=consultation, user=official, language=language, parameters=parameters
        )
    assert field in error.value.message_dict
    assert not ReportRun.objects.exists()


def test_a_weight_above_one_is_refused_in_the_officials_language(consultation, official):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        report_run_start(
            consultation=consultation,
            user=official,
            language="ja",
            parameters={"analysis": {"semantic_weight": 2}},
        )
    assert error.value.message_dict["parameters"] == [
        "分析パラメータ「semantic_weight」は0以上1以下にしてください。"
    ]


def test_cancel_a_queued_run_and_the_worker_then_does_nothing(consultation, official):
    run = report_run_start(consultation=consultation, user=official, language="ja")
    report_run_cancel(run=run, user=official)
    assert run.status == ReportRun.Status.CANCELLED and run.finished_at is not None
    assert report_run_execute(run_id=run.pk) is None
    with pytest.raises(ValidationError):
        report_run_cancel(run=run, user=official)
    # A cancelled run no longer blocks a new one.
    report_run_start(consultation=consultation, user=official, language="ja")


def test_steps_report_progress_in_order_and_the_run_succeeds(
    answered, official, run_report, quick_render, monkeypatch
):
    seen: list[tuple[str, int]] = []
    real = execute_module.report_run_progress

    def record(*, run, step, progress):
        seen.append((step, progress))
        real(run=run, step=step, progress=progress)

    monkeypatch.setattr(execute_module, "report_run_progress", record)
    run = run_report(answered, official)
    assert run.status == ReportRun.Status.SUCCEEDED, run.error
    assert run.progress == 100 and run.finished_at >= run.started_at
    steps = [step for step, _ in seen]
    assert [s for i, s in enumerate(steps) if i == 0 or steps[i - 1] != s] == [
        "snapshot",
        "analysis",
        "aggregate",
        "render",
    ]
    values = [p for _, p in seen]
    assert values == sorted(values) and len(set(values)) > 6
    assert len(run.input_hash) == 64 and run.attempts == 1
    assert set(run.artifacts.values_list("format", flat=True)) == {"json", "csv"}
    content = json.loads(run.artifacts.get(format="json").file.read())
    assert content["run"]["input_hash"] == run.input_hash
    assert content["headline"]["responses"] == answered.responses.filter(status="submitted").count()


def test_cancel_during_a_run_stops_it_at_the_next_progress_update(
    answered, official, run_report, monkeypatch
):
    real = execute_module.run_results_store

    def cancel_meanwhile(*, run, snapshot, results):
        infos = real(run=run, snapshot=snapshot, results=results)
        report_run_cancel(run=ReportRun.objects.get(pk=run.pk), user=official)
        return infos

    monkeypatch.setattr(execute_module, "run_results_store", cancel_meanwhile)
    run = run_report(answered, official)
    assert run.status == ReportRun.Status.CANCELLED
    assert run.step == "analysis" and not run.artifacts.exists()


def test_a_failing_step_marks_the_run_failed_with_a_readable_reason(
    answered, official, run_report, monkeypatch
):
    def broken(**kwargs):
        raise ValueError("the clause table is inconsistent")

    monkeypatch.setattr(execute_module, "build_content", broken)
    run = run_report(answered, official)
    assert run.status == ReportRun.Status.FAILED and run.finished_at is not None
    assert "Counting and summarising" in run.error
    assert "the clause table is inconsistent" in run.error
    # The failed run no longer blocks a new one.
    report_run_start(consultation=answered, user=official, language="en")


def test_reaper_fails_runs_stuck_past_their_deadline_or_never_taken(consultation):
    now = timezone.now()
    stuck = ReportRun.objects.create(
        consultation=consultation,
        language="en",
        status="running",
        step="analysis",
        started_at=now - timedelta(hours=2),
        deadline_at=now - timedelta(minutes=1),
    )
    other = type(consultation).objects.create(
        slug="other",
        department=consultation.department,
        title_ja="別",
        title_en="Other",
        notice_version="1",
        notice_ja="n",
        notice_en="n",
    )
    alive = ReportRun.objects.create(
        consultation=other, language="ja", status="running", deadline_at=now + timedelta(minutes=5)
    )
    assert report_runs_reap(now=now) == 1
    stuck.refresh_from_db()
    alive.refresh_from_db()
    assert stuck.status == "failed" and "stopped responding" in stuck.error
    assert "Finding themes" in stuck.error
    assert alive.status == "running"
    # Queued for longer than a day: no worker took it.
    alive.status = "failed"
    alive.save()
    waiting = ReportRun.objects.create(consultation=other, language="en")  # reasons in English
    ReportRun.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(days=2))
    assert report_runs_reap(now=now) == 1
    waiting.refresh_from_db()
    assert waiting.status == "failed" and "No worker" in waiting.error


def test_a_run_left_running_by_a_lost_worker_is_taken_again_and_finishes(
    answered, official, quick_render
):
    run = report_run_start(consultation=answered, user=official, language="ja")
    # The first worker took it and died (the broker hands the message to another worker).
    assert report_run_take(run_id=run.pk) is not None
    finished = report_run_execute(run_id=run.pk, task_id="second-delivery")
    assert finished is not None and finished.status == "succeeded", finished.error
    assert finished.attempts == 2 and finished.celery_task_id == "second-delivery"


def test_a_run_whose_worker_keeps_dying_fails_after_the_maximum_attempts(consultation, settings):
    settings.REPORT_MAX_ATTEMPTS = 2
    run = ReportRun.objects.create(
        consultation=consultation, language="en", status="running", attempts=2
    )
    assert report_run_take(run_id=run.pk) is None
    run.refresh_from_db()
    assert run.status == "failed" and "2 attempts" in run.error


def test_steps_are_idempotent_when_a_retry_repeats_them(
    answered, official, run_report, quick_render, settings
):
    settings.REPORT_KEEP_SNAPSHOTS = True
    run = run_report(answered, official)
    themes = Theme.objects.count()
    engine = ThemeAssignment.objects.filter(source="engine").count()
    assert themes and engine
    # Repeat the analysis storage and an artifact write, as a retried attempt would.
    from consult.reports.adapter import (
        analyse_snapshot,
        analysis_inputs,
        analysis_params,
        snapshot_load,
    )

    snapshot = snapshot_load(storage_name=run.snapshot.name)
    assert snapshot.input_hash == run.input_hash
    codebooks, corrections = analysis_inputs(snapshot)
    results = analyse_snapshot(
        snapshot,
        codebooks=codebooks,
        corrections=corrections,
        params=analysis_params(run.parameters["analysis"]),
        seed=0,
    )
    run_results_store(run=run, snapshot=snapshot, results=results)
    artifact_store(run=run, format="json", filename="again.json", data=b"{}")
    assert Theme.objects.count() == themes
    assert ThemeAssignment.objects.filter(source="engine").count() == engine
    assert ReportArtifact.objects.filter(run=run, format="json").count() == 1


def test_same_input_gives_the_same_hash_and_themes(answered, official, run_report, quick_render):
    first = run_report(answered, official)
    second = run_report(answered, official)
    assert first.input_hash == second.input_hash
    a = json.loads(first.artifacts.get(format="json").file.read())
    b = json.loads(second.artifacts.get(format="json").file.read())
    assert a["headline"] == b["headline"]
    labels = [[(t["label"], t["count"]) for t in q["themes"]] for q in a["questions"]]
    assert labels == [[(t["label"], t["count"]) for t in q["themes"]] for q in b["questions"]]


def test_a_finished_run_deletes_its_snapshot_but_keeps_the_hash(
    answered, official, run_report, quick_render, monkeypatch
):
    from django.core.files.storage import default_storage

    saved: list[str] = []
    real = execute_module.snapshot_take

    def remember(**kwargs):
        snapshot, name = real(**kwargs)
        saved.append(name)
        return snapshot, name

    monkeypatch.setattr(execute_module, "snapshot_take", remember)
    run = run_report(answered, official)
    assert run.status == "succeeded" and len(run.input_hash) == 64
    assert saved and not default_storage.exists(saved[0])  # every comment as submitted: gone
    assert not run.snapshot


def _same_result(a: Any, b: Any) -> bool:
    for field in dataclasses.fields(a):
        if field.name == "stats":  # timings
            continue
        x, y = getattr(a, field.name), getattr(b, field.name)
        same = np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
        if not same:
            return False
    return True


def test_sections_analysed_in_forked_processes_give_the_same_results(
    answered, official, run_report, quick_render, settings, monkeypatch, forked
):
    from consult.reports import adapter

    settings.REPORT_KEEP_SNAPSHOTS = True
    run = run_report(answered, official)
    snapshot = adapter.snapshot_load(storage_name=run.snapshot.name)
    codebooks, corrections = adapter.analysis_inputs(snapshot)

    def analyse(processes: int) -> dict[str, Any]:
        return adapter.analyse_snapshot(
            snapshot,
            codebooks=codebooks,
            corrections=corrections,
            params=adapter.analysis_params(run.parameters["analysis"]),
            seed=0,
            processes=processes,
        )

    alone = analyse(1)
    assert forked == []
    monkeypatch.setattr(adapter, "PARALLEL_FROM", 0)
    shared = analyse(3)
    assert len(forked) == 2 and len(alone) >= 3
    assert list(shared) == list(alone)  # same sections, same order
    assert all(_same_result(shared[s], alone[s]) for s in alone)


def test_sections_are_shared_out_by_estimated_cost():
    from consult.reports.adapter import SECTION_COST, _share_out

    sizes = {"question:comments": 85_000, **{f"clause:{n}": 1_400 for n in range(1, 9)}}
    shares = _share_out(sizes, 2)
    assert sorted(s for share in shares for s in share) == sorted(sizes)
    costs = [sum(SECTION_COST + sizes[s] for s in share) for share in shares]
    assert max(costs) <= 1.2 * sum(costs) / 2  # about even, not "the big one and the rest"
    assert all(share == sorted(share, key=list(sizes).index) for share in shares)
    assert len(_share_out({"question:comments": 10}, 4)) == 1  # never an empty share


def test_a_fork_that_fails_stops_the_children_already_started(
    answered, official, run_report, quick_render, settings, monkeypatch
):
    from consult.reports import adapter

    settings.REPORT_KEEP_SNAPSHOTS = True
    run = run_report(answered, official)
    snapshot = adapter.snapshot_load(storage_name=run.snapshot.name)
    started: list[Any] = []
    start = adapter.start_forked

    def start_or_fail(function: Any) -> Any:
        if started:
            raise OSError("Cannot allocate memory")
        started.append(start(function))
        return started[-1]

    monkeypatch.setattr(adapter, "PARALLEL_FROM", 0)
    monkeypatch.setattr(adapter, "start_forked", start_or_fail)
    with pytest.raises(OSError, match="Cannot allocate memory"):
        adapter.analyse_snapshot(
            snapshot,
            codebooks={},
            corrections={},
            params=adapter.analysis_params(run.parameters["analysis"]),
            seed=0,
            processes=3,
        )
    assert len(started) == 1 and started[0].finished
    with pytest.raises(ChildProcessError):  # killed and reaped: no orphan, no zombie
        os.waitpid(started[0].pid, os.WNOHANG)
