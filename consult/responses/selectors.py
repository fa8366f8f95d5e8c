"""Reads of responses for the official's view, the API and exports."""

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation, Question
from consult.consultations.questionnaire import Questionnaire, QuestionSpec, questionnaire_for

from .models import Answer, ClauseComment, Respondent, Response


def responses_for_consultation(
    consultation: Consultation,
    *,
    status: str = "",
    channel: str = "",
    kind: str = "",
    language: str = "",
    region: str = "",
    search: str = "",
) -> QuerySet[Response]:
    qs = Response.objects.filter(consultation=consultation).select_related("respondent")
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if kind:
        qs = qs.filter(respondent__kind=kind)
    if language:
        qs = qs.filter(language=language)
    if region:
        qs = qs.filter(respondent__region=region)
    if search:
        qs = qs.filter(
            Q(reference__iexact=search)
            | Q(answers__text__icontains=search)
            | Q(clause_comments__text__icontains=search)
        ).distinct()
    return qs.order_by("-submitted_at", "-id")


def response_breakdown(consultation: Consultation) -> dict[str, list[tuple[str, int]]]:
    """Counts of submitted responses by channel, respondent kind, language and region."""
    submitted = Response.objects.filter(consultation=consultation, status=Response.Status.SUBMITTED)
    out: dict[str, list[tuple[str, int]]] = {}
    for name, fieldname in (
        ("channel", "channel"),
        ("kind", "respondent__kind"),
        ("language", "language"),
        ("region", "respondent__region"),
    ):
        rows = submitted.values(fieldname).annotate(n=Count("id")).order_by("-n")
        out[name] = [(row[fieldname] or "", row["n"]) for row in rows]
    return out


def response_detail_for_staff(consultation: Consultation, reference: str) -> Response | None:
    return (
        Response.objects.filter(consultation=consultation, reference=reference)
        .select_related("respondent")
        .prefetch_related("answers__question", "clause_comments__section")
        .first()
    )


# --- Reads for the API and exports: filters, disclosure, plain rows, constant-memory chunks ---


@dataclass(frozen=True)
class ResponseFilters:
    """Filters of the response list and export; empty values do not filter.

    `question` alone keeps responses that answered it; with `answer`, those whose answer equals
    (single choice, likert) or contains (multiple choice, ranking) that choice key or scale value.
    `submitted_after` is inclusive and `submitted_before` exclusive. `search` is a substring of a
    free-text answer or a clause comment (or a whole reference number)."""

    status: str = ""
    channel: str = ""
    kind: str = ""
    language: str = ""
    region: str = ""
    question: str = ""
    answer: str = ""
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None
    search: str = ""


class Disclosure(StrEnum):
    """How much of a response a reader may see.

    Officials of the consultation's department see everything (`full`) except email addresses,
    which no list or export carries. An organisation sees only the responses it submitted, as far
    as each supporter agreed to publication:

    - `named` (consent "named"): everything officials see;
    - `anonymous` (consent "anonymous"): the answers and comments, the respondent's kind and
      consent; not their name, organisation name, region, age band or email status;
    - `receipt` (consent "none", or none recorded): only the receipt (reference, status, channel,
      language, time) and the respondent's kind and consent: not what they wrote.

    Filters follow the same rule, so they cannot be used to learn a hidden value: for an
    organisation, `region` matches only named responses; `question`/`answer` and `search` match
    only named and anonymous ones.
    """

    FULL = "full"
    NAMED = "named"
    ANONYMOUS = "anonymous"
    RECEIPT = "receipt"


_SHOWS_IDENTITY = (Disclosure.FULL, Disclosure.NAMED)
_SHOWS_CONTENT = (Disclosure.FULL, Disclosure.NAMED, Disclosure.ANONYMOUS)


