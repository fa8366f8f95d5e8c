"""An organisation's API key submits responses only on behalf of consenting supporters: each
response it sends (single or in bulk) carries the supporter's consent record, stored with the
response in the same statement or transaction, part of what a retry must repeat, and honoured
by the organisation's own reads and exports."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.responses.models import Response, SupporterConsent
from tests.api.test_bulk import lines
from tests.api.test_bulk import post as post_file
from tests.responses.test_import import HEADER, VALID, csv_bytes

pytestmark = pytest.mark.django_db

BODY = {
    "language": "ja",
    "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
    "answers": [{"question": "overall", "value": 2}, {"question": "comments", "value": "反対です"}],
}
CONSENT = {"share": True, "consented_at": "2026-11-20T10:00:00+09:00", "method": "online_form"}
CONSENT_HEADER = HEADER + ",consent_share,consented_at,consent_method"


def submit(client, consultation, body, **headers):
    url = reverse("api:response-submit", kwargs={"slug": consultation.slug})
    return client.post(url, body, format="json", **headers)


def errors(response) -> list[tuple[str, str]]:
    return [(e["path"], e["code"]) for e in response.json()["errors"]]


def test_a_submission_by_an_organisations_key_stores_the_supporters_consent(
    role_client, consultation, organisation
):
    r = submit(role_client("organisation"), consultation, {**BODY, "supporter_consent": CONSENT})
    assert r.status_code == 201, r.json()
    response = Response.objects.get(reference=r.json()["reference"])
    assert (response.organisation, response.channel) == (organisation, "campaign")
    record = SupporterConsent.objects.get(response=response)
    assert record.share is True and record.method == "online_form"
    assert record.consented_at.isoformat() == "2026-11-20T01:00:00+00:00"


@pytest.mark.parametrize(
    ("consent", "expected"),
    [
        (None, [("supporter_consent", "consent_required")]),
        ("yes", [("supporter_consent", "consent_required")]),
        (
            {"share": True},
            [
                ("supporter_consent.consented_at", "consent_required"),
                ("supporter_consent.method", "consent_required"),
            ],
        ),
        (
            {**CONSENT, "consented_at": "2026-11-20T10:00:00"},  # no time zone
            [("supporter_consent.consented_at", "consent_required")],
        ),
        (
            {**CONSENT, "method": "campaign_page"},  # ours alone, not the organisation's
            [("supporter_consent.method", "consent_required")],
        ),
        (
            {**CONSENT, "share": "maybe"},
            [("supporter_consent.share", "consent_required")],
        ),
        (
            {**CONSENT, "by": "volunteer"},
            [("supporter_consent.by", "unknown_field")],
        ),
    ],
)
def test_without_a_complete_consent_record_nothing_is_stored(
    role_client, consultation, consent, expected
):
    body = {**BODY, "supporter_consent": consent} if consent is not None else BODY
    r = submit(role_client("organisation"), consultation, body, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert errors(r) == expected
    assert not Response.objects.exists() and not SupporterConsent.objects.exists()


def test_a_consent_given_in_the_future_is_refused_in_the_callers_language(
    role_client, consultation
):
    later = (timezone.now() + timedelta(days=1)).isoformat()
    body = {**BODY, "supporter_consent": {**CONSENT, "consented_at": later}}
    r = submit(role_client("organisation"), consultation, body, HTTP_ACCEPT_LANGUAGE="ja")
    assert r.status_code == 400
    [error] = r.json()["errors"]
    assert (error["path"], error["code"]) == ("supporter_consent.consented_at", "invalid")
    assert error["message"] == "同意した日時に未来の日時は指定できません。"
    assert not Response.objects.exists()


def test_shape_and_consent_errors_are_reported_together(role_client, consultation):
    body = {"respondent": {"kind": "individual"}, "supporter_consent": {"share": True}}
    r = submit(role_client("organisation"), consultation, body)
    assert r.status_code == 400
    paths = {path for path, _code in errors(r)}
    assert {"respondent.consent", "supporter_consent.method"} <= paths


@pytest.mark.parametrize("role", ["anonymous", "official"])
def test_only_an_organisations_key_may_send_a_consent_record(role_client, consultation, role):
    r = submit(role_client(role), consultation, {**BODY, "supporter_consent": CONSENT})
    assert r.status_code == 400
    assert errors(r) == [("supporter_consent", "unknown_field")]


def test_a_retry_must_repeat_the_consent(role_client, consultation):
    client = role_client("organisation")
    key = {"HTTP_IDEMPOTENCY_KEY": "supporter-0001"}
    first = submit(client, consultation, {**BODY, "supporter_consent": CONSENT}, **key)
    again = submit(client, consultation, {**BODY, "supporter_consent": CONSENT}, **key)
    assert (first.status_code, again.status_code) == (201, 200)
    changed = {**BODY, "supporter_consent": {**CONSENT, "share": False}}
    conflict = submit(client, consultation, changed, **key)
    assert conflict.status_code == 409
    assert errors(conflict) == [("Idempotency-Key", "idempotency_conflict")]
    assert SupporterConsent.objects.get().share is True


def test_a_supporter_who_did_not_share_is_left_out_of_the_organisations_reads(
    role_client, consultation
):
    client = role_client("organisation")
    shared = submit(client, consultation, {**BODY, "supporter_consent": CONSENT}).json()
    private_body = {
        **BODY,
        "answers": [{"question": "overall", "value": 1}, {"question": "comments", "value": "秘密"}],
        "supporter_consent": {**CONSENT, "share": False},
    }
    private = submit(client, consultation, private_body).json()
    listed = client.get(reverse("api:response-list", kwargs={"slug": consultation.slug}))
    assert {item["reference"] for item in listed.json()["results"]} == {shared["reference"]}
    export = client.get(reverse("api:response-export", kwargs={"slug": consultation.slug}))
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert shared["reference"] in body and private["reference"] not in body and "秘密" not in body
    official = role_client("official").get(
        reverse("api:response-list", kwargs={"slug": consultation.slug})
    )
    assert {item["reference"] for item in official.json()["results"]} == {
        shared["reference"],
        private["reference"],
    }


def test_an_organisations_json_lines_rows_each_need_a_consent(role_client, consultation):
    rows = [
        {**BODY, "supporter_consent": CONSENT},
        BODY,
        {**BODY, "supporter_consent": {**CONSENT, "method": "fax"}},
        "not a document",
    ]
    body = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode()
    out = lines(
        post_file(
            role_client("organisation"),
            consultation,
            body,
            "application/x-ndjson",
            atomic="row",
            lang="en",
        )
    )
    assert [line.get("status") for line in out[:4]] == ["created", "invalid", "invalid", "invalid"]
    assert [(e["path"], e["code"]) for e in out[1]["errors"]] == [
        ("supporter_consent", "consent_required")
    ]
    assert out[2]["errors"][0]["path"] == "supporter_consent.method"
    assert "online_form, paper, email, in_person" in out[2]["errors"][0]["message"]
    [record] = SupporterConsent.objects.all()
    assert record.response.reference == out[0]["reference"]


def test_an_organisations_csv_needs_the_consent_columns(role_client, consultation):
    r = post_file(role_client("organisation"), consultation, csv_bytes(VALID), lang="en")
    assert r.status_code == 400
    assert errors(r) == [
        ("consent_share", "required"),
        ("consented_at", "required"),
        ("consent_method", "required"),
    ]
    assert not Response.objects.exists()


def test_an_officials_csv_has_no_consent_columns(role_client, consultation):
    body = csv_bytes(VALID + ",true,2026-11-01T10:00:00+09:00,paper", header=CONSENT_HEADER)
    r = post_file(role_client("official"), consultation, body, lang="en")
    assert r.status_code == 400
    assert {code for _path, code in errors(r)} == {"unknown_column"}


def test_a_resent_file_with_another_consent_is_a_conflict(role_client, consultation):
    client = role_client("organisation")
    first = csv_bytes(VALID + ",true,2026-11-01T10:00:00+09:00,paper", header=CONSENT_HEADER)
    out = lines(post_file(client, consultation, first, key="supporters-file-1"))
    assert out[0]["status"] == "created"
    again = lines(post_file(client, consultation, first, key="supporters-file-1"))
    assert again[0]["status"] == "replayed"
    changed = csv_bytes(VALID + ",false,2026-11-01T10:00:00+09:00,paper", header=CONSENT_HEADER)
    conflict = lines(post_file(client, consultation, changed, key="supporters-file-1"))
    assert conflict[0]["status"] == "conflict"
    assert SupporterConsent.objects.get().share is True


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=8,
)
CONSENT_VALUES = st.fixed_dictionaries(
    {},
    optional={
        "share": JSON | st.sampled_from(["true", "no", "はい"]),
        "consented_at": JSON
        | st.sampled_from(["2026-02-30T10:00:00+09:00", "2026-11-20T10:00:00Z", "2026-11-20"]),
        "method": JSON | st.sampled_from(["paper", "email", " paper ", "campaign_page"]),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(consent=JSON | CONSENT_VALUES)
def test_any_consent_value_is_stored_whole_or_refused_clearly(role_client, consultation, consent):
    before = Response.objects.count()
    r = submit(role_client("organisation"), consultation, {**BODY, "supporter_consent": consent})
    assert r.status_code in (201, 400), r.content
    if r.status_code == 400:
        assert Response.objects.count() == before
        assert all(e["path"].startswith("supporter_consent") for e in r.json()["errors"])
    else:
        record = Response.objects.get(reference=r.json()["reference"]).supporter_consent
        assert record.method in ("online_form", "paper", "email", "in_person")


def test_officials_see_who_submitted_on_a_supporters_behalf_and_with_what_consent(
    role_client, consultation, official, organisation, client
):
    org = role_client("organisation")
    with_consent = submit(
        org, consultation, {**BODY, "supporter_consent": {**CONSENT, "method": "paper"}}
    ).json()["reference"]
    own = submit(role_client("anonymous"), consultation, BODY).json()["reference"]
    # As an organisation's submission from before consent records were required.
    Response.objects.filter(reference=own).update(organisation=organisation)
    client.force_login(official)

    def page(reference: str) -> str:
        url = reverse("staff:response", args=[consultation.slug, reference]) + "?lang=en"
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    shown = page(with_consent)
    assert "Submitted on the supporter's behalf by" in shown and "Privacy First" in shown
    assert "Signed paper form" in shown and "shared with the organisation" in shown
    assert "none recorded (submitted before a consent record was required)" in page(own)
    citizen = submit(role_client("anonymous"), consultation, {**BODY, "language": "en"})
    assert "behalf" not in page(citizen.json()["reference"])


def test_the_list_and_the_export_carry_who_submitted_it_and_the_consent(role_client, consultation):
    import csv
    import io

    body = {**BODY, "supporter_consent": {**CONSENT, "method": "email", "share": False}}
    reference = submit(role_client("organisation"), consultation, body).json()["reference"]
    own = submit(role_client("anonymous"), consultation, BODY).json()["reference"]
    official = role_client("official")
    listed = official.get(reverse("api:response-list", kwargs={"slug": consultation.slug}))
    items = {item["reference"]: item for item in listed.json()["results"]}
    assert items[reference]["submitted_through"] == "Privacy First"
    assert items[reference]["supporter_consent"] == {
        "method": "email",
        "consented_at": "2026-11-20T10:00:00+09:00",
        "shared": False,
    }
    assert items[own]["submitted_through"] is None and items[own]["supporter_consent"] is None
    export = official.get(reverse("api:response-export", kwargs={"slug": consultation.slug}))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert (
        rows[reference]["submitted_through"],
        rows[reference]["consent_method"],
        rows[reference]["consented_at"],
        rows[reference]["consent_shared"],
    ) == ("Privacy First", "email", "2026-11-20T10:00:00+09:00", "false")
    assert rows[own]["consent_method"] == "" and rows[own]["submitted_through"] == ""


def test_an_unverified_organisations_key_submits_nothing_but_still_reads(
    role_client, consultation, organisation
):
    organisation.verified_at = None
    organisation.save(update_fields=["verified_at"])
    client = role_client("organisation")
    single = submit(client, consultation, {**BODY, "supporter_consent": CONSENT})
    assert single.status_code == 403
    [error] = single.json()["errors"]
    assert error["code"] == "organisation_not_verified"
    assert error["message"].startswith("Your organisation must be verified before it can submit")
    rows = json.dumps({**BODY, "supporter_consent": CONSENT}).encode()
    bulk = post_file(client, consultation, rows, "application/x-ndjson", lang="ja")
    assert bulk.status_code == 403
    assert bulk.json()["errors"][0]["message"].startswith("団体が確認済みになるまで")
    assert not Response.objects.exists()
    listed = client.get(reverse("api:response-list", kwargs={"slug": consultation.slug}))
    assert listed.status_code == 200
