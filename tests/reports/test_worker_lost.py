"""Fault test with real processes: a Celery worker (prefork) runs a report, its child process is
killed (SIGKILL) in the middle of the run, and the run is not left "running": the message was not
acknowledged (acks_late) and is handed back (reject_on_worker_lost), so the worker's next child
takes the run again from its stored snapshot and finishes it.

The worker is a separate process, so it needs a database it can share with the test: this test
runs on PostgreSQL (DATABASE_URL) and is skipped on the in-memory SQLite default. The broker is
kombu's filesystem transport in a temporary folder (no server needed).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from consult.celery import app
from consult.demo.generator import responses_generate
from consult.reports.models import ReportRun
from consult.reports.services import report_run_start
from tests.reports.conftest import FAST_ANALYSIS

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.fixture
def file_broker(tmp_path):
    folder = tmp_path / "broker"
    folder.mkdir()
    original = (app.conf.broker_url, app.conf.broker_transport_options)

    def reset_pools() -> None:
        app.pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        pools.reset()

    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    reset_pools()
    yield folder
    app.conf.broker_url, app.conf.broker_transport_options = original
    reset_pools()


@pytest.fixture
def worker_process(file_broker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database shared with another process (run with PostgreSQL)")
    media = tmp_path / "media"
    media.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
        "REPORT_TEST_DATABASE": connection.settings_dict["NAME"],
        "REPORT_TEST_BROKER_URL": "filesystem://",
        "REPORT_TEST_BROKER_FOLDER": str(file_broker),
        "REPORT_TEST_MEDIA": str(media),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "consult",
            "worker",
            "-Q",
            "reports",
            "-P",
            "prefork",
            "-c",
            "1",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_killing_the_worker_process_mid_run_gets_the_run_retried(
    consultation, official, worker_process
):
    responses_generate(consultation=consultation, count=300, seed=11)
    run = report_run_start(
        consultation=consultation,
        user=official,
        language="en",
        parameters={"analysis": FAST_ANALYSIS},
    )
    deadline = time.monotonic() + 120
    killed = None
    while time.monotonic() < deadline and killed is None:
        current = ReportRun.objects.get(pk=run.pk)
        if current.status == "running" and current.step == "analysis":
            for child in children(worker_process.pid):
                os.kill(child, signal.SIGKILL)
                killed = child
        time.sleep(0.02)
    assert killed, "the worker never reached the analysis step"
    while time.monotonic() < deadline + 120:
        current = ReportRun.objects.get(pk=run.pk)
        if not current.is_active:
            break
        time.sleep(0.2)
    assert current.status == "succeeded", (current.status, current.step, current.error)
    assert current.attempts == 2
    assert current.artifacts.filter(format="json").exists()
