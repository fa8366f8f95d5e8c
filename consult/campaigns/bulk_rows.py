"""Reading a supporters file: each row is a submission (as in the responses bulk import) plus
the supporter's consent record.

JSON Lines: the submission document with one more field,
    "campaign_consent": {"share": true, "consented_at": "2026-11-20T10:00:00+09:00",
                         "method": "online_form"}
CSV: the bulk import's columns plus `consent_share`, `consented_at` and `consent_method`.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from consult.consultations.questionnaire import Questionnaire
from consult.core.jsondoc import JSONDocumentError, decode_json

# `_csv_row` turns one record into a submission exactly as the responses import does.
from consult.responses.import_formats import FIXED_COLUMNS, CsvLayout, ImportRow, _csv_row
from consult.responses.import_json import parse_submission_document
from consult.responses.import_source import (
    ErrorItem,
    ImportFileError,
    csv_error_message,
    parse_bool,
)

from .models import CampaignSupport

CONSENT_FIELD = "campaign_consent"
CONSENT_COLUMNS = ("consent_share", "consented_at", "consent_method")
# How an organisation may have collected consent (the campaign page's own is ours alone).
BULK_METHODS = tuple(
    m
    for m in CampaignSupport.ConsentMethod.values
    if m != CampaignSupport.ConsentMethod.CAMPAIGN_PAGE
)
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class ConsentRecord:
    share: bool
    consented_at: datetime
    method: str


@dataclass
class SupporterRow:
    row: ImportRow
    consent: ConsentRecord | None


def _consent_required(path: str) -> ErrorItem:
    return (
        path,
        "consent_required",
        _(
            "Each supporter's consent must be recorded: whether they share their response with "
            "the organisation, when they consented and how consent was collected."
        ),
    )


def parse_consent(
    share: Any, consented_at: Any, method: Any, *, paths: tuple[str, str, str]
) -> tuple[ConsentRecord | None, list[ErrorItem]]:
    """Check one consent record; every value is required."""
    errors: list[ErrorItem] = []
    share_path, at_path, method_path = paths
    if isinstance(share, str):
        share = parse_bool(share) if share.strip() else None
    if not isinstance(share, bool):
        errors.append(
            (
                share_path,
                "consent_required",
                _(
                    "Say whether the supporter agreed to share their response with the organisation: true or false."
                ),
            )
        )
    when = _aware_instant(consented_at)
    if when is None:
        errors.append(
            (
                at_path,
                "consent_required",
                _(
                    "Give the time of consent as an ISO 8601 date and time with a time zone, e.g. 2026-11-20T10:00:00+09:00."
                ),
            )
        )
    elif when > timezone.now() + CLOCK_SKEW:
        errors.append((at_path, "invalid", _("The time of consent cannot be in the future.")))
    if method not in BULK_METHODS:
        errors.append(
            (
                method_path,
                "consent_required",
                _("Say how consent was collected: one of %(methods)s.")
                % {"methods": ", ".join(BULK_METHODS)},
            )
        )
    if errors or when is None or not isinstance(share, bool):
        return None, errors
    return ConsentRecord(share, when, str(method)), errors


def read_supporter_rows(
    file: IO[bytes], *, fmt: str, encoding: str, questionnaire: Questionnaire, language: str
) -> Iterator[SupporterRow]:
    """The rows of a supporters file whose encoding has been settled. A CSV header is checked
    at once (`ImportFileError`)."""
    text = io.TextIOWrapper(file, encoding=encoding, newline="" if fmt == "csv" else "\n")
    if fmt == "csv":
        return _csv_rows(text, questionnaire, language)
    return _jsonl_rows(text, language)


def _jsonl_rows(text: IO[str], language: str) -> Iterator[SupporterRow]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            doc = decode_json(line)
        except JSONDocumentError as exc:
            yield SupporterRow(
                ImportRow(number, number, "jsonl", None, [("", "parse_error", str(exc))]), None
            )
            continue
        consent_doc = doc.pop(CONSENT_FIELD, None) if isinstance(doc, dict) else None
        data, errors, answer_index, comment_index = parse_submission_document(doc, language)
        consent: ConsentRecord | None = None
        if not isinstance(consent_doc, dict):
            errors.append(_consent_required(CONSENT_FIELD))
        else:
            errors += [
                (f"{CONSENT_FIELD}.{key}", "unknown_field", _("Unknown field."))
                for key in sorted(set(consent_doc) - {"share", "consented_at", "method"})
            ]
            consent, consent_errors = parse_consent(
                consent_doc.get("share"),
                consent_doc.get("consented_at"),
                consent_doc.get("method"),
                paths=(
                    f"{CONSENT_FIELD}.share",
                    f"{CONSENT_FIELD}.consented_at",
                    f"{CONSENT_FIELD}.method",
                ),
            )
            errors += consent_errors
        row = ImportRow(number, number, "jsonl", data, errors, answer_index, comment_index)
        yield SupporterRow(row, consent)


def _aware_instant(value: Any) -> datetime | None:
    """An ISO 8601 date-time with a time zone that the database can store, else None (also for
    well-formed impossible ones such as 2026-02-30, which `parse_datetime` raises on)."""
    if not isinstance(value, str):
        return None
    try:
        when = parse_datetime(value.strip())
        if when is None or timezone.is_naive(when):
            return None
        return when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _csv_rows(text: IO[str], questionnaire: Questionnaire, language: str) -> Iterator[SupporterRow]:
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportFileError([("", "invalid_csv", csv_error_message(exc))]) from exc
    if header is None:
        raise ImportFileError([("", "empty", _("The file is empty."))])
    names = [h.strip().lower() for h in header]
    missing = [c for c in CONSENT_COLUMNS if c not in names]
    if missing:
        raise ImportFileError([(c, "required", _("This column is required.")) for c in missing])
    consent_at = {c: names.index(c) for c in CONSENT_COLUMNS}
    keep = [i for i, name in enumerate(names) if name not in CONSENT_COLUMNS]
    layout = CsvLayout.from_header([header[i] for i in keep], questionnaire)
    get = {name: layout.fixed.get(name) for name in FIXED_COLUMNS}
    return _csv_records(reader, layout, get, keep, consent_at, len(header), language)


def _csv_records(
    reader: Any,
    layout: CsvLayout,
    get: dict[str, int | None],
    keep: list[int],
    consent_at: dict[str, int],
    width: int,
    language: str,
) -> Iterator[SupporterRow]:
    number = 0
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield SupporterRow(
                ImportRow(number, line, "csv", None, [("", "invalid_csv", csv_error_message(exc))]),
                None,
            )
            line = reader.line_num + 1
            continue
        number += 1
        row_line, line = line, reader.line_num + 1
        if not any(cells):
            continue
        if len(cells) != width:
            message = _("This row has %(cells)d cells; the header has %(columns)d.") % {
                "cells": len(cells),
                "columns": width,
            }
            yield SupporterRow(
                ImportRow(number, row_line, "csv", None, [("", "cell_count", message)]), None
            )
            continue
        row = _csv_row(number, row_line, [cells[i] for i in keep], layout, get, language)
        consent, errors = parse_consent(
            cells[consent_at["consent_share"]],
            cells[consent_at["consented_at"]].strip(),
            cells[consent_at["consent_method"]].strip(),
            paths=CONSENT_COLUMNS,
        )
        row.errors += errors
        yield SupporterRow(row, consent)
