"""Responses for the read and export tests, written through the real submission service."""

from datetime import datetime
from typing import Any

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation
from consult.responses.models import Respondent, Response
from consult.responses.services import response_submit
from consult.responses.submission import RespondentInput, SubmissionInput


def submit(
    consultation: Consultation,
    *,
    answers: dict[str, Any] | None = None,
    comments: dict[str, str] | None = None,
    language: str = "ja",
    channel: str = Response.Channel.WEB,
    organisation: Organisation | None = None,
    submitted_at: datetime | None = None,
    email_verified_at: datetime | None = None,
    **respondent: Any,
) -> Response:
    """A submitted response; `respondent` overrides the respondent's fields (kind, consent, …)."""
    data = SubmissionInput(
        respondent=RespondentInput(
            **{
                "kind": "individual",
                "consent": "anonymous",
                "region": "13",
                "notice_accepted": True,
                **respondent,
            }
        ),
        answers=answers if answers is not None else {"overall": 3},
        comments=comments or {},
        language=language,
    )
    response, _created = response_submit(
        consultation=consultation, data=data, channel=channel, organisation=organisation
    )
    if submitted_at is not None:
        Response.objects.filter(pk=response.pk).update(submitted_at=submitted_at)
        response.submitted_at = submitted_at
    if email_verified_at is not None:
        Respondent.objects.filter(pk=response.respondent_id).update(
            email_verified_at=email_verified_at
        )
    return response
