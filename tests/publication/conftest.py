"""A published consultation with responses under every publication rule: consents, moderation
outcomes, withdrawn and set-aside responses."""

from dataclasses import dataclass
from typing import Any

import pytest

from consult.consultations.models import Consultation
from consult.consultations.services import (
    consultation_close,
    consultation_mark_analysed,
    consultation_publish,
)
from consult.moderation.models import FalseAttributionReport, ModerationItem, ModerationReason
from consult.moderation.scanning import text_hash
from consult.responses.models import Answer, ClauseComment, Response
from consult.responses.services import response_submit, response_withdraw
from consult.responses.submission import RespondentInput
from tests.conftest import valid_input

Status = ModerationItem.Status


def respond(
    consultation: Consultation,
    *,
    kind: str = "individual",
    consent: str = "anonymous",
    name: str = "",
    organisation_name: str = "",
    region: str = "",
    age_band: str = "",
    email: str = "",
    free_text: str = "",
    comments: dict[str, str] | None = None,
    language: str = "ja",
    **answers: Any,
) -> Response:
    """Submit a response (the factory consultation's questionnaire)."""
    data = valid_input(language=language)
    data.respondent = RespondentInput(
        kind=kind,
        name=name,
        organisation_name=organisation_name,
        region=region,
        age_band=age_band,
        email=email,
        consent=consent,
        notice_accepted=True,
    )
    data.answers.update(answers)
    if free_text:
        data.answers["comments"] = free_text
    else:
        data.answers.pop("comments", None)
    data.comments = comments or {}
    response, _created = response_submit(consultation=consultation, data=data)
    return response


def reason() -> ModerationReason:
    found = ModerationReason.objects.filter(active=True).first()
    return found or ModerationReason.objects.create(
        code="test-reason", label_ja="テスト", label_en="Test"
    )


def moderate(text: Answer | ClauseComment, status: str, published: str | None = None) -> None:
    """Record moderators' decision on a text (``published`` defaults to the text when approved)."""
    if status == Status.APPROVED and published is None:
        published = text.text
    field = "answer" if isinstance(text, Answer) else "clause_comment"
    ModerationItem.objects.update_or_create(
        **{field: text},
        defaults={
            "consultation_id": text.response.consultation_id,
            "status": status,
            "published_text": published if status in (Status.APPROVED, Status.REDACTED) else None,
            "text_hash": text_hash(text.text),
            "reason": reason() if status == Status.REJECTED else None,
        },
    )


def free_answer(response: Response) -> Answer:
    return Answer.objects.select_related("response").get(
        response=response, question__key="comments"
    )


def comment(response: Response, number: str) -> ClauseComment:
    return ClauseComment.objects.select_related("response").get(
        response=response, section__number=number
    )


def publish(consultation: Consultation) -> Consultation:
    consultation_close(consultation=consultation)
    consultation_mark_analysed(consultation=consultation)
    return consultation_publish(consultation=consultation)


@pytest.fixture(autouse=True)
def _no_summary_cache(settings: Any) -> None:
    """Counts are recomputed on every page (tests change moderation between requests)."""
    settings.PUBLIC_SUMMARY_CACHE_SECONDS = 0


@dataclass
class World:
    consultation: Consultation
    org_named: Response
    person_named: Response
    anonymous: Response
    not_published: Response
    withdrawn: Response
    set_aside: Response


ORG_NAME = "市民カメラ監視ネットワーク"
PERSON_NAME = "山田花子"
PERSON_EMAIL = "hanako.yamada@example.jp"
ORIGINAL_PHONE = "090-1111-2222"


@pytest.fixture
def world(consultation: Consultation) -> World:
    org = respond(
        consultation,
        kind="organisation",
        consent="named",
        organisation_name=ORG_NAME,
        region="27",
        email="office@example.org",
        free_text="顔認証カメラの導入に反対します。",
        comments={"1": f"目的が曖昧です。担当 {ORIGINAL_PHONE} まで。"},
        retention="none",
        concerns=["privacy", "bias"],
        overall=1,
    )
    person = respond(
        consultation,
        consent="named",
        name=PERSON_NAME,
        region="13",
        age_band="30-39",
        email=PERSON_EMAIL,
        free_text="保存期間は短くすべきです。",
        retention="24h",
        concerns=["accuracy"],
        overall=2,
    )
    anonymous = respond(
        consultation,
        region="01",
        age_band="70+",
        free_text="ばかげた計画だ",
        comments={"2": "72時間は長すぎると思います。"},
        retention="72h",
        concerns=["bias"],
        overall=4,
        language="en",
    )
    hidden = respond(
        consultation,
        consent="none",
        region="13",
        free_text="公開しないでください。秘密の意見です。",
        retention="24h",
    )
    withdrawn = respond(consultation, free_text="撤回した意見です。", retention="24h")
    response_withdraw(response=withdrawn)
    set_aside = respond(consultation, free_text="なりすましの意見です。", retention="24h")
    moderate(free_answer(org), Status.APPROVED)
    moderate(comment(org, "1"), Status.REDACTED, "目的が曖昧です。担当 ［電話番号］ まで。")
    # the named individual's free text is still pending
    moderate(free_answer(person), Status.PENDING)
    moderate(free_answer(anonymous), Status.REJECTED)
    moderate(comment(anonymous, "2"), Status.APPROVED)
    moderate(free_answer(hidden), Status.APPROVED)
    moderate(free_answer(withdrawn), Status.APPROVED)
    moderate(free_answer(set_aside), Status.APPROVED)
    FalseAttributionReport.objects.create(
        response=set_aside,
        consultation=consultation,
        statement="私は投稿していません。",
        status=FalseAttributionReport.Status.UPHELD,
        set_aside=True,
        reason="本人確認済み",
    )
    publish(consultation)
    consultation.refresh_from_db()
    return World(consultation, org, person, anonymous, hidden, withdrawn, set_aside)
