"""GET /api/v1/consultations/{slug}/responses/export: streamed CSV and JSON lines."""

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consult.api.v1 import official
from consult.core.spreadsheet import spreadsheet_cell, spreadsheet_safe
from consult.privacy.models import AuditEvent
from tests.api.response_data import submit
from tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

FULL = {
    "overall": 2,
    "retention": "24h",
    "concerns": ["bias", "privacy"],
    "priorities": ["warrant", "audit", "signage"],
    "comments": "顔認証の誤認識が心配です。",
}


def url(consultation, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    base = reverse("api:response-export", kwargs={"slug": consultation.slug})
    return base + (f"?{query}" if query else "")


def download(client, consultation, **params: str) -> tuple[StreamingHttpResponse, bytes]:
    r = client.get(url(consultation, **params))
    assert r.status_code == 200, r.json()
    assert isinstance(r, StreamingHttpResponse)
    return r, b"".join(r.streaming_content)


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.fixture
def official_client(role_client):
    return role_client("official")


def test_csv_is_a_streamed_utf8_file_with_bom_for_excel(official_client, consultation):
    response = submit(consultation, answers=FULL, comments={"2": "72時間は長すぎます。"})
    r, body = download(official_client, consultation)
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert r["Content-Disposition"] == (
        f'attachment; filename="{consultation.slug}-responses-{today}.csv"'
    )
    assert "no-store" in r["Cache-Control"]
    assert body.startswith(b"\xef\xbb\xbf") and not body.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header[-7:] == [
        "answer:overall",
        "answer:retention",
        "answer:concerns",
        "answer:priorities",
        "answer:comments",
        "comment:1",
        "comment:2",
    ]
    assert "email" not in header
    [row] = csv_rows(body)
    assert row["reference"] == response.reference
    assert row["status"] == "submitted" and row["language"] == "ja"
    assert row["disclosure"] == "full" and row["region"] == "13"
    assert row["email_verified"] == "false"
    assert row["answer:overall"] == "2"
    assert row["answer:concerns"] == "bias|privacy"
    assert row["answer:priorities"] == "warrant|audit|signage"
    assert row["answer:comments"] == "顔認証の誤認識が心配です。"
    assert row["comment:1"] == "" and row["comment:2"] == "72時間は長すぎます。"


def test_formulas_are_neutralised_in_every_text_cell(official_client, consultation):
    submit(
        consultation,
        kind="organisation",
        organisation_name='=HYPERLINK("https://evil.example")',
        consent="named",
        answers={"overall": 1, "comments": "+81 3 1234 5678"},
        comments={"1": "-1 は反対の意味です", "2": "@SUM(A1:A9)"},
    )
    [row] = csv_rows(download(official_client, consultation)[1])
    assert row["organisation_name"] == '\'=HYPERLINK("https://evil.example")'
    assert row["answer:comments"] == "'+81 3 1234 5678"
    assert row["comment:1"] == "'-1 は反対の意味です"
    assert row["comment:2"] == "'@SUM(A1:A9)"
    assert row["answer:overall"] == "1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝SUM(A1)", "'＝SUM(A1)"),
        ("safe = text", "safe = text"),
        ("", ""),
        ("反対です", "反対です"),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_spreadsheet_cell_leaves_numbers_and_empties_alone():
    assert spreadsheet_cell(-3) == -3
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell("=x") == "'=x"


def test_jsonl_has_one_list_item_per_line(official_client, consultation):
    for i in range(3):
        submit(consultation, answers={**FULL, "comments": f"意見 {i}\n二行目"}, comments={"1": "x"})
    r, body = download(official_client, consultation, format="jsonl")
    assert r["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert r["Content-Disposition"].endswith(
        "-responses-" + timezone.localdate().isoformat() + '.jsonl"'
    )
    lines = body.decode("utf-8").splitlines()
    assert len(lines) == 3 and "意見" in lines[0]  # not ASCII-escaped
    exported = [json.loads(line) for line in lines]
    listed = official_client.get(
        reverse("api:response-list", kwargs={"slug": consultation.slug})
    ).json()["results"]
    assert exported == list(reversed(listed))  # the export runs oldest first


