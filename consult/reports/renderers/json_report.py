"""The JSON report: the content document itself, plus the number of coded responses.

Its schema is `report.schema.json` beside this module (JSON Schema 2020-12); `content_errors`
checks a document against it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().with_name("report.schema.json")


@functools.cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema of the content document (parsed once)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def content_errors(document: Mapping[str, Any]) -> list[str]:
    """Every way ``document`` departs from the schema, as ``"path: message"`` lines (empty when
    it conforms)."""
    validator_class = jsonschema.validators.validator_for(report_schema())
    validator = validator_class(report_schema(), format_checker=validator_class.FORMAT_CHECKER)
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(document)'}: {error.message}"
        for error in sorted(
            validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]
        )
    ]


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render_json(content: Mapping[str, Any], *, coded_responses_count: int) -> bytes:
    """The JSON artifact: ``content`` with ``coded_responses_count`` added, UTF-8, Japanese kept
    as is (``ensure_ascii=False``), indented for reading."""
    document = {**content, "coded_responses_count": coded_responses_count}
    return json.dumps(document, ensure_ascii=False, indent=1, default=_default).encode("utf-8")
