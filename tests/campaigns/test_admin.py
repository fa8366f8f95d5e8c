"""The admin site may look at campaigns and close them, but not publish or rewrite them: those
go through the campaign services and their checks."""

import pytest

from consult.campaigns.models import Campaign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, staff_role="admin"))
    return client


def test_an_administrator_closes_a_campaign_through_the_service(admin_client, campaign):
    assert campaign.status == Campaign.Status.ACTIVE
    page = admin_client.post(
        "/admin/campaigns/campaign/",
        {"action": "close_campaigns", "_selected_action": [campaign.pk], "index": 0},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert page.status_code == 200 and "1 campaign closed." in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED and campaign.closed_at is not None


def test_nor_status_nor_texts_change_in_the_admin(admin_client, campaign):
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    assert admin_client.get(url).status_code == 200
    refused = admin_client.post(url, {"status": "draft", "title_en": "Rewritten"})
    assert refused.status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.ACTIVE and campaign.title_en != "Rewritten"
