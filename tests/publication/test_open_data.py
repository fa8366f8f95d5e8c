"""Open data: CSV and JSON of the published responses, the data dictionary, the licence."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.moderation.models import ModerationItem
from consult.publication.conf import licence_problems, open_data_licence
from consult.responses.models import Response

from .conftest import (
    ORG_NAME,
    ORIGINAL_PHONE,
    PERSON_EMAIL,
    PERSON_NAME,
    comment,
    free_answer,
    moderate,
    publish,
    respond,
)

pytestmark = pytest.mark.django_db


def download(client, world, fmt, **params):
    url = reverse(f"publication:responses-{fmt}", args=[world.consultation.slug])
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content)


def csv_rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Japanese
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def dictionary(client, world) -> dict:
    url = reverse("publication:data-dictionary", args=[world.consultation.slug])
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_csv_has_the_published_responses_under_the_rules(client, world):
    response, body = download(client, world, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    rows = {row["reference"]: row for row in csv_rows(body)}
    assert set(rows) == {
        world.org_named.reference,
        world.person_named.reference,
        world.anonymous.reference,
    }
    org = rows[world.org_named.reference]
    assert org["respondent_kind"] == "organisation" and org["organisation_name"] == ORG_NAME
    assert org["region"] == "27" and org["publication"] == "named"
    assert org["answer:concerns"] == "bias|privacy" or org["answer:concerns"] == "privacy|bias"
    assert org["answer:overall"] == "1" and org["answer:retention"] == "none"
    assert org["text:comments"] == "顔認証カメラの導入に反対します。"
    assert org["comment:1"] == "目的が曖昧です。担当 ［電話番号］ まで。"
    person = rows[world.person_named.reference]
    assert person["organisation_name"] == "" and person["region"] == "13"
    assert person["text:comments"] == "" and person["texts_awaiting_moderation"] == "1"
    anonymous = rows[world.anonymous.reference]
    assert anonymous["region"] == "" and anonymous["texts_withheld"] == "1"
    assert anonymous["comment:2"] == "72時間は長すぎると思います。"
    text = body.decode("utf-8")
    for secret in (PERSON_NAME, PERSON_EMAIL, "office@example.org", ORIGINAL_PHONE, "30-39"):
        assert secret not in text


def test_csv_header_is_the_data_dictionary(client, world):
    _response, body = download(client, world, "csv")
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header == [c["name"] for c in dictionary(client, world)["columns"]]


def test_csv_cells_cannot_run_as_formulas(client, world):
    moderate(free_answer(world.org_named), ModerationItem.Status.REDACTED, '=HYPERLINK("x")')
    _response, body = download(client, world, "csv")
    row = next(r for r in csv_rows(body) if r["reference"] == world.org_named.reference)
    assert row["text:comments"] == '\'=HYPERLINK("x")'


def test_json_has_the_same_records_with_the_licence(client, world):
    response, body = download(client, world, "json")
    assert response["Content-Type"] == "application/json"
    document = json.loads(body)
    assert document["licence"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert document["data_dictionary"].endswith(
        reverse("publication:data-dictionary", args=[world.consultation.slug])
    )
    assert document["consultation"]["slug"] == world.consultation.slug
    assert set(document["consultation"]["title"]) == {"ja", "en"}
    records = {r["reference"]: r for r in document["responses"]}
    assert len(records) == 3
    org = records[world.org_named.reference]
    assert sorted(org["answer:concerns"]) == ["bias", "privacy"]
    assert org["answer:overall"] == 1 and org["texts_awaiting_moderation"] == 0
    assert records[world.anonymous.reference]["region"] is None
    assert list(org) == [c["name"] for c in dictionary(client, world)["columns"]]
    assert ORIGINAL_PHONE not in body.decode() and PERSON_NAME not in body.decode()
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    assert 'rel="describedby"' in response["Link"]


def test_exports_stream_in_chunks_and_take_the_page_filters(client, world, settings):
    settings.OPEN_DATA_CHUNK_SIZE = 1
    _response, body = download(client, world, "json")
    assert len(json.loads(body)["responses"]) == 3
    _response, body = download(client, world, "csv", kind="individual")
    assert {r["reference"] for r in csv_rows(body)} == {
        world.person_named.reference,
        world.anonymous.reference,
    }
    _response, body = download(client, world, "json", q="存在しない言葉")
    assert json.loads(body)["responses"] == []


def test_export_with_a_bad_filter_is_a_400_naming_it(client, world):
    url = reverse("publication:responses-json", args=[world.consultation.slug])
    response = client.get(url, {"question": "retention", "answer": "forever", "lang": "en"})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["path"] == "answer" and "not an answer to this question" in error["message"]


def test_data_dictionary_describes_every_column_in_both_languages(client, world):
    document = dictionary(client, world)
    assert document["licence"]["id"] == "CC-BY-4.0"
    columns = {c["name"]: c for c in document["columns"]}
    assert {"reference", "submitted_on", "respondent_kind", "region", "comment:1"} <= set(columns)
    assert "text:comments" in columns and "answer:priorities" in columns
    for column in columns.values():
        assert column["type"] in ("string", "date", "integer", "boolean", "list of strings")
        assert column["description"]["ja"] and column["description"]["en"]
    retention = columns["answer:retention"]
    assert {"value": "72h", "label": {"ja": "72時間", "en": "72 hours"}} in retention[
        "allowed_values"
    ]
    assert "適切な保存期間は。" in retention["description"]["ja"]
    assert "What retention period is right?" in retention["description"]["en"]
    assert [v["value"] for v in columns["answer:overall"]["allowed_values"]] == list("12345")
    assert columns["answer:overall"]["type"] == "integer"
    assert {v["value"] for v in columns["publication"]["allowed_values"]} == {"named", "anonymous"}
    assert len(columns["region"]["allowed_values"]) == 48
    assert document["formats"]["csv"]["url"].endswith("responses.csv")


def test_open_data_page_shows_the_licence_and_the_dictionary(client, world):
    url = reverse("publication:open-data", args=[world.consultation.slug])
    html = client.get(url, {"lang": "en"}).content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert "<code>answer:retention</code>" in html and "72 hours" in html
    assert reverse("publication:responses-csv", args=[world.consultation.slug]) in html


def test_licence_is_configurable(client, world, settings):
    settings.OPEN_DATA_LICENCE = "PDL-1.0"
    assert open_data_licence().url.startswith("https://www.digital.go.jp/")
    settings.OPEN_DATA_LICENCE = "LicenseRef-City-Open-Data"
    settings.OPEN_DATA_LICENCE_URL = "https://city.example.jp/open-data-licence"
    _response, body = download(client, world, "json")
    assert json.loads(body)["licence"] == {
        "id": "LicenseRef-City-Open-Data",
        "name": "LicenseRef-City-Open-Data",
        "url": "https://city.example.jp/open-data-licence",
    }


@pytest.mark.parametrize(
    ("licence", "url", "problem"),
    [
        ("LicenseRef-Unknown", "", "set OPEN_DATA_LICENCE_URL"),
        ("CC-BY-4.0", "ftp://example.org/licence", "not an http(s) address"),
        ("", "", "OPEN_DATA_LICENCE is empty"),
    ],
)
def test_a_licence_nobody_can_look_up_stops_the_start(settings, licence, url, problem):
    settings.OPEN_DATA_LICENCE = licence
    settings.OPEN_DATA_LICENCE_URL = url
    (found,) = licence_problems()
    assert problem in found
    with pytest.raises(SystemCheckError, match=r"publication\.E001"):
        call_command("check")


def test_an_export_costs_four_queries_a_chunk(client, consultation, settings):
    for n in range(20):
        r = respond(
            consultation,
            free_text=f"意見その{n}",
            comments={"1": f"条項1への意見{n}"},
            retention="24h",
        )
        moderate(free_answer(r), ModerationItem.Status.APPROVED)
        moderate(comment(r, "1"), ModerationItem.Status.APPROVED)
    publish(consultation)
    url = reverse("publication:responses-csv", args=[consultation.slug])

    def queries(chunk_size: int) -> int:
        settings.OPEN_DATA_CHUNK_SIZE = chunk_size
        with CaptureQueriesContext(connection) as captured:
            rows = csv_rows(b"".join(client.get(url).streaming_content))
        assert len(rows) == 20
        return len(captured)

    queries(1000)  # the questionnaire is loaded once per process and cached
    one_chunk = queries(1000)
    assert one_chunk <= 10
    # five full chunks of four queries each, and one more read that finds the end
    assert queries(4) == one_chunk + 4 * 4 + 1


def test_verified_organisations_are_marked(client, world):
    verified = Organisation.objects.create(
        slug="camera-watch", name=ORG_NAME, kind="ngo", verified_at=timezone.now()
    )
    Response.objects.filter(pk=world.org_named.pk).update(responding_organisation=verified)
    rows = {row["reference"]: row for row in csv_rows(download(client, world, "csv")[1])}
    assert rows[world.org_named.reference]["organisation_verified"] == "true"
    assert rows[world.person_named.reference]["organisation_verified"] == ""
    records = {
        r["reference"]: r for r in json.loads(download(client, world, "json")[1])["responses"]
    }
    assert records[world.org_named.reference]["organisation_verified"] is True
    columns = {c["name"]: c for c in dictionary(client, world)["columns"]}
    assert columns["organisation_verified"]["type"] == "boolean"

    page = client.get(reverse("publication:responses", args=[world.consultation.slug]))
    assert page.content.decode().count("badge-verified") == 1

    Organisation.objects.filter(pk=verified.pk).update(verified_at=None)
    rows = {row["reference"]: row for row in csv_rows(download(client, world, "csv")[1])}
    assert rows[world.org_named.reference]["organisation_verified"] == "false"
