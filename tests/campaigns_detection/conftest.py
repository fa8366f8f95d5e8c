"""Fixtures of undeclared-campaign triage: the reports fixtures and a declared campaign."""

from typing import Any

import pytest
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.campaigns.models import Campaign, CampaignSupport
from tests.reports.conftest import answered, quick_render, run_report  # noqa: F401 - fixtures


@pytest.fixture
def declared_campaign(consultation: Any) -> Campaign:
    return make_declared_campaign(consultation)


def make_declared_campaign(consultation: Any) -> Campaign:
    """An active campaign of a verified organisation on ``consultation``."""
    organisation = Organisation.objects.create(
        slug="privacy-first", name="Privacy First", verified_at=timezone.now()
    )
    return Campaign.objects.create(
        organisation=organisation,
        consultation=consultation,
        slug="stop-cameras",
        title_ja="顔認証カメラに反対",
        title_en="Say no to face cameras",
        status=Campaign.Status.ACTIVE,
        published_at=timezone.now(),
    )


def support(campaign: Campaign, response_ids: list[int]) -> None:
    """Mark the responses as the campaign's supporters (as the campaign page records them)."""
    CampaignSupport.objects.bulk_create(
        CampaignSupport(
            response_id=rid,
            campaign=campaign,
            via=CampaignSupport.Via.WEB,
            consent_method=CampaignSupport.ConsentMethod.CAMPAIGN_PAGE,
            consented_at=timezone.now(),
        )
        for rid in response_ids
    )


@pytest.fixture
def triage_consultation(consultation: Any) -> Any:
    """A consultation whose generated responses hold near-duplicate groups large enough to be
    undeclared campaigns: the generator draws from the slug, so the slug is fixed here rather
    than left to the factory's sequence (which depends on the tests run before)."""
    from tests.factories import ConsultationFactory

    return ConsultationFactory(slug="campaign-triage", department=consultation.department)
