"""A consultation's questionnaire as plain, immutable data, loaded once and cached per process.

Validation and writes of responses use it instead of querying questions for every submission.
"""

from dataclasses import dataclass
from functools import lru_cache

from .models import Consultation, Question


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    id: int
    key: str
    kind: str
    required: bool
    max_length: int | None
    choice_keys: tuple[str, ...]
    section_number: str | None


@dataclass(frozen=True, slots=True)
class Questionnaire:
    consultation_id: int
    questions: dict[str, QuestionSpec]  # in questionnaire order
    sections: dict[str, int]  # section number -> id, in order
    notice_version: str

    def question_ids(self) -> dict[str, int]:
        return {key: q.id for key, q in self.questions.items()}


def questionnaire_for(consultation: Consultation) -> Questionnaire:
    """The questionnaire of a consultation (cached until the consultation is saved again)."""
    return _load(
        consultation.pk, consultation.updated_at.isoformat() if consultation.updated_at else ""
    )


@lru_cache(maxsize=64)
def _load(consultation_id: int, _version: str) -> Questionnaire:
    consultation = Consultation.objects.get(pk=consultation_id)
    sections = dict(consultation.sections.order_by("position").values_list("number", "id"))
    numbers = {v: k for k, v in sections.items()}
    questions: dict[str, QuestionSpec] = {}
    for q in (
        Question.objects.filter(consultation_id=consultation_id)
        .prefetch_related("choices")
        .order_by("position")
    ):
        questions[q.key] = QuestionSpec(
            id=q.pk,
            key=q.key,
            kind=str(q.kind),
            required=q.required,
            max_length=q.max_length,
            choice_keys=tuple(c.key for c in q.choices.all()),
            section_number=numbers.get(q.section_id) if q.section_id else None,
        )
    return Questionnaire(
        consultation_id=consultation_id,
        questions=questions,
        sections=sections,
        notice_version=consultation.notice_version,
    )
