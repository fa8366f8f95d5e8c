"""Disclosure to the respondent (APPI Art. 33): everything held about one response, as plain data.

The same document feeds the readable page and the JSON download, so they cannot disagree.
"""

from datetime import datetime
from typing import Any

from django.utils import timezone

from consult.core.i18n import localized
from consult.responses.models import Response

from .models import Erasure

FORMAT = "consult.personal-data/1"


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def personal_data_for(response: Response) -> dict[str, Any]:
    """The respondent's details, answers, clause comments, statuses and times, the privacy notice
    version they accepted, and any erasure. Keys are stable English identifiers; question and
    clause titles are in the active language."""
    respondent = response.respondent
    consultation = response.consultation
    answers = response.answers.select_related("question").order_by("question__position")
    comments = response.clause_comments.select_related("section").order_by("section__position")
    erasure = Erasure.objects.filter(response=response).first()
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "consultation": {
            "slug": consultation.slug,
            "title": localized(consultation, "title"),
            "status": consultation.status,
        },
        "response": {
            "reference": response.reference,
            "status": response.status,
            "channel": response.channel,
            "language": response.language,
            "submitted_through_organisation": (
                response.organisation.name if response.organisation else None
            ),
            "created_at": _time(response.created_at),
            "updated_at": _time(response.updated_at),
            "submitted_at": _time(response.submitted_at),
            "amended_at": _time(response.amended_at),
            "withdrawn_at": _time(response.withdrawn_at),
        },
        "respondent": {
            "kind": respondent.kind,
            "name": respondent.name,
            "organisation_name": respondent.organisation_name,
            "region": respondent.region,
            "age_band": respondent.age_band,
            "email": respondent.email,
            "email_verified_at": _time(respondent.email_verified_at),
            "publication_consent": respondent.consent,
            "privacy_notice_version": respondent.notice_version,
            "created_at": _time(respondent.created_at),
            "updated_at": _time(respondent.updated_at),
        },
        "answers": [
            {
                "question": a.question.key,
                "question_text": localized(a.question, "text"),
                "value": a.value,
            }
            for a in answers
        ],
        "clause_comments": [
            {
                "clause": c.section.number,
                "clause_title": localized(c.section, "title"),
                "text": c.text,
            }
            for c in comments
        ],
        "erasure": (
            {
                "reason": erasure.reason,
                "erased_at": _time(erasure.erased_at),
                "pseudonym": erasure.pseudonym or None,
            }
            if erasure
            else None
        ),
    }
