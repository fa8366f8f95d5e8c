"""A broker outage during submission loses nothing: the job waits in the outbox until it is back."""

import pytest
from kombu import pools

from consult.celery import app
from consult.core.jobs import outbox_drain
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


def test_submission_succeeds_while_broker_is_down_and_job_is_sent_later(consultation, broker_down):
    data = valid_input()
    data.respondent.email = "citizen@example.jp"
    response, created = response_submit(consultation=consultation, data=data)
    assert created and Response.objects.filter(pk=response.pk, status="submitted").exists()
    job = OutboxJob.objects.get(task_name="responses.send_confirmation")
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
