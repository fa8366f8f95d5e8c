"""A submission as plain data, and its validation — shared by the web form, the API and imports.

Errors are keyed by path (`respondent.email`, `answers.q3`, `comments.2`) and worded in the active
language; callers map the paths onto their own field names.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.consultations.models import Consultation, Question
from consult.consultations.questionnaire import Questionnaire, QuestionSpec, questionnaire_for

from .models import Respondent
from .regions import AgeBand, Region

# Looked up for every row of a bulk import: plain frozensets, not enum properties.
_KINDS = frozenset(Respondent.Kind.values)
_CONSENTS = frozenset(Respondent.Consent.values)
_REGIONS = frozenset(Region.values)
_AGE_BANDS = frozenset(AgeBand.values)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Normalise user text for storage: newlines unified, control characters and lone surrogates
    dropped (PostgreSQL cannot store NUL), NFC, surrounding white space removed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = value.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(value) else value
    return unicodedata.normalize("NFC", value).strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(value: str) -> bool:
    return _SURROGATE.search(value) is not None


@dataclass
class RespondentInput:
    kind: str = ""
    name: str = ""
    organisation_name: str = ""
    region: str = ""
    age_band: str = ""
    email: str = ""
    consent: str = ""
    notice_accepted: bool = False


@dataclass
class SubmissionInput:
    """Raw input: answers keyed by question key, clause comments by section number."""

    respondent: RespondentInput = field(default_factory=RespondentInput)
    answers: dict[str, Any] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    language: str = "ja"


@dataclass
class CleanSubmission:
    respondent: RespondentInput
    answers: dict[str, Any]  # question key -> stored value (see Answer.value)
    comments: dict[str, str]  # section number -> text
    language: str


class SubmissionInvalid(ValidationError):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__([m for msgs in errors.values() for m in msgs])


def comment_max_length() -> int:
    return int(settings.CONSULT_MAX_COMMENT_LENGTH)


def validate_submission(
    *,
    consultation: Consultation,
    data: SubmissionInput,
    complete: bool,
    questionnaire: Questionnaire | None = None,
) -> CleanSubmission:
    """Validate a submission against the consultation's questionnaire.

    `complete=False` (a draft) skips required answers and respondent requirements but still
    refuses unknown questions, invalid choices and over-long texts.
    """
    errors: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    questionnaire = questionnaire or questionnaire_for(consultation)
    if (
        not isinstance(data.respondent, RespondentInput)
        or not isinstance(data.answers, dict)
        or not isinstance(data.comments, dict)
    ):
        raise SubmissionInvalid({"": [_("The submission is not in the expected form.")]})
    respondent = _validate_respondent(data.respondent, complete, add)
    questions = questionnaire.questions
    answers: dict[str, Any] = {}
    for key, raw in data.answers.items():
        question = questions.get(key)
        if question is None:
            add(f"answers.{key}", _("There is no such question in this consultation."))
            continue
        value = _clean_answer(question, raw, lambda m, key=key: add(f"answers.{key}", m))
        if value is not None:
            answers[key] = value
    if complete:
        for key, question in questions.items():
            if question.required and key not in answers and f"answers.{key}" not in errors:
                add(f"answers.{key}", _("This question requires an answer."))

    sections = questionnaire.sections
    comments: dict[str, str] = {}
    limit = comment_max_length()
    for number, raw in data.comments.items():
        if number not in sections:
            add(f"comments.{number}", _("There is no such clause in this consultation."))
            continue
        if not isinstance(raw, str):
            add(f"comments.{number}", _("A comment must be text."))
            continue
        text = clean_text(raw)
        if len(text) > limit:
            add(f"comments.{number}", _too_long(len(text), limit))
        elif text:
            comments[number] = text
    language = data.language if data.language in ("ja", "en") else "ja"
    if errors:
        raise SubmissionInvalid(errors)
    return CleanSubmission(
        respondent=respondent, answers=answers, comments=comments, language=language
    )


def _too_long(length: int, limit: int) -> str:
    return ngettext(
        "Please shorten this to at most %(limit)d character (it has %(length)d).",
        "Please shorten this to at most %(limit)d characters (it has %(length)d).",
        limit,
    ) % {"limit": limit, "length": length}


def _validate_respondent(r: RespondentInput, complete: bool, add: Any) -> RespondentInput:
    wrong = {
        attr: ""
        for attr in ("kind", "name", "organisation_name", "region", "age_band", "email", "consent")
        if not isinstance(getattr(r, attr), str)
    }
    r = replace(r)
    for attr in wrong:
        add(f"respondent.{attr}", _("Expected text."))
        setattr(r, attr, "")
    out = RespondentInput(notice_accepted=bool(r.notice_accepted))
    kinds = _KINDS
    out.kind = r.kind if r.kind in kinds else ""
    if (r.kind and r.kind not in kinds) or (complete and not r.kind):
        add("respondent.kind", _("Choose whether you respond as an individual or an organisation."))
    limit = settings.CONSULT_MAX_NAME_LENGTH
    for attr in ("name", "organisation_name"):
        value = clean_text(getattr(r, attr) or "") if isinstance(getattr(r, attr), str) else ""
        if len(value) > limit:
            add(f"respondent.{attr}", _too_long(len(value), limit))
        setattr(out, attr, value[:limit])
    # A draft too: the database keeps no organisation without its name.
    if out.kind == Respondent.Kind.ORGANISATION and not out.organisation_name:
        add(
            "respondent.organisation_name", _("Enter the name of the organisation you respond for.")
        )

    if r.region and r.region not in _REGIONS:
        add("respondent.region", _("Choose a prefecture or “Overseas” from the list."))
    else:
        out.region = r.region
    if r.age_band and r.age_band not in _AGE_BANDS:
        add("respondent.age_band", _("Choose an age band from the list."))
    else:
        out.age_band = r.age_band
    email = clean_text(r.email or "") if isinstance(r.email, str) else ""
    if email:
        try:
            validate_email(email)
        except ValidationError:
            add(
                "respondent.email",
                _("Enter an email address such as name@example.jp, or leave it empty."),
            )
        if len(email) > 254:
            add("respondent.email", _too_long(len(email), 254))
    out.email = email
    consents = _CONSENTS
    if (r.consent and r.consent not in consents) or (complete and not r.consent):
        add("respondent.consent", _("Choose how your response may be published."))
    out.consent = r.consent if r.consent in consents else ""
    # An organisation's name stands for a name to publish only when an organisation responds:
    # an individual's is not stored (`services._fill_respondent`), so it cannot be published.
    publishable_name = out.name or (
        out.organisation_name if out.kind == Respondent.Kind.ORGANISATION else ""
    )
    # A draft too: the database keeps no respondent to be published by a name they lack.
    if out.consent == Respondent.Consent.NAMED and not publishable_name:
        add(
            "respondent.name",
            _("Enter the name to publish, or choose to be published anonymously."),
        )
    if complete and not out.notice_accepted:
        add(
            "respondent.notice_accepted",
            _("Please read the notice on how your personal data is used and confirm it."),
        )
    return out


def _scale_point(raw: Any) -> int | None:
    """A whole number given as a number or as text ("4", "４"), else None: 2.9 is not a point on
    the scale (it is not rounded or cut), and neither is true, 1e400 or a 5,000-digit string."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    if isinstance(raw, str) and 0 < len(raw.strip()) <= 3:
        try:
            return int(raw)
        except ValueError:
            return None
    return None


