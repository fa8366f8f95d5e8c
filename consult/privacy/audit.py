"""Recording who saw personal data: `audit_record`, the one function every such place calls."""

import ipaddress
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings

from consult.consultations.models import Consultation

from .models import ActorKind, AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User

MAX_OBJECT_IDS = 1000
"""At most this many ids are kept per event; `object_count` holds the true number."""

_ACTION = re.compile(r"^[a-z][a-z_]*(?:\.[a-z_]+)+$")


def client_ip(request: HttpRequest | Request) -> str | None:
    """The client's address as DRF's throttles see it: with `NUM_PROXIES` = n > 0, the n-th
    address from the right of X-Forwarded-For (the one our last trusted proxy saw); otherwise
    REMOTE_ADDR. None when that is not an IP address."""
    meta = request.META
    candidate = meta.get("REMOTE_ADDR") or ""
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    num_proxies = api_settings.NUM_PROXIES
    if num_proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",")]
        candidate = addresses[-min(num_proxies, len(addresses))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _plain(pk: Any) -> Any:
    return pk if isinstance(pk, int) else str(pk)


def _ids_and_count(objects: Iterable[Model] | QuerySet[Any]) -> tuple[str, list[Any], int, Any]:
    """(object type, first MAX_OBJECT_IDS primary keys, count, first object or None)."""
    if isinstance(objects, QuerySet):
        ids = [
            _plain(pk)
            for pk in objects.order_by("pk").values_list("pk", flat=True)[:MAX_OBJECT_IDS]
        ]
        count = objects.count() if len(ids) == MAX_OBJECT_IDS else len(ids)
        return objects.model._meta.label_lower, ids, count, None
    items = list(objects)
    if not items:
        raise ValueError("an audit event needs at least one object")
    label = items[0]._meta.label_lower
    if any(item._meta.label_lower != label for item in items):
        raise ValueError("an audit event's objects must all be of one type")
    return label, [_plain(item.pk) for item in items[:MAX_OBJECT_IDS]], len(items), items[0]


def _consultation_of(objects: Iterable[Model] | QuerySet[Any], first: Any) -> Consultation | None:
    if isinstance(first, Consultation):
        return first
    if first is not None:
        found = getattr(first, "consultation", None)
        return found if isinstance(found, Consultation) else None
    if isinstance(objects, QuerySet):
        if objects.model is Consultation:
            return objects.order_by("pk").first()
        if any(f.name == "consultation" for f in objects.model._meta.get_fields()):
            pk = objects.order_by().values_list("consultation_id", flat=True).first()
            return Consultation.objects.filter(pk=pk).first() if pk else None
    return None


def audit_record(
    *,
    user: "User | AnonymousUser | None",
    action: str,
    objects: Iterable[Model] | QuerySet[Any],
    request: HttpRequest | Request | None = None,
    reason: str = "",
    consultation: Consultation | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Append one audit event and return it.

    `objects` are the model instances (or a QuerySet: only ids and a count are read) whose
    personal data was seen, exported or erased, all of one model. `action` is a dotted code
    (`AuditAction` holds the known ones, e.g. "responses.export"). The event carries the
    consultation's id and department id (for department-scoped reading); pass `consultation`,
    or it is taken from the objects (a Consultation, or objects with a `consultation`).

    The actor is staff when `user` is authenticated (user id and a username snapshot are kept,
    with the IP address per `NUM_PROXIES` and the user agent), otherwise `actor` or, by default,
    the system (no request) or the respondent (a request through a private link). Respondents'
    IP addresses are never recorded: the log is kept for good, and an address beside a response
    id would outlive the erasure of everything else about them.
    """
    if not _ACTION.match(action) or len(action) > 64:
        raise ValueError(f"not an action code: {action!r}")
    object_type, ids, count, first = _ids_and_count(objects)
    if consultation is None:
        consultation = _consultation_of(objects, first)
    staff = user is not None and user.is_authenticated
    if actor is None:
        actor = (
            ActorKind.STAFF if staff else (ActorKind.RESPONDENT if request else ActorKind.SYSTEM)
        )
    record_client = staff and request is not None
    event = AuditEvent(
        actor_kind=actor,
        user_id=user.pk if staff and user is not None else None,
        username=user.get_username() if staff and user is not None else "",
        action=action,
        object_type=object_type,
        object_ids=ids,
        object_count=count,
        consultation_id=consultation.pk if consultation else None,
        department_id=consultation.department_id if consultation else None,
        ip=client_ip(request) if record_client and request is not None else None,
        user_agent=(
            str(request.META.get("HTTP_USER_AGENT", ""))[:300]
            if record_client and request is not None
            else ""
        ),
        reason=reason[:500],
    )
    event.save(force_insert=True)
    return event
