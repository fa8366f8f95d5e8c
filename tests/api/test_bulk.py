"""POST /api/v1/consultations/{slug}/responses/bulk as officials and organisations meet it."""

import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consult.api.v1.bulk import stream_results
from consult.consultations.models import Consultation
from consult.core.models import OutboxJob
from consult.responses.imports import RowResult
from consult.responses.models import Response
from tests.factories import UserFactory
from tests.responses.test_import import HEADER, INVALID_LIKERT, NO_NOTICE, VALID, csv_bytes

pytestmark = pytest.mark.django_db


def url(consultation, **query) -> str:
    base = reverse("api:response-bulk", kwargs={"slug": consultation.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post(client, consultation, body: bytes, content_type="text/csv", key=None, **query):
    headers = {"HTTP_IMPORT_KEY": key} if key else {}
    return client.generic(
        "POST", url(consultation, **query), body, content_type=content_type, **headers
    )


def lines(response) -> list[dict]:
    assert response.status_code == 200, getattr(response, "data", response)
    assert response["Content-Type"].startswith("application/x-ndjson")
    text = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize(
    ("encoding", "content_type"),
    [
        ("utf-8", "text/csv"),
        ("utf-8-sig", "text/csv"),
        ("cp932", "text/csv"),
        ("cp932", "text/csv; charset=Shift_JIS"),
    ],
)
def test_official_imports_mixed_rows_in_each_encoding(
    role_client, consultation, encoding, content_type
):
    body = csv_bytes(VALID, INVALID_LIKERT, VALID.replace("保存は短く", "髙橋①"), encoding=encoding)
    out = lines(post(role_client("official"), consultation, body, content_type, atomic="row"))
    assert [line.get("status") for line in out[:3]] == ["created", "invalid", "created"]
    assert out[1]["errors"] == [
        {
            "path": "answer:overall",
            "code": "invalid",
            "message": "Choose one point on the scale from 1 (strongly disagree) to 5 "
            "(strongly agree).",
        }
    ]
    assert out[3] == {
        "summary": {"rows": 3, "created": 2, "replayed": 0, "failed": 1, "complete": True}
    }
    assert set(Response.objects.values_list("channel", "organisation")) == {("import", None)}
    assert Response.objects.filter(answers__text="髙橋①").exists()


def test_organisation_imports_as_a_campaign_and_needs_each_supporters_consent(
    role_client, consultation, organisation
):
    consent = ",true,2026-11-01T10:00:00+09:00,paper"
    body = csv_bytes(
        VALID + consent,
        NO_NOTICE + consent,
        VALID + ",true,,paper",
        header=HEADER + ",consent_share,consented_at,consent_method",
    )
    out = lines(post(role_client("organisation"), consultation, body, atomic="row"))
    assert [line.get("status") for line in out[:3]] == ["created", "invalid", "invalid"]
    assert out[1]["errors"][0]["path"] == "notice_accepted"
    assert [(e["path"], e["code"]) for e in out[2]["errors"]] == [
        ("consented_at", "consent_required")
    ]
    response = Response.objects.get()
    assert (response.channel, response.organisation) == ("campaign", organisation)
    assert response.supporter_consent.method == "paper" and response.supporter_consent.share


def test_json_lines_rows_report_body_paths_in_the_request_language(role_client, consultation):
    docs = [
        {
            "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
            "answers": [{"question": "retention", "value": "24h"}],
        },
        {
            "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
            "answers": [{"question": "overall", "value": 3}, {"question": "concerns", "value": 1}],
        },
        {
            "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
            "answers": [{"question": "overall", "value": 3}],
        },
    ]
    body = "\n".join(json.dumps(d) for d in docs).encode()
    response = post(role_client("official"), consultation, body, "application/x-ndjson", lang="ja")
    out = lines(response)
    [error] = out[0]["errors"]
    assert (error["path"], error["code"]) == ("answers", "required")
    assert "overall" in error["message"] and "この設問には回答が必要です。" in error["message"]
    assert [(e["path"], e["code"]) for e in out[1]["errors"]] == [("answers[1].value", "invalid")]
    assert out[2]["status"] == "not_written"  # its batch (the default mode) holds invalid rows
    assert out[-1]["summary"]["failed"] == 3 and not Response.objects.exists()


@pytest.mark.parametrize(
    ("encoding", "content_type"),
    [
        ("utf-8", "application/x-ndjson"),
        ("utf-8-sig", "application/x-ndjson"),
        ("cp932", "application/x-ndjson; charset=Shift_JIS"),
        ("cp932", "application/x-ndjson"),
    ],
)
def test_json_lines_in_each_encoding(role_client, consultation, encoding, content_type):
    doc = {
        "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
        "answers": [
            {"question": "overall", "value": 2},
            {"question": "comments", "value": "髙橋①です"},
        ],
    }
    bad = {**doc, "answers": [{"question": "overall", "value": 9}]}
    body = "\n".join(json.dumps(d, ensure_ascii=False) for d in (doc, bad, doc)).encode(encoding)
    out = lines(post(role_client("official"), consultation, body, content_type, atomic="row"))
    assert [line.get("status") for line in out[:3]] == ["created", "invalid", "created"]
    assert out[3]["summary"]["created"] == 2
    assert Response.objects.filter(answers__text="髙橋①です").count() == 2


def test_rows_the_parser_cannot_take_are_row_errors_and_the_import_goes_on(
    role_client, consultation
):
    valid = {
        "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
        "answers": [{"question": "overall", "value": 3}],
    }
    rows = [
        json.dumps(valid),
        json.dumps(valid).replace('"value": 3', '"value": 1e400'),
        "[" * 50_000 + "]" * 50_000,
        '{"respondent": ' + "7" * 5000 + "}",
        json.dumps(valid),
    ]
    body = "\n".join(rows).encode()
    client = role_client("official")
    out = lines(post(client, consultation, body, "application/x-ndjson", atomic="row", lang="ja"))
    assert [line.get("status") for line in out[:5]] == [
        "created",
        "invalid",
        "invalid",
        "invalid",
        "created",
    ]
    assert [e["path"] for e in out[1]["errors"]] == ["answers[0].value"]
    assert "入れ子が深すぎます" in out[2]["errors"][0]["message"]
    assert out[5]["summary"]["complete"] is True and Response.objects.count() == 2


def test_a_failure_half_way_is_said_in_the_summary_not_by_cutting_the_stream(caplog):
    def results():
        yield RowResult(row=1, line=2, status="created", reference="A-1")
        raise RuntimeError("the disk is full")

    file = io.BytesIO(b"")
    out = [json.loads(x) for x in b"".join(stream_results(results(), "en", file)).splitlines()]
    assert out[0]["status"] == "created"
    assert out[1]["summary"]["complete"] is False and out[1]["summary"]["created"] == 1
    assert out[1]["errors"][0]["code"] == "import_stopped" and "disk" not in json.dumps(out)
    assert file.closed


def test_resending_with_the_same_import_key_creates_nothing_new(role_client, consultation):
    client = role_client("official")
    body = csv_bytes(VALID, VALID)
    first = lines(post(client, consultation, body, key="import-2026-11-22-a"))
    again = lines(post(client, consultation, body, key="import-2026-11-22-a"))
    assert [line.get("status") for line in again[:2]] == ["replayed", "replayed"]
    assert [line["reference"] for line in again[:2]] == [line["reference"] for line in first[:2]]
    assert again[-1]["summary"]["replayed"] == 2 and Response.objects.count() == 2
    changed = lines(
        post(
            client,
            consultation,
            csv_bytes(VALID, INVALID_LIKERT.replace(",9,", ",1,")),
            key="import-2026-11-22-a",
            atomic="row",
        )
    )
    assert [line.get("status") for line in changed[:2]] == ["replayed", "conflict"]
    assert changed[1]["errors"][0]["path"] == "Import-Key"


def test_a_body_larger_than_the_form_limit_is_streamed(role_client, consultation, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    settings.API_MAX_BODY_BYTES = 10_000
    rows = [VALID.replace("保存は短く", "長い意見です。" * 60)] * 400
    body = csv_bytes(*rows)
    assert len(body) > 10 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    out = lines(post(role_client("official"), consultation, body))
    assert out[-1]["summary"] == {
        "rows": 400,
        "created": 400,
        "replayed": 0,
        "failed": 0,
        "complete": True,
    }
    assert OutboxJob.objects.count() == 0


def test_file_problems_are_a_400_before_anything_is_written(role_client, consultation):
    client = role_client("official")
    response = post(
        client, consultation, csv_bytes(VALID, header=HEADER.replace("kind,", "") + ",x")
    )
    assert response.status_code == 400
    assert {(e["path"], e["code"]) for e in response.json()["errors"]} == {
        ("x", "unknown_column"),
        ("kind", "required"),
    }
    response = post(client, consultation, csv_bytes(VALID) + b"\xff\xfe\xfd\n")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_encoding"
    assert "Row 2 (line 3)" in response.json()["errors"][0]["message"]
    response = post(client, consultation, b"", "text/csv")
    assert response.status_code == 400
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "key", "query", "status", "path"),
    [
        ("text/plain", None, {}, 415, "Content-Type"),
        ("text/csv; charset=latin-1", None, {}, 400, "Content-Type"),
        ("text/csv", "short", {}, 400, "Import-Key"),
        ("text/csv", None, {"atomic": "file"}, 400, "atomic"),
    ],
)
def test_bad_requests(role_client, consultation, content_type, key, query, status, path):
    response = post(
        role_client("official"), consultation, csv_bytes(VALID), content_type, key, **query
    )
    assert response.status_code == status
    assert response.json()["errors"][0]["path"] == path
    assert not Response.objects.exists()


def test_too_large_a_body_is_a_413(role_client, consultation, settings):
    settings.API_MAX_IMPORT_BYTES = 500
    response = post(role_client("official"), consultation, csv_bytes(*[VALID] * 10))
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "payload_too_large"


def test_officials_import_after_closing_but_organisations_do_not(role_client, consultation):
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1), status="closed"
    )
    consultation.refresh_from_db()
    assert post(role_client("organisation"), consultation, csv_bytes(VALID)).status_code == 409
    out = lines(post(role_client("official"), consultation, csv_bytes(VALID)))
    assert out[0]["status"] == "created"
    Consultation.objects.filter(pk=consultation.pk).update(status="analysed")
    consultation.refresh_from_db()
    response = post(role_client("official"), consultation, csv_bytes(VALID))
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "consultation_not_open"


