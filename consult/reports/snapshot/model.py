"""The snapshot in memory: a column per response attribute, choice answers tallied, and per
analysis section the comments with their response row and Likert answer."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from consult.consultations.models import Question

FREE_TEXT = Question.Kind.FREE_TEXT
LIKERT = Question.Kind.LIKERT


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no whitespace, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


DOCUMENTS_SECTION = "documents:attachments"  # organisations' attached documents, one per response


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
    """The comments of one section: ``rows[i]`` is the response row of ``texts[i]``;
    ``held`` holds the indexes of texts awaiting moderation (analysed, never quoted)."""

    section: str
    rows: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    likert: list[int | None] = field(default_factory=list)
    held: set[int] = field(default_factory=set)


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
    verified: list[bool] = field(default_factory=list)  # organisation verified when read
    tallies: dict[str, Tally] = field(default_factory=dict)
    units: dict[str, Units] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    def sections(self) -> list[str]:
        """Analysis sections in report order: free-text questions, clauses, then organisations'
        attached documents when there are any."""
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
        self.verified.append(bool(row.get("verified")))
        answers: dict[str, Any] = row["answers"]
        held = frozenset(row.get("held") or ())
        overall = _likert(answers.get(self.header["overall"] or ""))
        for spec in self.header["questions"]:
            key, kind = spec["key"], spec["kind"]
            value = answers.get(key)
            if value is None or value == "" or value == []:
                continue
            if kind == FREE_TEXT:
                section = question_section(key)
                self._unit(section, index, str(value), overall, section in held)
            else:
                tally = self.tallies.get(key)
                if tally is None:
                    tally = self.tallies[key] = Tally()
                _tally(tally, kind, value)
        for number, text in row["comments"].items():
            likert_key = self.header["clause_likert"].get(number)
            likert = _likert(answers.get(likert_key)) if likert_key else None
            section = clause_section(number)
            self._unit(section, index, text, likert or overall, section in held)
        document = row.get("documents")
        if document:
            # Attached documents are not moderated: analysed, never quoted.
            self._unit(DOCUMENTS_SECTION, index, str(document), overall, True)

    def _unit(
        self, section: str, row: int, text: str, likert: int | None, held: bool = False
    ) -> None:
        units = self.units.get(section)
        if units is None:
            return  # a question or clause no longer in the questionnaire
        if held:
            units.held.add(len(units.texts))
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


def new_snapshot(header: dict[str, Any]) -> Snapshot:
    """An empty snapshot for ``header``, with one (empty) unit list per section."""
    snapshot = Snapshot(header=header)
    for spec in header["sections"]:
        snapshot.units[spec["key"]] = Units(section=spec["key"])
    return snapshot
