import pytest

from consult.responses.submission import (
    RespondentInput,
    SubmissionInvalid,
    clean_text,
    validate_submission,
)
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db


def errors_of(consultation, data, complete=True):
    with pytest.raises(SubmissionInvalid) as exc:
        validate_submission(consultation=consultation, data=data, complete=complete)
    return exc.value.errors


def test_valid_submission_is_cleaned(consultation):
    clean = validate_submission(consultation=consultation, data=valid_input(), complete=True)
    assert clean.answers["overall"] == 2
    assert clean.answers["concerns"] == ["accuracy", "bias"]  # canonical order
    assert clean.answers["priorities"] == ["warrant", "audit"]  # ranking keeps the given order
    assert clean.comments == {"2": "72時間は長すぎます。"}


@pytest.mark.parametrize(
    ("answers", "path"),
    [
        ({"overall": 7}, "answers.overall"),
        ({"overall": "strongly"}, "answers.overall"),
        ({"overall": True}, "answers.overall"),
        ({"overall": 3, "retention": "forever"}, "answers.retention"),
        ({"overall": 3, "concerns": ["bias", "cost"]}, "answers.concerns"),
        ({"overall": 3, "concerns": "bias"}, "answers.concerns"),
        ({"overall": 3, "priorities": ["audit", "audit"]}, "answers.priorities"),
        ({"overall": 3, "priorities": "invalid"}, "answers.priorities"),
        ({"overall": 3, "comments": "x" * 501}, "answers.comments"),
        ({"overall": 3, "comments": {"nested": 1}}, "answers.comments"),
        ({"overall": 3, "unknown": "x"}, "answers.unknown"),
        ({}, "answers.overall"),
    ],
)
def test_bad_answers_name_the_question(consultation, answers, path):
    errors = errors_of(consultation, valid_input(answers=answers))
    assert list(errors) == [path]
    assert all(isinstance(m, str) and m for m in errors[path])


def test_oversize_message_gives_limit_and_length(consultation):
    errors = errors_of(consultation, valid_input(answers={"overall": 3, "comments": "あ" * 600}))
    assert "500" in errors["answers.comments"][0] and "600" in errors["answers.comments"][0]


@pytest.mark.parametrize(
    ("respondent", "path"),
    [
        (RespondentInput(kind="", consent="anonymous", notice_accepted=True), "respondent.kind"),
        (
            RespondentInput(kind="robot", consent="anonymous", notice_accepted=True),
            "respondent.kind",
        ),
        (
            RespondentInput(kind="organisation", consent="anonymous", notice_accepted=True),
            "respondent.organisation_name",
        ),
        (
            RespondentInput(kind="individual", consent="", notice_accepted=True),
            "respondent.consent",
        ),
        (
            RespondentInput(kind="individual", consent="named", notice_accepted=True),
            "respondent.name",
        ),
        (
            RespondentInput(kind="individual", consent="anonymous", notice_accepted=False),
            "respondent.notice_accepted",
        ),
        (
            RespondentInput(
                kind="individual", consent="anonymous", notice_accepted=True, email="not-an-email"
            ),
            "respondent.email",
        ),
        (
            RespondentInput(
                kind="individual", consent="anonymous", notice_accepted=True, email="a@b"
            ),
            "respondent.email",
        ),
        (
            RespondentInput(
                kind="individual", consent="anonymous", notice_accepted=True, region="48"
            ),
            "respondent.region",
        ),
        (
            RespondentInput(
                kind="individual", consent="anonymous", notice_accepted=True, age_band="12"
            ),
            "respondent.age_band",
        ),
        (
            RespondentInput(
                kind="individual", consent="anonymous", notice_accepted=True, name="n" * 201
            ),
            "respondent.name",
        ),
    ],
)
def test_bad_respondent_details(consultation, respondent, path):
    assert path in errors_of(consultation, valid_input(respondent=respondent))


def test_unknown_clause_and_oversize_comment(consultation, settings):
    settings.CONSULT_MAX_COMMENT_LENGTH = 10
    errors = errors_of(consultation, valid_input(comments={"9": "x", "1": "y" * 11}))
    assert set(errors) == {"comments.9", "comments.1"}


def test_draft_skips_required_but_not_invalid(consultation):
    empty = valid_input(answers={}, respondent=RespondentInput())
    clean = validate_submission(consultation=consultation, data=empty, complete=False)
    assert clean.answers == {}
    assert "answers.retention" in errors_of(
        consultation, valid_input(answers={"retention": "x"}), complete=False
    )


def test_clean_text_removes_control_characters_and_lone_surrogates():
    assert clean_text(" a\x00b\r\nc\x1b ") == "ab\nc"
    assert "\ud800" not in clean_text("x\ud800y")
    assert clean_text("ｶﾞ e\u0301") == "ｶﾞ é"  # NFC only: width is kept as written
