"""A whole report through a real Celery worker (not eager): the start service records the job,
it is sent to the broker after commit, a worker consumes the ``reports`` queue and runs every
step, and the files exist. The broker is kombu's in-memory transport (the test settings'), the
worker runs in a thread (`celery.contrib.testing.worker.start_worker`)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from consult.celery import app
from consult.reports.models import ReportRun
from tests.reports.conftest import generate_and_start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
FORMATS = {"json", "html", "pdf", "xlsx", "csv"}


@pytest.fixture
def worker(shared_sqlite_without_read_locks: None):
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        queues=["reports"],
        loglevel="WARNING",
        shutdown_timeout=60,
    ) as running:
        yield running


def wait_until_finished(run_id: int, timeout: float = 180.0) -> ReportRun:
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while time.monotonic() < deadline:
        run = ReportRun.objects.get(pk=run_id)
        seen.add(run.step)
        if not run.is_active:
            run.seen_steps = seen  # type: ignore[attr-defined]
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} still {run.status} at {run.step} ({run.progress}%)")


def test_a_real_worker_runs_a_whole_report_and_stores_every_file(consultation, official, worker):
    run = generate_and_start(consultation, official, count=60, seed=3, language="ja")
    finished = wait_until_finished(run.pk)
    assert finished.status == "succeeded", finished.error
    assert finished.celery_task_id  # taken through the broker, not called directly
    assert finished.progress == 100
    assert finished.attempts == 1
    assert {"analysis", "render"} <= finished.seen_steps  # progress was visible while running
    artifacts = {a.format: a for a in finished.artifacts.all()}
    assert set(artifacts) == FORMATS
    for artifact in artifacts.values():
        data = artifact.file.read()
        assert len(data) == artifact.size > 0
    assert artifacts["pdf"].file.open("rb").read(5) == b"%PDF-"
