"""Open data of a published consultation: its public responses as CSV and JSON, and the data
dictionary describing every column in Japanese and English.

One record per response, with the same column names in both formats: the CSV (UTF-8 with a
byte-order mark, every text cell neutralised against formula injection, lists joined with
``|``) and the JSON (one document, lists as arrays, numbers as numbers, empty as null). Both
stream chunk by chunk: an export of any size holds one chunk in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from consult.consultations.models import LIKERT_SCALE, Consultation, Question
from consult.core.i18n import CONTENT_LANGUAGES, localized
from consult.core.spreadsheet import spreadsheet_cell
from consult.responses.models import Respondent
from consult.responses.regions import Region

from .conf import Licence
from .selectors import CHOICE_KINDS, PublishedResponse

UTF8_BOM = "\ufeff"
MULTI_VALUE_SEPARATOR = "|"
AWAITING_COLUMN = "texts_awaiting_moderation"
WITHHELD_COLUMN = "texts_withheld"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, date, integer, boolean, list of strings
    description: dict[str, str]  # language → text
    allowed_values: list[dict[str, Any]] | None = None  # [{"value", "label": {ja, en}}]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "allowed_values": self.allowed_values,
        }


def _both(text: Promise | str, **params: str | dict[str, str]) -> dict[str, str]:
    """``text`` (lazy) in each content language; ``params`` may differ by language."""
    out = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            values = {k: v[lang] if isinstance(v, dict) else v for k, v in params.items()}
            out[lang] = str(text) % values if values else str(text)
    return out


def _labels(choices: Iterable[tuple[Any, Promise | str]]) -> list[dict[str, Any]]:
    return [{"value": str(value), "label": _both(label)} for value, label in choices]


def _texts(obj: Any, field: str) -> dict[str, str]:
    return {lang: localized(obj, field, lang) for lang in CONTENT_LANGUAGES}


def data_dictionary(consultation: Consultation) -> list[Column]:
    """Every column of the open data of ``consultation`` (questions and clauses prefetched), in
    order."""
    columns = [
        Column(
            "reference",
            "string",
            _both(_("The response's reference number (the report's quotes cite it).")),
        ),
        Column(
            "submitted_on",
            "date",
            _both(
                _("The day the response was submitted (YYYY-MM-DD, time zone %(zone)s)."),
                zone=settings.TIME_ZONE,
            ),
        ),
        Column(
            "language",
            "string",
            _both(_("The language the respondent used.")),
            [
                {"value": "ja", "label": {"ja": "日本語", "en": "Japanese"}},
                {"value": "en", "label": {"ja": "英語", "en": "English"}},
            ],
        ),
        Column(
            "respondent_kind",
            "string",
            _both(_("Whether the respondent answered as an individual or an organisation.")),
            _labels(Respondent.Kind.choices),
        ),
        Column(
            "publication",
            "string",
            _both(_("How the respondent agreed to be published: with their name or anonymously.")),
            _labels(
                (c, label)
                for c, label in Respondent.Consent.choices
                if c != Respondent.Consent.NONE
            ),
        ),
        Column(
            "organisation_name",
            "string",
            _both(
                _(
                    "The organisation's name, for organisations published with their name; "
                    "empty otherwise. Individuals' names are never published."
                )
            ),
        ),
        Column(
            "organisation_verified",
            "boolean",
            _both(
                _(
                    "For organisations published with their name: true when the organisation "
                    "submitted its own response after the platform's administrators verified "
                    "it, false otherwise; empty for individuals."
                )
            ),
        ),
        Column(
            "region",
            "string",
            _both(
                _(
                    "The respondent's prefecture (JIS X 0401 code) or 99 for overseas, only for "
                    "respondents published with their name; empty otherwise."
                )
            ),
            _labels(Region.choices),
        ),
    ]
    for question in consultation.questions.all():
        text = _texts(question, "text")
        if question.kind == Question.Kind.FREE_TEXT:
            columns.append(
                Column(
                    f"text:{question.key}",
                    "string",
                    _both(
                        _(
                            "Free-text answer to “%(question)s”, as moderators published it "
                            "(personal data redacted); empty when none, not yet moderated or "
                            "withheld."
                        ),
                        question=text,
                    ),
                )
            )
            continue
        if question.kind not in CHOICE_KINDS:
            continue
        if question.kind == Question.Kind.LIKERT:
            kind_type, allowed = "integer", _labels(LIKERT_SCALE)
            what = _(
                "Answer to “%(question)s” on a scale of 1 (strongly disagree) to 5 (strongly agree)."
            )
        else:
            allowed = [
                {"value": c.key, "label": _texts(c, "label")} for c in question.choices.all()
            ]
            if question.kind == Question.Kind.SINGLE_CHOICE:
                kind_type, what = "string", _("Answer to “%(question)s”: the chosen option's key.")
            elif question.kind == Question.Kind.MULTIPLE_CHOICE:
                kind_type = "list of strings"
                what = _(
                    "Answer to “%(question)s”: the keys of the chosen options (in CSV joined by “|”)."
                )
            else:
                kind_type = "list of strings"
                what = _(
                    "Answer to “%(question)s”: the options' keys in the respondent's order, most "
                    "important first (in CSV joined by “|”)."
                )
        columns.append(
            Column(f"answer:{question.key}", kind_type, _both(what, question=text), allowed)
        )
    for section in consultation.sections.all():
        columns.append(
            Column(
                f"comment:{section.number}",
                "string",
                _both(
                    _(
                        "Comment on clause %(number)s “%(title)s”, as moderators published it "
                        "(personal data redacted); empty when none, not yet moderated or withheld."
                    ),
                    number=section.number,
                    title=_texts(section, "title"),
                ),
            )
        )
    columns += [
        Column(
            AWAITING_COLUMN,
            "integer",
            _both(_("How many of the response's texts moderators have not yet decided on.")),
        ),
        Column(
            WITHHELD_COLUMN,
            "integer",
            _both(_("How many of the response's texts moderators withheld from publication.")),
        ),
    ]
    return columns


def open_data_record(entry: PublishedResponse, columns: list[Column]) -> dict[str, Any]:
    """One response as {column name: value} (None for an empty value)."""
    fixed: dict[str, Any] = {
        "reference": entry.reference,
        "submitted_on": entry.submitted_on.isoformat() if entry.submitted_on else None,
        "language": entry.language,
        "respondent_kind": entry.kind,
        "publication": entry.consent,
        "organisation_name": entry.organisation_name or None,
        "organisation_verified": entry.organisation_verified if entry.organisation_name else None,
        "region": entry.region or None,
        AWAITING_COLUMN: entry.awaiting,
        WITHHELD_COLUMN: entry.withheld,
    }
    record = {}
    for column in columns:
        name = column.name
        kind, _sep, key = name.partition(":")
        if name in fixed:
            record[name] = fixed[name]
        elif kind == "answer":
            record[name] = entry.answers.get(key)
        elif kind == "text":
            record[name] = entry.texts.get(key)
        elif kind == "comment":
            record[name] = entry.comments.get(key)
    return record


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = MULTI_VALUE_SEPARATOR.join(str(v) for v in value)
    return spreadsheet_cell(value)


def open_data_csv(
    chunks: Iterable[list[PublishedResponse]], *, columns: list[Column]
) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (Excel then reads Japanese), a header of column names,
    one row per response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(UTF8_BOM)
    writer.writerow([c.name for c in columns])
    yield buffer.getvalue().encode("utf-8")
    for chunk in chunks:
        buffer.seek(0)
        buffer.truncate()
        for entry in chunk:
            writer.writerow(_csv_cell(v) for v in open_data_record(entry, columns).values())
        yield buffer.getvalue().encode("utf-8")


def open_data_json(
    chunks: Iterable[list[PublishedResponse]],
    *,
    columns: list[Column],
    about: dict[str, Any],
) -> Iterator[bytes]:
    """One JSON document: ``about`` (consultation, licence, data dictionary address...) and then
    ``responses``, an array written a chunk at a time."""
    head = json.dumps({**about, "generated_at": timezone.now().isoformat()}, ensure_ascii=False)
    yield (head[:-1] + ', "responses": [').encode("utf-8")
    first = True
    for chunk in chunks:
        parts = []
        for entry in chunk:
            text = json.dumps(open_data_record(entry, columns), ensure_ascii=False)
            parts.append(("\n" if first else ",\n") + text)
            first = False
        yield "".join(parts).encode("utf-8")
    yield b"\n]}\n"


def open_data_about(
    consultation: Consultation, *, licence: Licence, dictionary_url: str
) -> dict[str, Any]:
    """What the JSON document says about itself before its responses."""
    return {
        "consultation": {
            "slug": consultation.slug,
            "title": _texts(consultation, "title"),
            "department": _texts(consultation.department, "name"),
            "published_at": consultation.published_at.isoformat()
            if consultation.published_at
            else None,
        },
        "licence": licence.as_json(),
        "data_dictionary": dictionary_url,
    }
