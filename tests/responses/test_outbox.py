"""A broker outage during submission loses nothing: the job waits in the outbox until it is back."""

import pytest
from django.db import connection, transaction
from kombu import pools

from consult.celery import app
from consult.core.jobs import enqueue_after_commit, outbox_drain, outbox_prune
from consult.core.models import OutboxJob
from consult.responses.models import Response
from consult.responses.services import response_submit
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down():
    """Point Celery at a port where nothing listens: a real connection failure, not a mock."""
    original = app.conf.broker_url

    def reset_pools() -> None:
        app.pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        pools.reset()

    app.conf.broker_url = "amqp://guest:guest@127.0.0.1:1//"
    reset_pools()
    yield
    app.conf.broker_url = original
    reset_pools()


@pytest.fixture
def asked(monkeypatch):
    """The names of the tasks sent from now on, in order (each still sent)."""
    names: list[str] = []
    send_task = app.send_task

    def recording(name, *args, **kwargs):
        names.append(name)
        return send_task(name, *args, **kwargs)

    monkeypatch.setattr(app, "send_task", recording)
    return names


def test_submission_succeeds_while_broker_is_down_and_job_is_sent_later(consultation, broker_down):
    data = valid_input()
    data.respondent.email = "citizen@example.jp"
    response, created = response_submit(consultation=consultation, data=data)
    assert created and Response.objects.filter(pk=response.pk, status="submitted").exists()
    job = OutboxJob.objects.get(task_name="responses.send_confirmation")
    assert job.sent_at is None
    # A drain while the broker is still down records the failure and sends nothing.
    assert outbox_drain() == 0
    job.refresh_from_db()
    assert job.sent_at is None and job.attempts == 1 and job.last_error


def test_work_a_person_waits_on_is_published_right_after_commit(monkeypatch):
    published: list[tuple[str, dict]] = []
    send_task = app.send_task

    def recording(name, *args, **kwargs):
        published.append((name, kwargs["kwargs"]))
        return send_task(name, *args, **kwargs)

    monkeypatch.setattr(app, "send_task", recording)
    with transaction.atomic():
        job = enqueue_after_commit("reports.run_report", queue="reports", run_id=7)
        assert published == []  # nothing leaves before the data it follows is committed
    assert published == [("reports.run_report", {"run_id": 7})]
    job.refresh_from_db()
    assert job.sent_at is not None and job.attempts == 1 and job.queue == "reports"


def test_work_the_broker_refuses_after_commit_waits_for_the_drain(broker_down):
    with transaction.atomic():
        job = enqueue_after_commit("reports.run_report", queue="reports", run_id=7)
    job.refresh_from_db()
    assert job.sent_at is None and job.attempts == 1 and job.last_error


def test_drain_sends_waiting_jobs_when_broker_is_back(consultation):
    job = OutboxJob.objects.create(
        task_name="responses.send_confirmation", kwargs={"response_id": 1}
    )
    sent = outbox_drain()
    job.refresh_from_db()
    assert sent == 1, job.last_error
    assert job.sent_at is not None
    assert outbox_drain() == 0


def test_drain_sends_in_batches_in_order_and_stops_where_the_outbox_ends(monkeypatch):
    from consult.celery import app

    published: list[int] = []
    send_task = app.send_task

    def recording(name, *args, **kwargs):
        if name == "responses.send_confirmation":
            published.append(kwargs["kwargs"]["response_id"])
        return send_task(name, *args, **kwargs)

    monkeypatch.setattr(app, "send_task", recording)
    OutboxJob.objects.bulk_create(
        OutboxJob(task_name="responses.send_confirmation", kwargs={"response_id": i})
        for i in range(7)
    )
    assert outbox_drain(batch=3) == 7
    assert published == list(range(7))
    assert not OutboxJob.objects.filter(sent_at__isnull=True).exists()
    assert set(OutboxJob.objects.values_list("attempts", flat=True)) == {1}


def test_a_long_drain_hands_over_to_the_next(asked):
    OutboxJob.objects.bulk_create(
        OutboxJob(task_name="moderation.scan_response", kwargs={"response_id": i}) for i in range(5)
    )
    assert outbox_drain(batch=2, max_batches=2) == 4
    assert asked[-1] == "core.drain_outbox"
    assert OutboxJob.objects.filter(sent_at__isnull=True).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED is PostgreSQL's")
def test_drains_at_once_send_each_job_once(monkeypatch):
    """Two workers draining together: each job is claimed by one (SKIP LOCKED), never both."""
    import threading

    from django.db import connections

    from consult.celery import app

    published: list[int] = []
    lock = threading.Lock()
    send_task = app.send_task

    def slow(name, *args, **kwargs):
        with lock:
            published.append(kwargs["kwargs"]["response_id"])
        threading.Event().wait(0.002)  # the other drain runs meanwhile
        return send_task(name, *args, **kwargs)

    monkeypatch.setattr(app, "send_task", slow)
    OutboxJob.objects.bulk_create(
        OutboxJob(task_name="moderation.scan_response", kwargs={"response_id": i})
        for i in range(200)
    )
    counts: list[int] = []

    def drain() -> None:
        try:
            counts.append(outbox_drain(batch=20))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 200 and sorted(published) == list(range(200))


def test_prune_deletes_jobs_sent_over_a_week_ago_and_never_an_unsent_one():
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old_sent, recent_sent, old_unsent = (
        OutboxJob.objects.create(task_name="moderation.scan_response", kwargs={"response_id": i})
        for i in range(3)
    )
    OutboxJob.objects.filter(pk=old_sent.pk).update(sent_at=now - timedelta(days=8))
    OutboxJob.objects.filter(pk=recent_sent.pk).update(sent_at=now - timedelta(days=6))
    OutboxJob.objects.filter(pk=old_unsent.pk).update(created_at=now - timedelta(days=30))
    more = OutboxJob.objects.bulk_create(
        OutboxJob(task_name="moderation.scan_response", kwargs={"response_id": i}) for i in range(5)
    )
    OutboxJob.objects.filter(pk__in=[j.pk for j in more]).update(sent_at=now - timedelta(days=9))
    assert outbox_prune(chunk=2) == 6  # in chunks of two
    assert set(OutboxJob.objects.values_list("pk", flat=True)) == {recent_sent.pk, old_unsent.pk}
    assert outbox_prune() == 0


def test_prune_is_scheduled_daily_and_runs_the_service():
    from django.conf import settings

    from consult.core.tasks import prune_outbox

    entry = settings.CELERY_BEAT_SCHEDULE["core-prune-outbox"]
    assert entry["task"] == prune_outbox.name == "core.prune_outbox"
    assert prune_outbox() == 0


def test_a_broker_outage_asks_for_a_drain_once_not_at_every_commit(
    consultation, broker_down, asked, monkeypatch, caplog
):
    from consult.core import jobs as outbox

    monkeypatch.setattr(outbox, "_drain_due", 0.0)
    with caplog.at_level("WARNING", logger="consult.core.jobs"):
        for _ in range(3):
            response_submit(consultation=consultation, data=valid_input())
    assert asked == ["core.drain_outbox"]  # refused once; the next commits do not knock again
    warnings = [r for r in caplog.records if "could not ask for a drain" in r.getMessage()]
    assert len(warnings) == 1
    assert OutboxJob.objects.filter(sent_at__isnull=True).count() == 3  # all waiting, none lost
    # Once the wait is over, a commit asks again.
    monkeypatch.setattr(outbox, "_drain_due", 0.0)
    response_submit(consultation=consultation, data=valid_input())
    assert asked == ["core.drain_outbox", "core.drain_outbox"]
