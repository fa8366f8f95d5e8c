"""manage.py import_responses SLUG FILE — paper and email responses from a CSV or JSON Lines file."""

import re
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from consult.consultations.models import Consultation
from consult.consultations.questionnaire import questionnaire_for
from consult.responses.import_formats import FORMATS, read_rows, template_csv
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
        parser.add_argument(
            "--template",
            action="store_true",
            help="write this consultation's CSV header to FILE (a new file) to fill in, and stop",
        )

    def _write_template(self, consultation: Consultation, path: Path) -> None:
        try:
            with path.open("xb") as file:
                file.write(template_csv(questionnaire_for(consultation)))
        except FileExistsError:
            raise CommandError(
                _("%(path)s exists already; give the name of a new file.") % {"path": path}
            ) from None
        except OSError as exc:
            raise CommandError(
                _("%(file)s: cannot be written: %(error)s.") % {"file": path, "error": exc.strerror}
            ) from None
        self.stdout.write(
            _("Wrote the columns of “%(slug)s” to %(path)s: fill in one response per row.")
            % {"slug": consultation.slug, "path": path}
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if options["template"]:
            options["format"] = options["format"] or "csv"
        fmt = options["format"] or SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise CommandError(_("Give --format csv or --format jsonl (unknown file suffix)."))
        key = options["import_key"]
        if key is not None and not IMPORT_KEY.match(key):
            raise CommandError(
                _("--import-key must be 8–200 printable ASCII characters (no spaces).")
            )
        consultation = Consultation.objects.filter(slug=options["slug"]).first()
        if consultation is None:
            raise CommandError(
                _("No consultation with slug “%(slug)s”.") % {"slug": options["slug"]}
            )
        if options["template"]:
            self._write_template(consultation, path)
            return
        if not import_allowed(consultation, official=True):
            raise CommandError(
                _("“%(slug)s” is %(status)s: responses can be imported while it is open or closed.")
                % {"slug": consultation.slug, "status": consultation.current_status_label()}
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
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc.strerror}
            ) from exc
        except ImportFileError as exc:
            problems = "; ".join(f"{p}: {m}" if p else m for p, _c, m in exc.items)
            raise CommandError(
                _("Nothing imported. %(problems)s") % {"problems": problems}
            ) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            _(
                "%(rows)s rows: %(created)s created, %(replayed)s replayed, %(failed)s failed "
                "(%(slug)s, %(seconds).1f s)."
            )
            % {
                "rows": f"{summary.rows:,}",
                "created": f"{summary.created:,}",
                "replayed": f"{summary.replayed:,}",
                "failed": f"{summary.failed:,}",
                "slug": consultation.slug,
                "seconds": elapsed,
            }
        )
        if summary.failed:
            raise CommandError(
                _("%(failed)s rows were not imported.") % {"failed": f"{summary.failed:,}"},
                returncode=1,
            )

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
                self.stderr.write(
                    _("row %(row)d (line %(line)d) %(status)s:%(where)s %(message)s")
                    % {
                        "row": result.row,
                        "line": result.line,
                        "status": result.status,
                        "where": f" {path}:" if path else "",
                        "message": message,
                    }
                )
        return summary
