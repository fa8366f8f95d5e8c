"""GET /api/v1/consultations/{slug}/responses/: who sees what, filters, search, pagination."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from consult.accounts.models import Organisation
from consult.accounts.tokens import api_token_create
from consult.consultations.models import Consultation
from consult.privacy.models import AuditEvent
from consult.responses.models import Response
from tests.api.response_data import submit
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def url(consultation: Consultation, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("api:response-list", kwargs={"slug": consultation.slug}) + (
        f"?{query}" if query else ""
    )


def references(body: dict) -> set[str]:
    return {item["reference"] for item in body["results"]}


@pytest.fixture
def official_client(role_client) -> APIClient:
    return role_client("official")


def get(client: APIClient, consultation: Consultation, **params: str) -> dict:
    r = client.get(url(consultation, **params))
    assert r.status_code == 200, r.json()
    return r.json()


def test_an_item_carries_the_response_without_the_email(official_client, consultation):
    response = submit(
        consultation,
        kind="organisation",
        organisation_name="市民自由協会",
        consent="named",
        region="27",
        email="secret-person@example.jp",
        answers={
            "overall": 2,
            "retention": "24h",
            "concerns": ["bias", "accuracy"],
            "priorities": ["warrant", "audit"],
            "comments": "顔認証の誤認識が心配です。",
        },
        comments={"2": "72時間は長すぎます。", "1": "目的が曖昧です。"},
        email_verified_at=timezone.now(),
    )
    r = official_client.get(url(consultation))
    assert "secret-person" not in r.content.decode()
    [item] = r.json()["results"]
    assert item == {
        "reference": response.reference,
        "status": "submitted",
        "channel": "web",
        "language": "ja",
        "submitted_at": timezone.localtime(response.submitted_at).isoformat(),
        "disclosure": "full",
        "respondent": {
            "kind": "organisation",
            "consent": "named",
            "name": "",
            "organisation_name": "市民自由協会",
            "region": "27",
            "age_band": "",
            "email_verified": True,
        },
        "submitted_through": None,
        "supporter_consent": None,
        "answers": {
            "overall": 2,
            "retention": "24h",
            "concerns": ["accuracy", "bias"],  # stored in the choices' order
            "priorities": ["warrant", "audit"],
            "comments": "顔認証の誤認識が心配です。",
        },
        "comments": {"1": "目的が曖昧です。", "2": "72時間は長すぎます。"},
    }
    assert list(item["answers"]) == ["overall", "retention", "concerns", "priorities", "comments"]
    assert list(item["comments"]) == ["1", "2"]


def test_a_staff_session_reads_like_a_token(consultation, official):
    submit(consultation)
    client = APIClient()
    client.force_login(official)
    assert len(get(client, consultation)["results"]) == 1


def test_officials_see_every_status_and_only_their_consultation(official_client, consultation):
    mine = submit(consultation)
    Response.objects.filter(pk=mine.pk).update(status="withdrawn", withdrawn_at=timezone.now())
    other = ConsultationFactory()
    submit(other)
    assert references(get(official_client, consultation)) == {mine.reference}
    assert official_client.get(url(other)).status_code == 404


def test_callers_who_are_not_readers_are_refused(consultation, org_member):
    anonymous = APIClient().get(url(consultation))
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["code"] == "not_authenticated"
    member_session = APIClient()
    member_session.force_login(org_member)  # an organisation member, but not through its token
    assert member_session.get(url(consultation)).status_code == 403
    retired = UserFactory(department=consultation.department, is_staff=False)
    session = APIClient()
    session.force_login(retired)
    assert session.get(url(consultation)).status_code == 403


def test_unknown_and_draft_consultations_are_not_found(role_client, consultation):
    draft = ConsultationFactory(status="draft", department=consultation.department)
    assert role_client("official").get(url(draft)).status_code == 200
    assert role_client("organisation").get(url(draft)).status_code == 404
    missing = reverse("api:response-list", kwargs={"slug": "no-such-consultation"})
    assert role_client("official").get(missing).status_code == 404


# --- Organisations: their own submissions, as far as each supporter consented ---


@pytest.fixture
def org_responses(consultation, organisation):
    answers = {"overall": 5, "comments": "監視カメラに賛成です。"}
    common = {"organisation": organisation, "channel": "campaign", "answers": answers}
    return {
        "named": submit(consultation, consent="named", name="佐藤 花子", region="01", **common),
        "anonymous": submit(consultation, consent="anonymous", region="01", **common),
        "none": submit(consultation, consent="none", region="01", **common),
        "someone_else": submit(consultation, consent="named", name="Kim Lee", answers=answers),
    }


def test_an_organisation_sees_only_its_own_as_far_as_consented(
    role_client, consultation, org_responses
):
    body = get(role_client("organisation"), consultation)
    items = {item["reference"]: item for item in body["results"]}
    assert set(items) == {org_responses[c].reference for c in ("named", "anonymous", "none")}

    named = items[org_responses["named"].reference]
    assert named["disclosure"] == "named"
    assert named["respondent"]["name"] == "佐藤 花子" and named["respondent"]["region"] == "01"
    assert named["answers"]["comments"] == "監視カメラに賛成です。"

    anonymous = items[org_responses["anonymous"].reference]
    assert anonymous["disclosure"] == "anonymous"
    assert anonymous["respondent"] == {
        "kind": "individual",
        "consent": "anonymous",
        "name": None,
        "organisation_name": None,
        "region": None,
        "age_band": None,
        "email_verified": None,
    }
    assert anonymous["answers"] == {"overall": 5, "comments": "監視カメラに賛成です。"}

    receipt = items[org_responses["none"].reference]
    assert receipt["disclosure"] == "receipt"
    assert receipt["answers"] == {} and receipt["comments"] == {}
    assert receipt["respondent"]["region"] is None
    assert receipt["status"] == "submitted" and receipt["channel"] == "campaign"
    # Submitted before the organisation's key had to send a consent record: none to show.
    assert receipt["submitted_through"] == "Privacy First" and receipt["supporter_consent"] is None


def test_organisation_filters_cannot_reveal_what_is_hidden(
    role_client, consultation, org_responses
):
    client = role_client("organisation")
    # All three live in Hokkaido, but only the named one disclosed it.
    assert references(get(client, consultation, region="01")) == {org_responses["named"].reference}
    # All three wrote the same text; the one who refused publication is not searchable.
    assert references(get(client, consultation, q="賛成")) == {
        org_responses["named"].reference,
        org_responses["anonymous"].reference,
    }
    assert references(get(client, consultation, question="overall", answer="5")) == {
        org_responses["named"].reference,
        org_responses["anonymous"].reference,
    }
    # Officials see all four either way.
    official = role_client("official")
    assert len(get(official, consultation, q="賛成")["results"]) == 4


def test_another_organisations_token_sees_none_of_them(consultation, org_responses, org_member):
    other = Organisation.objects.create(slug="other-group", name="Other Group")
    other.members.add(org_member)
    _token, key = api_token_create(
        access="write", user=org_member, name="other", organisation=other
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert get(client, consultation)["results"] == []


# --- Filters ---


@pytest.fixture
def varied(consultation):
    """Five responses that differ in every filtered field."""
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=TOKYO)
    made = {
        "ja_tokyo": submit(
            consultation,
            region="13",
            answers={
                "overall": 1,
                "retention": "none",
                "concerns": ["privacy", "bias"],
                "priorities": ["warrant", "audit"],
                "comments": "顔認証による監視に強く反対します。",
            },
            submitted_at=t0,
        ),
        "ja_osaka": submit(
            consultation,
            region="27",
            channel="api",
            answers={"overall": 4, "retention": "72h", "concerns": ["accuracy"]},
            comments={"2": "保存期間を二十四時間に短縮すべきです。"},
            submitted_at=t0 + timedelta(days=1),
        ),
        "en_org": submit(
            consultation,
            language="en",
            kind="organisation",
            organisation_name="Digital Rights Centre",
            consent="named",
            region="99",
            answers={"overall": 2, "priorities": ["audit", "signage", "warrant"]},
            comments={"1": "Facial Recognition in public squares chills free assembly."},
            submitted_at=t0 + timedelta(days=2),
        ),
        "en_individual": submit(
            consultation,
            language="en",
            region="",
            answers={"overall": 5, "comments": "Cameras make the station safer at night."},
            submitted_at=t0 + timedelta(days=3),
        ),
        "withdrawn": submit(consultation, submitted_at=t0 + timedelta(days=4)),
    }
    Response.objects.filter(pk=made["withdrawn"].pk).update(
        status="withdrawn", withdrawn_at=t0 + timedelta(days=5)
    )
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "withdrawn"}, {"withdrawn"}),
        ({"channel": "api"}, {"ja_osaka"}),
        ({"kind": "organisation"}, {"en_org"}),
        ({"region": "27"}, {"ja_osaka"}),
        ({"language": "en"}, {"en_org", "en_individual"}),
        ({"question": "overall", "answer": "4"}, {"ja_osaka"}),
        ({"question": "retention", "answer": "none"}, {"ja_tokyo"}),
        ({"question": "concerns", "answer": "bias"}, {"ja_tokyo"}),
        ({"question": "concerns", "answer": "accuracy"}, {"ja_osaka"}),
        ({"question": "priorities", "answer": "signage"}, {"en_org"}),
        ({"question": "priorities", "answer": "audit"}, {"ja_tokyo", "en_org"}),
        ({"question": "concerns"}, {"ja_tokyo", "ja_osaka"}),
        ({"question": "comments"}, {"ja_tokyo", "en_individual"}),
        ({"submitted_after": "2026-03-03"}, {"en_org", "en_individual", "withdrawn"}),
        ({"submitted_before": "2026-03-02"}, {"ja_tokyo"}),
        (
            {"submitted_after": "2026-03-02T09:00:00%2B09:00", "submitted_before": "2026-03-04"},
            {"ja_osaka", "en_org"},
        ),
        # 00:00 UTC is 09:00 in Tokyo, the very moment the Osaka response came in (inclusive).
        (
            {"submitted_after": "2026-03-02T00:00:00Z", "status": "submitted"},
            {"ja_osaka", "en_org", "en_individual"},
        ),
        ({"language": "en", "kind": "individual"}, {"en_individual"}),
    ],
)
def test_filters(official_client, consultation, varied, params, expected):
    found = references(get(official_client, consultation, **params))
    assert found == {varied[name].reference for name in expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("監視", {"ja_tokyo"}),  # a word inside a Japanese sentence without spaces
        ("強く反対", {"ja_tokyo"}),
        ("二十四時間", {"ja_osaka"}),  # in a clause comment
        ("顔認証", {"ja_tokyo"}),
        ("facial recognition", {"en_org"}),  # case-insensitive, in a clause comment
        ("SAFER", {"en_individual"}),
        ("station", {"en_individual"}),
        ("nothing like this", set()),
    ],
)
def test_search_in_japanese_and_english(official_client, consultation, varied, text, expected):
    found = references(get(official_client, consultation, q=text))
    assert found == {varied[name].reference for name in expected}


def test_search_finds_a_reference_number(official_client, consultation, varied):
    reference = varied["en_org"].reference
    assert references(get(official_client, consultation, q=reference.lower())) == {reference}


def test_search_counts_a_response_once_however_often_it_matches(official_client, consultation):
    response = submit(
        consultation,
        answers={"overall": 2, "comments": "反対"},
        comments={"1": "反対", "2": "反対"},
    )
    assert [i["reference"] for i in get(official_client, consultation, q="反対")["results"]] == [
        response.reference
    ]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"status": "lost"}, "status"),
        ({"region": "48"}, "region"),
        ({"language": "fr"}, "language"),
        ({"question": "no-such-question"}, "question"),
        ({"answer": "4"}, "answer"),
        ({"question": "overall", "answer": "6"}, "answer"),
        ({"question": "retention", "answer": "forever"}, "answer"),
        ({"question": "comments", "answer": "x"}, "answer"),
        ({"submitted_after": "yesterday"}, "submitted_after"),
        ({"submitted_before": "2026-02-30"}, "submitted_before"),
        ({"submitted_after": "0001-01-01"}, "submitted_after"),
        ({"submitted_before": "9999-12-31T23:59:59-12:00"}, "submitted_before"),
        ({"submitted_after": "2026-03-02", "submitted_before": "2026-03-01"}, "submitted_before"),
        ({"q": "x" * 201}, "q"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_parameters_are_400_with_their_name(official_client, consultation, params, path):
    r = official_client.get(url(consultation, **params))
    assert r.status_code == 400, r.json()
    assert [e["path"] for e in r.json()["errors"]] == [path]


def test_errors_follow_the_request_language(official_client, consultation):
    r = official_client.get(url(consultation, status="lost", lang="ja"))
    assert r.status_code == 400
    message = r.json()["errors"][0]["message"]
    assert "lost" in message and "valid choice" not in message


def test_each_page_read_is_recorded_in_the_audit_log(official_client, consultation, official):
    made = [submit(consultation) for _ in range(3)]
    get(official_client, consultation, page_size="2")
    event = AuditEvent.objects.get()
    assert event.action == "responses.list" and event.user_id == official.pk
    assert event.consultation_id == consultation.pk
    assert event.object_ids == [made[2].pk, made[1].pk] and event.object_count == 2
    get(official_client, consultation, language="en")  # nothing seen, nothing recorded
    assert AuditEvent.objects.count() == 1


def test_no_matches_is_an_empty_page(official_client, consultation):
    assert get(official_client, consultation) == {"next": None, "previous": None, "results": []}
    submit(consultation, language="ja")
    assert get(official_client, consultation, language="en")["results"] == []


def test_cursor_pagination_walks_every_response_once_newest_first(official_client, consultation):
    made = [submit(consultation).reference for _ in range(5)]
    seen: list[str] = []
    next_url: str | None = url(consultation, page_size="2")
    pages = 0
    while next_url:
        r = official_client.get(next_url)
        assert r.status_code == 200
        body = r.json()
        assert len(body["results"]) <= 2
        seen += [item["reference"] for item in body["results"]]
        next_url = body["next"]
        pages += 1
    assert seen == list(reversed(made)) and pages == 3


def test_the_list_does_not_query_per_response(
    official_client, consultation, django_assert_max_num_queries
):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert official_client.get(url(consultation, page_size="100")).status_code == 200
        return len(queries)

    full = {
        "overall": 2,
        "retention": "24h",
        "concerns": ["bias"],
        "priorities": ["audit", "warrant"],
        "comments": "反対です。",
    }
    submit(consultation, answers=full, comments={"1": "a", "2": "b"})
    count_queries()  # warm the per-process questionnaire cache
    few = count_queries()
    for _ in range(30):
        submit(consultation, answers=full, comments={"1": "a", "2": "b"})
    assert count_queries() == few
    # token, consultation, responses with respondents, answers, clause comments, the audit
    # event (+ the token's last_used_at, at most every five minutes)
    with django_assert_max_num_queries(7):
        official_client.get(url(consultation, page_size="100"))


PARAMETERS = (
    "status",
    "channel",
    "kind",
    "region",
    "language",
    "question",
    "answer",
    "submitted_after",
    "submitted_before",
    "q",
    "cursor",
    "page_size",
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(params=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=30), max_size=4))
def test_any_query_string_is_answered_with_200_or_400(role_client, consultation, params):
    if not Response.objects.exists():
        submit(consultation, answers={"overall": 2, "comments": "反対です"}, comments={"1": "x"})
    for name in ("api:response-list", "api:response-export"):
        r = role_client("official").get(reverse(name, kwargs={"slug": consultation.slug}), params)
        assert r.status_code in (200, 400), (params, r.status_code)
        if r.status_code == 200 and name == "api:response-export":
            b"".join(r.streaming_content)