def test_nobody_imports_into_a_draft(role_client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(status="draft")
    consultation.refresh_from_db()
    assert post(role_client("official"), consultation, csv_bytes(VALID)).status_code == 409
    assert post(role_client("organisation"), consultation, csv_bytes(VALID)).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("citizen", 401), ("other_official", 404)],
)
def test_who_may_not_import(role_client, consultation, role, status):
    response = post(role_client(role), consultation, csv_bytes(VALID))
    assert response.status_code == status
    assert not Response.objects.exists()


def test_a_signed_in_user_who_is_not_an_official_gets_403(consultation, org_member):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user=org_member)
    response = post(client, consultation, csv_bytes(VALID))
    assert response.status_code == 403


def test_staff_without_a_department_gets_403(consultation):
    client = APIClient()
    client.force_authenticate(user=UserFactory(department=None))
    assert post(client, consultation, csv_bytes(VALID)).status_code == 403


def template(client, consultation, **query):
    base = reverse("api:response-bulk-template", kwargs={"slug": consultation.slug})
    return client.get(
        base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    )


def test_the_template_lists_every_column_of_this_consultation(consultation):
    response = template(APIClient(), consultation)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="the-consultation-import-template.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and body.endswith("\r\n") and body.count("\r\n") == 1
    header = body.lstrip("\ufeff").rstrip("\r\n").split(",")
    questions = list(consultation.questions.order_by("position").values_list("key", flat=True))
    sections = list(consultation.sections.order_by("position").values_list("number", flat=True))
    assert header == [
        "kind",
        "name",
        "organisation_name",
        "region",
        "age_band",
        "email",
        "consent",
        "notice_accepted",
        "language",
        *(f"answer:{key}" for key in questions),
        *(f"comment:{number}" for number in sections),
    ]


