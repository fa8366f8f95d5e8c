"""manage.py import_responses SLUG FILE — paper and email responses from a CSV or JSON Lines file."""

import re
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.consultations.models import Consultation
from consult.consultations.questionnaire import questionnaire_for
from consult.responses.import_formats import FORMATS, read_rows
from consult.responses.import_source import ImportFileError, settle_encoding
from consult.responses.imports import (
    ATOMIC_MODES,
    ImportSummary,
    import_allowed,
    import_key_prefix,
    responses_import,
)
from consult.responses.models import Response

SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SCOPE = "cli"  # idempotency keys of command-line imports: cli:import:<key>:<row>
IMPORT_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")  # as the API's Import-Key


class Command(BaseCommand):
    help = (
        "Import responses (channel `import`) from a CSV or JSON Lines file in the format of "
        "POST /api/v1/consultations/{slug}/responses/bulk. Prints a summary; per-row errors go "
        "to stderr. Exits with status 1 if any row was not imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="consultation slug")
        parser.add_argument("file", type=Path, help="the CSV or JSON Lines file")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file suffix")
        parser.add_argument("--atomic", choices=ATOMIC_MODES, default="batch")
        parser.add_argument(
            "--import-key",
            help="names this file: running again with the same key creates nothing new",
        )
        parser.add_argument("--charset", help="utf-8 or shift_jis (default: detected)")
        parser.add_argument(
            "--language", choices=("ja", "en"), default="ja", help="for rows without one"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        fmt = options["format"] or SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise CommandError("Give --format csv or --format jsonl (unknown file suffix).")
        key = options["import_key"]
        if key is not None and not IMPORT_KEY.match(key):
            raise CommandError("--import-key must be 8–200 printable ASCII characters (no spaces).")
        consultation = Consultation.objects.filter(slug=options["slug"]).first()
        if consultation is None:
            raise CommandError(f"No consultation with slug {options['slug']!r}.")
        if not import_allowed(consultation, official=True):
            raise CommandError(
                f"{consultation.slug} is {consultation.current_status()}: responses can be "
                "imported while it is open or closed."
            )
        questionnaire = questionnaire_for(consultation)
        started = time.perf_counter()
        try:
            with path.open("rb") as file:
                encoding = settle_encoding(
                    file,
                    fmt=fmt,
                    charset=options["charset"],
                    max_line_bytes=int(settings.API_MAX_BODY_BYTES),
                )
                rows = read_rows(
                    file,
                    fmt=fmt,
                    encoding=encoding,
                    questionnaire=questionnaire,
                    language=options["language"],
                )
                summary = self._run(consultation, rows, key, options["atomic"])
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except ImportFileError as exc:
            problems = "; ".join(f"{p}: {m}" if p else m for p, _c, m in exc.items)
            raise CommandError(f"Nothing imported. {problems}") from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{summary.rows:,} rows: {summary.created:,} created, {summary.replayed:,} replayed, "
            f"{summary.failed:,} failed ({consultation.slug}, {elapsed:.1f}s)."
        )
        if summary.failed:
            raise CommandError(f"{summary.failed:,} rows were not imported.", returncode=1)

    def _run(
        self, consultation: Consultation, rows: Any, key: str | None, atomic: str
    ) -> ImportSummary:
        summary = ImportSummary()
        for result in responses_import(
            consultation=consultation,
            rows=rows,
            channel=Response.Channel.IMPORT,
            key_prefix=import_key_prefix(SCOPE, key) if key else None,
            atomic=atomic,
        ):
            summary.add(result)
            for path, _code, message in result.errors:
                where = f" {path}:" if path else ""
                self.stderr.write(
                    f"row {result.row} (line {result.line}) {result.status}:{where} {message}"
                )
        return summary