def disclosure_for(consent: str, *, organisation_reader: bool) -> Disclosure:
    """What a reader may see of a response whose respondent gave `consent`."""
    if not organisation_reader:
        return Disclosure.FULL
    if consent == Respondent.Consent.NAMED:
        return Disclosure.NAMED
    if consent == Respondent.Consent.ANONYMOUS:
        return Disclosure.ANONYMOUS
    return Disclosure.RECEIPT


def responses_filtered(
    consultation: Consultation,
    *,
    filters: ResponseFilters,
    organisation: Organisation | None = None,
) -> QuerySet[Response]:
    """A consultation's responses matching `filters`: all of them for its officials, or (with
    `organisation`) only those that organisation submitted, filtered as `Disclosure` explains.
    Unordered; an unknown `question` matches nothing."""
    qs = Response.objects.filter(consultation=consultation)
    identity_visible = Q()
    content_visible = Q()
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
        identity_visible = Q(respondent__consent=Respondent.Consent.NAMED)
        content_visible = Q(
            respondent__consent__in=(Respondent.Consent.NAMED, Respondent.Consent.ANONYMOUS)
        )
    f = filters
    exact = {"status": f.status, "channel": f.channel, "language": f.language}
    qs = qs.filter(**{name: value for name, value in exact.items() if value})
    if f.kind:
        qs = qs.filter(respondent__kind=f.kind)
    if f.region:
        qs = qs.filter(identity_visible, respondent__region=f.region)
    if f.submitted_after:
        qs = qs.filter(submitted_at__gte=f.submitted_after)
    if f.submitted_before:
        qs = qs.filter(submitted_at__lt=f.submitted_before)
    if f.question:
        spec = questionnaire_for(consultation).questions.get(f.question)
        if spec is None:
            return qs.none()
        qs = qs.filter(content_visible, _answer_condition(spec, f.answer))
    if f.search:
        qs = qs.filter(content_visible, _search_condition(f.search))
    return qs


def _answer_condition(spec: QuestionSpec, answer: str) -> Q:
    """One join on the answer to `spec` (unique per response, so no duplicate rows)."""
    condition = Q(answers__question_id=spec.id)
    if not answer:
        return condition
    if spec.kind == Question.Kind.LIKERT:
        return condition & Q(answers__value=int(answer))
    if spec.kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.RANKING):
        if connection.vendor == "postgresql":
            return condition & Q(answers__value__contains=[answer])  # jsonb @>
        # Elsewhere there is no JSON containment: look for the quoted key in the JSON array's
        # text (choice keys are slugs, so they cannot contain a quote and match only a whole key).
        return condition & Q(answers__value__icontains=json.dumps(answer))
    return condition & Q(answers__value=answer)


def _search_condition(text: str) -> Q:
    """A case-insensitive substring of a free-text answer or a clause comment, or the reference.

    Substring, not PostgreSQL full-text search: Japanese is written without spaces, so the
    `simple` configuration makes a whole phrase one lexeme and "監視" would not find
    "顔認証による監視に反対"; the `english` configuration stems English but fails Japanese the
    same way. A substring match finds both languages, the same way on SQLite and PostgreSQL.
    """
    return (
        Q(reference__iexact=text)
        | Exists(Answer.objects.filter(response=OuterRef("pk"), text__icontains=text))
        | Exists(ClauseComment.objects.filter(response=OuterRef("pk"), text__icontains=text))
    )


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
)


def response_records(qs: QuerySet[Response]) -> QuerySet[Response, dict[str, Any]]:
    """`qs` as the plain records `response_rows` takes: one query with the respondent joined (never
    the email). Plain values, not model instances: building instances costs several times more
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
    ids = [r["id"] for r, d in zip(records, disclosures, strict=True) if d in _SHOWS_CONTENT]
    answers = _answers_by_response(ids, questionnaire)
    comments = _comments_by_response(ids, questionnaire)
    rows = []
    for r, disclosure in zip(records, disclosures, strict=True):
        identity = disclosure in _SHOWS_IDENTITY
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
