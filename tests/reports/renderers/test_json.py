import copy
import json

from consult.reports.renderers import content_errors, render_json, report_schema
from tests.reports.renderers.conftest import CODED_ROWS


def test_json_output_validates_against_the_schema(rendered, language):
    name, data = rendered(language)["json"]
    document = json.loads(data)
    assert name == f"facial-recognition-report-{language}.json"
    assert content_errors(document) == []
    assert document["coded_responses_count"] == CODED_ROWS
    assert document["schema_version"] == report_schema()["properties"]["schema_version"]["const"]


def test_json_keeps_japanese_unescaped(content):
    data = render_json(content, coded_responses_count=0)
    if content["language"] == "ja":
        assert "顔認証".encode() in data
    assert b"\\u" not in data


def test_the_schema_rejects_a_suppressed_cell_that_shows_a_count(content):
    broken = copy.deepcopy(content)
    cell = next(c for c in broken["headline"]["by_region"] if c["suppressed"])
    cell["count"] = 2
    errors = content_errors(broken)
    assert len(errors) == 1
    assert errors[0].startswith("headline/by_region/")


def test_the_schema_names_missing_and_malformed_fields(content):
    broken = copy.deepcopy(content)
    del broken["egov_table"]
    broken["clauses"][0]["oppose_share"] = 47.0  # a percentage where a fraction belongs
    broken["questions"][0]["kind"] = "essay"
    errors = content_errors(broken)
    assert any("'egov_table' is a required property" in e for e in errors)
    assert any(e.startswith("clauses/0/oppose_share") for e in errors)
    assert any(e.startswith("questions/0/kind") for e in errors)
