"""POST /api/v1/campaigns/{slug}/supporters/bulk with the organisation's API key."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import Organisation, OrganisationMembership
from consult.accounts.tokens import api_token_create
from consult.campaigns.models import CampaignSupport
from consult.campaigns.services import campaign_close
from consult.responses.models import Response
from tests.factories import UserFactory

from .conftest import TEMPLATE_COMMENT, TEMPLATE_TEXT

pytestmark = pytest.mark.django_db
CONSENTED = "2026-11-20T10:00:00+09:00"


def doc(email: str = "", share: bool = True, consent: dict | str | None = "default", **respondent):
    row: dict = {
        "language": "en",
        "respondent": {
            "kind": "individual",
            "consent": "anonymous",
            "notice_accepted": True,
            "region": "27",
            **({"email": email} if email else {}),
            **respondent,
        },
        "answers": [
            {"question": "overall", "value": 1},
            {"question": "retention", "value": "24h"},
            {"question": "comments", "value": TEMPLATE_TEXT},
        ],
        "comments": [{"section": "2", "text": TEMPLATE_COMMENT}],
    }
    if consent == "default":
        row["campaign_consent"] = {"share": share, "consented_at": CONSENTED, "method": "paper"}
    elif consent is not None:
        row["campaign_consent"] = consent
    return row


def jsonl(*rows: dict) -> bytes:
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()


@pytest.fixture
def org_client(organisation, member):
    key = api_token_create(
        access="write", user=member, name="campaign tool", organisation=organisation
    )[1]
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def post(client, campaign, body: bytes, content_type="application/x-ndjson", key=None, **query):
    url = reverse("api:campaign-supporters-bulk", kwargs={"slug": campaign.slug})
    url += ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
    headers = {"HTTP_IMPORT_KEY": key} if key else {}
    return client.generic("POST", url, body, content_type=content_type, **headers)


def lines(response) -> list[dict]:
    assert response.status_code == 200, getattr(response, "data", response)
    return [json.loads(x) for x in b"".join(response.streaming_content).decode().splitlines()]


def test_supporters_with_consent_are_recorded(org_client, campaign):
    edited = doc(email="a@example.jp")
    edited["comments"][0]["text"] = (
        "I live near a station with these cameras; 72 hours is too long."
    )
    out = lines(post(org_client, campaign, jsonl(edited, doc(email="b@example.jp", share=False))))
    assert [r["status"] for r in out[:2]] == ["created", "created"]
    assert out[-1]["summary"] == {
        "rows": 2,
        "created": 2,
        "replayed": 0,
        "failed": 0,
        "complete": True,
    }
    responses = Response.objects.order_by("id")
    assert {r.channel for r in responses} == {"campaign"}
    assert {r.organisation_id for r in responses} == {campaign.organisation_id}
    first, second = (CampaignSupport.objects.get(response=r) for r in responses)
    assert first.via == "bulk" and first.consent_method == "paper" and first.consent_share
    assert first.consented_at.isoformat().startswith("2026-11-20T01:00:00")
    assert first.template_edited and first.edit_ratio > 0 and first.own_words_chars > 0
    assert not second.template_edited and not second.consent_share


@pytest.mark.parametrize(
    ("consent", "path"),
    [
        (None, "campaign_consent"),
        ({"share": True, "method": "paper"}, "campaign_consent.consented_at"),
        ({"share": True, "consented_at": CONSENTED}, "campaign_consent.method"),
        ({"consented_at": CONSENTED, "method": "paper"}, "campaign_consent.share"),
        (
            {"share": True, "consented_at": "2026-11-20 10:00", "method": "paper"},
            "campaign_consent.consented_at",
        ),
        (
            {"share": True, "consented_at": "2099-01-01T00:00:00Z", "method": "paper"},
            "campaign_consent.consented_at",
        ),
        (
            {"share": True, "consented_at": "2026-02-30T10:00:00+09:00", "method": "paper"},
            "campaign_consent.consented_at",
        ),
        (
            {"share": True, "consented_at": "0001-01-01T00:00:00+09:00", "method": "paper"},
            "campaign_consent.consented_at",
        ),
        (
            {"share": True, "consented_at": CONSENTED, "method": "campaign_page"},
            "campaign_consent.method",
        ),
    ],
)
def test_rows_without_a_complete_consent_record_are_refused(org_client, campaign, consent, path):
    out = lines(post(org_client, campaign, jsonl(doc(), doc(consent=consent)), atomic="row"))
    assert out[0]["status"] == "created"
    assert out[1]["status"] == "invalid"
    assert path in [e["path"] for e in out[1]["errors"]]
    assert CampaignSupport.objects.count() == 1


def test_rows_without_publication_consent_or_notice_are_refused(org_client, campaign):
    out = lines(post(org_client, campaign, jsonl(doc(notice_accepted=False)), atomic="row"))
    assert out[0]["status"] == "invalid"
    assert out[0]["errors"][0]["path"] == "respondent.notice_accepted"
    assert not Response.objects.exists()


def test_a_batch_with_a_refused_row_writes_nothing(org_client, campaign):
    out = lines(post(org_client, campaign, jsonl(doc(), doc(consent=None))))
    assert [r["status"] for r in out[:2]] == ["not_written", "invalid"]
    assert not Response.objects.exists()


def test_a_batch_that_cannot_be_written_is_reported_in_the_callers_language(
    org_client, campaign, monkeypatch
):
    from django.db import IntegrityError

    from consult.campaigns import bulk

    def collide(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(bulk, "responses_write", collide)
    out = lines(post(org_client, campaign, jsonl(doc(), doc())))
    assert [r["status"] for r in out[:2]] == ["not_written", "not_written"]
    assert out[0]["errors"] == [
        {
            "path": "",
            "code": "write_failed",
            "message": "This row could not be written; send the file again with the same key.",
        }
    ]
    assert not Response.objects.exists() and not CampaignSupport.objects.exists()
    out = lines(post(org_client, campaign, jsonl(doc()), lang="ja"))
    assert out[0]["errors"][0]["message"] == (
        "この行は書き込めませんでした。同じキーでファイルをもう一度送信してください。"
    )


def test_csv_with_consent_columns(org_client, campaign):
    body = (
        "kind,consent,notice_accepted,email,answer:overall,comment:2,consent_share,consented_at,consent_method\n"
        f"individual,anonymous,true,c@example.jp,2,自分の言葉で書きました。,yes,{CONSENTED},online_form\n"
        "individual,anonymous,true,d@example.jp,2,同意なし,,,\n"
    ).encode()
    out = lines(post(org_client, campaign, body, content_type="text/csv", atomic="row"))
    assert out[0]["status"] == "created"
    assert out[1]["status"] == "invalid"
    assert {e["path"] for e in out[1]["errors"]} == {
        "consent_share",
        "consented_at",
        "consent_method",
    }
    support = CampaignSupport.objects.get()
    assert support.consent_method == "online_form" and support.consent_share


def test_csv_without_consent_columns_is_a_400(org_client, campaign):
    body = b"kind,consent,notice_accepted\nindividual,anonymous,true\n"
    response = post(org_client, campaign, body, content_type="text/csv")
    assert response.status_code == 400
    assert {e["path"] for e in response.data["errors"]} == {
        "consent_share",
        "consented_at",
        "consent_method",
    }


def test_same_import_key_replays_and_same_email_is_refused(org_client, campaign):
    body = jsonl(doc(email="Same@Example.jp"))
    assert lines(post(org_client, campaign, body, key="file-0001"))[0]["status"] == "created"
    again = lines(post(org_client, campaign, body, key="file-0001"))[0]
    assert again["status"] == "replayed"
    # Another file with the same supporter (address case and spaces differ): refused, clearly.
    twice = lines(
        post(org_client, campaign, jsonl(doc(email=" same@example.JP ")), key="file-0002")
    )[0]
    assert twice["status"] == "invalid"
    assert twice["errors"][0]["code"] == "already_supported"
    assert Response.objects.get().reference in twice["errors"][0]["message"]
    within = lines(
        post(
            org_client,
            campaign,
            jsonl(doc(email="x@example.jp"), doc(email="X@example.jp")),
            atomic="row",
        )
    )
    assert [r["status"] for r in within[:2]] == ["created", "invalid"]
    assert "row 1" in within[1]["errors"][0]["message"]
    assert CampaignSupport.objects.count() == 2


def test_another_organisations_token_is_refused(campaign, db):
    other = Organisation.objects.create(
        slug="other-group", name="Other Group", verified_at=timezone.now()
    )
    user = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=other, user=user, role="owner")
    key = api_token_create(access="write", user=user, name="theirs", organisation=other)[1]
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = post(client, campaign, jsonl(doc()))
    assert response.status_code == 403
    assert "organisation that runs this campaign" in response.data["errors"][0]["message"]
    assert not Response.objects.exists()


def test_an_officials_token_and_no_token_are_refused(campaign, official):
    key = api_token_create(access="write", user=official, name="analysis")[1]
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert post(client, campaign, jsonl(doc())).status_code == 403
    assert post(APIClient(), campaign, jsonl(doc())).status_code == 401


def test_closed_campaign_or_consultation_is_a_409(org_client, campaign):
    consultation = campaign.consultation
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.opens_at = timezone.now() - timedelta(days=2)
    consultation.save()
    response = post(org_client, campaign, jsonl(doc()))
    assert response.status_code == 409
    assert response.data["errors"][0]["code"] == "consultation_not_open"
    consultation.closes_at = timezone.now() + timedelta(days=1)
    consultation.save()
    campaign_close(campaign=campaign)
    response = post(org_client, campaign, jsonl(doc()))
    assert response.status_code == 409
    assert response.data["errors"][0]["code"] == "campaign_not_active"
    assert not Response.objects.exists()


def test_unknown_campaign_is_a_404(org_client, campaign):
    campaign.slug = "nope"
    assert post(org_client, campaign, jsonl(doc())).status_code == 404


def test_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/campaigns/{slug}/supporters/bulk"]["post"]
    assert operation["operationId"] == "campaign_supporters_bulk"
    assert "campaign_consent" in operation["description"]
    assert "409" in operation["responses"] and "403" in operation["responses"]


def test_draft_campaign_is_a_409_for_its_organisation_and_a_404_for_others(
    org_client, organisation, consultation
):
    from consult.campaigns.services import CampaignContent, campaign_create
    from consult.responses.submission import SubmissionInput

    draft = campaign_create(
        organisation=organisation,
        consultation=consultation,
        content=CampaignContent("draft-one", "下書き", "Draft", "", "", SubmissionInput()),
        created_by=None,
    )
    response = post(org_client, draft, jsonl(doc()))
    assert response.status_code == 409
    assert response.data["errors"][0]["code"] == "campaign_not_active"
    other = Organisation.objects.create(slug="other-group", name="Other Group")
    user = UserFactory(is_staff=False, department=None, staff_role="")
    OrganisationMembership.objects.create(organisation=other, user=user, role="owner")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(access='write', user=user, name='x', organisation=other)[1]}"
    )
    assert post(client, draft, jsonl(doc())).status_code == 404


def test_the_consultations_template_with_consent_columns_fits_a_supporters_file(
    org_client, campaign
):
    url = reverse("api:response-bulk-template", kwargs={"slug": campaign.consultation.slug})
    header = APIClient().get(url + "?consent=true").content.decode("utf-8-sig").rstrip("\r\n")
    values = {"kind": "individual", "consent": "anonymous", "notice_accepted": "true"}
    values |= {"email": "e@example.jp", "answer:overall": "2", "comment:2": "テンプレートから"}
    values |= {"consent_share": "true", "consented_at": CONSENTED, "consent_method": "email"}
    row = ",".join(values.get(column, "") for column in header.split(","))
    body = ("\ufeff" + header + "\r\n" + row + "\r\n").encode()
    out = lines(post(org_client, campaign, body, content_type="text/csv"))
    assert out[0]["status"] == "created", out
    assert CampaignSupport.objects.get().consent_method == "email"
