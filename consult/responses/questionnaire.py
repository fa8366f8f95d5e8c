"""What the questionnaire template needs: questions and clauses with current values and errors."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from consult.consultations.models import LIKERT_SCALE, Consultation, ProposalSection, Question
from consult.core.i18n import localized

from .forms import field_id
from .models import Respondent
from .regions import AgeBand, Region
from .submission import SubmissionInput, comment_max_length

if TYPE_CHECKING:
    from .personal_data import PersonalDataNote


@dataclass
class ChoiceView:
    key: str
    label: str
    selected: bool = False
    rank: int | None = None


@dataclass
class QuestionView:
    question: Question
    id: str
    text: str
    help_text: str
    value: Any
    errors: list[str]
    choices: list[ChoiceView] = field(default_factory=list)
    personal_data: "PersonalDataNote | None" = None  # set on the review page

    @property
    def kind(self) -> str:
        return str(self.question.kind)


@dataclass
class ClauseView:
    section: ProposalSection
    id: str
    title: str
    text: str
    comment: str
    errors: list[str]
    questions: list[QuestionView]
    personal_data: "PersonalDataNote | None" = None  # set on the review page


@dataclass
class QuestionnaireView:
    clauses: list[ClauseView]
    general: list[QuestionView]
    respondent: dict[str, Any]
    respondent_errors: dict[str, list[str]]
    error_summary: list[tuple[str, str]]  # (field id, message)
    choices: dict[str, Any]
    comment_max_length: int


def _choices(question: Question, value: Any) -> list[ChoiceView]:
    if question.kind == Question.Kind.LIKERT:
        return [
            ChoiceView(str(n), str(label), selected=str(value) == str(n))
            for n, label in LIKERT_SCALE
        ]
    out = []
    ranking = value if isinstance(value, list) else []
    for choice in question.choices.all():
        selected = choice.key == value if isinstance(value, str) else choice.key in ranking
        rank = (
            ranking.index(choice.key) + 1
            if question.kind == Question.Kind.RANKING and choice.key in ranking
            else None
        )
        out.append(ChoiceView(choice.key, localized(choice, "label"), selected=selected, rank=rank))
    return out


def build_questionnaire(
    consultation: Consultation, data: SubmissionInput | None, errors: dict[str, list[str]] | None
) -> QuestionnaireView:
    data = data or SubmissionInput()
    errors = errors or {}
    sections = list(consultation.sections.all())
    questions = list(consultation.questions.prefetch_related("choices"))
    by_section: dict[int, list[QuestionView]] = {s.pk: [] for s in sections}
    general: list[QuestionView] = []
    for q in questions:
        value = data.answers.get(q.key)
        view = QuestionView(
            question=q,
            id=field_id(f"answers.{q.key}"),
            text=localized(q, "text"),
            help_text=localized(q, "help_text"),
            value=value if value is not None else "",
            errors=errors.get(f"answers.{q.key}", []),
            choices=_choices(q, value),
        )
        by_section.get(q.section_id or 0, general).append(view)
    clauses = [
        ClauseView(
            section=s,
            id=field_id(f"comments.{s.number}"),
            title=localized(s, "title"),
            text=localized(s, "text"),
            comment=data.comments.get(s.number, ""),
            errors=errors.get(f"comments.{s.number}", []),
            questions=by_section[s.pk],
        )
        for s in sections
    ]
    respondent_errors = {
        path.split(".", 1)[1]: msgs
        for path, msgs in errors.items()
        if path.startswith("respondent.")
    }
    # The summary follows the page's order: clauses and their questions, general questions, you.
    order: list[str] = []
    for c in clauses:
        order += [f"answers.{q.question.key}" for q in c.questions] + [
            f"comments.{c.section.number}"
        ]
    order += [f"answers.{q.question.key}" for q in general]
    order += [
        f"respondent.{name}"
        for name in (
            "kind",
            "organisation_name",
            "name",
            "region",
            "age_band",
            "email",
            "consent",
            "notice_accepted",
        )
    ]
    ranked = sorted(
        errors.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
    )
    # The summary is read apart from the fields: an error of a question or a clause's comment
    # names what it is about ("This question requires an answer." alone does not say which).
    names = {f"answers.{q.question.key}": q.text for c in clauses for q in c.questions}
    names |= {f"answers.{q.question.key}": q.text for q in general}
    names |= {
        f"comments.{c.section.number}": _("Your comment on clause %(n)s") % {"n": c.section.number}
        for c in clauses
    }
    summary = [
        (field_id(path), _named(names[path], msg) if path in names else msg)
        for path, msgs in ranked
        for msg in msgs
    ]
    return QuestionnaireView(
        clauses=clauses,
        general=general,
        respondent=vars(data.respondent),
        respondent_errors=respondent_errors,
        error_summary=summary,
        choices={
            "kind": Respondent.Kind.choices,
            "consent": Respondent.Consent.choices,
            "region": Region.choices,
            "age_band": AgeBand.choices,
        },
        comment_max_length=comment_max_length(),
    )


SUMMARY_NAME_LENGTH = 80


def _named(name: str, message: str) -> str:
    """An error message for the summary, after the name of what it is about (shortened)."""
    if len(name) > SUMMARY_NAME_LENGTH:
        name = name[: SUMMARY_NAME_LENGTH - 1].rstrip() + "…"
    return _("%(name)s — %(message)s") % {"name": name, "message": message}
