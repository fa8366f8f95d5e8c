"""Coded responses: one row per response with its themes and stance, for the CSV and XLSX files.

Rows are produced lazily (the object can be iterated more than once, each time afresh), so a
renderer can stream a million of them. Text is redacted (`consult.analysis.pii.redact`), each
comment on its own: from ``redacted`` (computed ahead by `consult.reports.redaction`) when
given, else here, exact repeats (form letters) once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils import translation

from consult.analysis.pii import redact
from consult.analysis.types import STANCES, AnalysisResult
from consult.responses.models import Response
from consult.responses.regions import Region

from .sections import kind_labels, section_short
from .snapshot import DOCUMENTS_SECTION, Snapshot

_CACHE_LIMIT = 200_000
DOCUMENT_EXCERPT_CHARS = 300  # of an attached document's text in its response's row


class CodedRows:
    """Iterable of ``{"reference", "submitted_at", "language", "kind", "region", "channel",
    "themes": [label, ...], "stance", "text"}``, one per response in snapshot order.

    With more than one analysed section, theme labels and texts are prefixed with the section
    (“comments: …”, “Clause 2: …”).
    """

    def __init__(
        self,
        *,
        snapshot: Snapshot,
        results: Mapping[str, AnalysisResult],
        labels: Mapping[str, Sequence[str]],
        language: str,
        redacted: Mapping[str, str] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.results = results
        self.labels = labels
        self.language = language
        self.redacted = redacted or {}
        self._cache: dict[str, str] = {}

    def __len__(self) -> int:
        return self.snapshot.n

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with translation.override(self.language):
            yield from self._rows()

    def _redact(self, text: str) -> str:
        redacted = self.redacted.get(text) or self._cache.get(text)
        if redacted is None:
            redacted = redact(text)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[text] = redacted
        return redacted

    def _sections(self) -> list[_Section]:
        prefix = len(self.results) > 1
        out = []
        for section in self.snapshot.sections():
            result = self.results.get(section)
            if result is None:
                continue
            units = self.snapshot.units[section]
            at_row = np.full(self.snapshot.n, -1, dtype=np.int32)
            at_row[np.asarray(units.rows, dtype=np.int64)] = np.arange(len(units.rows))
            short = section_short(section)
            out.append(
                _Section(
                    unit_at_row=at_row,
                    texts=units.texts,
                    indptr=result.theme_indptr,
                    index=result.theme_index,
                    stance=result.stance,
                    labels=[f"{short}: {x}" if prefix else x for x in self.labels[section]],
                    head=f"[{short}] " if prefix else "",
                    excerpt=DOCUMENT_EXCERPT_CHARS if section == DOCUMENTS_SECTION else None,
                )
            )
        return out

    def _rows(self) -> Iterator[dict[str, Any]]:
        """Each row assembled when it is read: nothing per response is held beforehand."""
        s = self.snapshot
        sections = self._sections()
        kinds = kind_labels()
        regions = {str(v): str(label) for v, label in Region.choices}
        channels = {str(v): str(label) for v, label in Response.Channel.choices}
        for row in range(s.n):
            texts: list[str] = []
            themes: list[str] = []
            stance = ""
            for section in sections:
                unit = int(section.unit_at_row[row])
                if unit < 0:
                    continue
                text = section.texts[unit]
                if section.excerpt is not None and len(text) > section.excerpt:
                    text = text[: section.excerpt] + "…"
                texts.append(section.head + self._redact(text))
                start, stop = int(section.indptr[unit]), int(section.indptr[unit + 1])
                themes.extend(section.labels[t] for t in section.index[start:stop].tolist())
                stance = stance or STANCES[int(section.stance[unit])]
            yield {
                "reference": s.references[row],
                "submitted_at": s.submitted_at[row],
                "language": s.language[row],
                "kind": kinds.get(s.kind[row], s.kind[row]),
                "region": regions.get(s.region[row], ""),
                "channel": channels.get(s.channel[row], s.channel[row]),
                "themes": themes,
                "stance": stance,
                "text": "\n".join(texts),
            }


@dataclass(frozen=True)
class _Section:
    """One analysed section as the rows read it."""

    unit_at_row: np.ndarray  # response row -> its comment in the section, -1 if none
    texts: list[str]
    indptr: np.ndarray
    index: np.ndarray
    stance: np.ndarray
    labels: list[str]
    head: str
    excerpt: int | None = None  # cut the text to this many characters (attached documents)
