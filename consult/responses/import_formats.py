"""Readers for import files: CSV and JSON Lines rows → `SubmissionInput`, with the row's own
reading errors and the map from validation paths back to the row's cells or JSON paths.

CSV: a header row, then one response per record. Columns `kind, name, organisation_name, region,
age_band, email, consent, notice_accepted, language`, then `answer:<question key>` per question
(multiple choice and ranking as `a|b|c`) and `comment:<section number>` per clause. Cells are text:
nothing is evaluated, so `=SUM(A1)` is stored as written.

JSON Lines: one submission document per line, the body of the single submission endpoint.

With `consent_field` (an organisation submitting on its supporters' behalf) each row also carries
the supporter's consent record (`supporter_consent.py`): the JSON document's `consent_field`, or
the CSV columns `consent_share`, `consented_at` and `consent_method`, which are then required.
Blank lines and CSV records whose cells are all empty are skipped. Rows keep the number they have
in the file (CSV: records after the header; JSON Lines: lines), so re-sent files match up.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from consult.consultations.questionnaire import Questionnaire
from consult.core.jsondoc import JSONDocumentError, decode_json

from .import_source import ErrorItem, ImportFileError, csv_error_message, parse_bool
from .submission import RespondentInput, SubmissionInput
from .supporter_consent import (
    CONSENT_COLUMNS,
    ConsentRecord,
    parse_consent,
    parse_document_with_consent,
)

FORMATS = ("csv", "jsonl")
FIXED_COLUMNS = (
    "kind",
    "name",
    "organisation_name",
    "region",
    "age_band",
    "email",
    "consent",
    "notice_accepted",
    "language",
)
REQUIRED_COLUMNS = ("kind", "consent", "notice_accepted")
LIST_KINDS = ("multiple_choice", "ranking")


@dataclass(slots=True)
class ImportRow:
    """One row as read: its number, its first line in the file, the submission (None if the row
    could not be read) and reading errors; `answer_index`/`comment_index` place JSON items."""

    number: int
    line: int
    fmt: str
    data: SubmissionInput | None
    errors: list[ErrorItem]
    answer_index: dict[str, int] | None = None
    comment_index: dict[str, int] | None = None
    consent: ConsentRecord | None = None


def template_header(questionnaire: Questionnaire, *, consent: bool = False) -> list[str]:
    """The header row of an import file for this questionnaire: every fixed column, one
    `answer:` column per question and one `comment:` column per clause, in the consultation's
    order, and with `consent` the supporter's consent columns an organisation's file needs."""
    return [
        *FIXED_COLUMNS,
        *(f"answer:{key}" for key in questionnaire.questions),
        *(f"comment:{number}" for number in questionnaire.sections),
        *(CONSENT_COLUMNS if consent else ()),
    ]


def template_csv(questionnaire: Questionnaire, *, consent: bool = False) -> bytes:
    """`template_header` as a CSV file to fill in: UTF-8 with a byte order mark (so that
    spreadsheet programs read Japanese correctly), one CRLF-terminated row."""
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerow(
        template_header(questionnaire, consent=consent)
    )
    return ("\ufeff" + text.getvalue()).encode()


def read_rows(
    file: IO[bytes],
    *,
    fmt: str,
    encoding: str,
    questionnaire: Questionnaire,
    language: str,
    consent_field: str | None = None,
) -> Iterator[ImportRow]:
    """The rows of an import file whose encoding has been settled (see `settle_encoding`).

    The CSV header is checked at once: unknown, duplicate and missing required columns raise
    `ImportFileError` before the first row is returned. `language` applies to rows without one.
    With `consent_field`, every row must carry a consent record (a row without one is invalid).
    """
    # CSV: the csv module finds the record ends itself; JSON Lines: lines end at LF only, so line
    # numbers agree with the ones `settle_encoding` reports.
    text = io.TextIOWrapper(file, encoding=encoding, newline="" if fmt == "csv" else "\n")
    if fmt == "csv":
        reader = csv.reader(text, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise ImportFileError([("", "invalid_csv", csv_error_message(exc))]) from exc
        if header is None:
            raise ImportFileError([("", "empty", _("The file is empty."))])
        consent_at: dict[str, int] | None = None
        if consent_field is not None:
            names = [h.strip().lower() for h in header]
            missing = [c for c in CONSENT_COLUMNS if c not in names]
            if missing:
                raise ImportFileError(
                    [(c, "required", _("This column is required.")) for c in missing]
                )
            consent_at = {c: names.index(c) for c in CONSENT_COLUMNS}
        skip = set(CONSENT_COLUMNS) if consent_at is not None else set()
        layout = CsvLayout.from_header(header, questionnaire, skip=skip)
        return _csv_rows(reader, layout, language, consent_at)
    return _jsonl_rows(text, language, consent_field)


@dataclass(frozen=True)
class CsvLayout:
    fixed: dict[str, int]  # column → position
    answers: tuple[tuple[int, str, bool], ...]  # (position, question key, is a list)
    comments: tuple[tuple[int, str], ...]  # (position, section number)
    width: int

    @classmethod
    def from_header(
        cls,
        header: list[str],
        questionnaire: Questionnaire,
        *,
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> "CsvLayout":
        """Read the header; every problem with it is reported at once. Columns named in `skip`
        are read by the caller."""
        problems: list[ErrorItem] = []
        fixed: dict[str, int] = {}
        answers: list[tuple[int, str, bool]] = []
        comments: list[tuple[int, str]] = []
        seen: set[str] = set()
        for position, raw in enumerate(header):
            name = raw.strip()
            prefix, colon, rest = name.partition(":")
            prefix = prefix.lower()
            canonical = f"{prefix}:{rest}" if colon else prefix
            if canonical in seen:
                problems.append((name, "duplicate_column", _("This column appears twice.")))
                continue
            seen.add(canonical)
            if not colon and prefix in skip:
                continue
            if not colon and prefix in FIXED_COLUMNS:
                fixed[prefix] = position
            elif colon and prefix == "answer" and rest in questionnaire.questions:
                kind = questionnaire.questions[rest].kind
                answers.append((position, rest, kind in LIST_KINDS))
            elif colon and prefix == "comment" and rest in questionnaire.sections:
                comments.append((position, rest))
            elif colon and prefix == "answer":
                problems.append(
                    (name, "unknown_column", _("There is no such question in this consultation."))
                )
            elif colon and prefix == "comment":
                problems.append(
                    (name, "unknown_column", _("There is no such clause in this consultation."))
                )
            else:
                problems.append((name, "unknown_column", _unknown_column_message()))
        for column in REQUIRED_COLUMNS:
            if column not in fixed:
                problems.append((column, "required", _("This column is required.")))
        if problems:
            raise ImportFileError(problems)
        return cls(fixed, tuple(answers), tuple(comments), len(header))


def _unknown_column_message() -> str:
    return _(
        "Unknown column. Use %(columns)s, answer:<question key> and comment:<section number>."
    ) % {"columns": ", ".join(FIXED_COLUMNS)}


def _csv_rows(
    reader: Any, layout: CsvLayout, language: str, consent_at: dict[str, int] | None = None
) -> Iterator[ImportRow]:
    number = 0
    line = reader.line_num + 1
    get = {name: layout.fixed.get(name) for name in FIXED_COLUMNS}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield ImportRow(
                number, line, "csv", None, [("", "invalid_csv", csv_error_message(exc))]
            )
            line = reader.line_num + 1
            continue
        number += 1
        row_line, line = line, reader.line_num + 1
        if not any(cells):
            continue
        if len(cells) != layout.width:
            message = _("This row has %(cells)d cells; the header has %(columns)d.") % {
                "cells": len(cells),
                "columns": layout.width,
            }
            yield ImportRow(number, row_line, "csv", None, [("", "cell_count", message)])
            continue
        row = _csv_row(number, row_line, cells, layout, get, language)
        if consent_at is not None:
            row.consent, errors = parse_consent(
                *(cells[consent_at[c]] for c in CONSENT_COLUMNS), paths=CONSENT_COLUMNS
            )
            row.errors += errors
        yield row


def _csv_row(
    number: int,
    line: int,
    cells: list[str],
    layout: CsvLayout,
    get: dict[str, int | None],
    language: str,
) -> ImportRow:
    def cell(name: str) -> str:
        position = get[name]
        return cells[position] if position is not None else ""

    errors: list[ErrorItem] = []
    notice = parse_bool(cell("notice_accepted"))
    if notice is None:
        errors.append(
            ("notice_accepted", "invalid", _("Use true or false (also 1/0, yes/no, はい/いいえ)."))
        )
    row_language = cell("language").strip().lower() or language
    if row_language not in ("ja", "en"):
        errors.append(("language", "invalid_choice", _("Use ja or en, or leave it empty.")))
    answers: dict[str, Any] = {}
    for position, key, is_list in layout.answers:
        value = cells[position]
        if is_list:
            items = [item.strip() for item in value.split("|")]
            answers[key] = [item for item in items if item]
        elif value.strip():
            answers[key] = value
    data = SubmissionInput(
        respondent=RespondentInput(
            kind=cell("kind").strip(),
            name=cell("name"),
            organisation_name=cell("organisation_name"),
            region=cell("region").strip(),
            age_band=cell("age_band").strip(),
            email=cell("email"),
            consent=cell("consent").strip(),
            notice_accepted=bool(notice),
        ),
        answers=answers,
        comments={section: cells[position] for position, section in layout.comments},
        language=row_language,
    )
    return ImportRow(number, line, "csv", data, errors)


def _jsonl_rows(text: IO[str], language: str, consent_field: str | None) -> Iterator[ImportRow]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            doc = decode_json(line)
        except JSONDocumentError as exc:
            yield ImportRow(number, number, "jsonl", None, [("", "parse_error", str(exc))])
            continue
        data, errors, answer_index, comment_index, consent = parse_document_with_consent(
            doc, language, consent_field
        )
        yield ImportRow(number, number, "jsonl", data, errors, answer_index, comment_index, consent)


def validation_paths(
    row: ImportRow, errors: dict[str, list[str]], questionnaire: Questionnaire
) -> list[ErrorItem]:
    """Map `validate_submission` paths (`answers.<key>`, `comments.<n>`, `respondent.<field>`) to
    the row's own: CSV columns (`answer:overall`) or JSON paths (`answers[2].value`)."""
    out: list[ErrorItem] = []
    for path, messages in errors.items():
        group, _dot, name = path.partition(".")
        target, code = _target(row, group, name, questionnaire)
        for message in messages:
            if target == "answers":
                message = _("Question “%(key)s”: %(message)s") % {"key": name, "message": message}
            out.append((target, code, message))
    return out


def _target(row: ImportRow, group: str, name: str, questionnaire: Questionnaire) -> tuple[str, str]:
    if row.fmt == "csv":
        if group == "answers":
            answered = row.data is not None and name in row.data.answers
            return f"answer:{name}", "invalid" if answered else "required"
        if group == "comments":
            return f"comment:{name}", "invalid"
        return (name or group), "invalid"
    answers, comments = row.answer_index or {}, row.comment_index or {}
    if group == "answers" and name in answers:
        if name not in questionnaire.questions:
            return f"answers[{answers[name]}].question", "unknown_question"
        return f"answers[{answers[name]}].value", "invalid"
    if group == "answers":
        return "answers", "required"
    if group == "comments" and name in comments:
        if name not in questionnaire.sections:
            return f"comments[{comments[name]}].section", "unknown_section"
        return f"comments[{comments[name]}].text", "invalid"
    return (f"{group}.{name}" if name else group), "invalid"
