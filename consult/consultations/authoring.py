"""Officials author consultations as documents: who may write which department's consultation.

The document format and the create-or-update itself live in `documents.py`; this module adds the
caller: an official writes only their own department's consultations (a superuser any), a create
never overwrites an existing slug, and a consultation with responses keeps its structure.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from consult.accounts.models import Department, User
from consult.accounts.roles import Right, has_right

from .documents import DocumentError, consultation_load_document, validate_document
from .models import Consultation

_MAX_CODE = Department._meta.get_field("code").max_length or 64
_MAX_VERSION = Consultation._meta.get_field("notice_version").max_length or 40


class SlugTaken(Exception):
    """A consultation with this slug already exists (a create must not overwrite it)."""


class StructureFrozen(Exception):
    """The consultation has responses; its questions, choices and sections cannot change."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(errors)


def _unstorable(value: Any, path: str, errors: dict[str, list[str]]) -> None:
    """Strings PostgreSQL cannot store (NUL) or UTF-8 cannot encode (unpaired surrogates)."""
    if isinstance(value, str):
        if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
            errors.setdefault(path, []).append(
                _("Contains a character that cannot be stored (NUL or an unpaired surrogate).")
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            bad_key: dict[str, list[str]] = {}
            _unstorable(key, path, bad_key)
            if bad_key:
                errors.setdefault(path, []).append(_("A field name contains such a character."))
                continue
            _unstorable(item, f"{path}.{key}" if path else str(key), errors)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _unstorable(item, f"{path}[{i}]", errors)


def document_errors(document: Any) -> dict[str, list[str]]:
    """The errors of a consultation document keyed by JSON path: those of `validate_document`,
    and what it leaves to the database (unstorable characters, non-string kinds and sections,
    lengths of the department code and notice version), so no document fails on write."""
    errors: dict[str, list[str]] = {}
    _unstorable(document, "", errors)
    if errors:
        return errors
    questions = document.get("questions") if isinstance(document, dict) else None
    for i, question in enumerate(questions if isinstance(questions, list) else ()):
        if not isinstance(question, dict):
            continue
        if not isinstance(question.get("kind"), str):
            errors.setdefault(f"questions[{i}].kind", []).append(_("Expected a string."))
        section = question.get("section")
        if section is not None and not isinstance(section, str):
            errors.setdefault(f"questions[{i}].section", []).append(
                _("Expected a section number as a string, or null.")
            )
    if errors:
        return errors
    errors = validate_document(document)
    if not isinstance(document, dict):
        return errors
    department = document.get("department")
    code = department.get("code") if isinstance(department, dict) else None
    if isinstance(code, str) and len(code) > _MAX_CODE:
        errors.setdefault("department.code", []).append(
            _("At most %(n)d characters.") % {"n": _MAX_CODE}
        )
    notice = document.get("notice")
    version = notice.get("version") if isinstance(notice, dict) else None
    if isinstance(version, str) and len(version) > _MAX_VERSION:
        errors.setdefault("notice.version", []).append(
            _("At most %(n)d characters.") % {"n": _MAX_VERSION}
        )
    return errors


def may_author(user: User, department_code: str) -> bool:
    """Whether this user holds `Right.EDIT` (see `consult.accounts.roles`) on consultations of the
    department with this code: their own department's; any for a superuser."""
    if not has_right(user, Right.EDIT):
        return False
    if user.is_superuser:
        return True
    return bool(user.is_official and user.department and user.department.code == department_code)


def consultation_author(
    *, user: User, document: Any, slug: str | None = None
) -> tuple[Consultation, bool]:
    """Create a consultation from a document (`slug=None`), or create or update the one at `slug`.

    Raises `Http404` for an existing consultation of another department, `DocumentError` for an
    invalid document (paths to every problem), `PermissionDenied` for a department the user may
    not write, `SlugTaken` when a create meets an existing slug and `StructureFrozen` when a
    consultation with responses would change its questionnaire. Nothing is written on error.
    """
    try:
        return _author(user=user, document=document, slug=slug)
    except IntegrityError as exc:
        # A concurrent create of the same slug won the race; ours rolled back whole.
        wanted = slug or (document.get("slug") if isinstance(document, dict) else None)
        if wanted and Consultation.objects.filter(slug=wanted).exists():
            raise SlugTaken(wanted) from exc
        raise


@transaction.atomic
def _author(*, user: User, document: Any, slug: str | None) -> tuple[Consultation, bool]:
    existing = None
    if slug is not None:
        existing = Consultation.objects.select_for_update().filter(slug=slug).first()
        if existing is not None and not may_author(user, existing.department.code):
            raise Http404
    errors = document_errors(document)
    if not errors and slug is not None and document["slug"] != slug:
        errors = {"slug": [_("The slug must match the address (“%(slug)s”).") % {"slug": slug}]}
    if errors:
        raise DocumentError(errors)
    code = document["department"]["code"]
    if not has_right(user, Right.EDIT):
        raise PermissionDenied(_("Your role does not include authoring consultations."))
    if not may_author(user, code):
        raise PermissionDenied(
            _("You may only author consultations of your own department, not “%(code)s”.")
            % {"code": code}
        )
    if slug is None:
        existing = Consultation.objects.select_for_update().filter(slug=document["slug"]).first()
        if existing is not None:
            raise SlugTaken(document["slug"])
    has_responses = existing is not None and existing.responses.exists()
    try:
        consultation, created = consultation_load_document(document=document, author=user)
    except DocumentError as exc:
        if has_responses:
            raise StructureFrozen(exc.errors) from exc
        raise
    except ValidationError as exc:  # model validation, e.g. a slug created concurrently
        if "slug" in getattr(exc, "error_dict", {}):
            raise SlugTaken(document["slug"]) from exc
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        raise DocumentError({_document_path(f): m for f, m in fields.items()}) from exc
    if existing is None and not created:
        # The slug appeared between our check and the load: refuse rather than overwrite it.
        raise SlugTaken(document["slug"])
    return consultation, created


def _document_path(field: str) -> str:
    """A Consultation model field's place in the document (`notice_ja` → `notice.text.ja`)."""
    if field == "notice_version":
        return "notice.version"
    if field == "department":
        return "department.code"
    name, _sep, lang = field.rpartition("_")
    if lang in ("ja", "en") and name:
        return f"notice.text.{lang}" if name == "notice" else f"{name}.{lang}"
    return "" if field == "__all__" else field
