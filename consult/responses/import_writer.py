"""Writing a batch of validated import rows with a handful of statements, whatever its size.

On PostgreSQL the ids come from the tables' sequences in one query each and the rows go in with
COPY; elsewhere (SQLite) multi-row INSERTs return the ids. References and private-link salts are
drawn in bulk. Confirmation emails for rows with an address are recorded in the outbox in the same
transaction. The caller holds the transaction (see `imports.py`).
"""

import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from django.db import connection, models
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import Questionnaire
from consult.core.bulk import insert_rows
from consult.core.jobs import enqueue_many_after_commit

from .models import Answer, ClauseComment, Respondent, Response
from .submission import CleanSubmission
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


@dataclass(slots=True)
class NewResponse:
    clean: CleanSubmission
    idempotency_key: str | None
    fingerprint: str


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
    """Insert submitted responses with respondents, answers, clause comments and confirmation
    jobs; return their references in order. Must run inside a transaction."""
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
    # PostgreSQL's COPY takes JSON as text; insert_rows (elsewhere) encodes values itself.
    encode = json_text if connection.vendor == "postgresql" else _same
    answers: list[tuple[Any, ...]] = []
    comments: list[tuple[Any, ...]] = []
    jobs: list[dict[str, Any]] = []
    for item, response_id in zip(items, response_ids, strict=True):
        clean = item.clean
        for key, value in clean.answers.items():
            question = questions[key]
            text = value if question.kind == "free_text" else ""
            answers.append((response_id, question.id, encode(value), text))
        for number, text in clean.comments.items():
            comments.append((response_id, sections[number], text))
        if clean.respondent.email:
            jobs.append({"response_id": response_id})
    _insert(Answer, ANSWER_FIELDS, answers, with_ids=False)
    _insert(ClauseComment, COMMENT_FIELDS, comments, with_ids=False)
    enqueue_many_after_commit("responses.send_confirmation", jobs)
    return references


def json_text(value: Any) -> str:
    """`value` as JSON text; the answer values (numbers, keys, lists of keys, texts) go by a
    short path, everything else through `json.dumps`."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        return str(encode_basestring(value))
    if kind is list and all(type(item) is str for item in value):
        return "[" + ",".join(map(encode_basestring, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _same(value: Any) -> Any:
    return value


def _insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    with_ids: bool,
) -> list[int]:
    """Insert rows (values in `fields` order; JSON as text on PostgreSQL); return their ids if
    asked."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        return insert_rows(model, fields, rows, returning=with_ids)
    names = [str(_field(model, name).column) for name in fields]
    if not with_ids:
        _copy(model._meta.db_table, names, rows)
        return []
    ids = _next_ids(model, len(rows))
    _copy(
        model._meta.db_table,
        ["id", *names],
        [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
    )
    return ids


def _field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is not a concrete field"
    return field


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve `count` ids from the table's sequence (PostgreSQL), in one round trip."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [qn(model._meta.db_table), count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    qn = connection.ops.quote_name
    # Table and column names come from model metadata, never from input; values go as data.
    sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    # Through Django's error wrapper, so a unique violation is an IntegrityError as usual.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(sql) as copy,
    ):
        for row in rows:
            copy.write_row(row)
