"""The response form: HTML field names ↔ the plain `SubmissionInput`, and error paths ↔ field ids.

The questionnaire is rendered from the consultation's questions in the template; validation is
the shared `validate_submission`, so the web form and the API cannot drift apart.
"""

import json
from dataclasses import asdict
from typing import Any

from django.http import QueryDict

from consult.consultations.models import Consultation, Question
from consult.core.jsondoc import decode_json

from .models import Response
from .submission import RespondentInput, SubmissionInput

RESPONDENT_FIELDS = ("kind", "name", "organisation_name", "region", "age_band", "email", "consent")


def field_id(path: str) -> str:
    """The HTML id an error path points to: `answers.q3` → `q-q3`, `comments.2` → `c-2`."""
    group, _dot, name = path.partition(".")
    if group == "answers":
        return f"q-{name}"
    if group == "comments":
        return f"c-{name}"
    return f"respondent-{name}".replace("_", "-")


def submission_from_post(
    consultation: Consultation, post: QueryDict, language: str
) -> SubmissionInput:
    """Read the questionnaire's fields from a POST into a `SubmissionInput` (no validation)."""
    respondent = RespondentInput(
        **{
            name: post.get(f"respondent-{name.replace('_', '-')}", "") for name in RESPONDENT_FIELDS
        },
        notice_accepted=post.get("respondent-notice-accepted") == "1",
    )
    answers: dict[str, Any] = {}
    for question in consultation.questions.prefetch_related("choices"):
        name = f"q-{question.key}"
        if question.kind == Question.Kind.MULTIPLE_CHOICE:
            values = post.getlist(name)
            if values:
                answers[question.key] = values
        elif question.kind == Question.Kind.RANKING:
            answers_ranked = _ranking_from_post(question, post)
            if answers_ranked is not None:
                answers[question.key] = answers_ranked
        else:
            value = post.get(name, "")
            if value != "":
                answers[question.key] = value
    comments = {
        number: post.get(f"c-{number}", "")
        for number in consultation.sections.values_list("number", flat=True)
        if post.get(f"c-{number}", "").strip()
    }
    return SubmissionInput(
        respondent=respondent, answers=answers, comments=comments, language=language
    )


def _ranking_from_post(question: Question, post: QueryDict) -> list[str] | str | None:
    """Rank selects (`q-<key>-<choice>` = 1..n) → choice keys in rank order.

    Ranks must start at 1 and have no gaps or repeats; otherwise the raw marker "invalid" is
    returned so validation reports it.
    """
    ranks: dict[int, str] = {}
    for choice in question.choices.all():
        raw = post.get(f"q-{question.key}-{choice.key}", "")
        if raw == "":
            continue
        try:
            rank = int(raw)
        except ValueError:
            return "invalid"
        if rank in ranks:
            return "invalid"
        ranks[rank] = choice.key
    if not ranks:
        return None
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        return "invalid"
    return [ranks[r] for r in sorted(ranks)]


def submission_to_payload(data: SubmissionInput) -> str:
    """Serialise for the review step's hidden field (re-validated in full when posted back)."""
    return json.dumps(asdict(data), ensure_ascii=False)


def submission_from_payload(payload: str) -> SubmissionInput | None:
    """The inverse of `submission_to_payload`; None if the payload is not one of ours."""
    try:
        raw = decode_json(payload)  # a posted field: NaN or a document nested 100,000 deep too
        respondent = raw["respondent"]
        if not isinstance(respondent, dict) or set(respondent) - {
            *RESPONDENT_FIELDS,
            "notice_accepted",
        }:
            return None
        answers, comments = raw["answers"], raw["comments"]
        if not isinstance(answers, dict) or not isinstance(comments, dict):
            return None
        return SubmissionInput(
            respondent=RespondentInput(**respondent),
            answers=answers,
            comments={str(k): v for k, v in comments.items()},
            language=str(raw.get("language", "ja")),
        )
    except (ValueError, KeyError, TypeError):
        return None


def submission_from_response(response: Response) -> SubmissionInput:
    """The stored response as input, to pre-fill the form when resuming or amending."""
    r = response.respondent
    return SubmissionInput(
        respondent=RespondentInput(
            kind=r.kind,
            name=r.name,
            organisation_name=r.organisation_name,
            region=r.region,
            age_band=r.age_band,
            email=r.email,
            consent=r.consent,
            notice_accepted=bool(r.notice_version),
        ),
        answers={a.question.key: a.value for a in response.answers.select_related("question")},
        comments={
            c.section.number: c.text for c in response.clause_comments.select_related("section")
        },
        language=response.language,
    )
