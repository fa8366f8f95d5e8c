"""A new response in one statement on PostgreSQL: respondent, response, answers, clause comments,
the background jobs that follow it and any rows of other tables that belong to it (`LinkedRow`:
the submission trace), written by data-modifying CTEs in a single round trip.

The single-submit path is dominated by per-query costs (the ORM's SQL compiler, one round trip
each), not by the rows themselves; this writes the same rows as the ORM path in `services`
(which SQLite keeps) with no model instances to build. The caller holds the transaction.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.db import connection, models

from consult.consultations.models import Consultation
from consult.consultations.questionnaire import Questionnaire
from consult.core import db
from consult.core.models import OutboxJob

from . import import_writer
from .models import Answer, ClauseComment, Respondent, Response
from .submission import CleanSubmission

# The statuses in which a consultation takes responses (inside its window): see
# `Consultation.accepts_responses`.
ACCEPTING = (Consultation.Status.SCHEDULED.value, Consultation.Status.OPEN.value)


@dataclass(frozen=True, slots=True)
class Inserted:
    response_id: int
    respondent_id: int


@dataclass(frozen=True, slots=True)
class LinkedRow:
    """A row of another table that belongs to a new response, written with it: ``values`` by
    field name, and the foreign key ``response_field`` set to the response. A response already
    holding such a row (an amendment) keeps the one it has."""

    model: type[models.Model]
    values: Mapping[str, Any] = field(default_factory=dict)
    response_field: str = "response"

    def filled(self, now: datetime) -> dict[str, Any]:
        """The values with the model's automatic timestamps (``auto_now``, ``auto_now_add``)
        set to ``now``, as the ORM would set them."""
        values = dict(self.values)
        for f in self.model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                values.setdefault(f.name, now)
        return values


# The columns the bulk import writes, less the timestamps the respondent's CTE sets itself and
# the respondent id the response takes from that CTE; every other column is a parameter.
RESPONDENT_FIELDS = tuple(f for f in import_writer.RESPONDENT_FIELDS if not f.endswith("_at"))
RESPONSE_COLUMNS = tuple(f for f in import_writer.RESPONSE_FIELDS if f != "respondent")
ANSWER_COLUMNS = import_writer.ANSWER_FIELDS
COMMENT_COLUMNS = import_writer.COMMENT_FIELDS
JOB_COLUMNS = ("created_at", "updated_at", "task_name", "kwargs", "queue", "attempts", "last_error")


def _columns(model: type[models.Model], names: Sequence[str]) -> str:
    qn = connection.ops.quote_name
    out = []
    for name in names:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field), f"{name} is not a concrete field"
        out.append(qn(str(field.column)))
    return ", ".join(out)


def _linked_sql(index: int, shape: tuple[type[models.Model], str, tuple[str, ...]]) -> str:
    model, response_field, names = shape
    qn = connection.ops.quote_name
    fk = qn(str(model._meta.get_field(response_field).column))  # type: ignore[union-attr]
    columns = f"{fk}, {_columns(model, names)}" if names else fk
    values = ", ".join(["response.id", *(["%s"] * len(names))])
    return (
        f", linked_{index} AS (INSERT INTO {qn(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT {values} FROM response)"
    )


@cache
def _sql(linked: tuple[tuple[type[models.Model], str, tuple[str, ...]], ...] = ()) -> str:
    """The statement, built once per shape of linked rows from model metadata (names never
    come from input)."""
    qn = connection.ops.quote_name

    def table(model: type[models.Model]) -> str:
        return qn(model._meta.db_table)

    def params(count: int) -> str:
        return ", ".join(["%s"] * count)

    respondent_fk = qn(str(Response._meta.get_field("respondent").column))
    accepting = ", ".join(f"'{status}'" for status in ACCEPTING)
    return (
        # Nothing is written unless the consultation is still the version the submission was
        # validated against and still accepts responses at this statement's snapshot.
        f"WITH consultation AS (SELECT id FROM {table(Consultation)} "  # noqa: S608 - metadata
        f"WHERE id = %s AND updated_at = %s AND status IN ({accepting}) "
        "AND opens_at <= %s AND %s < closes_at), "
        f"respondent AS (INSERT INTO {table(Respondent)} "
        f"({_columns(Respondent, ('created_at', 'updated_at', *RESPONDENT_FIELDS))}) "
        f"SELECT {params(2 + len(RESPONDENT_FIELDS))} FROM consultation RETURNING id), "
        f"response AS (INSERT INTO {table(Response)} "
        f"({_columns(Response, RESPONSE_COLUMNS)}, {respondent_fk}) "
        f"SELECT {params(len(RESPONSE_COLUMNS))}, respondent.id FROM respondent RETURNING id), "
        f"answers AS (INSERT INTO {table(Answer)} ({_columns(Answer, ANSWER_COLUMNS)}) "
        "SELECT response.id, a.question, a.value, a.text FROM response, "
        "jsonb_to_recordset(%s::jsonb) AS a(question bigint, value jsonb, text text)), "
        f"comments AS (INSERT INTO {table(ClauseComment)} "
        f"({_columns(ClauseComment, COMMENT_COLUMNS)}) "
        "SELECT response.id, c.section, c.text FROM response, "
        "jsonb_to_recordset(%s::jsonb) AS c(section bigint, text text)), "
        f"jobs AS (INSERT INTO {table(OutboxJob)} ({_columns(OutboxJob, JOB_COLUMNS)}) "
        "SELECT %s, %s, j.task, jsonb_build_object('response_id', response.id), j.queue, 0, '' "
        "FROM response, jsonb_to_recordset(%s::jsonb) AS j(position int, task text, queue text) "
        "ORDER BY j.position)"
        + "".join(_linked_sql(i, shape) for i, shape in enumerate(linked))
        + " SELECT response.id, respondent.id FROM response, respondent"
    )


def response_insert(
    *,
    consultation_id: int,
    consultation_version: datetime,
    clean: CleanSubmission,
    questionnaire: Questionnaire,
    now: datetime,
    respondent: Respondent,
    reference: str,
    status: str,
    channel: str,
    access_salt: str,
    access_token_hash: str,
    organisation_id: int | None,
    idempotency_key: str | None,
    idempotency_fingerprint: str,
    submitted_at: datetime | None,
    jobs: Sequence[tuple[str, str]],
    linked: Sequence[LinkedRow] = (),
) -> Inserted | None:
    """Insert one response with everything it holds: `respondent` (unsaved) as filled in,
    `jobs` as (task name, queue) pairs whose kwargs are the new response's id, `linked` rows
    of other tables pointing at it.

    Only while the consultation is unchanged since it was read (its ``updated_at`` is still
    `consultation_version`) and accepts responses at `now`; otherwise nothing is written and
    the result is None (the caller reads the consultation again).
    PostgreSQL only; a unique violation (idempotency key, reference) raises `IntegrityError`."""
    questions = questionnaire.questions
    sections = questionnaire.sections
    # Answers, comments and jobs go as one JSON document each: cheaper to send than arrays.
    answers = [
        {
            "question": questions[key].id,
            "value": value,
            "text": value if questions[key].kind == "free_text" else "",
        }
        for key, value in clean.answers.items()
    ]
    comments = [
        {"section": sections[number], "text": text} for number, text in clean.comments.items()
    ]
    params: list[Any] = [
        consultation_id,
        consultation_version,
        now,
        now,
        now,
        now,
        *(getattr(respondent, name) for name in RESPONDENT_FIELDS),
        now,
        now,
        consultation_id,
        organisation_id,
        reference,
        status,
        channel,
        clean.language,
        access_salt,
        access_token_hash,
        idempotency_key,
        idempotency_fingerprint,
        submitted_at,
        json.dumps(answers, ensure_ascii=False),
        json.dumps(comments, ensure_ascii=False),
        now,
        now,
        json.dumps(
            [
                {"position": position, "task": task, "queue": queue}
                for position, (task, queue) in enumerate(jobs)
            ]
        ),
    ]
    shapes = []
    for row in linked:
        values = row.filled(now)
        shapes.append((row.model, row.response_field, tuple(values)))
        params.extend(
            row.model._meta.get_field(name).get_db_prep_save(value, connection)  # type: ignore[union-attr]
            for name, value in values.items()
        )
    with db.cursor() as cursor:
        cursor.execute(_sql(tuple(shapes)), params)
        row = cursor.fetchone()
    return None if row is None else Inserted(*row)
