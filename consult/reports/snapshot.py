"""The input of a report run: a consultation's submitted responses, read once and frozen.

The snapshot is a header (the consultation and its questionnaire, both languages) and one row
per submitted response, oldest first::

    {"id", "ref", "at", "lang", "channel", "kind", "region", "age", "consent", "org",
     "answers": {question key: value}, "comments": {clause number: text}}

No names, emails or other contact details are read. ``org`` is the organisation's name when the
respondent answered as an organisation, else "".

Its *input hash* is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
``{"header": header, "responses": [row, ...]}``, computed while streaming, so the same responses
always give the same hash. The rows are written as gzipped JSON lines (header first) to the
run's private snapshot file, and a retried run reads that file instead of the database, so it
analyses exactly the same input.

In memory the snapshot is columnar (a list per attribute) plus, per analysis *section* (each
free-text question and each clause), the texts to analyse with their row and Likert answer;
choice answers are tallied on the way and not kept per response. Reading streams with
``.iterator()`` and ``values_list`` so 1,000,000 responses never exist as model instances.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction

from consult.consultations.models import Consultation, Question
from consult.responses.models import Answer, ClauseComment, Response

CHUNK = 5000
FREE_TEXT = Question.Kind.FREE_TEXT
LIKERT = Question.Kind.LIKERT


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no whitespace, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def question_section(key: str) -> str:
    return f"question:{key}"


def clause_section(number: str) -> str:
    return f"clause:{number}"


@dataclass
class Tally:
    """Answers to one choice, Likert or ranking question."""

    answered: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # choice key (or "1".."5") -> count
    rank_sum: Counter[str] = field(default_factory=Counter)  # ranking: sum of positions (1-based)
    rank_n: Counter[str] = field(default_factory=Counter)  # ranking: times ranked at all


@dataclass
class Units:
    """The comments of one section: ``rows[i]`` is the response row of ``texts[i]``."""

    section: str
    rows: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    likert: list[int | None] = field(default_factory=list)


@dataclass
class Snapshot:
    """A consultation's submitted responses as read at the snapshot step (see module docstring)."""

    header: dict[str, Any]
    input_hash: str = ""
    ids: list[int] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    submitted_at: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    channel: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    age_band: list[str] = field(default_factory=list)
    consent: list[str] = field(default_factory=list)
    organisation: list[str] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    units: dict[str, Units] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    def sections(self) -> list[str]:
        """Analysis sections in report order: free-text questions, then clauses."""
        return [s["key"] for s in self.header["sections"]]

    def add(self, row: dict[str, Any]) -> None:
        """Append one response row (in order)."""
        index = len(self.ids)
        intern = _intern
        self.ids.append(int(row["id"]))
        self.references.append(row["ref"])
        self.submitted_at.append(row["at"])
        self.language.append(intern(row["lang"]))
        self.channel.append(intern(row["channel"]))
        self.kind.append(intern(row["kind"]))
        self.region.append(intern(row["region"]))
        self.age_band.append(intern(row["age"]))
        self.consent.append(intern(row["consent"]))
        self.organisation.append(row["org"])
        answers: dict[str, Any] = row["answers"]
        overall = _likert(answers.get(self.header["overall"] or ""))
        for spec in self.header["questions"]:
            key, kind = spec["key"], spec["kind"]
            value = answers.get(key)
            if value is None or value == "" or value == []:
                continue
            if kind == FREE_TEXT:
                self._unit(question_section(key), index, str(value), overall)
            else:
                tally = self.tallies.get(key)
                if tally is None:
                    tally = self.tallies[key] = Tally()
                _tally(tally, kind, value)
        for number, text in row["comments"].items():
            likert_key = self.header["clause_likert"].get(number)
            likert = _likert(answers.get(likert_key)) if likert_key else None
            self._unit(clause_section(number), index, text, likert or overall)

    def _unit(self, section: str, row: int, text: str, likert: int | None) -> None:
        units = self.units.get(section)
        if units is None:
            return  # a question or clause no longer in the questionnaire
        units.rows.append(row)
        units.texts.append(text)
        units.likert.append(likert)


_INTERNED: dict[str, str] = {}


