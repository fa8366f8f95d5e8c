"""The review step every response form shares (a citizen's, an organisation's on a supporter's
behalf, a campaign supporter's): the answers shown back with personal data in the respondent's
own words marked, and read back from the page's payload when they submit or go back to edit."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from consult.consultations.models import Consultation
from consult.core.i18n import current_language

from ..forms import submission_from_payload, submission_to_payload
from ..personal_data import mark_personal_data
from ..questionnaire import build_questionnaire
from ..submission import SubmissionInput


def review_page(
    request: HttpRequest,
    consultation: Consultation,
    data: SubmissionInput,
    *,
    submission_id: str,
    **context: Any,
) -> HttpResponse:
    """The review page for ``data`` (already validated); ``context`` adds what the form needs
    (the response being amended, or the campaign and the supporter's sharing choice)."""
    return render(
        request,
        "responses/review.html",
        {
            "consultation": consultation,
            "form": mark_personal_data(build_questionnaire(consultation, data, None)),
            "payload": submission_to_payload(data),
            "submission_id": submission_id,
            "action_url": request.path,
            **context,
        },
    )


def reviewed_submission(request: HttpRequest) -> SubmissionInput | None:
    """The answers the review page posted back, in the current language; None (with a message
    for the page shown next) when the payload cannot be read."""
    data = submission_from_payload(request.POST.get("payload", ""))
    if data is None:
        messages.error(
            request, _("Your answers could not be read back. Please check them and try again.")
        )
        return None
    data.language = current_language()
    return data
