"""Consultations kept as JSON documents: validate strictly, then create or update in one transaction.

The format is documented in the README ("Consultation documents") and used by `load_demo`,
`load_consultation` and the authoring API.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.accounts.models import Department, User

from .models import Choice, Consultation, ConsultationRevision, ProposalSection, Question

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# Paths under /staff/ and /api/v1/consultations/ that are pages of their own, not consultations.
RESERVED_SLUGS = frozenset(
    {"audit", "tokens", "new", "reports", "export", "bulk", "schema", "docs"}
)
_DEPARTMENT = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_SECTION_NUMBER = re.compile(r"^[0-9A-Za-z.\-]{1,20}$")
_KINDS = {k.value for k in Question.Kind}
MAX_FREE_TEXT = 20000


class DocumentError(ValidationError):
    """A document is invalid; `errors` maps a JSON path (`questions[2].choices`) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__([f"{path}: {msg}" for path, msgs in errors.items() for msg in msgs])


@dataclass
class _Checker:
    errors: dict[str, list[str]]

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def text(
        self, doc: Any, path: str, *, max_length: int | None = None, required: bool = True
    ) -> dict[str, str]:
        if not isinstance(doc, dict):
            self.add(path, _("Expected an object with “ja” and “en” texts."))
            return {"ja": "", "en": ""}
        out = {}
        for lang in ("ja", "en"):
            value = doc.get(lang, "")
            if not isinstance(value, str):
                self.add(f"{path}.{lang}", _("Expected a string."))
                value = ""
            if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
                self.add(f"{path}.{lang}", _("The text contains characters that cannot be stored."))
                value = ""
            if required and not value.strip():
                self.add(f"{path}.{lang}", _("This text is required."))
            if max_length and len(value) > max_length:
                self.add(f"{path}.{lang}", _("At most %(n)d characters.") % {"n": max_length})
            out[lang] = value
        unknown = set(doc) - {"ja", "en"}
        if unknown:
            self.add(path, _("Unknown languages: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
        return out


def validate_document(doc: Any) -> dict[str, list[str]]:
    """Return the errors of a consultation document, keyed by JSON path (empty when valid)."""
    check = _Checker({})
    if not isinstance(doc, dict):
        check.add("", _("The document must be a JSON object."))
        return check.errors
    allowed = {"slug", "department", "title", "summary", "body", "notice", "sections", "questions"}
    for key in sorted(set(doc) - allowed):
        check.add(key, _("Unknown field."))
    slug = doc.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        check.add("slug", _("Use 1–80 lower-case letters, digits and hyphens."))
    elif slug in RESERVED_SLUGS:
        check.add("slug", _("This slug is reserved for the site's own pages; choose another."))
    dept = doc.get("department")
    if (
        not isinstance(dept, dict)
        or not isinstance(dept.get("code"), str)
        or not _DEPARTMENT.match(dept["code"])
    ):
        check.add(
            "department.code",
            _("A department code (up to 64 lower-case letters, digits, hyphens) is required."),
        )
    elif "name" in dept:
        check.text(dept["name"], "department.name", max_length=200)
    check.text(doc.get("title"), "title", max_length=300)
    check.text(doc.get("summary"), "summary", max_length=2000)
    check.text(doc.get("body"), "body", max_length=100000)
    notice = doc.get("notice")
    if (
        not isinstance(notice, dict)
        or not isinstance(notice.get("version"), str)
        or not notice["version"].strip()
        or len(notice["version"]) > 40
    ):
        check.add(
            "notice.version", _("A privacy-notice version of up to 40 characters is required.")
        )
    else:
        check.text(notice.get("text"), "notice.text", max_length=20000)

    sections = doc.get("sections")
    numbers: set[str] = set()
    if not isinstance(sections, list) or not sections:
        check.add("sections", _("At least one section is required."))
        sections = []
    for i, sec in enumerate(sections):
        path = f"sections[{i}]"
        if not isinstance(sec, dict):
            check.add(path, _("Expected an object."))
            continue
        number = sec.get("number")
        if not isinstance(number, str) or not _SECTION_NUMBER.match(number):
            check.add(f"{path}.number", _("A section number such as “1” or “3-2” is required."))
        elif number in numbers:
            check.add(f"{path}.number", _("Section numbers must be unique."))
        else:
            numbers.add(number)
        check.text(sec.get("title"), f"{path}.title", max_length=300)
        check.text(sec.get("text"), f"{path}.text", max_length=100000)

    questions = doc.get("questions")
    keys: set[str] = set()
    if not isinstance(questions, list):
        check.add("questions", _("A list of questions is required."))
        questions = []
    for i, q in enumerate(questions):
        path = f"questions[{i}]"
        if not isinstance(q, dict):
            check.add(path, _("Expected an object."))
            continue
        key = q.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            check.add(f"{path}.key", _("A key of 1–40 letters, digits, “-” or “_” is required."))
        elif key in keys:
            check.add(f"{path}.key", _("Question keys must be unique."))
        else:
            keys.add(key)
        kind = q.get("kind")
        if not isinstance(kind, str) or kind not in _KINDS:
            check.add(
                f"{path}.kind",
                _("Kind must be one of: %(kinds)s.") % {"kinds": ", ".join(sorted(_KINDS))},
            )
        check.text(q.get("text"), f"{path}.text", max_length=2000)
        if q.get("help_text") is not None:
            check.text(q.get("help_text"), f"{path}.help_text", max_length=2000, required=False)
        if not isinstance(q.get("required", False), bool):
            check.add(f"{path}.required", _("Expected true or false."))
        section = q.get("section")
        if section is not None and (not isinstance(section, str) or section not in numbers):
            check.add(f"{path}.section", _("No section numbered “%(n)s”.") % {"n": section})
        if kind == "free_text":
            ml = q.get("max_length")
            if not isinstance(ml, int) or isinstance(ml, bool) or not 1 <= ml <= MAX_FREE_TEXT:
                check.add(
                    f"{path}.max_length",
                    _("A free-text question needs max_length between 1 and %(n)d.")
                    % {"n": MAX_FREE_TEXT},
                )
        choices = q.get("choices")
        if kind in Question.CHOICE_KINDS:
            if not isinstance(choices, list) or len(choices) < 2:
                check.add(f"{path}.choices", _("At least two choices are required."))
                choices = []
            ckeys: set[str] = set()
            for j, c in enumerate(choices):
                cpath = f"{path}.choices[{j}]"
                if not isinstance(c, dict):
                    check.add(cpath, _("Expected an object."))
                    continue
                ckey = c.get("key")
                if not isinstance(ckey, str) or not _KEY.match(ckey):
                    check.add(
                        f"{cpath}.key", _("A key of 1–40 letters, digits, “-” or “_” is required.")
                    )
                elif ckey in ckeys:
                    check.add(f"{cpath}.key", _("Choice keys must be unique within a question."))
                else:
                    ckeys.add(ckey)
                check.text(c.get("label"), f"{cpath}.label", max_length=300)
        elif choices:
            check.add(f"{path}.choices", _("Only choice and ranking questions have choices."))
    return check.errors


def _structure(doc: dict[str, Any]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (q["key"], q["kind"], tuple(c["key"] for c in q.get("choices") or ()))
        for q in doc["questions"]
    ]


@transaction.atomic
def consultation_load_document(
    *, document: Any, author: User | None = None
) -> tuple[Consultation, bool]:
    """Create or update a consultation from a document; return it and whether it was created.

    An existing consultation that already has responses keeps its questionnaire structure: its
    texts may change, but a changed question, kind or choice set is refused, and so is a changed
    notice text under the version respondents accepted. A load that changes anything records a
    `ConsultationRevision` (by `author`; None from the command line).
    """
    errors = validate_document(document)
    if errors:
        raise DocumentError(errors)
    doc: dict[str, Any] = document
    dept_doc = doc["department"]
    dept_name = dept_doc.get("name") or {"ja": dept_doc["code"], "en": dept_doc["code"]}
    department, _created = Department.objects.get_or_create(
        code=dept_doc["code"], defaults={"name_ja": dept_name["ja"], "name_en": dept_name["en"]}
    )
    fields = {
        "department": department,
        "title_ja": doc["title"]["ja"],
        "title_en": doc["title"]["en"],
        "summary_ja": doc["summary"]["ja"],
        "summary_en": doc["summary"]["en"],
        "body_ja": doc["body"]["ja"],
        "body_en": doc["body"]["en"],
        "notice_version": doc["notice"]["version"],
        "notice_ja": doc["notice"]["text"]["ja"],
        "notice_en": doc["notice"]["text"]["en"],
    }
    consultation = Consultation.objects.select_for_update().filter(slug=doc["slug"]).first()
    created = consultation is None
    before = None if consultation is None else consultation_document(consultation)
    written_at = None if consultation is None else consultation.updated_at
    if consultation is None:
        consultation = Consultation(slug=doc["slug"], **fields)
        consultation.full_clean()
        consultation.save()
    else:
        for name, value in fields.items():
            setattr(consultation, name, value)
        consultation.full_clean()
        consultation.save()

    has_responses = not created and consultation.responses.exists()
    if has_responses:
        existing = [
            (q.key, q.kind, tuple(c.key for c in q.choices.all()))
            for q in consultation.questions.prefetch_related("choices")
        ]
        existing_sections = list(consultation.sections.values_list("number", flat=True))
        if existing != _structure(doc) or existing_sections != [
            s["number"] for s in doc["sections"]
        ]:
            raise DocumentError(
                {
                    "questions": [
                        _(
                            "This consultation already has responses; its questions, "
                            "choices and sections can no longer change."
                        )
                    ]
                }
            )
        assert before is not None
        if (
            before["notice"]["version"] == doc["notice"]["version"]
            and before["notice"]["text"] != doc["notice"]["text"]
        ):
            raise DocumentError(
                {
                    "notice.version": [
                        _(
                            "Respondents have accepted version “%(version)s” of the notice; "
                            "a changed notice needs a new version."
                        )
                        % {"version": before["notice"]["version"]}
                    ]
                }
            )
        _update_texts(consultation, doc)
    else:
        consultation.questions.all().delete()
        consultation.sections.all().delete()
        _create_structure(consultation, doc)
    _record_revision(consultation, before, written_at, author)
    return consultation, created


def _record_revision(
    consultation: Consultation,
    before: dict[str, Any] | None,
    written_at: datetime | None,
    author: User | None,
) -> None:
    """Record the consultation as it now stands when it differs from `before` (None: just
    created). A consultation without revisions first gets one of `before`, in effect since it
    was last written (`written_at`)."""
    after = consultation_document(consultation)
    if before == after:
        return
    now = timezone.now()
    submitted = consultation.responses.filter(submitted_at__isnull=False)
    last = consultation.revisions.order_by("-number").first()
    if last is None and before is not None:
        since = min(written_at or now, now)
        last = ConsultationRevision.objects.create(
            consultation=consultation,
            number=1,
            created_at=since,
            document_json=ConsultationRevision.encode(before),
            responses_before=submitted.filter(submitted_at__lt=since).count(),
        )
    ConsultationRevision.objects.create(
        consultation=consultation,
        number=last.number + 1 if last else 1,
        created_at=now,
        author=author,
        document_json=ConsultationRevision.encode(after),
        changed=changed_paths(last.document, after) if last else [],
        responses_before=submitted.filter(submitted_at__lt=now).count(),
    )


def changed_paths(old: Any, new: Any, path: str = "") -> list[str]:
    """The JSON paths (as in `DocumentError`: `questions[2].text.ja`) where two documents
    differ, in the order of `new`'s keys; a list whose length changed is one path."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in [*new, *(k for k in old if k not in new)]:
            out += changed_paths(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            p
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for p in changed_paths(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [path]


def _create_structure(consultation: Consultation, doc: dict[str, Any]) -> None:
    sections: dict[str, ProposalSection] = {}
    for pos, sec in enumerate(doc["sections"], start=1):
        sections[sec["number"]] = ProposalSection.objects.create(
            consultation=consultation,
            position=pos,
            number=sec["number"],
            title_ja=sec["title"]["ja"],
            title_en=sec["title"]["en"],
            text_ja=sec["text"]["ja"],
            text_en=sec["text"]["en"],
        )
    for pos, q in enumerate(doc["questions"], start=1):
        help_text = q.get("help_text") or {"ja": "", "en": ""}
        question = Question.objects.create(
            consultation=consultation,
            key=q["key"],
            position=pos,
            kind=q["kind"],
            text_ja=q["text"]["ja"],
            text_en=q["text"]["en"],
            help_text_ja=help_text["ja"],
            help_text_en=help_text["en"],
            required=q.get("required", False),
            section=sections.get(q.get("section") or ""),
            max_length=q.get("max_length") if q["kind"] == Question.Kind.FREE_TEXT else None,
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                key=c["key"],
                position=cpos,
                label_ja=c["label"]["ja"],
                label_en=c["label"]["en"],
            )
            for cpos, c in enumerate(q.get("choices") or (), start=1)
        )


def _update_texts(consultation: Consultation, doc: dict[str, Any]) -> None:
    for sec in doc["sections"]:
        consultation.sections.filter(number=sec["number"]).update(
            title_ja=sec["title"]["ja"],
            title_en=sec["title"]["en"],
            text_ja=sec["text"]["ja"],
            text_en=sec["text"]["en"],
        )
    for q in doc["questions"]:
        help_text = q.get("help_text") or {"ja": "", "en": ""}
        question = consultation.questions.get(key=q["key"])
        Question.objects.filter(pk=question.pk).update(
            text_ja=q["text"]["ja"],
            text_en=q["text"]["en"],
            help_text_ja=help_text["ja"],
            help_text_en=help_text["en"],
            required=q.get("required", False),
        )
        for c in q.get("choices") or ():
            question.choices.filter(key=c["key"]).update(
                label_ja=c["label"]["ja"], label_en=c["label"]["en"]
            )


def _texts(obj: Any, field: str) -> dict[str, str]:
    return {"ja": getattr(obj, f"{field}_ja"), "en": getattr(obj, f"{field}_en")}


def consultation_document(consultation: Consultation) -> dict[str, Any]:
    """The consultation as a document in both languages: loading it back changes nothing."""
    sections = list(consultation.sections.all())
    numbers = {s.pk: s.number for s in sections}
    questions = []
    for q in consultation.questions.prefetch_related("choices"):
        item: dict[str, Any] = {
            "key": q.key,
            "kind": q.kind,
            "text": _texts(q, "text"),
            "help_text": _texts(q, "help_text"),
            "required": q.required,
            "section": numbers.get(q.section_id) if q.section_id else None,
        }
        if q.kind == q.Kind.FREE_TEXT:
            item["max_length"] = q.max_length
        if q.kind in q.CHOICE_KINDS:
            item["choices"] = [{"key": c.key, "label": _texts(c, "label")} for c in q.choices.all()]
        questions.append(item)
    department = consultation.department
    return {
        "slug": consultation.slug,
        "department": {"code": department.code, "name": _texts(department, "name")},
        "title": _texts(consultation, "title"),
        "summary": _texts(consultation, "summary"),
        "body": _texts(consultation, "body"),
        "notice": {"version": consultation.notice_version, "text": _texts(consultation, "notice")},
        "sections": [
            {"number": s.number, "title": _texts(s, "title"), "text": _texts(s, "text")}
            for s in sections
        ],
        "questions": questions,
    }