def _intern(value: str | None) -> str:
    value = value or ""
    return _INTERNED.setdefault(value, value)


def _likert(value: Any) -> int | None:
    return value if isinstance(value, int) and 1 <= value <= 5 else None


def _tally(tally: Tally, kind: str, value: Any) -> None:
    tally.answered += 1
    if kind == LIKERT:
        if _likert(value) is not None:
            tally.counts[str(value)] += 1
    elif isinstance(value, list):
        for position, key in enumerate(value, 1):
            tally.counts[str(key)] += 1 if kind != Question.Kind.RANKING or position == 1 else 0
            if kind == Question.Kind.RANKING:
                tally.rank_sum[str(key)] += position
                tally.rank_n[str(key)] += 1
    else:
        tally.counts[str(value)] += 1


def snapshot_header(consultation: Consultation) -> dict[str, Any]:
    """The consultation and its questionnaire, in both languages, as plain data."""
    clauses = list(consultation.sections.order_by("position"))
    numbers = {c.pk: c.number for c in clauses}
    questions: list[dict[str, Any]] = []
    overall: str | None = None
    clause_likert: dict[str, str] = {}
    for q in consultation.questions.prefetch_related("choices").order_by("position"):
        questions.append(
            {
                "key": q.key,
                "kind": str(q.kind),
                "text_ja": q.text_ja,
                "text_en": q.text_en,
                "section": numbers.get(q.section_id) if q.section_id else None,
                "choices": [
                    {"key": c.key, "label_ja": c.label_ja, "label_en": c.label_en}
                    for c in q.choices.all()
                ],
            }
        )
        if q.kind == LIKERT:
            if q.section_id and q.section_id in numbers:
                clause_likert.setdefault(numbers[q.section_id], q.key)
            elif overall is None or q.key == "overall":
                overall = q.key
    sections = [
        {"key": question_section(q["key"]), "kind": "question", "ref": q["key"]}
        for q in questions
        if q["kind"] == FREE_TEXT
    ] + [{"key": clause_section(c.number), "kind": "clause", "ref": c.number} for c in clauses]
    return {
        "consultation": {
            "id": consultation.pk,
            "slug": consultation.slug,
            "title_ja": consultation.title_ja,
            "title_en": consultation.title_en,
            "department_ja": consultation.department.name_ja,
            "department_en": consultation.department.name_en,
            "opens_at": consultation.opens_at.isoformat() if consultation.opens_at else None,
            "closes_at": consultation.closes_at.isoformat() if consultation.closes_at else None,
            "status": consultation.current_status(),
        },
        "questions": questions,
        "clauses": [
            {"number": c.number, "title_ja": c.title_ja, "title_en": c.title_en} for c in clauses
        ],
        "sections": sections,
        "overall": overall,
        "clause_likert": clause_likert,
    }


def _new_snapshot(header: dict[str, Any]) -> Snapshot:
    snapshot = Snapshot(header=header)
    for spec in header["sections"]:
        snapshot.units[spec["key"]] = Units(section=spec["key"])
    return snapshot


