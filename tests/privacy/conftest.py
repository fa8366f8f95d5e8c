"""Privacy fixtures: responses with planted personal data, a department administrator."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission

from consult.consultations.models import Consultation
from consult.consultations.services import (
    consultation_close,
    consultation_mark_analysed,
    consultation_publish,
)
from consult.responses.models import Response
from consult.responses.services import response_private_token, response_submit
from consult.responses.submission import RespondentInput
from tests.conftest import valid_input
from tests.factories import UserFactory

PLANTED_EMAIL = "taro.yamada@example.jp"
PLANTED_NAME = "山田太郎"


def submit(
    consultation: Consultation,
    *,
    email: str = PLANTED_EMAIL,
    name: str = PLANTED_NAME,
    kind: str = "individual",
    organisation_name: str = "",
    consent: str = "named",
    comment: str = "72時間は長すぎます。連絡は taro.yamada@example.jp まで。",
    free_text: str = "顔認証に反対です。電話 090-1234-5678 にどうぞ。",
    language: str = "ja",
) -> Response:
    """Submit a response with personal data in the respondent's details and in its texts."""
    data = valid_input(language=language)
    data.respondent = RespondentInput(
        kind=kind,
        name=name,
        organisation_name=organisation_name,
        region="13",
        email=email,
        consent=consent,
        notice_accepted=True,
    )
    data.answers["comments"] = free_text
    data.comments = {"2": comment}
    response, _created = response_submit(consultation=consultation, data=data)
    return response


@pytest.fixture
def submit_response() -> Callable[..., Response]:
    return submit


@pytest.fixture
def token_of() -> Callable[[Response], str]:
    return response_private_token


def publish(consultation: Consultation) -> Consultation:
    consultation_close(consultation=consultation)
    consultation_mark_analysed(consultation=consultation)
    return consultation_publish(consultation=consultation)


@pytest.fixture
def department_admin(consultation: Consultation) -> Any:
    """A staff user of the consultation's department allowed to read its audit log."""
    user = UserFactory(department=consultation.department, username="dept-admin")
    user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    return user
