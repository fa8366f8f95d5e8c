"""`manage.py load_consultation FILE.json|DIRECTORY [--department CODE]`."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from consult.accounts.models import Department
from consult.consultations.authoring import document_errors
from consult.consultations.documents import DocumentError, consultation_load_document
from consult.core.jsondoc import JSONDocumentError, decode_json


class Command(BaseCommand):
    help = (
        "Create or update consultations from documents (README: Consultation documents): one "
        "JSON file, or every *.json in a directory. All are validated first; if any is invalid, "
        "every error is printed with its path and nothing is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A document (.json) or a directory of them.")
        parser.add_argument(
            "--department",
            metavar="CODE",
            help="Load into this existing department instead of the documents' own.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = _files(Path(options["path"]))
        documents = {path: _read(path) for path in files}
        if code := options.get("department"):
            if not Department.objects.filter(code=code).exists():
                raise CommandError(_("Unknown department “%(code)s”.") % {"code": code})
            for doc in documents.values():
                if isinstance(doc, dict):
                    doc["department"] = {"code": code}
        errors = {path: document_errors(doc) for path, doc in documents.items()}
        for path, by_path in _duplicate_slugs(documents).items():
            for where, messages in by_path.items():
                errors[path].setdefault(where, []).extend(messages)
        if problems := self._report(errors):
            raise CommandError(
                _("%(n)d of %(total)d document(s) are invalid; nothing was loaded.")
                % {"n": problems, "total": len(files)}
            )
        try:
            with transaction.atomic():
                results = [(path, *_load(path, doc)) for path, doc in documents.items()]
        except _LoadFailed as exc:
            self._report({exc.path: exc.errors})
            raise CommandError(
                _("%(file)s could not be loaded; nothing was loaded.") % {"file": exc.path}
            ) from exc
        for path, slug, created in results:
            message = (
                _("Created “%(slug)s” from %(file)s.")
                if created
                else _("Updated “%(slug)s” from %(file)s.")
            )
            self.stdout.write(message % {"slug": slug, "file": path})
        self.stdout.write(
            self.style.SUCCESS(_("%(n)d consultation(s) loaded.") % {"n": len(results)})
        )

    def _report(self, errors: dict[Path, dict[str, list[str]]]) -> int:
        """Print every error as `file: path: message`; return how many files have errors."""
        for path, by_path in errors.items():
            for where, messages in by_path.items():
                for message in messages:
                    self.stderr.write(f"{path}: {where or _('(document)')}: {message}")
        return sum(1 for by_path in errors.values() if by_path)


class _LoadFailed(Exception):
    def __init__(self, path: Path, errors: dict[str, list[str]]):
        self.path, self.errors = path, errors
        super().__init__(path)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise CommandError(_("No *.json documents in %(dir)s.") % {"dir": path})
        return files
    if not path.is_file():
        raise CommandError(_("No such file or directory: %(path)s.") % {"path": path})
    return [path]


def _read(path: Path) -> Any:
    try:
        return decode_json(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CommandError(
            _("%(file)s: not UTF-8 text (byte %(n)d).") % {"file": path, "n": exc.start}
        ) from exc
    except JSONDocumentError as exc:
        raise CommandError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise CommandError(
            _("%(file)s: cannot be read: %(error)s.") % {"file": path, "error": exc.strerror}
        ) from exc


def _duplicate_slugs(documents: dict[Path, Any]) -> dict[Path, dict[str, list[str]]]:
    seen: dict[str, Path] = {}
    out: dict[Path, dict[str, list[str]]] = {}
    for path, doc in documents.items():
        slug = doc.get("slug") if isinstance(doc, dict) else None
        if not isinstance(slug, str):
            continue
        if slug in seen:
            out[path] = {
                "slug": [
                    _("The slug “%(slug)s” is also used by %(file)s.")
                    % {"slug": slug, "file": seen[slug]}
                ]
            }
        seen.setdefault(slug, path)
    return out


def _load(path: Path, document: Any) -> tuple[str, bool]:
    try:
        consultation, created = consultation_load_document(document=document)
    except DocumentError as exc:
        raise _LoadFailed(path, exc.errors) from exc
    except ValidationError as exc:
        raise _LoadFailed(path, {"": exc.messages}) from exc
    return consultation.slug, created
