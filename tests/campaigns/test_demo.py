"""The demo data includes one active campaign by a verified demo group, loaded idempotently."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from consult.accounts.access import organisation_for_member
from consult.campaigns.models import Campaign, CampaignSupport
from consult.demo.campaigns import DEMO_CAMPAIGN, DEMO_MEMBER, SUPPORTERS
from consult.demo.loader import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.django_db


def test_demo_has_one_campaign_with_supporters_idempotently(client, capsys):
    logins = demo_load()
    demo_load()
    campaign = Campaign.objects.get()
    assert not campaign.supports.exists()  # demo_load leaves the consultations without responses
    call_command("load_demo")
    call_command("load_demo")
    assert f"/campaigns/{DEMO_CAMPAIGN}/ ({SUPPORTERS} supporters)" in capsys.readouterr().out
    assert campaign.slug == DEMO_CAMPAIGN and campaign.status == Campaign.Status.ACTIVE
    supports = CampaignSupport.objects.filter(campaign=campaign)
    assert supports.count() == SUPPORTERS
    assert supports.filter(template_edited=True).exists()
    assert supports.filter(template_edited=False).exists()
    assert {s.response.channel for s in supports} == {"campaign"}
    member = authenticate(username=DEMO_MEMBER, password=DEMO_PASSWORD)
    assert member is not None
    assert organisation_for_member(member, campaign.organisation.slug) == campaign.organisation
    assert DEMO_MEMBER in [login.username for login in logins]
    assert client.get(reverse("campaigns:page", args=[campaign.slug])).status_code == 200
