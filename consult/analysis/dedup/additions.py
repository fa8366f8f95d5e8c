"""What a campaign supporter changed in a form letter."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from consult.analysis.text import normalize

__all__ = ["template_additions"]


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of comparison units: Latin-script words and digits, or single other characters."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
            continue
        end = index + 1
        if (char.isascii() and char.isalnum()) or "\u00c0" <= char <= "\u024f":
            while end < len(text) and (
                (text[end].isascii() and (text[end].isalnum() or text[end] in "'-"))
                or "\u00c0" <= text[end] <= "\u024f"
            ):
                end += 1
        spans.append((index, end))
        index = end
    return spans


def template_additions(template: str, text: str) -> str:
    """What a supporter added to or changed from ``template`` in ``text``.

    Both are normalised and aligned word by word (Latin script) or character by character
    (Japanese); the inserted and replacing passages of ``text`` are returned joined by " ",
    punctuation-only passages left out. Empty if ``text`` only copies or cuts the template.
    """
    base, own = normalize(template), normalize(text)
    base_spans, own_spans = _units(base), _units(own)
    base_units = [base[start:end] for start, end in base_spans]
    own_units = [own[start:end] for start, end in own_spans]
    pieces: list[str] = []
    for op in Levenshtein.opcodes(base_units, own_units):
        if op.tag in ("insert", "replace") and op.dest_end > op.dest_start:
            piece = own[own_spans[op.dest_start][0] : own_spans[op.dest_end - 1][1]]
            if any(char.isalnum() for char in piece):
                pieces.append(piece)
    return " ".join(pieces)
