"""Campaign fixtures: a verified organisation with a member, an active campaign with a template."""

from typing import Any

import pytest
from django.utils import timezone

from consult.accounts.models import Organisation, OrganisationMembership
from consult.campaigns.models import Campaign
from consult.campaigns.services import CampaignContent, campaign_create, campaign_publish
from consult.responses.submission import SubmissionInput
from tests.factories import UserFactory

TEMPLATE_COMMENT = "72時間の保存は長すぎます。24時間以内に消去すべきです。"
TEMPLATE_TEXT = "顔認証は誤認識のおそれがあり、導入に反対します。"


@pytest.fixture
def organisation(db: Any) -> Organisation:
    return Organisation.objects.create(
        slug="privacy-first", name="Privacy First", verified_at=timezone.now()
    )


@pytest.fixture
def member(organisation: Organisation):  # type: ignore[no-untyped-def]
    user = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=organisation, user=user, role="editor")
    return user


def template_input() -> SubmissionInput:
    return SubmissionInput(
        answers={"overall": 1, "retention": "24h", "comments": TEMPLATE_TEXT},
        comments={"2": TEMPLATE_COMMENT},
    )


def make_campaign(
    organisation: Organisation, consultation: Any, slug: str = "stop-cameras"
) -> Campaign:
    campaign = campaign_create(
        organisation=organisation,
        consultation=consultation,
        content=CampaignContent(
            slug=slug,
            title_ja="顔認証カメラに反対",
            title_en="Say no to face cameras",
            message_ja="**一緒に**意見を出しましょう。",
            message_en="Respond **together** with us.",
            template=template_input(),
        ),
        created_by=None,
    )
    return campaign_publish(campaign=campaign)


@pytest.fixture
def campaign(organisation: Organisation, consultation: Any) -> Campaign:
    return make_campaign(organisation, consultation)


def supporter_post(**overrides: str) -> dict[str, str]:
    """The campaign form as a supporter who keeps the template but adds a sentence sends it."""
    data = {
        "submission_id": "a" * 32,
        "q-overall": "1",
        "q-retention": "24h",
        "q-comments": TEMPLATE_TEXT + "私の住む町でも導入が検討されています。",
        "c-2": TEMPLATE_COMMENT,
        "respondent-kind": "individual",
        "respondent-consent": "anonymous",
        "respondent-region": "13",
        "respondent-notice-accepted": "1",
        "share": "1",
    }
    data.update(overrides)
    return data
