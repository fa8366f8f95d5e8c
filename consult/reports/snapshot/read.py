"""Reading a consultation for its snapshot: the header (consultation and questionnaire in both
languages) and the submitted responses as rows, streamed and merged by response id.

Only moderated text is read for publication (`consult.moderation`): an approved or redacted text
is read as its published form; a rejected one is left out; one awaiting a moderator (or not yet
scanned, and flagged now) is read with its flagged passages replaced by labels and listed in the
row's ``held`` sections, so it is analysed and counted but never quoted. Responses set aside
after an upheld report of false attribution are left out altogether; the header's
``moderation`` part says how many and why, for the methodology annex.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from consult.consultations.models import Consultation, Question
from consult.moderation.models import ModerationItem
from consult.moderation.scanning import labelled_text
from consult.moderation.selectors import set_aside_response_ids, set_aside_summary
from consult.responses.attachments.services import ANALYSED_CHARS
from consult.responses.models import Answer, ClauseComment, Response, ResponseAttachment

from .model import DOCUMENTS_SECTION, FREE_TEXT, LIKERT, clause_section, question_section

CHUNK = 5000
DOCUMENT_CHARS = ANALYSED_CHARS  # of a response's attached documents, analysed as one comment
PUBLISHED = (ModerationItem.Status.APPROVED, ModerationItem.Status.REDACTED)
REJECTED = ModerationItem.Status.REJECTED


def held_text(text: str, flags: list[dict[str, Any]] | None) -> tuple[str, bool]:
    """A text awaiting moderation as a report may read it: every flagged passage replaced by
    its label (flags computed now when the text was never scanned). Returns the text and
    whether anything was flagged."""
    return labelled_text(text, flags)


def _moderated(
    text: str, status: str | None, published: str | None, flags: str | None
) -> tuple[str | None, bool]:
    """(text to read or None to leave out, held from quotes). ``flags`` is the item's flags as
    JSON text, decoded only for a text awaiting a moderator (most texts are published)."""
    if status in PUBLISHED and published is not None:
        return published, False
    if status == REJECTED:
        return None, False
    read, flagged = held_text(text, json.loads(flags or "[]") if status is not None else None)
    # Awaiting a moderator is held even when its flags are gone (retention redacted the text
    # in place): what a report may quote must not change when personal data is erased.
    return read, flagged or status is not None


def moderation_summary(consultation: Consultation) -> dict[str, Any]:
    """For the methodology annex: responses set aside (how many, by reason) and the submitted
    texts awaiting moderation or rejected."""
    counted = ModerationItem.objects.filter(consultation=consultation).exclude(status__in=PUBLISHED)
    excluded = set_aside_response_ids(consultation.pk)
    counts = {"pending": 0, "rejected": 0}
    for status, answer_response, comment_response in counted.values_list(
        "status", "answer__response_id", "clause_comment__response_id"
    ).filter(
        Q(answer__response__status=Response.Status.SUBMITTED)
        | Q(clause_comment__response__status=Response.Status.SUBMITTED)
    ):
        if (answer_response or comment_response) not in excluded:
            counts[status] = counts.get(status, 0) + 1
    summary = set_aside_summary(consultation.pk)
    return {
        "set_aside": sum(row["count"] for row in summary),
        "set_aside_reasons": summary,
        "pending": counts["pending"],
        "rejected": counts["rejected"],
    }


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
    if _documents(consultation).exists():
        sections.append({"key": DOCUMENTS_SECTION, "kind": "documents", "ref": "attachments"})
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
        "moderation": moderation_summary(consultation),
        "wording_changes": wording_changes(consultation),
        "supporter_consents": supporter_consents(consultation),
    }


def supporter_consents(consultation: Consultation) -> dict[str, int]:
    """How the consent of the supporters whose responses organisations submitted was recorded:
    responses by consent method (a campaign page's own tick, or what the organisation says it
    collected: online form, paper, email, in person), and `none` for responses an organisation
    submitted before a consent record was required. Counted over the responses the report reads
    (submitted, not set aside), by two grouped queries."""
    responses = Response.objects.filter(
        consultation=consultation, status=Response.Status.SUBMITTED
    ).exclude(pk__in=set_aside_response_ids(consultation.pk))
    counts: dict[str, int] = {}
    for field in ("campaign_support__consent_method", "supporter_consent__method"):
        grouped = (
            responses.filter(**{f"{field}__isnull": False})
            .values_list(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for method, n in grouped:
            counts[str(method)] = counts.get(str(method), 0) + n
    without = responses.filter(
        organisation__isnull=False,
        campaign_support__isnull=True,
        supporter_consent__isnull=True,
    ).count()
    if without:
        counts["none"] = without
    return counts


def wording_changes(consultation: Consultation) -> list[dict[str, Any]]:
    """The revisions that changed the consultation's texts after responses had arrived: when
    (local time), after how many responses, and which document paths."""
    revisions = consultation.revisions.filter(responses_before__gt=0).order_by("number")
    return [
        {
            "number": number,
            "at": timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
            "responses_before": before,
            "changed": changed,
        }
        for number, at, before, changed in revisions.values_list(
            "number", "created_at", "responses_before", "changed"
        )
    ]


def _documents(consultation: Consultation) -> Any:
    """The attachments of submitted responses whose text was read for analysis."""
    return ResponseAttachment.objects.filter(
        response__consultation=consultation,
        response__status=Response.Status.SUBMITTED,
        extraction=ResponseAttachment.Extraction.DONE,
    ).exclude(analysed_text="")


def document_text(texts: Iterable[str]) -> str:
    """A response's attached documents as one text to analyse: each attachment's
    ``analysed_text`` (cut, personal data replaced by labels when its text was extracted; see
    `attachment_extract`), joined and cut to `DOCUMENT_CHARS`. Documents are not moderated, so
    they are read like a text awaiting moderation: analysed, never quoted."""
    return "\n\n".join(text.strip() for text in texts if text.strip())[:DOCUMENT_CHARS]


def rows_from_db(consultation: Consultation) -> Iterator[dict[str, Any]]:
    """Submitted responses with their answers, clause comments and attached documents' text,
    merged by response id; texts as moderation allows (see the module docstring). An
    organisation's own response says whether the organisation was verified when it was read."""
    submitted = {"consultation": consultation, "status": Response.Status.SUBMITTED}
    related = {"response__consultation": consultation, "response__status": "submitted"}
    question_keys = dict(consultation.questions.values_list("id", "key"))
    free_text = set(
        consultation.questions.filter(kind=Question.Kind.FREE_TEXT).values_list("id", flat=True)
    )
    clause_numbers = dict(consultation.sections.values_list("id", "number"))
    set_aside = set_aside_response_ids(consultation.pk)
    # The flags as text: decoding a million JSON values nobody reads cost seconds.
    moderation = (
        "moderation__status",
        "moderation__published_text",
        Cast("moderation__flags", output_field=TextField()),
    )
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
            "responding_organisation__verified_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    answers = _grouped(
        Answer.objects.filter(**related)
        .order_by("response_id", "id")
        # The JSON text as stored: a response's answers are decoded together (see below).
        .values_list(
            "response_id", "question_id", Cast("value", output_field=TextField()), *moderation
        )
        .iterator(chunk_size=CHUNK * 4)
    )
    comments = _grouped(
        ClauseComment.objects.filter(**related)
        .order_by("response_id", "id")
        .values_list("response_id", "section_id", "text", *moderation)
        .iterator(chunk_size=CHUNK * 2)
    )
    documents = _grouped(
        _documents(consultation)
        .order_by("response_id", "id")
        .values_list("response_id", "analysed_text")
        .iterator(chunk_size=100)
    )
    next_answers = next(answers, None)
    next_comments = next(comments, None)
    next_documents = next(documents, None)
    for rid, ref, at, lang, channel, kind, region, age, consent, org, verified in responses:
        row_answers: dict[str, Any] = {}
        row_comments: dict[str, str] = {}
        held: list[str] = []
        while next_answers is not None and next_answers[0] <= rid:
            if next_answers[0] == rid:
                pairs = [item for item in next_answers[1] if item[0] in question_keys]
                # One json.loads per response rather than one per answer.
                values = json.loads("[" + ",".join(item[1] for item in pairs) + "]")
                for (q, _raw, status, published, flags), value in zip(pairs, values, strict=True):
                    if q in free_text and isinstance(value, str) and value:
                        value, is_held = _moderated(value, status, published, flags)
                        if value is None:
                            continue
                        if is_held:
                            held.append(question_section(question_keys[q]))
                    row_answers[question_keys[q]] = value
            next_answers = next(answers, None)
        while next_comments is not None and next_comments[0] <= rid:
            if next_comments[0] == rid:
                for s, text, status, published, flags in next_comments[1]:
                    if s not in clause_numbers:
                        continue
                    read, is_held = _moderated(text, status, published, flags)
                    if read is None:
                        continue
                    if is_held:
                        held.append(clause_section(clause_numbers[s]))
                    row_comments[clause_numbers[s]] = read
            next_comments = next(comments, None)
        document = ""
        while next_documents is not None and next_documents[0] <= rid:
            if next_documents[0] == rid:
                document = document_text(text for (text,) in next_documents[1])
            next_documents = next(documents, None)
        if rid in set_aside:
            continue
        row: dict[str, Any] = {
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
            "held": held,
        }
        if kind == "organisation":
            row["verified"] = verified is not None
        if document:
            row["documents"] = document
        yield row


def _grouped(
    rows: Iterable[tuple[Any, ...]],
) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """(response id, [(a, b, ...), ...]) for rows (response id, a, b, ...) ordered by id."""
    current: int | None = None
    items: list[tuple[Any, ...]] = []
    for rid, *rest in rows:
        if rid != current:
            if current is not None:
                yield current, items
            current, items = rid, []
        items.append(tuple(rest))
    if current is not None:
        yield current, items
