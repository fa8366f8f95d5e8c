"""Reads: the audit log as a department administrator may see it."""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from consult.accounts.roles import Right, has_right
from consult.consultations.models import Consultation

from .models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User


def can_read_audit(user: "User | AnonymousUser") -> bool:
    """Whether the user's role holds `Right.AUDIT` (see `consult.accounts.roles`): department
    administrators (their department's events) and platform administrators (every event)."""
    return has_right(user, Right.AUDIT)


def audit_events_for(user: "User | AnonymousUser") -> QuerySet[AuditEvent]:
    """The events this user may read: their department's; all for a superuser; none otherwise."""
    events = AuditEvent.objects.all()
    if not can_read_audit(user):
        return events.none()
    if user.is_superuser:
        return events
    department_id = getattr(user, "department_id", None)
    if not department_id:
        return events.none()
    return events.filter(department_id=department_id)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events_filter(
    events: QuerySet[AuditEvent],
    *,
    username: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """Narrow `events`: exact username, exact action code, days (inclusive, local time)."""
    if username:
        events = events.filter(username=username)
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    return events


def consultation_slugs(events: list[AuditEvent]) -> dict[int, str]:
    """Slugs of the consultations the given events refer to (one query)."""
    ids = {e.consultation_id for e in events if e.consultation_id}
    return dict(Consultation.objects.filter(pk__in=ids).values_list("pk", "slug"))
