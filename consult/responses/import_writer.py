"""Writing a batch of validated import rows with a handful of statements, whatever its size.

On PostgreSQL the ids come from the tables' sequences in one query each and each table's rows go
in with one `INSERT … SELECT` from a JSON array; elsewhere (SQLite) multi-row INSERTs return the
ids. References and private-link salts are
drawn in bulk. Confirmation emails for rows with an address are recorded in the outbox in the same
transaction. The caller holds the transaction (see `imports.py`).
"""

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import Questionnaire
from consult.core.bulk import insert_rows
from consult.core.jobs import enqueue_many_after_commit

from .models import Answer, ClauseComment, Respondent, Response, SupporterConsent
from .submission import CleanSubmission
from .supporter_consent import ConsentRecord
from .tokens import _ALPHABET, access_token, token_hash

# Random byte → reference character; 256 is a multiple of 32, so every character is equally likely.
_REFERENCE_TABLE = bytes(ord(_ALPHABET[b % len(_ALPHABET)]) for b in range(256))
RESPONDENT_FIELDS = (
    "created_at",
    "updated_at",
    "kind",
    "name",
    "organisation_name",
    "region",
    "age_band",
    "email",
    "consent",
    "notice_version",
)
RESPONSE_FIELDS = (
    "created_at",
    "updated_at",
    "consultation",
    "organisation",
    "respondent",
    "reference",
    "status",
    "channel",
    "language",
    "access_salt",
    "access_token_hash",
    "idempotency_key",
    "idempotency_fingerprint",
    "submitted_at",
)
ANSWER_FIELDS = ("response", "question", "value", "text")
COMMENT_FIELDS = ("response", "section", "text")
CONSENT_FIELDS = ("response", "share", "method", "consented_at")


@dataclass(slots=True)
class NewResponse:
    clean: CleanSubmission
    idempotency_key: str | None
    fingerprint: str
    consent: ConsentRecord | None = None


def new_references(count: int) -> list[str]:
    """`count` references like `7K3M-9QXD-2F` (as `tokens.new_reference`), drawn at once."""
    chars = secrets.token_bytes(10 * count).translate(_REFERENCE_TABLE).decode("ascii")
    return [
        f"{chars[i : i + 4]}-{chars[i + 4 : i + 8]}-{chars[i + 8 : i + 10]}"
        for i in range(0, len(chars), 10)
    ]


def new_salts(count: int) -> list[str]:
    """`count` private-link salts (32 hex digits, as `tokens.new_salt`), drawn at once."""
    digits = secrets.token_bytes(16 * count).hex()
    return [digits[i : i + 32] for i in range(0, len(digits), 32)]


def responses_write(
    *,
    consultation: Consultation,
    questionnaire: Questionnaire,
    items: Sequence[NewResponse],
    channel: str,
    organisation: Organisation | None,
) -> list[str]:
    """Insert submitted responses with respondents, answers, clause comments, supporters'
    consent records and confirmation jobs; return their references in order. Must run inside a
    transaction."""
    if not items:
        return []
    now = timezone.now()
    notice = questionnaire.notice_version
    respondents = []
    for item in items:
        r = item.clean.respondent
        respondents.append(
            (
                now,
                now,
                r.kind,
                r.name,
                r.organisation_name if r.kind == Respondent.Kind.ORGANISATION else "",
                r.region,
                r.age_band,
                r.email,
                r.consent,
                notice if r.notice_accepted else "",
            )
        )
    respondent_ids = _insert(Respondent, RESPONDENT_FIELDS, respondents, with_ids=True)
    references = new_references(len(items))
    salts = new_salts(len(items))
    organisation_id = organisation.pk if organisation else None
    responses = [
        (
            now,
            now,
            consultation.pk,
            organisation_id,
            respondent_id,
            reference,
            Response.Status.SUBMITTED.value,
            channel,
            item.clean.language,
            salt,
            token_hash(access_token(salt)),
            item.idempotency_key,
            item.fingerprint,
            now,
        )
        for item, respondent_id, reference, salt in zip(
            items, respondent_ids, references, salts, strict=True
        )
    ]
    response_ids = _insert(Response, RESPONSE_FIELDS, responses, with_ids=True)
    questions = questionnaire.questions
    sections = questionnaire.sections
    answers: list[tuple[Any, ...]] = []
    comments: list[tuple[Any, ...]] = []
    consents: list[tuple[Any, ...]] = []
    jobs: list[dict[str, Any]] = []
    for item, response_id in zip(items, response_ids, strict=True):
        clean = item.clean
        if item.consent is not None:
            c = item.consent
            consents.append((response_id, c.share, c.method, c.consented_at))
        for key, value in clean.answers.items():
            question = questions[key]
            text = value if question.kind == "free_text" else ""
            answers.append((response_id, question.id, value, text))
        for number, text in clean.comments.items():
            comments.append((response_id, sections[number], text))
        if clean.respondent.email:
            jobs.append({"response_id": response_id})
    _insert(Answer, ANSWER_FIELDS, answers, with_ids=False)
    _insert(ClauseComment, COMMENT_FIELDS, comments, with_ids=False)
    _insert(SupporterConsent, CONSENT_FIELDS, consents, with_ids=False)
    enqueue_many_after_commit("responses.send_confirmation", jobs)
    return references


