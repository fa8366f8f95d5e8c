"""An organisation's token reads the responses it submitted, but never those of campaign
supporters who did not agree to share their response with it (`CampaignSupport.consent_share`):
not in the list, the export, or through a filter, as in the campaign's own export."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import Organisation
from consult.campaigns.export import supporters_csv
from consult.campaigns.models import Campaign
from consult.campaigns.services import (
    CampaignContent,
    campaign_create,
    campaign_publish,
    campaign_support_submit,
)
from consult.consultations.models import Consultation
from consult.privacy.models import AuditAction, AuditEvent
from consult.responses.models import Response
from consult.responses.submission import RespondentInput, SubmissionInput
from tests.api.response_data import submit

pytestmark = pytest.mark.django_db

SHARED_TEXT = "駅前の顔認証カメラに反対します。"
PRIVATE_TEXT = "職場の近くにカメラがあり、通勤経路が記録されるのが怖いです。"
PRIVATE_NAME = "田中 一郎"


@pytest.fixture
def campaign(consultation: Consultation, organisation: Organisation) -> Campaign:
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["verified_at"])
    campaign = campaign_create(
        organisation=organisation,
        consultation=consultation,
        content=CampaignContent(
            slug="stop-cameras",
            title_ja="顔認証カメラに反対",
            title_en="Say no to face cameras",
            message_ja="一緒に意見を出しましょう。",
            message_en="Respond together with us.",
            template=SubmissionInput(answers={"overall": 1, "comments": SHARED_TEXT}),
        ),
        created_by=None,
    )
    return campaign_publish(campaign=campaign)


def support(campaign: Campaign, *, share: bool, text: str, **respondent: str) -> Response:
    data = SubmissionInput(
        respondent=RespondentInput(
            **{"kind": "individual", "region": "01", "notice_accepted": True, **respondent}
        ),
        answers={"overall": 1, "comments": text},
        comments={"2": text},
        language="ja",
    )
    response, _created = campaign_support_submit(campaign=campaign, data=data, consent_share=share)
    return response


@pytest.fixture
def supporters(campaign: Campaign, consultation: Consultation, organisation: Organisation):
    return {
        "shared_named": support(
            campaign, share=True, text=SHARED_TEXT, consent="named", name="佐藤 花子"
        ),
        "shared_anonymous": support(campaign, share=True, text=SHARED_TEXT, consent="anonymous"),
        "shared_none": support(campaign, share=True, text=SHARED_TEXT, consent="none"),
        # Agreed to be published by name, but not to let the organisation see the response.
        "private_named": support(
            campaign, share=False, text=PRIVATE_TEXT, consent="named", name=PRIVATE_NAME
        ),
        "private_anonymous": support(campaign, share=False, text=PRIVATE_TEXT, consent="anonymous"),
        "private_none": support(campaign, share=False, text=PRIVATE_TEXT, consent="none"),
        # The organisation's own import, outside any campaign: publication consent alone applies.
        "imported": submit(
            consultation,
            organisation=organisation,
            channel="campaign",
            consent="named",
            name="鈴木 次郎",
            answers={"overall": 2, "comments": SHARED_TEXT},
        ),
    }


VISIBLE = ("shared_named", "shared_anonymous", "shared_none", "imported")
PRIVATE = ("private_named", "private_anonymous", "private_none")


def references(supporters: dict[str, Response], names: tuple[str, ...]) -> set[str]:
    return {supporters[name].reference for name in names}


def list_url(consultation: Consultation, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    base = reverse("api:response-list", kwargs={"slug": consultation.slug})
    return base + (f"?{query}" if query else "")


def export_url(consultation: Consultation, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    base = reverse("api:response-export", kwargs={"slug": consultation.slug})
    return base + (f"?{query}" if query else "")


def listed(client: APIClient, consultation: Consultation, **params: str) -> dict:
    r = client.get(list_url(consultation, **params))
    assert r.status_code == 200, r.json()
    return r.json()


def exported(client: APIClient, consultation: Consultation, **params: str) -> str:
    r = client.get(export_url(consultation, **params))
    assert r.status_code == 200, r.json()
    return b"".join(r.streaming_content).decode("utf-8-sig")


def test_the_list_leaves_out_supporters_who_did_not_share(role_client, consultation, supporters):
    r = role_client("organisation").get(list_url(consultation))
    assert r.status_code == 200
    body = r.content.decode()
    assert PRIVATE_TEXT not in body and PRIVATE_NAME not in body
    items = {item["reference"]: item for item in r.json()["results"]}
    assert set(items) == references(supporters, VISIBLE)
    for name in PRIVATE:  # not even a receipt
        assert supporters[name].reference not in body


def test_supporters_who_shared_are_shown_as_far_as_they_agreed_to_publication(
    role_client, consultation, supporters
):
    items = {
        item["reference"]: item
        for item in listed(role_client("organisation"), consultation)["results"]
    }
    named = items[supporters["shared_named"].reference]
    assert named["disclosure"] == "named" and named["respondent"]["name"] == "佐藤 花子"
    assert named["answers"]["comments"] == SHARED_TEXT
    anonymous = items[supporters["shared_anonymous"].reference]
    assert anonymous["disclosure"] == "anonymous"
    assert anonymous["respondent"]["name"] is None and anonymous["respondent"]["region"] is None
    assert anonymous["answers"]["comments"] == SHARED_TEXT
    receipt = items[supporters["shared_none"].reference]
    assert receipt["disclosure"] == "receipt"
    assert receipt["answers"] == {} and receipt["comments"] == {}
    imported = items[supporters["imported"].reference]
    assert imported["disclosure"] == "named" and imported["respondent"]["name"] == "鈴木 次郎"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "通勤経路"},  # the private supporters' own words
        {"region": "01"},
        {"question": "overall", "answer": "1"},
        {"question": "comments"},
        {"channel": "campaign"},
        {"status": "submitted"},
        {"kind": "individual"},
    ],
)
def test_no_filter_finds_a_supporter_who_did_not_share(
    role_client, consultation, supporters, params
):
    found = {
        item["reference"]
        for item in listed(role_client("organisation"), consultation, **params)["results"]
    }
    assert not found & references(supporters, PRIVATE)


def test_a_search_by_reference_does_not_find_them_either(role_client, consultation, supporters):
    client = role_client("organisation")
    for name in PRIVATE:
        assert listed(client, consultation, q=supporters[name].reference)["results"] == []


def test_officials_still_see_every_supporter(role_client, consultation, supporters):
    items = listed(role_client("official"), consultation)["results"]
    assert {item["reference"] for item in items} == references(supporters, VISIBLE + PRIVATE)
    by_reference = {item["reference"]: item for item in items}
    for name in VISIBLE + PRIVATE:
        item = by_reference[supporters[name].reference]
        assert item["submitted_through"] == "Privacy First"
        if name == "imported":  # submitted before consent records were required
            assert item["supporter_consent"] is None
        else:
            consent = item["supporter_consent"]
            assert consent["method"] == "campaign_page"
            assert consent["shared"] is name.startswith("shared")


@pytest.mark.parametrize("export_format", ["csv", "jsonl"])
def test_the_export_leaves_them_out(role_client, consultation, supporters, export_format):
    body = exported(role_client("organisation"), consultation, format=export_format)
    assert PRIVATE_TEXT not in body and PRIVATE_NAME not in body
    for name in PRIVATE:
        assert supporters[name].reference not in body
    if export_format == "csv":
        found = {row["reference"] for row in csv.DictReader(io.StringIO(body, newline=""))}
    else:
        found = {json.loads(line)["reference"] for line in body.splitlines()}
    assert found == references(supporters, VISIBLE)


def test_the_export_is_audited_for_what_it_holds(role_client, consultation, supporters):
    exported(role_client("organisation"), consultation)
    event = AuditEvent.objects.get(action=AuditAction.RESPONSES_EXPORT)
    assert event.object_count == len(VISIBLE)


def test_the_api_shows_the_same_supporters_as_the_campaign_export(
    role_client, consultation, campaign, supporters
):
    campaign_rows = csv.DictReader(
        io.StringIO("".join(supporters_csv(campaign)).lstrip("\ufeff"), newline="")
    )
    from_campaign = {row["reference"] for row in campaign_rows}
    from_api = {
        item["reference"]
        for item in listed(role_client("organisation"), consultation, channel="campaign")["results"]
    } - {supporters["imported"].reference}
    assert from_campaign == from_api == references(supporters, VISIBLE[:3])


def test_the_campaign_export_shows_each_supporter_as_the_api_does(
    role_client, consultation, campaign, supporters
):
    """Sharing with the organisation lets it see the response as far as the supporter agreed to
    publication: identity and region only when published by name, content unless "none"."""
    rows = {
        row["reference"]: row
        for row in csv.DictReader(
            io.StringIO("".join(supporters_csv(campaign)).lstrip("\ufeff"), newline="")
        )
    }
    items = {
        item["reference"]: item
        for item in listed(role_client("organisation"), consultation, channel="campaign")["results"]
    }
    for name in VISIBLE[:3]:
        reference = supporters[name].reference
        row, item = rows[reference], items[reference]
        for field in ("name", "organisation_name", "region", "age_band"):
            assert row[field] == (item["respondent"][field] or ""), (name, field)
        assert row["answer:comments"] == item["answers"].get("comments", ""), name
        assert row["comment:2"] == item["comments"].get("2", ""), name

    named, anonymous, receipt = (rows[supporters[n].reference] for n in VISIBLE[:3])
    assert (named["name"], named["region"], named["comment:2"]) == ("佐藤 花子", "01", SHARED_TEXT)
    assert (anonymous["name"], anonymous["region"], anonymous["answer:comments"]) == (
        "",
        "",
        SHARED_TEXT,
    )
    assert (receipt["region"], receipt["answer:overall"], receipt["comment:2"]) == ("", "", "")
    assert receipt["publication"] == "none" and receipt["kind"] == "individual"
