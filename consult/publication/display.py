"""Published responses labelled in the reader's language, for the public page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consult.consultations.models import LIKERT_SCALE, Consultation, ProposalSection, Question
from consult.core.i18n import localized
from consult.responses.models import Respondent
from consult.responses.regions import Region

from .selectors import PublishedResponse


@dataclass
class ShownAnswer:
    question: str
    text: str = ""  # a published free-text answer
    choices: list[str] = field(default_factory=list)
    ranked: bool = False


@dataclass
class ShownComment:
    number: str
    section: ProposalSection | None
    text: str


@dataclass
class ShownResponse:
    response: PublishedResponse
    kind_label: str
    answers: list[ShownAnswer]
    comments: list[ShownComment]
    meta: list[str]  # what else is shown of the respondent and the response, in order


def shown_responses(
    consultation: Consultation, entries: list[PublishedResponse]
) -> list[ShownResponse]:
    """``entries`` with their answers as labels, in questionnaire order (the consultation's
    questions, choices and sections prefetched: no query)."""
    questions = list(consultation.questions.all())
    sections = {s.number: s for s in consultation.sections.all()}
    likert = {str(v): str(label) for v, label in LIKERT_SCALE}
    labels = {q.key: {c.key: localized(c, "label") for c in q.choices.all()} for q in questions}
    kinds = dict(Respondent.Kind.choices)
    regions = {code: str(label) for code, label in Region.choices}
    out = []
    for entry in entries:
        answers: list[ShownAnswer] = []
        for q in questions:
            if q.kind == Question.Kind.FREE_TEXT:
                if text := entry.texts.get(q.key):
                    answers.append(ShownAnswer(localized(q, "text"), text=text))
                continue
            value: Any = entry.answers.get(q.key)
            if value is None or value == []:
                continue
            if q.kind == Question.Kind.LIKERT:
                shown = [likert.get(str(value), str(value))]
            else:
                keys = value if isinstance(value, list) else [value]
                shown = [labels[q.key].get(str(k), str(k)) for k in keys]
            answers.append(
                ShownAnswer(
                    localized(q, "text"), choices=shown, ranked=q.kind == Question.Kind.RANKING
                )
            )
        out.append(
            ShownResponse(
                response=entry,
                kind_label=str(kinds.get(entry.kind, entry.kind)),
                answers=answers,
                comments=[
                    ShownComment(number, sections.get(number), text)
                    for number, text in entry.comments.items()
                ],
                meta=_meta(entry, regions),
            )
        )
    return out


def _meta(entry: PublishedResponse, regions: dict[str, str]) -> list[str]:
    parts = []
    if entry.organisation_name:
        parts.append(str(Respondent.Kind.ORGANISATION.label))
    if entry.consent == Respondent.Consent.ANONYMOUS:
        parts.append(_("Published anonymously"))
    if entry.region:
        parts.append(regions.get(entry.region, ""))
    if entry.submitted_on:
        parts.append(date_format(entry.submitted_on, "DATE_FORMAT"))
    return parts