def _rows_from_db(consultation: Consultation) -> Iterator[dict[str, Any]]:
    """Submitted responses with their answers and clause comments, merged by response id."""
    submitted = {"consultation": consultation, "status": Response.Status.SUBMITTED}
    related = {"response__consultation": consultation, "response__status": "submitted"}
    question_keys = dict(consultation.questions.values_list("id", "key"))
    clause_numbers = dict(consultation.sections.values_list("id", "number"))
    responses = (
        Response.objects.filter(**submitted)
        .order_by("id")
        .values_list(
            "id",
            "reference",
            "submitted_at",
            "language",
            "channel",
            "respondent__kind",
            "respondent__region",
            "respondent__age_band",
            "respondent__consent",
            "respondent__organisation_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    answers = _grouped(
        Answer.objects.filter(**related)
        .order_by("response_id", "id")
        .values_list("response_id", "question_id", "value")
        .iterator(chunk_size=CHUNK * 4)
    )
    comments = _grouped(
        ClauseComment.objects.filter(**related)
        .order_by("response_id", "id")
        .values_list("response_id", "section_id", "text")
        .iterator(chunk_size=CHUNK * 2)
    )
    next_answers = next(answers, None)
    next_comments = next(comments, None)
    for rid, ref, at, lang, channel, kind, region, age, consent, org in responses:
        row_answers: dict[str, Any] = {}
        row_comments: dict[str, str] = {}
        while next_answers is not None and next_answers[0] <= rid:
            if next_answers[0] == rid:
                row_answers = {
                    question_keys[q]: v for q, v in next_answers[1] if q in question_keys
                }
            next_answers = next(answers, None)
        while next_comments is not None and next_comments[0] <= rid:
            if next_comments[0] == rid:
                row_comments = {
                    clause_numbers[s]: t for s, t in next_comments[1] if s in clause_numbers
                }
            next_comments = next(comments, None)
        yield {
            "id": rid,
            "ref": ref,
            "at": at.isoformat() if at else None,
            "lang": lang,
            "channel": channel,
            "kind": kind,
            "region": region,
            "age": age,
            "consent": consent,
            "org": org if kind == "organisation" else "",
            "answers": row_answers,
            "comments": row_comments,
        }


def _grouped(
    rows: Iterable[tuple[int, Any, Any]],
) -> Iterator[tuple[int, list[tuple[Any, Any]]]]:
    """(response id, [(a, b), ...]) for rows ordered by response id."""
    current: int | None = None
    items: list[tuple[Any, Any]] = []
    for rid, a, b in rows:
        if rid != current:
            if current is not None:
                yield current, items
            current, items = rid, []
        items.append((a, b))
    if current is not None:
        yield current, items


class _Hasher:
    """SHA-256 of ``{"header": h, "responses": [rows]}`` in canonical JSON, fed row by row."""

    def __init__(self, header: dict[str, Any]) -> None:
        self._sha = hashlib.sha256(('{"header":' + canonical(header) + ',"responses":[').encode())
        self._first = True

    def row(self, line: str) -> None:
        self._sha.update(line.encode() if self._first else ("," + line).encode())
        self._first = False

    def hexdigest(self) -> str:
        done = self._sha.copy()
        done.update(b"]}")
        return done.hexdigest()


def snapshot_take(
    *,
    consultation: Consultation,
    storage_name: str,
    review: Callable[[Consultation], dict[str, Any]] | None = None,
) -> tuple[Snapshot, str]:
    """Read the consultation's submitted responses once (a consistent read), write them to
    ``storage_name`` in default storage and return the snapshot and the name actually saved.

    ``review``, if given, is read in the same transaction and kept as ``header["review"]``
    (officials' codebook and corrections), so the input hash covers it.
    """
    with tempfile.TemporaryFile() as raw:
        outermost = not connection.in_atomic_block  # else the isolation level is already set
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            header = snapshot_header(consultation)
            if review is not None:
                header["review"] = review(consultation)
            snapshot = _new_snapshot(header)
            hasher = _Hasher(header)
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=3, mtime=0) as gz:
                writer = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
                writer.write(canonical(header) + "\n")
                for row in _rows_from_db(consultation):
                    line = canonical(row)
                    hasher.row(line)
                    writer.write(line + "\n")
                    snapshot.add(row)
                writer.flush()
                writer.detach()
        snapshot.input_hash = hasher.hexdigest()
        raw.seek(0)
        saved = default_storage.save(storage_name, File(raw, name=storage_name))
    return snapshot, saved


def snapshot_load(*, storage_name: str) -> Snapshot:
    """Read a snapshot written by `snapshot_take` (its hash is recomputed, not trusted)."""
    with default_storage.open(storage_name, "rb") as stored:
        return snapshot_read(stored)


def snapshot_read(stored: IO[bytes]) -> Snapshot:
    """A snapshot from a file object of gzipped JSON lines."""
    with gzip.GzipFile(fileobj=stored, mode="rb") as gz:
        lines = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        header = json.loads(lines.readline())
        snapshot = _new_snapshot(header)
        hasher = _Hasher(header)
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                continue
            hasher.row(line)
            snapshot.add(json.loads(line))
    snapshot.input_hash = hasher.hexdigest()
    return snapshot
