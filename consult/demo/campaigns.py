"""Demo campaign: a verified civil-society group with a member login and one active campaign on
the facial-recognition consultation; `load_demo` adds a few supporters who edited its template
more or less (kept out of `demo_load`, whose consultations start without responses)."""

import random
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from consult.accounts.models import Organisation, OrganisationMembership
from consult.campaigns.models import Campaign
from consult.campaigns.services import (
    CampaignContent,
    campaign_create,
    campaign_publish,
    campaign_support_submit,
)
from consult.consultations.models import Consultation
from consult.responses.submission import RespondentInput, SubmissionInput

DEMO_ORGANISATION = "surveillance-watch"
DEMO_CAMPAIGN = "delete-footage-in-24h"
DEMO_MEMBER = "campaigner"
CONSULTATION = "facial-recognition"
SUPPORTERS = 12

TEMPLATE_COMMENT = (
    "映像の保存期間72時間は長すぎます。照合されなかった映像は24時間以内に消去し、"
    "消去の記録を公開してください。"
)
TEMPLATE_TEXT = (
    "顔認証による照合は誤認識のおそれがあり、令状なしの検索は認めるべきではありません。"
    "独立した第三者機関による監査を求めます。"
)
OWN_WORDS = (
    "駅前を毎日通勤で通るので、記録され続けることに不安を感じます。",
    "I walk my children to school past these cameras every day.",
    "子どもの写る映像が長く残ることに反対です。",
    "Please publish the audit results every year.",
)


def demo_campaigns_load(*, password: str, now: datetime | None = None) -> list[tuple[str, str]]:
    """Create (once) the demo group, its member login and its campaign; return the (username,
    organisation slug) login to print. Safe to run again."""
    now = now or timezone.now()
    consultation = Consultation.objects.filter(slug=CONSULTATION).first()
    if consultation is None or not consultation.accepts_responses(now):
        return []
    organisation, _created = Organisation.objects.get_or_create(
        slug=DEMO_ORGANISATION,
        defaults={"name": "監視を考える市民の会 / Surveillance Watch", "verified_at": now},
    )
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=DEMO_MEMBER, defaults={"is_staff": False})
    user.set_password(password)
    user.save()
    OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": OrganisationMembership.Role.OWNER}
    )
    campaign = Campaign.objects.filter(slug=DEMO_CAMPAIGN).first()
    if campaign is None:
        campaign = campaign_create(
            organisation=organisation,
            consultation=consultation,
            content=CampaignContent(
                slug=DEMO_CAMPAIGN,
                title_ja="映像は24時間で消去を",
                title_en="Delete the footage within 24 hours",
                message_ja=(
                    "顔認証カメラの映像が**72時間**保存される案に意見を出しましょう。"
                    "下の文面をもとに、**ご自身の言葉で**書き直してください。"
                ),
                message_en=(
                    "The proposal keeps camera footage for **72 hours**. Respond with us: start "
                    "from the text below and **make it your own**."
                ),
                template=SubmissionInput(
                    answers={
                        "overall": 1,
                        "retention": "24h",
                        "safeguards": ["warrant", "independent"],
                        "comments": TEMPLATE_TEXT,
                    },
                    comments={"4": TEMPLATE_COMMENT},
                ),
            ),
            created_by=user,
        )
    if campaign.status == Campaign.Status.DRAFT:
        campaign_publish(campaign=campaign)
    return [(DEMO_MEMBER, organisation.slug)]


def demo_campaign_supporters_load() -> int:
    """Submit the demo campaign's supporters (idempotent: each has its own key); return how many
    the campaign has."""
    campaign = Campaign.objects.filter(slug=DEMO_CAMPAIGN).select_related("consultation").first()
    if campaign is None or campaign.status != Campaign.Status.ACTIVE:
        return 0
    if not campaign.consultation.accepts_responses():
        return campaign.supports.count()
    rng = random.Random(2026)
    regions = ("13", "13", "13", "14", "27", "23", "01", "40")
    for i in range(SUPPORTERS):
        comment = TEMPLATE_COMMENT
        text = TEMPLATE_TEXT
        if i % 3 == 1:
            comment = TEMPLATE_COMMENT + OWN_WORDS[i % len(OWN_WORDS)]
        elif i % 3 == 2:
            text = OWN_WORDS[i % len(OWN_WORDS)]
        campaign_support_submit(
            campaign=campaign,
            data=SubmissionInput(
                respondent=RespondentInput(
                    kind="individual",
                    consent="anonymous",
                    region=rng.choice(regions),
                    notice_accepted=True,
                ),
                answers={
                    "overall": 1 if i % 4 else 2,
                    "retention": "24h",
                    "safeguards": ["warrant", "independent"],
                    "comments": text,
                },
                comments={"4": comment},
                language="ja" if i % 4 else "en",
            ),
            consent_share=i % 2 == 0,
            idempotency_key=f"demo-campaign:{i}",
        )
    return campaign.supports.count()
