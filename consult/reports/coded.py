"""Coded responses: one row per response with its themes and stance, for the CSV and XLSX files.

Rows are produced lazily (the object can be iterated more than once, each time afresh), so a
renderer can stream a million of them. Text is redacted (`consult.analysis.pii.redact`), each
comment on its own: from ``redacted`` (computed ahead by `consult.reports.redaction`) when
given, else here, exact repeats (form letters) once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from django.utils import translation

from consult.analysis.pii import redact
from consult.analysis.types import STANCES, AnalysisResult
from consult.responses.models import Response
from consult.responses.regions import Region

from .sections import kind_labels, section_short, unit_of_assignment
from .snapshot import Snapshot

_CACHE_LIMIT = 200_000
NO_STANCE = -1


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

    def _per_row(self) -> tuple[list[list[str]], list[list[str]], np.ndarray]:
        """Theme labels and texts of each response, and its stance (first analysed section)."""
        s = self.snapshot
        prefix = len(self.results) > 1
        themes: list[list[str]] = [[] for _ in range(s.n)]
        texts: list[list[str]] = [[] for _ in range(s.n)]
        stance = np.full(s.n, NO_STANCE, dtype=np.int8)
        for section in s.sections():
            units = s.units[section]
            result = self.results.get(section)
            if result is None:
                continue
            rows = np.asarray(units.rows, dtype=np.int64)
            head = f"{section_short(section)}: " if prefix else ""
            labels = [f"{head}{label}" for label in self.labels[section]]
            for unit, theme in zip(
                unit_of_assignment(result).tolist(), result.theme_index.tolist(), strict=True
            ):
                themes[rows[unit]].append(labels[theme])
            head = f"[{section_short(section)}] " if prefix else ""
            for row, text in zip(units.rows, units.texts, strict=True):
                texts[row].append(head + self._redact(text))
            unset = stance[rows] == NO_STANCE
            stance[rows[unset]] = result.stance[unset]
        return themes, texts, stance

    def _rows(self) -> Iterator[dict[str, Any]]:
        s = self.snapshot
        themes, texts, stance = self._per_row()
        kinds = kind_labels()
        regions = {str(v): str(label) for v, label in Region.choices}
        channels = {str(v): str(label) for v, label in Response.Channel.choices}
        for row in range(s.n):
            code = int(stance[row])
            yield {
                "reference": s.references[row],
                "submitted_at": s.submitted_at[row],
                "language": s.language[row],
                "kind": kinds.get(s.kind[row], s.kind[row]),
                "region": regions.get(s.region[row], ""),
                "channel": channels.get(s.channel[row], s.channel[row]),
                "themes": themes[row],
                "stance": STANCES[code] if code >= 0 else "",
                "text": "\n".join(texts[row]),
            }
