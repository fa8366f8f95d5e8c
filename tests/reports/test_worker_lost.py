"""Real processes: a Celery worker (prefork) in its own process, over a real broker.

- A whole run in Japanese through Redis on 127.0.0.1 (kombu's filesystem transport when no Redis
  answers), and every file checked as its reader would: the PDF's text extracted, the XLSX
  opened, the CSV read back, the JSON validated against its schema.
- A fault: the worker's child process is killed (SIGKILL) in the middle of a run, and the run is
  not left "running": the message was not acknowledged (acks_late) and is handed back
  (reject_on_worker_lost), so the worker's next child takes the run again from its stored
  snapshot and finishes it (filesystem transport).

The worker is a separate process, so it needs a database it can share with the test: these tests
run on PostgreSQL (DATABASE_URL) and are skipped on the in-memory SQLite default.
"""

import codecs
import contextlib
import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from kombu import pools
from pypdf import PdfReader

from consult.celery import app
from consult.reports.models import ReportRun
from consult.reports.renderers import content_errors
from consult.responses.models import Response
from tests.reports.conftest import generate_and_start
from tests.reports.renderers.xlsx_reader import Workbook

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied first


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _reset_pools() -> None:
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@contextlib.contextmanager
def _broker(url: str, options: dict[str, Any]) -> Iterator[None]:
    original = (app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.broker_url, app.conf.broker_transport_options = url, options
    _reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = original
        _reset_pools()


def _folder_options(folder: Path) -> dict[str, Any]:
    return {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }


@pytest.fixture
def file_broker(tmp_path):
    """kombu's filesystem transport in a temporary folder: (URL, folder)."""
    folder = tmp_path / "broker"
    folder.mkdir()
    with _broker("filesystem://", _folder_options(folder)):
        yield "filesystem://", folder


@pytest.fixture
def real_broker(tmp_path):
    """Redis on 127.0.0.1 when it answers, else the filesystem transport: (URL, folder)."""
    if not redis_answers():
        folder = tmp_path / "broker"
        folder.mkdir()
        with _broker("filesystem://", _folder_options(folder)):
            yield "filesystem://", folder
        return
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    with _broker(REDIS_URL, {}):
        yield REDIS_URL, None
    client.flushdb()
    client.close()


def _worker_process(broker: tuple[str, Path | None], tmp_path: Path) -> Iterator[Any]:
    if connection.vendor != "postgresql":
        pytest.skip("needs a database shared with another process (run with PostgreSQL)")
    url, folder = broker
    media = tmp_path / "media"
    media.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
        "REPORT_TEST_DATABASE": connection.settings_dict["NAME"],
        "REPORT_TEST_BROKER_URL": url,
        "REPORT_TEST_BROKER_FOLDER": str(folder or ""),
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
    process.media = media  # type: ignore[attr-defined]  # where the worker stores files
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def worker_process(file_broker, tmp_path):
    yield from _worker_process(file_broker, tmp_path)


@pytest.fixture
def broker_worker(real_broker, tmp_path):
    yield from _worker_process(real_broker, tmp_path)


def wait_for(run_id: int, seconds: float) -> ReportRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        current = ReportRun.objects.get(pk=run_id)
        if not current.is_active:
            return current
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {current.status} at {current.step}")


def test_a_worker_over_a_real_broker_renders_every_file_as_its_reader_expects(
    consultation, official, broker_worker
):
    run = generate_and_start(consultation, official, count=150, seed=5, language="ja")
    finished = wait_for(run.pk, 240)
    assert finished.status == "succeeded", (finished.step, finished.error)
    assert finished.celery_task_id and finished.attempts == 1
    media = broker_worker.media  # the worker's storage: files on disk
    files = {a.format: (media / a.file.name).read_bytes() for a in finished.artifacts.all()}
    assert set(files) == {"json", "html", "pdf", "xlsx", "csv"}

    document = json.loads(files["json"])
    assert content_errors(document) == []
    submitted = Response.objects.filter(consultation=consultation, status="submitted").count()
    assert document["coded_responses_count"] == submitted

    text = "\n".join(
        page.extract_text() or "" for page in PdfReader(io.BytesIO(files["pdf"])).pages
    )
    with translation.override("ja"):
        for heading in ("Contents", "Headline figures", "Questions", "Methodology"):
            assert gettext(heading) in text
        coded_sheet = gettext("Coded responses")
    assert consultation.title_ja in text and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]{20}", text)

    workbook = Workbook(files["xlsx"])
    assert coded_sheet in workbook.names
    references = workbook.column(coded_sheet, "A")
    assert len(references) == submitted + 1  # the headings, then a row per response

    assert files["csv"].startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert len(rows) == submitted + 1 and len({len(row) for row in rows}) == 1
    again = io.StringIO()
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert again.getvalue().encode("utf-8") == files["csv"][len(codecs.BOM_UTF8) :]


def test_killing_the_worker_process_mid_run_gets_the_run_retried(
    consultation, official, worker_process
):
    run = generate_and_start(consultation, official, count=300, seed=11, language="en")
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
