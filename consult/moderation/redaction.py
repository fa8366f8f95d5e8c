"""A moderator's redactions applied to a text: each chosen span becomes a label such as
［電話番号］ or [phone], in the language of what remains (as `consult.analysis.pii.redact`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from consult.analysis.pii import LABELS as PII_LABELS
from consult.analysis.text import detect_language

_FROM_PII = {
    "email": "email",
    "phone": "phone",
    "my_number": "my_number",
    "id_number": "id_number",
    "address": "address",
}
LABELS: dict[str, dict[str, str]] = {
    language: {
        **{kind: labels[pii] for kind, pii in _FROM_PII.items()},
        "name": labels["person_name"],
        "url": labels["url_id"],
    }
    for language, labels in PII_LABELS.items()
}
LABELS["en"].update(
    {"abuse": "[removed]", "link_spam": "[link]", "all_caps": "[removed]", "other": "[redacted]"}
)
LABELS["ja"].update(
    {"abuse": "［削除］", "link_spam": "［リンク］", "all_caps": "［削除］", "other": "［非表示］"}
)


@dataclass(frozen=True, slots=True)
class Cut:
    """``text[start:end]`` is to be replaced by the label of ``kind``."""

    start: int
    end: int
    kind: str


def redact_spans(text: str, cuts: Iterable[Cut]) -> str:
    """``text`` with every cut replaced by its label; overlapping cuts merge into one (labelled
    by the first). Offsets are clamped to the text."""
    merged: list[tuple[int, int, str]] = []
    for cut in sorted(cuts, key=lambda c: (c.start, -c.end)):
        start, end = max(0, min(cut.start, len(text))), max(0, min(cut.end, len(text)))
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            first_start, first_end, first_kind = merged[-1]
            merged[-1] = (first_start, max(first_end, end), first_kind)
            continue
        merged.append((start, end, cut.kind))
    kept: list[str] = []
    position = 0
    for start, end, _kind in merged:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    labels = LABELS["ja" if detect_language("".join(kept)) == "ja" else "en"]
    pieces = [kept[0]]
    for (_start, _end, kind), piece in zip(merged, kept[1:], strict=True):
        pieces.append(labels.get(kind, labels["other"]))
        pieces.append(piece)
    return "".join(pieces)


def highlight_segments(text: str, flags: Iterable[dict[str, object]]) -> list[tuple[str, str]]:
    """``text`` cut at every flag boundary: ``[(piece, kinds)]`` where ``kinds`` names the flags
    covering the piece ("" for none), so overlapping flags can be shown without nesting."""
    spans = [
        (max(0, int(str(f["start"]))), min(len(text), int(str(f["end"]))), str(f["kind"]))
        for f in flags
    ]
    bounds = sorted({0, len(text), *(s for s, _e, _k in spans), *(e for _s, e, _k in spans)})
    segments: list[tuple[str, str]] = []
    for start, end in itertools.pairwise(bounds):
        if start >= end or start < 0 or end > len(text):
            continue
        kinds = sorted({k for s, e, k in spans if s <= start and end <= e})
        segments.append((text[start:end], " ".join(kinds)))
    return segments
