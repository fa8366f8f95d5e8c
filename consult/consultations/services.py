"""Consultation lifecycle: draft → scheduled → open → closed → analysed → published.

Each transition is one explicit service guarding the status; nothing else changes it.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Consultation

Status = Consultation.Status

_ALLOWED: dict[str, tuple[str, ...]] = {
    Status.SCHEDULED: (Status.DRAFT,),
    Status.OPEN: (Status.DRAFT, Status.SCHEDULED),
    Status.CLOSED: (Status.OPEN, Status.SCHEDULED),
    Status.ANALYSED: (Status.CLOSED,),
    Status.PUBLISHED: (Status.ANALYSED,),
    Status.DRAFT: (Status.SCHEDULED,),
}


def _transition(consultation: Consultation, target: str) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status not in _ALLOWED[target]:
        raise ValidationError(
            _("A consultation cannot go from “%(current)s” to “%(target)s”.")
            % {"current": locked.get_status_display(), "target": Status(target).label},
            code="invalid_transition",
        )
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    consultation.status = locked.status
    return locked


@transaction.atomic
def consultation_schedule(
    *, consultation: Consultation, opens_at: datetime, closes_at: datetime
) -> Consultation:
    """Set the response window and schedule the consultation; it opens and closes on time."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})
    Consultation.objects.filter(pk=consultation.pk).update(opens_at=opens_at, closes_at=closes_at)
    consultation.opens_at, consultation.closes_at = opens_at, closes_at
    return _transition(consultation, Status.SCHEDULED)


@transaction.atomic
def consultation_unschedule(*, consultation: Consultation) -> Consultation:
    """Return a scheduled consultation to draft (before it opens)."""
    if consultation.opens_at and consultation.opens_at <= timezone.now():
        raise ValidationError(_("This consultation has already opened."), code="already_open")
    return _transition(consultation, Status.DRAFT)


@transaction.atomic
def consultation_open(*, consultation: Consultation, now: datetime | None = None) -> Consultation:
    """Open now (keeping a future closing time), e.g. when the schedule reaches `opens_at`."""
    now = now or timezone.now()
    if consultation.closes_at is None or consultation.closes_at <= now:
        raise ValidationError(
            {"closes_at": _("Set a closing time in the future before opening the consultation.")}
        )
    if consultation.opens_at is None or consultation.opens_at > now:
        Consultation.objects.filter(pk=consultation.pk).update(opens_at=now)
        consultation.opens_at = now
    return _transition(consultation, Status.OPEN)


@transaction.atomic
def consultation_close(*, consultation: Consultation, now: datetime | None = None) -> Consultation:
    """Close the consultation; no response is accepted after this."""
    now = now or timezone.now()
    if consultation.closes_at is None or consultation.closes_at > now:
        Consultation.objects.filter(pk=consultation.pk).update(closes_at=now)
        consultation.closes_at = now
    return _transition(consultation, Status.CLOSED)


@transaction.atomic
def consultation_mark_analysed(*, consultation: Consultation) -> Consultation:
    return _transition(consultation, Status.ANALYSED)


@transaction.atomic
def consultation_publish(*, consultation: Consultation) -> Consultation:
    Consultation.objects.filter(pk=consultation.pk).update(published_at=timezone.now())
    return _transition(consultation, Status.PUBLISHED)


def consultation_apply_schedule(*, now: datetime | None = None) -> dict[str, int]:
    """Open scheduled consultations whose time has come and close open ones whose time is up.

    Run every minute by Celery beat. Submissions do not depend on it: the window is checked
    against the clock at submission time too.
    """
    now = now or timezone.now()
    with transaction.atomic():
        closed = Consultation.objects.filter(
            status__in=(Status.OPEN, Status.SCHEDULED), closes_at__lte=now
        ).update(status=Status.CLOSED, updated_at=now)
        opened = Consultation.objects.filter(
            status=Status.SCHEDULED, opens_at__lte=now, closes_at__gt=now
        ).update(status=Status.OPEN, updated_at=now)
    return {"opened": opened, "closed": closed}
