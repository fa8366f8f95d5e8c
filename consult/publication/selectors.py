"""Reads of published responses: which responses the public sees and what of each.

The rules (the page and the open data apply the same ones):

- only a consultation whose results are published, and only its submitted responses whose
  respondent agreed to publication (named or anonymously); withdrawn and set-aside responses
  never;
- of the respondent: the kind (individual or organisation); an organisation's name and the
  region only when the respondent chose to be published with their name; never an individual's
  name, an email address or an age band (with a region, an age band can point at a person);
- the answers to choice and agree/disagree questions; free-text answers and clause comments
  only as moderators published them (`consult.publication.moderated`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from consult.consultations.models import Consultation, Question
from consult.consultations.questionnaire import Questionnaire, QuestionSpec, questionnaire_for
from consult.responses.models import Answer, ClauseComment, Respondent, Response

from . import moderated
from .moderated import Moderated

PUBLISHED_CONSENTS = (Respondent.Consent.NAMED, Respondent.Consent.ANONYMOUS)
CHOICE_KINDS = (*Question.CHOICE_KINDS, Question.Kind.LIKERT)


@dataclass(frozen=True)
class PublicFilters:
    """Filters of the public responses page and the open data; empty values do not filter.

    ``question`` with ``answer``: responses whose answer to that choice (or agree/disagree)
    question is (or includes) that choice key or scale value. ``region`` matches only responses
    published with the respondent's name (the region of others is not shown). ``clause``:
    responses with a published comment on that clause. ``search``: a substring of a published
    text."""

    question: str = ""
    answer: str = ""
    kind: str = ""
    region: str = ""
    clause: str = ""
    search: str = ""


@dataclass(frozen=True, slots=True)
class PublishedResponse:
    """One response as the public sees it (see the module docstring)."""

    id: int
    reference: str
    submitted_on: date | None
    language: str
    kind: str
    consent: str
    organisation_name: str  # empty unless an organisation published with its name
    organisation_verified: bool  # the organisation's own response, verified by the platform
    region: str  # empty unless published with the respondent's name
    answers: dict[str, Any]  # choice question key → stored value (key, list of keys or 1–5)
    texts: dict[str, str]  # free-text question key → published text
    comments: dict[str, str]  # clause number → published text
    awaiting: int  # texts moderators have not decided on yet
    withheld: int  # texts moderators rejected


@dataclass(frozen=True)
class PublicationSummary:
    responses: int
    verified_email: int
    awaiting_texts: int


@dataclass
class Page:
    responses: list[PublishedResponse]
    total: int
    total_capped: bool = False  # more than `total` match (counted up to `MATCHES_COUNTED`)
    newer: int | None = None  # cursor (`before`) of the previous page, if any
    older: int | None = None  # cursor (`after`) of the next page, if any
    items: list[Any] = field(default_factory=list)


def published_consultation(slug: str) -> Consultation | None:
    """The consultation if its results are published (else None: its page is a 404)."""
    return (
        Consultation.objects.filter(slug=slug, status=Consultation.Status.PUBLISHED)
        .select_related("department")
        .prefetch_related("sections", "questions__choices")
        .first()
    )


def published_responses(consultation: Consultation) -> QuerySet[Response]:
    """The consultation's responses the public may see (unordered)."""
    if consultation.status != Consultation.Status.PUBLISHED:
        return Response.objects.none()
    return Response.objects.filter(
        consultation=consultation,
        status=Response.Status.SUBMITTED,
        respondent__consent__in=PUBLISHED_CONSENTS,
    ).exclude(moderated.set_aside_condition())


def published_responses_filtered(
    consultation: Consultation, *, filters: PublicFilters
) -> QuerySet[Response]:
    """`published_responses` narrowed by ``filters`` (validated by `PublicFilterForm`; an unknown
    question or clause matches nothing)."""
    qs = published_responses(consultation)
    f = filters
    if f.kind:
        qs = qs.filter(respondent__kind=f.kind)
    if f.region:
        qs = qs.filter(respondent__consent=Respondent.Consent.NAMED, respondent__region=f.region)
    if f.question:
        spec = questionnaire_for(consultation).questions.get(f.question)
        if spec is None or spec.kind not in CHOICE_KINDS:
            return qs.none()
        qs = qs.filter(Exists(_answers_matching(spec, f.answer)))
    if f.clause:
        qs = qs.filter(moderated.has_published_text(consultation, clause_number=f.clause))
    if f.search:
        qs = qs.filter(moderated.has_published_text(consultation, search=f.search))
    return qs


