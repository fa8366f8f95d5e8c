"""`manage.py dump_consultation SLUG [FILE.json]`: the document `load_consultation` reads."""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from consult.consultations.documents import consultation_document
from consult.consultations.models import Consultation


class Command(BaseCommand):
    help = (
        "Write a consultation as a document (README: Consultation documents), in both languages "
        "and in any status, to FILE or to standard output. Loading it back with "
        "load_consultation changes nothing, so consultations can be kept as files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("path", nargs="?", help="The file to write (default: stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=options["slug"]).first()
        if consultation is None:
            raise CommandError(_("No consultation “%(slug)s”.") % {"slug": options["slug"]})
        text = json.dumps(consultation_document(consultation), ensure_ascii=False, indent=2)
        if not options.get("path"):
            self.stdout.write(text)
            return
        path = Path(options["path"])
        try:
            # Written beside the target and renamed over it: an interrupted dump leaves the
            # previous file whole, never half of a document.
            fd, temporary = tempfile.mkstemp(dir=path.parent or ".", suffix=".json.tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            os.replace(temporary, path)
        except OSError as exc:
            raise CommandError(
                _("%(file)s: cannot be written: %(error)s.") % {"file": path, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _("Wrote “%(slug)s” to %(file)s.") % {"slug": consultation.slug, "file": path}
        )