def test_the_filled_in_template_imports(role_client, consultation):
    header = template(APIClient(), consultation).content.decode("utf-8-sig").rstrip("\r\n")
    columns = header.split(",")
    values = {"kind": "individual", "consent": "anonymous", "notice_accepted": "はい"}
    values |= {"answer:overall": "4", "answer:comments": "テンプレートから"}
    row = ",".join(values.get(column, "") for column in columns)
    body = ("\ufeff" + header + "\r\n" + row + "\r\n").encode()
    out = lines(post(role_client("official"), consultation, body))
    assert out[0]["status"] == "created", out
    assert Response.objects.filter(answers__text="テンプレートから").exists()


def test_an_organisations_template_ends_with_the_consent_columns(role_client, consultation):
    header = template(APIClient(), consultation, consent="true").content.decode("utf-8-sig")
    assert header.rstrip("\r\n").endswith(",consent_share,consented_at,consent_method")
    columns = header.rstrip("\r\n").split(",")
    values = {"kind": "individual", "consent": "anonymous", "notice_accepted": "true"}
    values |= {"answer:overall": "2", "consent_share": "false", "consent_method": "paper"}
    values["consented_at"] = "2026-11-20T10:00:00+09:00"
    row = ",".join(values.get(column, "") for column in columns)
    out = lines(post(role_client("organisation"), consultation, (header + row + "\r\n").encode()))
    assert out[0]["status"] == "created", out
    assert Response.objects.get().supporter_consent.share is False


def test_the_template_is_for_public_consultations_and_says_what_is_wrong(consultation):
    assert template(APIClient(), consultation, consent="maybe", lang="en").json() == {
        "errors": [{"path": "consent", "code": "invalid", "message": "Use true or false."}]
    }
    japanese = template(APIClient(), consultation, consent="maybe", lang="ja").json()
    assert japanese["errors"][0]["message"] == "true または false を指定してください。"
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.DRAFT)
    assert template(APIClient(), consultation).status_code == 404
