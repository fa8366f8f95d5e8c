"""What several browser tests set up alike: a signed-in browser context and a published campaign."""

from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from consult.accounts.models import Organisation, OrganisationMembership
from consult.campaigns.services import CampaignContent, campaign_create, campaign_publish
from consult.responses.submission import SubmissionInput
from tests.factories import UserFactory


def signed_in_context(
    browser: Any, live_server: Any, user: Any, *, locale: str = "en-GB", **options: Any
) -> Any:
    """A browser context with ``user``'s session (made by the test client; the test settings
    count the second factor as passed). ``options`` go to ``browser.new_context``."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(locale=locale, **options)
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )
    return context


def published_campaign(consultation: Any, *, comment: str) -> tuple[Any, Any]:
    """A verified organisation's published campaign on ``consultation`` whose template answers
    the overall question and comments ``comment`` on clause 2; and the organisation's owner."""
    organisation = Organisation.objects.create(
        slug="privacy-first", name="Privacy First", verified_at=timezone.now()
    )
    member = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=organisation, user=member, role="owner")
    campaign = campaign_publish(
        campaign=campaign_create(
            organisation=organisation,
            consultation=consultation,
            content=CampaignContent(
                slug="delete-in-24h",
                title_ja="24時間で消去を",
                title_en="Delete footage within 24 hours",
                message_ja="市に**72時間**は長すぎると伝えましょう。",
                message_en="Tell the city that **72 hours** is too long.",
                template=SubmissionInput(answers={"overall": 2}, comments={"2": comment}),
            ),
            created_by=member,
        )
    )
    return campaign, member