def _insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    with_ids: bool,
) -> list[int]:
    """Insert rows (values in `fields` order); return their ids if asked."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        return insert_rows(model, fields, rows, returning=with_ids)
    if not with_ids:
        _insert_json(model, fields, rows)
        return []
    ids = _next_ids(model, len(rows))
    _insert_json(model, ("id", *fields), [(pk, *row) for pk, row in zip(ids, rows, strict=True)])
    return ids


_INTEGER_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
    }
)


def _read_as(field: "models.Field[Any, Any]", position: int) -> str:
    """The SQL reading one value of a JSON array row `x` as the column's type (jsonb: parsed
    once, then each value found directly; `json` would scan the row again for every column). Text stays text:
    its assignment to a varchar column still refuses a value that is too long (a cast would cut
    it short)."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return f"(x->{position})::jsonb"
    if kind in _INTEGER_TYPES:
        return f"(x->>{position})::bigint"
    if kind == "DateTimeField":
        return f"(x->>{position})::timestamptz"
    if kind == "BooleanField":
        return f"(x->>{position})::boolean"
    return f"x->>{position}"


def _insert_json(
    model: type[models.Model], fields: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """One `INSERT … SELECT` of all `rows`, sent as a single JSON array of arrays (PostgreSQL).

    COPY-class: one statement per table per batch, and on our side one `json.dumps` in C instead
    of formatting every value of every row in Python, which had cost more than the database's
    own work. JSON answer values go in as they are; datetimes as ISO 8601 (one conversion per
    distinct value: a batch's rows share their timestamps).
    """
    qn = connection.ops.quote_name
    columns = [_field(model, name) for name in fields]
    # Table and column names come from model metadata, never from input; values go as data.
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(qn(str(f.column)) for f in columns)}) "
        f"SELECT {', '.join(_read_as(f, i) for i, f in enumerate(columns))} "
        "FROM jsonb_array_elements(%s::jsonb) AS x"
    )
    iso: dict[datetime, str] = {}

    def as_iso(value: Any) -> str:
        if isinstance(value, datetime):
            return iso.get(value) or iso.setdefault(value, value.isoformat())
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")

    document = json.dumps(rows, ensure_ascii=False, default=as_iso)
    with connection.cursor() as cursor:
        cursor.execute(sql, [document])


def _field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is not a concrete field"
    return field


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve `count` ids from the table's sequence (PostgreSQL), in one round trip."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The sequence is looked up once, not once per id.
        cursor.execute(
            "SELECT nextval(q.sequence) FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass "
            "AS sequence) AS q, generate_series(1, %s) ORDER BY 1",
            [qn(model._meta.db_table), count],
        )
        return [row[0] for row in cursor.fetchall()]