def _clean_answer(question: QuestionSpec, raw: Any, add: Any) -> Any:
    """The stored value for one answer, or None when empty (or invalid, after `add`-ing an error)."""
    kind = question.kind
    if raw is None or raw == "" or raw == []:
        return None
    if kind == Question.Kind.FREE_TEXT:
        if not isinstance(raw, str):
            add(_("The answer must be text."))
            return None
        text = clean_text(raw)
        limit = question.max_length or comment_max_length()
        if len(text) > limit:
            add(_too_long(len(text), limit))
            return None
        return text or None
    if kind == Question.Kind.LIKERT:
        number = _scale_point(raw)
        if number is None or not 1 <= number <= 5:
            add(
                _("Choose one point on the scale from 1 (strongly disagree) to 5 (strongly agree).")
            )
            return None
        return number
    choice_keys = list(question.choice_keys)
    if kind == Question.Kind.SINGLE_CHOICE:
        if not isinstance(raw, str) or raw not in choice_keys:
            add(_("Choose one of the options given."))
            return None
        return raw
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        add(_("Choose from the options given."))
        return None
    if any(v not in choice_keys for v in raw):
        add(_("Choose from the options given."))
        return None
    if len(set(raw)) != len(raw):
        add(_("Each option may be chosen only once."))
        return None
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return [k for k in choice_keys if k in raw]  # canonical order
    return list(raw)  # ranking: the order given is the ranking