def test_the_export_takes_the_list_filters(official_client, consultation):
    ja = submit(consultation, language="ja", answers={"overall": 1, "comments": "監視に反対"})
    en = submit(consultation, language="en", answers={"overall": 5, "comments": "I support it"})
    assert [
        r["reference"] for r in csv_rows(download(official_client, consultation, language="en")[1])
    ] == [en.reference]
    assert [
        r["reference"] for r in csv_rows(download(official_client, consultation, q="監視")[1])
    ] == [ja.reference]
    assert [
        json.loads(line)["reference"]
        for line in download(
            official_client, consultation, format="jsonl", question="overall", answer="1"
        )[1].splitlines()
    ] == [ja.reference]


def test_an_organisation_exports_only_its_own_as_consented(role_client, consultation, organisation):
    named = submit(
        consultation, organisation=organisation, consent="named", name="佐藤 花子", answers=FULL
    )
    hidden = submit(consultation, organisation=organisation, consent="none", answers=FULL)
    submit(consultation, consent="named", name="Kim Lee", answers=FULL)
    rows = {
        r["reference"]: r for r in csv_rows(download(role_client("organisation"), consultation)[1])
    }
    assert set(rows) == {named.reference, hidden.reference}
    assert rows[named.reference]["name"] == "佐藤 花子"
    assert rows[named.reference]["answer:comments"] == FULL["comments"]
    receipt = rows[hidden.reference]
    assert receipt["disclosure"] == "receipt" and receipt["consent"] == "none"
    assert receipt["region"] == "" and receipt["answer:overall"] == ""
    assert receipt["answer:comments"] == "" and receipt["email_verified"] == ""


def test_no_matches_gives_just_the_header_or_nothing(official_client, consultation):
    _r, body = download(official_client, consultation)
    assert body.decode("utf-8-sig").splitlines()[0].startswith("reference,status,")
    assert csv_rows(body) == []
    assert download(official_client, consultation, format="jsonl")[1] == b""


def test_bad_requests_are_json_errors(official_client, consultation):
    r = official_client.get(url(consultation, format="xlsx"))
    assert r.status_code == 400 and r["Content-Type"] == "application/json"
    assert r.json()["errors"][0]["path"] == "format"
    r = official_client.get(url(consultation, format="csv", region="00"))
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "region"
    other = ConsultationFactory()
    assert official_client.get(url(other)).status_code == 404


def test_an_accept_header_does_not_get_in_the_way(official_client, consultation):
    r = official_client.get(url(consultation, format="csv"), HTTP_ACCEPT="text/csv")
    assert r.status_code == 200


def streaming_queries(client, consultation) -> tuple[int, int]:
    r = client.get(url(consultation))
    assert r.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        rows = csv_rows(b"".join(r.streaming_content))
    return len(queries), len(rows)


def test_streaming_reads_in_chunks_of_three_queries(official_client, consultation, monkeypatch):
    """Constant memory: each chunk is one keyset query for the responses (with respondents), one
    for their answers, one for their comments, whatever the total."""
    monkeypatch.setattr(official, "EXPORT_CHUNK_SIZE", 2)
    for _ in range(5):
        submit(consultation, answers=FULL, comments={"1": "a", "2": "b"})
    # The bound of the snapshot, then 3 chunks (2 + 2 + 1) of three queries.
    assert streaming_queries(official_client, consultation) == (1 + 3 * 3, 5)
    for _ in range(4):
        submit(consultation, answers=FULL, comments={"1": "a", "2": "b"})
    assert streaming_queries(official_client, consultation) == (1 + 5 * 3, 9)


def test_responses_arriving_during_an_export_are_left_out(
    official_client, consultation, monkeypatch
):
    monkeypatch.setattr(official, "EXPORT_CHUNK_SIZE", 2)
    before = {submit(consultation).reference for _ in range(3)}
    r = official_client.get(url(consultation, format="jsonl"))
    stream = iter(r.streaming_content)
    first = next(stream)
    late = submit(consultation)
    body = first + b"".join(stream)
    exported = {json.loads(line)["reference"] for line in body.splitlines()}
    assert exported == before and late.reference not in exported


def test_every_export_is_recorded_in_the_audit_log(official_client, consultation, official):
    made = [submit(consultation, language=lang) for lang in ("ja", "en", "en")]
    download(official_client, consultation, format="jsonl", language="en")
    event = AuditEvent.objects.get()
    assert event.action == "responses.export" and event.user_id == official.pk
    assert event.consultation_id == consultation.pk and event.object_count == 2
    assert sorted(event.object_ids) == sorted(r.pk for r in made[1:])
    assert "language=en" in event.reason
