from typing import Any

import pytest

from consult.responses.submission import RespondentInput, SubmissionInput
from tests.factories import ConsultationFactory, UserFactory


@pytest.fixture
def consultation(db: Any):  # type: ignore[no-untyped-def]
    return ConsultationFactory()


@pytest.fixture
def official(consultation):  # type: ignore[no-untyped-def]
    return UserFactory(department=consultation.department)


@pytest.fixture
def other_official(db: Any):  # type: ignore[no-untyped-def]
    return UserFactory()


def valid_input(**overrides: Any) -> SubmissionInput:
    """A complete, valid submission for the factory consultation."""
    data = SubmissionInput(
        respondent=RespondentInput(
            kind="individual", consent="anonymous", region="13", notice_accepted=True
        ),
        answers={
            "overall": 2,
            "retention": "24h",
            "concerns": ["bias", "accuracy"],
            "priorities": ["warrant", "audit"],
            "comments": "顔認証の誤認識が心配です。",
        },
        comments={"2": "72時間は長すぎます。"},
        language="ja",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def valid_submission() -> SubmissionInput:
    return valid_input()
