"""Inputs of the content builder: the stored themes and the run, and the shared state."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from django.utils import timezone

from consult.analysis.pii import redact
from consult.analysis.types import AnalysisResult

from ..sections import KIND_ORDER
from ..snapshot import Snapshot


@dataclass(frozen=True)
class ThemeInfo:
    """A stored theme, aligned with one theme of a section's analysis result."""

    id: int
    key: str
    label: str
    description: str
    source: str
    reviewed: bool
    government_view: str = ""


@dataclass(frozen=True)
class RunInfo:
    """What the document records about the run that made it."""

    id: int
    started_at: datetime | None
    input_hash: str
    code_version: str
    parameters: dict[str, Any]
    seed: int


class Base:
    """The inputs of one content build and what every part of it reads."""

    def __init__(
        self,
        snapshot: Snapshot,
        results: Mapping[str, AnalysisResult],
        themes: Mapping[str, Sequence[ThemeInfo]],
        run: RunInfo,
        language: str,
        min_cell: int,
        campaign_min_size: int,
        redacted: Mapping[str, str],
    ) -> None:
        self.s = snapshot
        self.results = results
        self.themes = themes
        self.run = run
        self.lang = language
        self.min_cell = min_cell
        self.campaign_min_size = campaign_min_size
        self.redacted = redacted
        self.kind_code = np.array(
            [KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER) for k in snapshot.kind],
            dtype=np.int8,
        )
        self.generated_at = timezone.now().isoformat()

    def redact(self, text: str) -> str:
        """``text`` with personal data redacted (computed ahead when it is a comment)."""
        found = self.redacted.get(text)
        return found if found is not None else redact(text)

    def text(self, obj: Mapping[str, Any], field: str) -> str:
        other = "ja" if self.lang == "en" else "en"
        return str(obj.get(f"{field}_{self.lang}") or obj.get(f"{field}_{other}") or "")
