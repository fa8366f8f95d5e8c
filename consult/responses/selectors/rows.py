"""Responses as plain rows for the API and exports, page by page or in constant-memory chunks."""

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from consult.consultations.questionnaire import Questionnaire

from ..models import Answer, ClauseComment, Response
from .filters import SHOWS_CONTENT, SHOWS_IDENTITY, Disclosure, disclosure_for


@dataclass(frozen=True, slots=True)
class ResponseRow:
    """One response as plain data, with what its reader may not see already left out."""

    reference: str
    status: str
    channel: str
    language: str
    submitted_at: datetime | None
    disclosure: Disclosure
    kind: str
    consent: str
    name: str | None
    organisation_name: str | None
    region: str | None
    age_band: str | None
    email_verified: bool | None
    answers: dict[str, Any]  # question key -> stored value, in questionnaire order
    comments: dict[str, str]  # section number -> text, in section order
    # The organisation that submitted it on a supporter's behalf, and the supporter's consent as
    # recorded ({"method", "consented_at", "shared"}); None for a response nobody submitted so.
    submitted_through: str | None = None
    supporter_consent: dict[str, Any] | None = None


_RECORD_FIELDS = (
    "id",
    "reference",
    "status",
    "channel",
    "language",
    "submitted_at",
    *(
        f"respondent__{name}"
        for name in (
            "kind",
            "name",
            "organisation_name",
            "region",
            "age_band",
            "consent",
            "email_verified_at",
        )
    ),
    "organisation__name",
    "supporter_consent__method",
    "supporter_consent__consented_at",
    "supporter_consent__share",
    "campaign_support__consent_method",
    "campaign_support__consented_at",
    "campaign_support__consent_share",
)


def _supporter_consent(r: dict[str, Any]) -> dict[str, Any] | None:
    """The consent recorded with a campaign supporter's response or with a response an
    organisation's key submitted (a response has at most one of the two)."""
    if r["campaign_support__consent_method"] is not None:
        return {
            "method": r["campaign_support__consent_method"],
            "consented_at": r["campaign_support__consented_at"],
            "shared": r["campaign_support__consent_share"],
        }
    if r["supporter_consent__method"] is not None:
        return {
            "method": r["supporter_consent__method"],
            "consented_at": r["supporter_consent__consented_at"],
            "shared": r["supporter_consent__share"],
        }
    return None


def response_records(qs: QuerySet[Response]) -> QuerySet[Response, dict[str, Any]]:
    """`qs` as the plain records `response_rows` takes: one query with the respondent, the
    submitting organisation and the supporter's consent record joined (never the email). Plain values, not model instances: building instances costs several times more
    than the query itself, which matters for an export of every response."""
    return qs.values(*_RECORD_FIELDS)


def response_rows(
    records: Sequence[dict[str, Any]], *, questionnaire: Questionnaire, organisation_reader: bool
) -> list[ResponseRow]:
    """Rows for records of `response_records`, with their answers and clause comments (two more
    queries, skipped for responses whose content the reader may not see)."""
    disclosures = [
        disclosure_for(r["respondent__consent"], organisation_reader=organisation_reader)
        for r in records
    ]
    ids = [r["id"] for r, d in zip(records, disclosures, strict=True) if d in SHOWS_CONTENT]
    answers = _answers_by_response(ids, questionnaire)
    comments = _comments_by_response(ids, questionnaire)
    rows = []
    for r, disclosure in zip(records, disclosures, strict=True):
        identity = disclosure in SHOWS_IDENTITY
        verified = r["respondent__email_verified_at"] is not None
        rows.append(
            ResponseRow(
                reference=r["reference"],
                status=r["status"],
                channel=r["channel"],
                language=r["language"],
                submitted_at=r["submitted_at"],
                disclosure=disclosure,
                kind=r["respondent__kind"],
                consent=r["respondent__consent"],
                name=r["respondent__name"] if identity else None,
                organisation_name=r["respondent__organisation_name"] if identity else None,
                region=r["respondent__region"] if identity else None,
                age_band=r["respondent__age_band"] if identity else None,
                email_verified=verified if identity else None,
                answers=answers.get(r["id"], {}),
                comments=comments.get(r["id"], {}),
                submitted_through=r["organisation__name"],
                supporter_consent=_supporter_consent(r),
            )
        )
    return rows


def _answers_by_response(ids: list[int], questionnaire: Questionnaire) -> dict[int, dict[str, Any]]:
    """{response id: {question key: value}} in questionnaire order, in one query. The values are
    read as JSON text and decoded in one call: decoding each separately costs more than the query."""
    if not ids:
        return {}
    rows = list(
        Answer.objects.filter(response_id__in=ids)
        .annotate(raw=Cast("value", output_field=TextField()))
        .values_list("response_id", "question_id", "raw")
    )
    values = json.loads("[" + ",".join(raw for _r, _q, raw in rows) + "]")
    slots: dict[int, list[Any]] = {}
    position = {q.id: i for i, q in enumerate(questionnaire.questions.values())}
    for (response_id, question_id, _raw), value in zip(rows, values, strict=True):
        if question_id in position:
            slots.setdefault(response_id, [_MISSING] * len(position))[position[question_id]] = value
    keys = list(questionnaire.questions)
    return {
        response_id: {k: v for k, v in zip(keys, slot, strict=True) if v is not _MISSING}
        for response_id, slot in slots.items()
    }


def _comments_by_response(
    ids: list[int], questionnaire: Questionnaire
) -> dict[int, dict[str, str]]:
    """{response id: {section number: comment}} in section order, in one query."""
    if not ids:
        return {}
    position = {sid: i for i, sid in enumerate(questionnaire.sections.values())}
    slots: dict[int, list[str | None]] = {}
    for response_id, section_id, text in ClauseComment.objects.filter(
        response_id__in=ids
    ).values_list("response_id", "section_id", "text"):
        if section_id in position:
            slots.setdefault(response_id, [None] * len(position))[position[section_id]] = text
    numbers = list(questionnaire.sections)
    return {
        response_id: {n: t for n, t in zip(numbers, slot, strict=True) if t is not None}
        for response_id, slot in slots.items()
    }


_MISSING = object()


def response_row_chunks(
    qs: QuerySet[Response],
    *,
    questionnaire: Questionnaire,
    organisation_reader: bool,
    chunk_size: int = 1000,
) -> Iterator[list[ResponseRow]]:
    """Rows of `qs` in id order, `chunk_size` at a time, in constant memory: keyset pagination
    (`id > last`), three queries per chunk, no long-lived cursor. Responses created after the
    first chunk was read are left out, so the result is the set as it stood when reading began."""
    last_id = 0
    upper = qs.order_by("-id").values_list("id", flat=True).first()
    if upper is None:
        return
    while True:
        page = list(
            response_records(qs.filter(id__gt=last_id, id__lte=upper).order_by("id")[:chunk_size])
        )
        if not page:
            return
        yield response_rows(
            page, questionnaire=questionnaire, organisation_reader=organisation_reader
        )
        if len(page) < chunk_size:
            return
        last_id = page[-1]["id"]
