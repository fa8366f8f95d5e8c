"""Submission traces: recorded by both submit paths as keyed hashes, never breaking a
submission, and erased at the end of retention."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consult.integrity.models import SubmissionTrace
from consult.integrity.services import network_prefix, submission_trace_record, trace_hash
from consult.privacy.pseudonyms import pseudonym_key
from consult.privacy.retention import retention_apply
from consult.responses.models import Response
from tests.privacy.conftest import publish, submit
from tests.responses.test_journey import VALID_FORM, review_and_submit

pytestmark = pytest.mark.django_db

API_BODY = {
    "language": "ja",
    "respondent": {
        "kind": "individual",
        "region": "13",
        "consent": "anonymous",
        "notice_accepted": True,
    },
    "answers": [
        {"question": "overall", "value": 2},
        {"question": "retention", "value": "24h"},
        {"question": "concerns", "value": ["privacy"]},
        {"question": "priorities", "value": ["warrant", "audit", "signage"]},
        {"question": "comments", "value": "顔認証の誤認識が心配です。"},
    ],
    "comments": [],
}


@pytest.mark.parametrize(
    ("address", "prefix"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ("not an address", None),
        ("", None),
    ],
)
def test_network_prefix(address, prefix):
    assert network_prefix(address) == prefix


def test_web_submission_records_hashed_network_and_agent(client, consultation):
    url = reverse("responses:respond", args=[consultation.slug])
    headers = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "Mozilla/5.0 test"}
    page, _payload = review_and_submit(client, url, VALID_FORM, **headers)
    assert page.status_code == 302
    trace = SubmissionTrace.objects.get()
    key = pseudonym_key(consultation_id=consultation.pk)
    assert trace.response == Response.objects.get()
    assert trace.network_hash == trace_hash(key=key, kind="net", value="203.0.113.0/24")
    assert trace.user_agent_hash == trace_hash(key=key, kind="ua", value="Mozilla/5.0 test")
    stored = f"{trace.network_hash} {trace.user_agent_hash}"
    assert "203.0.113" not in stored and "Mozilla" not in stored


def test_same_network_same_hash_other_network_differs(consultation):
    first, second, third = (submit(consultation, email=f"p{i}@example.jp") for i in range(3))
    for response, address in (
        (first, "198.51.100.4"),
        (second, "198.51.100.200"),
        (third, "198.51.101.4"),
    ):
        request = type("R", (), {"META": {"REMOTE_ADDR": address}})()
        submission_trace_record(response=response, request=request)
    hashes = dict(SubmissionTrace.objects.values_list("response_id", "network_hash"))
    assert hashes[first.pk] == hashes[second.pk] != hashes[third.pk]
    assert SubmissionTrace.objects.get(response=first).user_agent_hash == ""


def test_api_submission_records_a_trace(consultation):
    client = APIClient()
    r = client.post(
        f"/api/v1/consultations/{consultation.slug}/responses/?lang=en",
        json.dumps(API_BODY),
        content_type="application/json",
        REMOTE_ADDR="2001:db8:1:2::5",
    )
    assert r.status_code == 201, r.json()
    trace = SubmissionTrace.objects.get()
    key = pseudonym_key(consultation_id=consultation.pk)
    assert trace.network_hash == trace_hash(key=key, kind="net", value="2001:db8:1::/48")


def test_a_failing_trace_never_breaks_the_submission(client, consultation, monkeypatch, caplog):
    def broken(**_kwargs):
        raise RuntimeError("keys database down")

    monkeypatch.setattr("consult.integrity.services.pseudonym_key", broken)
    url = reverse("responses:respond", args=[consultation.slug])
    page, _payload = review_and_submit(client, url, VALID_FORM)
    assert page.status_code == 302
    assert Response.objects.filter(status="submitted").count() == 1
    assert SubmissionTrace.objects.count() == 0
    assert "could not record the submission trace" in caplog.text


def test_an_amendment_keeps_the_first_trace(consultation):
    response = submit(consultation)
    first = type("R", (), {"META": {"REMOTE_ADDR": "192.0.2.1"}})()
    later = type("R", (), {"META": {"REMOTE_ADDR": "198.51.100.1"}})()
    submission_trace_record(response=response, request=first)
    before = SubmissionTrace.objects.get().network_hash
    submission_trace_record(response=response, request=later)
    assert SubmissionTrace.objects.get().network_hash == before


def test_retention_erases_traces(consultation):
    response = submit(consultation)
    request = type("R", (), {"META": {"REMOTE_ADDR": "192.0.2.1", "HTTP_USER_AGENT": "x"}})()
    submission_trace_record(response=response, request=request)
    publish(consultation)
    consultation.refresh_from_db()
    later = consultation.published_at + timedelta(days=consultation.retention_days + 1)
    assert retention_apply(now=later).responses == 1
    assert not SubmissionTrace.objects.exists()
