"""The consultation a submission goes to, read by its slug: one query that brings its pseudonym
key along (the submission trace needs it), kept per process for a few seconds on PostgreSQL.

A kept copy is safe because the new response's statement (`consult.responses.insert`) writes
nothing unless the consultation is still the version the submission was checked against and
still takes responses; the caller reads the slug again when it refuses (`submission_consultation`
with ``fresh``), and checks a refusal it would give from a kept copy against a fresh one
(`consultation_version` tells whether anything that matters changed).
"""

import copy
import time
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Subquery

from consult.consultations.models import Consultation
from consult.core import db
from consult.privacy.models import PseudonymKey

__all__ = ["consultation_version", "forget_cached_consultations", "submission_consultation"]

_SLUG = "\x00slug"  # stands for the slug while the query is compiled


@cache
def _public_consultation_query() -> tuple[str, tuple[Any, ...], int, list[str]]:
    """`Consultation.objects.public().filter(slug=…)` with its pseudonym key, compiled by the
    ORM once per process: its SQL, parameters, where the slug goes, and the model's columns
    (the key comes last)."""
    columns = [field.attname for field in Consultation._meta.concrete_fields]
    key = PseudonymKey.objects.filter(consultation_id=OuterRef("pk")).values("key")[:1]
    queryset = (
        Consultation.objects.public()
        .filter(slug=_SLUG)
        .annotate(trace_key=Subquery(key))
        .order_by()
        .values_list(*columns, "trace_key")
    )
    sql, params = queryset[:1].query.sql_with_params()
    return sql, params, params.index(_SLUG), columns


def _public_consultation(slug: str) -> tuple[Consultation | None, bytes | None]:
    """The public consultation with this slug (or None) and its pseudonym key if it has one.
    Every submission starts here, and compiling the query each time cost more than running it;
    the key, which the submission's trace needs, comes with it instead of in a query of its own.
    PostgreSQL returns every column as the model wants it; elsewhere (SQLite: text datetimes)
    the ORM converts them and the trace looks the key up."""
    if connection.vendor != "postgresql":
        return Consultation.objects.public().filter(slug=slug).first(), None
    sql, params, slug_at, columns = _public_consultation_query()
    with db.cursor() as cursor:
        cursor.execute(sql, (*params[:slug_at], slug, *params[slug_at + 1 :]))
        row = cursor.fetchone()
    if row is None:
        return None, None
    *values, key = row
    consultation = Consultation.from_db(connection.alias, columns, values)
    return consultation, bytes.fromhex(key) if key else None


# On PostgreSQL a submission takes its consultation from here, read at most this many seconds
# ago: the new response's statement checks that the consultation is unchanged and still takes
# responses, and writes nothing otherwise, so a stale entry costs a second attempt, never a
# wrong response. Only consultations that exist are kept (at most one entry per consultation).
_CACHE_SECONDS = 5.0
_cached: dict[str, tuple[float, Consultation, bytes | None]] = {}


def submission_consultation(
    slug: str, *, fresh: bool = False
) -> tuple[Consultation | None, bytes | None, bool]:
    """The public consultation with this slug for a submission (a copy of its own), its
    pseudonym key, and whether it came from the cache."""
    if connection.vendor != "postgresql":
        return (*_public_consultation(slug), False)
    now = time.monotonic()
    hit = None if fresh else _cached.get(slug)
    if hit is not None and hit[0] > now:
        return copy.copy(hit[1]), hit[2], True
    consultation, key = _public_consultation(slug)
    if consultation is None:
        _cached.pop(slug, None)
        return None, None, False
    _cached[slug] = (now + _CACHE_SECONDS, consultation, key)
    return copy.copy(consultation), key, False


def consultation_version(consultation: Consultation | None) -> tuple[object, ...]:
    """What a submission's outcome depends on in a consultation."""
    if consultation is None:
        return ()
    c = consultation
    return (c.pk, c.updated_at, c.status, c.opens_at, c.closes_at)


def forget_cached_consultations() -> None:
    """Empty the cache (tests start each with nothing read)."""
    _cached.clear()
