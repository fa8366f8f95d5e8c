"""Abuse and refusals on the public side: twice from one browser or one address, closed
consultation, closed campaign."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.campaigns.models import CampaignSupport
from consult.campaigns.services import campaign_close
from consult.consultations.models import Consultation
from consult.responses.models import Response

from .conftest import supporter_post

pytestmark = pytest.mark.django_db


def test_second_response_from_the_same_browser_is_refused(client, campaign):
    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    assert client.post(url, supporter_post()).status_code == 302
    reference = Response.objects.get().reference
    again = client.get(url)
    assert again.status_code == 200
    assert "You have already responded through this campaign" in again.content.decode()
    assert reference in again.content.decode()
    posted = client.post(url, supporter_post(submission_id="b" * 32))
    assert posted.status_code == 409 and reference in posted.content.decode()
    page = client.get(reverse("campaigns:page", args=[campaign.slug]) + "?lang=en")
    assert reference in page.content.decode() and "Make it your own" not in page.content.decode()
    assert Response.objects.count() == 1


def test_second_response_with_the_same_email_from_another_browser_is_refused(
    client, django_user_model, campaign
):
    from django.test import Client

    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    client.post(url, supporter_post(**{"respondent-email": "Sam@Example.jp"}))
    other_browser = Client()
    posted = other_browser.post(
        url, supporter_post(submission_id="c" * 32, **{"respondent-email": "sam@example.jp "})
    )
    assert posted.status_code == 409
    html = posted.content.decode()
    assert "already responded through this campaign" in html
    assert Response.objects.get().reference in html
    assert CampaignSupport.objects.count() == 1


def test_double_click_submits_once(client, campaign):
    url = reverse("campaigns:respond", args=[campaign.slug])
    data = supporter_post()
    client.post(url, data)
    client.session.flush()  # even without the session, the submission id is the idempotency key
    from django.test import Client

    Client().post(url, data)
    assert Response.objects.count() == 1 and CampaignSupport.objects.count() == 1


def test_closed_consultation_page_says_so_and_form_refuses(client, campaign):
    Consultation.objects.filter(pk=campaign.consultation_id).update(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    page = client.get(reverse("campaigns:page", args=[campaign.slug]) + "?lang=en")
    html = page.content.decode()
    assert "The consultation this campaign is for is closed" in html
    assert "Make it your own" not in html
    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    assert "is closed" in client.get(url).content.decode()
    posted = client.post(url, supporter_post())
    assert posted.status_code == 409
    assert not Response.objects.exists()


def test_closed_campaign_refuses(client, campaign):
    campaign_close(campaign=campaign)
    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    posted = client.post(url, supporter_post())
    assert posted.status_code == 409
    assert "This campaign is closed" in posted.content.decode()
    assert not Response.objects.exists()


def test_public_page_query_budget(client, campaign, django_assert_max_num_queries):
    url = reverse("campaigns:page", args=[campaign.slug])
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_a_reused_form_with_other_answers_is_offered_again(client, campaign):
    from django.test import Client

    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    client.post(url, supporter_post())
    other = Client().post(url, supporter_post(**{"c-2": "Something else entirely."}))
    assert other.status_code == 409
    html = other.content.decode()
    assert "already sent with different answers" in html
    assert ">Something else entirely.</textarea>" in html
    assert 'name="submission_id" value="' + "a" * 32 not in html  # a fresh id
    assert Response.objects.count() == 1