def _answers_matching(spec: QuestionSpec, answer: str) -> QuerySet[Answer]:
    answers = Answer.objects.filter(response=OuterRef("pk"), question_id=spec.id)
    if not answer:
        return answers
    if spec.kind == Question.Kind.LIKERT:
        return answers.filter(value=int(answer))
    if spec.kind == Question.Kind.SINGLE_CHOICE:
        return answers.filter(value=answer)
    if connection.vendor == "postgresql":
        return answers.filter(value__contains=[answer])  # jsonb @>
    # No JSON containment elsewhere: the quoted key in the array's text (keys are slugs, so a
    # quoted key matches only a whole key).
    return answers.filter(value__icontains=json.dumps(answer))


def publication_summary(consultation: Consultation) -> PublicationSummary:
    """How many responses are public, how many of them confirmed an email address, and how many
    of their texts moderators have yet to decide on (three queries)."""
    qs = published_responses(consultation)
    counts = qs.aggregate(
        n=Count("id"),
        verified=Count("id", filter=Q(respondent__email_verified_at__isnull=False)),
    )
    free_text = [
        spec.id
        for spec in questionnaire_for(consultation).questions.values()
        if spec.kind == Question.Kind.FREE_TEXT
    ]
    awaiting_answers = (
        Answer.objects.filter(response__in=qs, question_id__in=free_text)
        .exclude(moderated.decided_item_exists(answers=True))
        .count()
    )
    awaiting_comments = (
        ClauseComment.objects.filter(response__in=qs)
        .exclude(moderated.decided_item_exists(answers=False))
        .count()
    )
    return PublicationSummary(
        responses=counts["n"] or 0,
        verified_email=counts["verified"] or 0,
        awaiting_texts=awaiting_answers + awaiting_comments,
    )


_RECORD_FIELDS = (
    "id",
    "reference",
    "submitted_at",
    "language",
    "respondent__kind",
    "respondent__consent",
    "respondent__organisation_name",
    "respondent__region",
    "responding_organisation__verified_at",
)


def published_entries(
    records: Sequence[dict[str, Any]], *, questionnaire: Questionnaire
) -> list[PublishedResponse]:
    """`PublishedResponse` for records of ``qs.values(*_RECORD_FIELDS)``: three more queries
    (choice answers; free-text answers and clause comments, each with its moderation outcome),
    whatever the number of records. The original texts are never read."""
    ids = [r["id"] for r in records]
    choice_ids = {q.id: q.key for q in questionnaire.questions.values() if q.kind in CHOICE_KINDS}
    free_ids = {
        q.id: q.key for q in questionnaire.questions.values() if q.kind == Question.Kind.FREE_TEXT
    }
    numbers = {sid: number for number, sid in questionnaire.sections.items()}
    answers: dict[int, dict[str, Any]] = {}
    if ids and choice_ids:
        for response_id, question_id, value in Answer.objects.filter(
            response_id__in=ids, question_id__in=list(choice_ids)
        ).values_list("response_id", "question_id", "value"):
            answers.setdefault(response_id, {})[choice_ids[question_id]] = value
    free = (
        Answer.objects.filter(response_id__in=ids, question_id__in=list(free_ids))
        .exclude(text="")
        .values_list("response_id", "question_id", *moderated.OUTCOME_FIELDS)
        if ids and free_ids
        else []
    )
    comments = (
        ClauseComment.objects.filter(response_id__in=ids).values_list(
            "response_id", "section_id", *moderated.OUTCOME_FIELDS
        )
        if ids
        else []
    )
    texts: dict[int, dict[str, str]] = {}
    clause_texts: dict[int, dict[str, str]] = {}
    awaiting: dict[int, int] = {}
    withheld: dict[int, int] = {}

    def tally(response_id: int, outcome: Moderated) -> None:
        if outcome.withheld:
            withheld[response_id] = withheld.get(response_id, 0) + 1
        elif outcome.awaiting:
            awaiting[response_id] = awaiting.get(response_id, 0) + 1

    for response_id, question_id, status, published in free:
        outcome = moderated.outcome(status, published)
        tally(response_id, outcome)
        if outcome.published_text is not None:
            texts.setdefault(response_id, {})[free_ids[question_id]] = outcome.published_text
    for response_id, section_id, status, published in comments:
        outcome = moderated.outcome(status, published)
        tally(response_id, outcome)
        if outcome.published_text is not None and section_id in numbers:
            clause_texts.setdefault(response_id, {})[numbers[section_id]] = outcome.published_text
    question_order = list(questionnaire.questions)
    section_order = list(questionnaire.sections)
    out = []
    for r in records:
        named = r["respondent__consent"] == Respondent.Consent.NAMED
        organisation = r["respondent__kind"] == Respondent.Kind.ORGANISATION
        submitted = r["submitted_at"]
        out.append(
            PublishedResponse(
                id=r["id"],
                reference=r["reference"],
                submitted_on=timezone.localdate(submitted) if submitted else None,
                language=r["language"],
                kind=r["respondent__kind"],
                consent=r["respondent__consent"],
                organisation_name=r["respondent__organisation_name"]
                if named and organisation
                else "",
                organisation_verified=bool(
                    named and organisation and r["responding_organisation__verified_at"]
                ),
                region=r["respondent__region"] if named else "",
                answers=_ordered(answers.get(r["id"], {}), question_order),
                texts=_ordered(texts.get(r["id"], {}), question_order),
                comments=_ordered(clause_texts.get(r["id"], {}), section_order),
                awaiting=awaiting.get(r["id"], 0),
                withheld=withheld.get(r["id"], 0),
            )
        )
    return out


