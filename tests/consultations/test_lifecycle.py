from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consult.consultations import services
from consult.consultations.models import Consultation
from consult.responses.services import ConsultationNotOpen, response_submit
from tests.conftest import valid_input
from tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db
Status = Consultation.Status


def test_full_lifecycle_in_order():
    c = ConsultationFactory(status=Status.DRAFT, opens_at=None, closes_at=None)
    now = timezone.now()
    services.consultation_schedule(
        consultation=c, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=31)
    )
    assert c.status == Status.SCHEDULED
    services.consultation_open(consultation=c)
    c.refresh_from_db()
    assert c.status == Status.OPEN and c.opens_at <= timezone.now()
    services.consultation_close(consultation=c)
    c.refresh_from_db()
    assert c.status == Status.CLOSED and c.closes_at <= timezone.now()
    services.consultation_mark_analysed(consultation=c)
    services.consultation_publish(consultation=c)
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("start", "service"),
    [
        (Status.DRAFT, services.consultation_close),
        (Status.DRAFT, services.consultation_publish),
        (Status.OPEN, services.consultation_publish),
        (Status.CLOSED, services.consultation_open),
        (Status.PUBLISHED, services.consultation_mark_analysed),
    ],
)
def test_invalid_transitions_are_refused(start, service):
    c = ConsultationFactory(status=start)
    with pytest.raises(ValidationError):
        service(consultation=c)
    c.refresh_from_db()
    assert c.status == start


def test_schedule_requires_close_after_open():
    c = ConsultationFactory(status=Status.DRAFT, opens_at=None, closes_at=None)
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.consultation_schedule(
            consultation=c, opens_at=now, closes_at=now - timedelta(hours=1)
        )


def test_database_refuses_window_closing_before_opening():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(opens_at=now, closes_at=now - timedelta(days=1), structure=False)


def test_apply_schedule_opens_and_closes_on_time():
    now = timezone.now()
    due = ConsultationFactory(
        status=Status.SCHEDULED,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=1),
    )
    later = ConsultationFactory(
        status=Status.SCHEDULED, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2)
    )
    expired = ConsultationFactory(
        status=Status.OPEN, opens_at=now - timedelta(days=2), closes_at=now - timedelta(seconds=1)
    )
    assert services.consultation_apply_schedule(now=now) == {"opened": 1, "closed": 1}
    for c, expected in ((due, Status.OPEN), (later, Status.SCHEDULED), (expired, Status.CLOSED)):
        c.refresh_from_db()
        assert c.status == expected


def test_submission_refused_after_closing_time_even_before_the_schedule_runs():
    now = timezone.now()
    c = ConsultationFactory(
        status=Status.OPEN, opens_at=now - timedelta(days=2), closes_at=now - timedelta(seconds=1)
    )
    assert c.current_status() == Status.CLOSED
    with pytest.raises(ConsultationNotOpen):
        response_submit(consultation=c, data=valid_input())
    assert c.responses.count() == 0


def test_submission_refused_before_opening():
    now = timezone.now()
    c = ConsultationFactory(
        status=Status.SCHEDULED,
        opens_at=now + timedelta(hours=1),
        closes_at=now + timedelta(days=2),
    )
    with pytest.raises(ConsultationNotOpen):
        response_submit(consultation=c, data=valid_input())


def test_scheduled_consultation_accepts_once_its_time_has_come():
    now = timezone.now()
    c = ConsultationFactory(
        status=Status.SCHEDULED,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=2),
    )
    response, created = response_submit(consultation=c, data=valid_input())
    assert created and response.status == "submitted"


def test_schedule_task_runs_the_service():
    from consult.consultations.tasks import apply_schedule

    now = timezone.now()
    c = ConsultationFactory(
        status=Status.OPEN, opens_at=now - timedelta(days=2), closes_at=now - timedelta(seconds=1)
    )
    assert apply_schedule.name == "consultations.apply_schedule"
    assert apply_schedule.apply().get() == {"opened": 0, "closed": 1}
    c.refresh_from_db()
    assert c.status == Status.CLOSED
