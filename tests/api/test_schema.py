"""The OpenAPI schema is valid and generated without a single warning (each one is a place
where the schema says less, or something else, than the API does)."""

from django.core.management import call_command


def test_the_schema_validates_without_warnings(tmp_path):
    # --fail-on-warn raises SchemaGenerationError on the first warning, --validate on an
    # invalid OpenAPI document.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert (tmp_path / "s.yml").read_text().startswith("openapi: 3")
