"""Reading a consultation for its snapshot: the header (consultation and questionnaire in both
languages) and the submitted responses as rows, streamed and merged by response id."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from consult.consultations.models import Consultation
from consult.responses.models import Answer, ClauseComment, Response

from .model import FREE_TEXT, LIKERT, clause_section, question_section

CHUNK = 5000


def snapshot_header(consultation: Consultation) -> dict[str, Any]:
    """The consultation and its questionnaire, in both languages, as plain data."""
    clauses = list(consultation.sections.order_by("position"))
    numbers = {c.pk: c.number for c in clauses}
    questions: list[dict[str, Any]] = []
    overall: str | None = None
    clause_likert: dict[str, str] = {}
    for q in consultation.questions.prefetch_related("choices").order_by("position"):
        questions.append(
            {
                "key": q.key,
                "kind": str(q.kind),
                "text_ja": q.text_ja,
                "text_en": q.text_en,
                "section": numbers.get(q.section_id) if q.section_id else None,
                "choices": [
                    {"key": c.key, "label_ja": c.label_ja, "label_en": c.label_en}
                    for c in q.choices.all()
                ],
            }
        )
        if q.kind == LIKERT:
            if q.section_id and q.section_id in numbers:
                clause_likert.setdefault(numbers[q.section_id], q.key)
            elif overall is None or q.key == "overall":
                overall = q.key
    sections = [
        {"key": question_section(q["key"]), "kind": "question", "ref": q["key"]}
        for q in questions
        if q["kind"] == FREE_TEXT
    ] + [{"key": clause_section(c.number), "kind": "clause", "ref": c.number} for c in clauses]
    return {
        "consultation": {
            "id": consultation.pk,
            "slug": consultation.slug,
            "title_ja": consultation.title_ja,
            "title_en": consultation.title_en,
            "department_ja": consultation.department.name_ja,
            "department_en": consultation.department.name_en,
            "opens_at": consultation.opens_at.isoformat() if consultation.opens_at else None,
            "closes_at": consultation.closes_at.isoformat() if consultation.closes_at else None,
            "status": consultation.current_status(),
        },
        "questions": questions,
        "clauses": [
            {"number": c.number, "title_ja": c.title_ja, "title_en": c.title_en} for c in clauses
        ],
        "sections": sections,
        "overall": overall,
        "clause_likert": clause_likert,
    }


def rows_from_db(consultation: Consultation) -> Iterator[dict[str, Any]]:
    """Submitted responses with their answers and clause comments, merged by response id."""
    submitted = {"consultation": consultation, "status": Response.Status.SUBMITTED}
    related = {"response__consultation": consultation, "response__status": "submitted"}
    question_keys = dict(consultation.questions.values_list("id", "key"))
    clause_numbers = dict(consultation.sections.values_list("id", "number"))
    responses = (
        Response.objects.filter(**submitted)
        .order_by("id")
        .values_list(
            "id",
            "reference",
            "submitted_at",
            "language",
            "channel",
            "respondent__kind",
            "respondent__region",
            "respondent__age_band",
            "respondent__consent",
            "respondent__organisation_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    answers = _grouped(
        Answer.objects.filter(**related)
        .order_by("response_id", "id")
        # The JSON text as stored: a response's answers are decoded together (see below).
        .values_list("response_id", "question_id", Cast("value", output_field=TextField()))
        .iterator(chunk_size=CHUNK * 4)
    )
    comments = _grouped(
        ClauseComment.objects.filter(**related)
        .order_by("response_id", "id")
        .values_list("response_id", "section_id", "text")
        .iterator(chunk_size=CHUNK * 2)
    )
    next_answers = next(answers, None)
    next_comments = next(comments, None)
    for rid, ref, at, lang, channel, kind, region, age, consent, org in responses:
        row_answers: dict[str, Any] = {}
        row_comments: dict[str, str] = {}
        while next_answers is not None and next_answers[0] <= rid:
            if next_answers[0] == rid:
                pairs = [(q, raw) for q, raw in next_answers[1] if q in question_keys]
                # One json.loads per response rather than one per answer.
                values = json.loads("[" + ",".join(raw for _q, raw in pairs) + "]")
                row_answers = {
                    question_keys[q]: v for (q, _raw), v in zip(pairs, values, strict=True)
                }
            next_answers = next(answers, None)
        while next_comments is not None and next_comments[0] <= rid:
            if next_comments[0] == rid:
                row_comments = {
                    clause_numbers[s]: t for s, t in next_comments[1] if s in clause_numbers
                }
            next_comments = next(comments, None)
        yield {
            "id": rid,
            "ref": ref,
            "at": at.isoformat() if at else None,
            "lang": lang,
            "channel": channel,
            "kind": kind,
            "region": region,
            "age": age,
            "consent": consent,
            "org": org if kind == "organisation" else "",
            "answers": row_answers,
            "comments": row_comments,
        }


def _grouped(
    rows: Iterable[tuple[int, Any, Any]],
) -> Iterator[tuple[int, list[tuple[Any, Any]]]]:
    """(response id, [(a, b), ...]) for rows ordered by response id."""
    current: int | None = None
    items: list[tuple[Any, Any]] = []
    for rid, a, b in rows:
        if rid != current:
            if current is not None:
                yield current, items
            current, items = rid, []
        items.append((a, b))
    if current is not None:
        yield current, items
