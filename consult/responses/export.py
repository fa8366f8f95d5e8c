"""Export writers: response rows → CSV (for spreadsheets) or JSON lines, streamed chunk by chunk.

Both take the chunks of `selectors.response_row_chunks` and yield bytes, one piece per chunk, so
an export of any size holds one chunk in memory.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from consult.consultations.questionnaire import Questionnaire
from consult.core.spreadsheet import spreadsheet_cell

from .selectors import ResponseRow

UTF8_BOM = "\ufeff"
MULTI_VALUE_SEPARATOR = "|"
RESPONDENT_COLUMNS = (
    "kind",
    "consent",
    "name",
    "organisation_name",
    "region",
    "age_band",
    "email_verified",
)
ON_BEHALF_COLUMNS = ("submitted_through", "consent_method", "consented_at", "consent_shared")
BASE_COLUMNS = (
    "reference",
    "status",
    "channel",
    "language",
    "submitted_at",
    "disclosure",
    *RESPONDENT_COLUMNS,
    *ON_BEHALF_COLUMNS,
)
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def export_filename(slug: str, export_format: str, *, today: date | None = None) -> str:
    """`<slug>-responses-<date>.<format>`, dated in the site's time zone."""
    return f"{slug}-responses-{(today or timezone.localdate()).isoformat()}.{export_format}"


def _timestamp(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def response_row_json(row: ResponseRow) -> dict[str, Any]:
    """The JSON object for one response: the API list item and one line of a JSONL export."""
    return {
        "reference": row.reference,
        "status": row.status,
        "channel": row.channel,
        "language": row.language,
        "submitted_at": _timestamp(row.submitted_at),
        "disclosure": str(row.disclosure),
        "respondent": {name: getattr(row, name) for name in RESPONDENT_COLUMNS},
        "submitted_through": row.submitted_through,
        "supporter_consent": _consent_json(row.supporter_consent),
        "answers": row.answers,
        "comments": row.comments,
    }


def _consent_json(consent: dict[str, Any] | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {**consent, "consented_at": _timestamp(consent["consented_at"])}


def csv_header(questionnaire: Questionnaire) -> list[str]:
    """Fixed columns, then `answer:<question key>` per question and `comment:<section number>`
    per clause, in questionnaire order."""
    return [
        *BASE_COLUMNS,
        *(f"answer:{key}" for key in questionnaire.questions),
        *(f"comment:{number}" for number in questionnaire.sections),
    ]


def _answer_cell(value: Any) -> Any:
    if isinstance(value, list):
        return MULTI_VALUE_SEPARATOR.join(str(v) for v in value)
    return value


def _csv_record(row: ResponseRow, questionnaire: Questionnaire) -> list[Any]:
    verified = row.email_verified
    values: list[Any] = [
        row.reference,
        row.status,
        row.channel,
        row.language,
        _timestamp(row.submitted_at),
        str(row.disclosure),
        row.kind,
        row.consent,
        row.name,
        row.organisation_name,
        row.region,
        row.age_band,
        None if verified is None else ("true" if verified else "false"),
        row.submitted_through,
        *(
            (
                consent["method"],
                _timestamp(consent["consented_at"]),
                "true" if consent["shared"] else "false",
            )
            if (consent := row.supporter_consent) is not None
            else (None, None, None)
        ),
        *(_answer_cell(row.answers.get(key)) for key in questionnaire.questions),
        *(row.comments.get(number) for number in questionnaire.sections),
    ]
    return [spreadsheet_cell(v) for v in values]


def export_csv(
    chunks: Iterable[list[ResponseRow]], *, questionnaire: Questionnaire
) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so Excel reads Japanese correctly), a header row, one row
    per response; multi-valued answers joined with `|`; every text cell neutralised against
    formula injection. Hidden fields are empty cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(UTF8_BOM)
    writer.writerow(csv_header(questionnaire))
    yield buffer.getvalue().encode("utf-8")
    for chunk in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_csv_record(row, questionnaire) for row in chunk)
        yield buffer.getvalue().encode("utf-8")


def export_jsonl(chunks: Iterable[list[ResponseRow]]) -> Iterator[bytes]:
    """One JSON object per line (UTF-8, not ASCII-escaped), shaped like the API's list items."""
    for chunk in chunks:
        yield "".join(
            json.dumps(response_row_json(row), ensure_ascii=False, separators=(",", ":")) + "\n"
            for row in chunk
        ).encode("utf-8")
