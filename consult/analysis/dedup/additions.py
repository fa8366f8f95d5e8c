"""What a campaign supporter changed in a form letter."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from consult.analysis.text import normalize

__all__ = ["template_additions"]


# Comparison units: a Latin-script word (letters, digits, ' and - inside), or any other single
# character that is not white space (Japanese is compared character by character).
_UNIT = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9'\-\u00c0-\u024f]*|\S")


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of comparison units: Latin-script words and digits, or single other characters."""
    return [match.span() for match in _UNIT.finditer(text)]


@lru_cache(maxsize=256)
def _prepared(text: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """``text`` normalised, its unit spans and the units (a template is prepared once)."""
    normal = normalize(text)
    spans = _units(normal)
    return normal, spans, [normal[start:end] for start, end in spans]


def template_additions(template: str, text: str) -> str:
    """What a supporter added to or changed from ``template`` in ``text``.

    Both are normalised and aligned word by word (Latin script) or character by character
    (Japanese); the inserted and replacing passages of ``text`` are returned joined by " ",
    punctuation-only passages left out. Empty if ``text`` only copies or cuts the template.
    """
    if text == template:
        return ""
    base, _base_spans, base_units = _prepared(template)
    own = normalize(text)
    if own == base:
        return ""
    own_spans = _units(own)
    own_units = [own[start:end] for start, end in own_spans]
    pieces: list[str] = []
    for op in Levenshtein.opcodes(base_units, own_units):
        if op.tag in ("insert", "replace") and op.dest_end > op.dest_start:
            piece = own[own_spans[op.dest_start][0] : own_spans[op.dest_end - 1][1]]
            if any(char.isalnum() for char in piece):
                pieces.append(piece)
    return " ".join(pieces)