def _ordered(values: dict[str, Any], order: list[str]) -> dict[str, Any]:
    return {key: values[key] for key in order if key in values}


# A filtered page says how many responses match, counted up to this many ("more than 1,000
# match"): a search for a common word among a million texts need not be counted to the end for
# every reader (measured at 100,000 responses: 0.3 s instead of 0.9-1.6 s).
MATCHES_COUNTED = 1000


def published_page(
    consultation: Consultation,
    *,
    filters: PublicFilters,
    per_page: int,
    after: int | None = None,
    before: int | None = None,
    total: int | None = None,
) -> Page:
    """One page of published responses, newest first, by keyset on the id: ``after`` gives the
    page after (older than) that id, ``before`` the page before (newer than) it. ``total`` is
    counted unless given: exactly when the first page holds every match, else up to
    `MATCHES_COUNTED` (``total_capped`` says when more match)."""
    qs = published_responses_filtered(consultation, filters=filters)
    window = qs
    if before is not None:
        window = window.filter(id__gt=before).order_by("id")
    else:
        window = window.order_by("-id")
        if after is not None:
            window = window.filter(id__lt=after)
    records = list(window.values(*_RECORD_FIELDS)[: per_page + 1])
    more = len(records) > per_page
    records = records[:per_page]
    capped = False
    if total is None:
        if after is None and before is None and not more:
            total = len(records)
        else:
            total = qs.values("pk")[: MATCHES_COUNTED + 1].count()
            capped = total > MATCHES_COUNTED
            total = min(total, MATCHES_COUNTED)
    if before is not None:
        records.reverse()
    entries = published_entries(records, questionnaire=questionnaire_for(consultation))
    page = Page(responses=entries, total=total, total_capped=capped)
    if entries:
        first, last = entries[0].id, entries[-1].id
        has_newer = more if before is not None else after is not None
        has_older = (before is not None) or more
        if has_newer:
            page.newer = first
        if has_older:
            page.older = last
    return page


def published_chunks(
    consultation: Consultation, *, filters: PublicFilters, chunk_size: int
) -> Iterator[list[PublishedResponse]]:
    """Every published response matching ``filters`` in id order, ``chunk_size`` at a time,
    in constant memory (keyset `id > last`, four queries a chunk). Responses arriving after the
    first chunk was read are left out."""
    qs = published_responses_filtered(consultation, filters=filters)
    upper = qs.order_by("-id").values_list("id", flat=True).first()
    if upper is None:
        return
    questionnaire = questionnaire_for(consultation)
    last_id = 0
    while True:
        records = list(
            qs.filter(id__gt=last_id, id__lte=upper)
            .order_by("id")
            .values(*_RECORD_FIELDS)[:chunk_size]
        )
        if not records:
            return
        yield published_entries(records, questionnaire=questionnaire)
        if len(records) < chunk_size:
            return
        last_id = records[-1]["id"]
