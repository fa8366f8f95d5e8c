"""Organisation members' pages: create, edit, publish, close, dashboard and export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import Organisation, OrganisationMembership
from consult.campaigns.models import Campaign, CampaignSupport
from consult.campaigns.services import campaign_support_submit
from consult.privacy.models import AuditEvent
from consult.responses.submission import RespondentInput, SubmissionInput
from tests.factories import ConsultationFactory, UserFactory

from .conftest import TEMPLATE_COMMENT, make_campaign

pytestmark = pytest.mark.django_db


def new_post(**overrides: str) -> dict[str, str]:
    data = {
        "slug": "no-face-cameras",
        "title_ja": "顔認証に反対",
        "title_en": "No face cameras",
        "message_ja": "一緒に声を",
        "message_en": "Speak up with us",
        "q-overall": "1",
        "c-2": TEMPLATE_COMMENT,
    }
    data.update(overrides)
    return data


def test_member_creates_publishes_and_closes(client, member, organisation, consultation):
    client.force_login(member)
    url = reverse("campaigns:new", args=[organisation.slug]) + f"?consultation={consultation.slug}"
    page = client.get(url)
    assert page.status_code == 200 and 'name="c-2"' in page.content.decode()
    posted = client.post(url, new_post(consultation=consultation.slug))
    assert posted.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.created_by == member and campaign.status == "draft"
    assert campaign.template == {"answers": {"overall": 1}, "comments": {"2": TEMPLATE_COMMENT}}
    edit = client.get(reverse("campaigns:edit", args=[campaign.slug]))
    assert f">{TEMPLATE_COMMENT}</textarea>" in edit.content.decode()  # the editor is pre-filled
    client.post(
        reverse("campaigns:edit", args=[campaign.slug]),
        new_post(**{"c-2": "新しい文面", "slug": "ignored"}),
    )
    campaign.refresh_from_db()
    assert campaign.slug == "no-face-cameras" and campaign.template["comments"] == {
        "2": "新しい文面"
    }
    client.post(reverse("campaigns:transition", args=[campaign.slug]), {"action": "publish"})
    campaign.refresh_from_db()
    assert campaign.status == "active"
    client.post(reverse("campaigns:transition", args=[campaign.slug]), {"action": "close"})
    campaign.refresh_from_db()
    assert campaign.status == "closed"


def test_campaign_on_a_closed_consultation_is_refused_clearly(client, member, organisation):
    closed = ConsultationFactory(
        status="closed",
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(member)
    url = (
        reverse("campaigns:new", args=[organisation.slug]) + f"?consultation={closed.slug}&lang=en"
    )
    page = client.get(url)
    assert page.status_code == 400
    assert (
        "is not open for responses, so a campaign for it cannot be created" in page.content.decode()
    )
    posted = client.post(url, new_post(consultation=closed.slug))
    assert posted.status_code == 400
    assert not Campaign.objects.exists()


def test_invalid_template_and_taken_slug_are_shown(
    client, member, organisation, consultation, campaign
):
    client.force_login(member)
    url = (
        reverse("campaigns:new", args=[organisation.slug])
        + f"?consultation={consultation.slug}&lang=en"
    )
    page = client.post(url, new_post(slug=campaign.slug))
    assert page.status_code == 400 and "This link is already taken" in page.content.decode()
    page = client.post(url, new_post(**{"q-overall": "9"}))
    assert page.status_code == 400 and "Choose one point on the scale" in page.content.decode()
    assert Campaign.objects.count() == 1


def test_unverified_organisation_cannot_publish(client, member, organisation, consultation):
    organisation.verified_at = None
    organisation.save()
    client.force_login(member)
    url = (
        reverse("campaigns:new", args=[organisation.slug])
        + f"?consultation={consultation.slug}&lang=en"
    )
    client.post(url, new_post())
    campaign = Campaign.objects.get()
    page = client.post(
        reverse("campaigns:transition", args=[campaign.slug]) + "?lang=en",
        {"action": "publish"},
        follow=True,
    )
    assert "has not been verified yet" in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_other_organisations_and_anonymous_users_are_kept_out(client, campaign):
    other = Organisation.objects.create(slug="other", name="Other")
    outsider = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=other, user=outsider, role="owner")
    urls = [
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:dashboard", args=[campaign.slug]),
        reverse("campaigns:export", args=[campaign.slug]),
        reverse("campaigns:list", args=[campaign.organisation.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("campaigns:transition", args=[campaign.slug]), {"action": "close"}
        ).status_code
        == 404
    )
    campaign.refresh_from_db()
    assert campaign.status == "active"


def supporter(
    region: str,
    *,
    email: str = "",
    share: bool = True,
    comment: str = TEMPLATE_COMMENT,
    name: str = "",
    consent: str = "anonymous",
):
    return SubmissionInput(
        respondent=RespondentInput(
            kind="individual",
            consent=consent,
            region=region,
            email=email,
            name=name,
            notice_accepted=True,
        ),
        answers={
            "overall": 1,
            "retention": "24h",
            "comments": "顔認証は誤認識のおそれがあり、導入に反対します。",
        },
        comments={"2": comment},
    )


def test_dashboard_counts_and_suppresses_small_regions(
    client, member, campaign, django_assert_max_num_queries
):
    for _i in range(6):
        campaign_support_submit(campaign=campaign, data=supporter("13"), consent_share=True)
    for i in range(2):
        campaign_support_submit(
            campaign=campaign,
            data=supporter("27", comment=TEMPLATE_COMMENT + f"私の意見{i}"),
            consent_share=False,
        )
    campaign_support_submit(
        campaign=campaign, data=supporter("01", comment="全く別の文章です。"), consent_share=False
    )
    client.force_login(member)
    url = reverse("campaigns:dashboard", args=[campaign.slug]) + "?lang=en"
    with django_assert_max_num_queries(9):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<dd id="supporter-total">9</dd>' in html
    assert '<dd id="supporter-edited">3 (33%)</dd>' in html
    assert '<dd id="supporter-shared">6</dd>' in html
    region_table = html.split('class="by-region"')[1].split("</table>")[0]
    assert "<td>6</td>" in region_table  # Tokyo shown
    assert region_table.count("&lt; 5") == 2  # Osaka (2) and Hokkaido (1) suppressed
    assert "<td>2</td>" not in region_table and "<td>1</td>" not in region_table
    buckets = html.split('class="edit-buckets"')[1].split("</table>")[0]
    assert "<td>6</td>" in buckets  # six unchanged


def test_dashboard_query_count_does_not_grow_with_supporters(
    client, member, campaign, django_assert_max_num_queries
):
    client.force_login(member)
    url = reverse("campaigns:dashboard", args=[campaign.slug])
    for i in range(30):
        campaign_support_submit(
            campaign=campaign, data=supporter(f"{1 + i % 47:02d}"), consent_share=True
        )
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


def test_export_has_only_consenting_supporters_and_no_email(client, member, campaign):
    shared, _ = campaign_support_submit(
        campaign=campaign,
        data=supporter(
            "13",
            email="shared@example.jp",
            comment='=HYPERLINK("http://x")',
            name="山田",
            consent="named",
        ),
        consent_share=True,
    )
    anonymous_name, _ = campaign_support_submit(
        campaign=campaign,
        data=supporter("13", email="anon@example.jp", name="隠す人"),
        consent_share=True,
    )
    campaign_support_submit(
        campaign=campaign, data=supporter("13", email="private@example.jp"), consent_share=False
    )
    client.force_login(member)
    response = client.get(reverse("campaigns:export", args=[campaign.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["reference"] for r in rows} == {shared.reference, anonymous_name.reference}
    assert "@example.jp" not in text and "email" not in rows[0]
    by_ref = {r["reference"]: r for r in rows}
    assert by_ref[shared.reference]["name"] == "山田"
    assert by_ref[anonymous_name.reference]["name"] == ""  # not published with a name: not shared
    assert by_ref[shared.reference]["comment:2"].startswith("'=HYPERLINK")
    event = AuditEvent.objects.get(action="campaigns.export")
    assert event.user_id == member.pk and event.object_count == 2


def test_list_page(client, member, organisation, campaign, django_assert_max_num_queries):
    client.force_login(member)
    campaign_support_submit(campaign=campaign, data=supporter("13"), consent_share=True)
    make_campaign(organisation, campaign.consultation, slug="second")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("campaigns:list", args=[organisation.slug]))
    assert page.status_code == 200
    assert (
        "Say no to face cameras" in page.content.decode()
        or "顔認証カメラに反対" in page.content.decode()
    )
    assert CampaignSupport.objects.count() == 1
