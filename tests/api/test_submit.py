"""POST /api/v1/consultations/{slug}/responses/: validation, errors, idempotency, bad input."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.tokens import api_token_create
from consult.core.models import OutboxJob
from consult.responses.models import Response
from tests.api.permission_table import SUPPORTER_CONSENT

pytestmark = pytest.mark.django_db

BODY = {
    "language": "ja",
    "respondent": {
        "kind": "individual",
        "region": "13",
        "consent": "anonymous",
        "notice_accepted": True,
        "email": "citizen@example.jp",
    },
    "answers": [
        {"question": "overall", "value": 2},
        {"question": "retention", "value": "24h"},
        {"question": "concerns", "value": ["privacy", "bias"]},
        {"question": "priorities", "value": ["warrant", "audit", "signage"]},
        {"question": "comments", "value": "顔認証の誤認識が心配です。"},
    ],
    "comments": [{"section": "2", "text": "72時間は長すぎます。"}],
}


def url(consultation):
    return f"/api/v1/consultations/{consultation.slug}/responses/"


def post(client, consultation, body, lang="en", **headers):
    return client.post(
        url(consultation) + f"?lang={lang}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def client():
    return APIClient()


def test_valid_submission_is_stored_with_its_outbox_job(client, consultation):
    r = post(client, consultation, BODY)
    assert r.status_code == 201, r.json()
    response = Response.objects.get(reference=r.json()["reference"])
    assert (
        response.channel == "api" and response.language == "ja" and response.status == "submitted"
    )
    assert response.answers.count() == 5 and response.clause_comments.count() == 1
    assert response.answers.get(question__key="concerns").value == ["bias", "privacy"]
    assert OutboxJob.objects.filter(task_name="responses.send_confirmation").count() == 1


@pytest.mark.parametrize(
    ("mutate", "path", "code"),
    [
        (
            lambda b: b["answers"].__setitem__(0, {"question": "overall", "value": 6}),
            "answers[0].value",
            "invalid",
        ),
        (lambda b: b["answers"][1].update(value="forever"), "answers[1].value", "invalid"),
        (
            lambda b: b["answers"].append({"question": "nope", "value": 1}),
            "answers[5].question",
            "unknown_question",
        ),
        (
            lambda b: b["answers"].append({"question": "overall", "value": 1}),
            "answers[5].question",
            "invalid",
        ),
        (lambda b: b["answers"].pop(0), "answers", "required"),
        (lambda b: b["answers"][4].update(value="x" * 501), "answers[4].value", "invalid"),
        (lambda b: b["answers"][4].update(value="x" * 1_000_000), "answers[4].value", "invalid"),
        (lambda b: b["comments"][0].update(section="9"), "comments[0].section", "unknown_section"),
        (lambda b: b["respondent"].update(kind="robot"), "respondent.kind", "invalid"),
        (lambda b: b["respondent"].update(email="nope"), "respondent.email", "invalid"),
        (lambda b: b["respondent"].pop("consent"), "respondent.consent", "required"),
        (
            lambda b: b["respondent"].update(notice_accepted=False),
            "respondent.notice_accepted",
            "invalid",
        ),
        (lambda b: b["respondent"].update(admin=True), "respondent.admin", "unknown_field"),
        (lambda b: b.update(extra=1), "extra", "unknown_field"),
        (lambda b: b.update(answers={"overall": 1}), "answers", "not_a_list"),
        (lambda b: b["respondent"].update(region="48"), "respondent.region", "invalid"),
        # An individual's organisation name is not stored, so it is no name to publish by.
        (
            lambda b: b["respondent"].update(
                kind="individual", consent="named", name="", organisation_name="NGO"
            ),
            "respondent.name",
            "invalid",
        ),
        (
            lambda b: b["answers"].append({"question": 5, "value": 1}),
            "answers[5].question",
            "unknown_question",
        ),
        (
            lambda b: b["comments"].append({"section": 9, "text": "x"}),
            "comments[1].section",
            "unknown_section",
        ),
        (lambda b: b["answers"][0].update(value=2.9), "answers[0].value", "invalid"),
        (lambda b: b["answers"][0].update(value=True), "answers[0].value", "invalid"),
        (lambda b: b["answers"][0].update(value="9" * 5000), "answers[0].value", "invalid"),
    ],
)
def test_invalid_bodies_name_the_path_and_store_nothing(client, consultation, mutate, path, code):
    body = json.loads(json.dumps(BODY))
    mutate(body)
    r = post(client, consultation, body)
    assert r.status_code == 400, r.json()
    errors = r.json()["errors"]
    assert any((e["path"], e["code"]) == (path, code) for e in errors), errors
    assert all(e["message"] for e in errors)
    assert Response.objects.count() == 0 and OutboxJob.objects.count() == 0


def test_unknown_fields_and_invalid_known_ones_are_named_in_one_answer(client, consultation):
    # A caller fixing a document learns every problem of its shape at once, not one per try.
    body = json.loads(json.dumps(BODY))
    body["extra"] = 1
    body["respondent"].update(admin=True, kind="robot")
    body["answers"][0] = {"question": "overall", "value": 6}
    r = post(client, consultation, body, lang="en")
    assert r.status_code == 400
    found = {(e["path"], e["code"]) for e in r.json()["errors"]}
    assert found == {
        ("extra", "unknown_field"),
        ("respondent.admin", "unknown_field"),
        ("respondent.kind", "invalid"),
        ("answers[0].value", "invalid"),
    }
    assert Response.objects.count() == 0
    # A field missing is still a fault of shape: it is named alone with the unknown ones.
    body["respondent"].pop("consent")
    found = {(e["path"], e["code"]) for e in post(client, consultation, body).json()["errors"]}
    assert ("respondent.consent", "required") in found and ("extra", "unknown_field") in found


def test_errors_follow_the_requested_language(client, consultation):
    body = {**BODY, "answers": [{"question": "overall", "value": 9}]}
    en = post(client, consultation, body, lang="en").json()["errors"][0]["message"]
    ja = post(client, consultation, body, lang="ja").json()["errors"][0]["message"]
    assert en != ja and any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in ja)
    by_header = client.post(
        url(consultation),
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert by_header.json()["errors"][0]["message"] == en


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b"null", b'"text"', b'{"respondent": NaN}', b""],
)
def test_malformed_bodies_are_4xx(client, consultation, raw):
    r = client.post(url(consultation), raw, content_type="application/json")
    assert 400 <= r.status_code < 500 and r.json()["errors"]
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"answers": [{"question": "overall", "value": 1e400}]', "JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "入れ子が深すぎます"),
        (b'{"respondent": ' + b"1" * 5000 + b"}", "数値が長すぎる"),
        (b'{"respondent": Infinity}', "Infinity は数値ではありません"),
        (b'{"respondent": {', "1行目、17列目"),
    ],
)
def test_unparseable_bodies_say_why_in_the_requested_language(client, consultation, raw, message):
    r = client.post(url(consultation) + "?lang=ja", raw, content_type="application/json")
    assert r.status_code == 400
    [error] = r.json()["errors"]
    assert message in error["message"] and "Expecting" not in error["message"]
    assert Response.objects.count() == 0


def test_out_of_range_scale_numbers_are_400_not_500(client, consultation):
    raw = json.dumps(BODY).replace('"value": 2', '"value": 1e400', 1).encode()
    r = client.post(url(consultation), raw, content_type="application/json")
    assert r.status_code == 400
    assert [e["path"] for e in r.json()["errors"]] == ["answers[0].value"]
    assert Response.objects.count() == 0


@pytest.mark.parametrize("value", [4, 4.0, "4", "４"])
def test_a_scale_point_may_be_a_whole_number_or_its_text(client, consultation, value):
    body = json.loads(json.dumps(BODY))
    body["answers"][0]["value"] = value
    r = post(client, consultation, body)
    assert r.status_code == 201, r.json()
    assert Response.objects.get().answers.get(question__key="overall").value == 4


def test_huge_body_is_413(client, consultation):
    body = {**BODY, "answers": [{"question": "comments", "value": "x" * 3_000_000}]}
    r = post(client, consultation, body)
    assert r.status_code == 413 and Response.objects.count() == 0


def test_nul_bytes_and_surrogates_are_cleaned_not_500(client, consultation):
    body = json.loads(json.dumps(BODY))
    body["answers"][4]["value"] = "a\u0000b \ud83d c 👩‍👩‍👧"
    raw = json.dumps(body, ensure_ascii=True)  # lone surrogate survives as an escape
    r = client.post(url(consultation), raw, content_type="application/json")
    assert r.status_code == 201, r.json()
    text = Response.objects.get().answers.get(question__key="comments").text
    assert "\x00" not in text and "👩‍👩‍👧" in text


def test_wrong_media_type_is_415(client, consultation):
    r = client.post(url(consultation), "a=1", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 415


def test_unknown_and_draft_consultations_are_404(client, consultation):
    assert post(client, consultation, BODY).status_code == 201
    consultation.status = "draft"
    consultation.save()
    assert post(client, consultation, BODY).status_code == 404
    r = client.post(
        "/api/v1/consultations/nope/responses/", json.dumps(BODY), content_type="application/json"
    )
    assert r.status_code == 404 and r.json()["errors"]


def test_closed_consultation_is_409(client, consultation):
    consultation.opens_at = timezone.now() - timedelta(days=3)
    consultation.closes_at = timezone.now() - timedelta(seconds=1)
    consultation.save()
    r = post(client, consultation, BODY)
    assert r.status_code == 409 and r.json()["errors"][0]["code"] == "consultation_not_open"


def test_idempotency_key_replays_and_conflicts(client, consultation):
    first = post(client, consultation, BODY, HTTP_IDEMPOTENCY_KEY="key-00000001")
    again = post(client, consultation, BODY, HTTP_IDEMPOTENCY_KEY="key-00000001")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    other = post(
        client, consultation, {**BODY, "language": "en"}, HTTP_IDEMPOTENCY_KEY="key-00000001"
    )
    assert other.status_code == 409 and other.json()["errors"][0]["code"] == "idempotency_conflict"
    assert (
        Response.objects.count() == 1
        and OutboxJob.objects.filter(task_name="responses.send_confirmation").count() == 1
    )
    assert post(client, consultation, BODY, HTTP_IDEMPOTENCY_KEY="short").status_code == 400


def test_idempotency_keys_are_scoped_per_caller(consultation, role_client):
    anonymous, organisation = role_client("anonymous"), role_client("organisation")
    a = post(anonymous, consultation, BODY, HTTP_IDEMPOTENCY_KEY="shared-key-123")
    b = post(
        organisation,
        consultation,
        {**BODY, "language": "en", "supporter_consent": SUPPORTER_CONSENT},
        HTTP_IDEMPOTENCY_KEY="shared-key-123",
    )
    assert a.status_code == 201 and b.status_code == 201
    assert Response.objects.get(reference=b.json()["reference"]).channel == "campaign"


def test_an_organisations_retry_with_another_of_its_keys_replays(
    consultation, role_client, org_member, organisation
):
    supporters = {**BODY, "supporter_consent": SUPPORTER_CONSENT}
    first = post(
        role_client("organisation"), consultation, supporters, HTTP_IDEMPOTENCY_KEY="retry-0001"
    )
    _token, key = api_token_create(
        access="write", user=org_member, name="rotated", organisation=organisation
    )
    rotated = APIClient()
    rotated.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    again = post(rotated, consultation, supporters, HTTP_IDEMPOTENCY_KEY="retry-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert Response.objects.count() == 1
    official = post(role_client("official"), consultation, BODY, HTTP_IDEMPOTENCY_KEY="retry-0001")
    assert official.status_code == 201 and Response.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_requests_with_one_key_create_one_response(consultation):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL (SQLite serialises writers)")
    results: list[int] = []
    barrier = threading.Barrier(10)

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait()
            r = post(APIClient(), consultation, BODY, HTTP_IDEMPOTENCY_KEY="concurrent-key-1")
            results.append(r.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count(201) == 1 and all(s in (200, 201) for s in results), results
    assert Response.objects.filter(consultation=consultation).count() == 1
    assert OutboxJob.objects.filter(task_name="responses.send_confirmation").count() == 1


def test_throttling_returns_429_with_retry_after(client, consultation, settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [client.get("/api/v1/consultations/").status_code for _ in range(4)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        last = client.get("/api/v1/consultations/")
        assert last.status_code == 429 and int(last["Retry-After"]) > 0 and last.json()["errors"]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        cache.clear()
