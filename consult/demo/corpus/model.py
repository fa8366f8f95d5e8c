"""Plain data types for the phrase banks behind the demo comment generator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Pair = tuple[str, str]
"""A Japanese sentence and its English counterpart."""

STANCES: tuple[str, ...] = ("support", "oppose", "mixed", "unclear")
LANGUAGES: tuple[str, ...] = ("ja", "en")

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class ThemeBank:
    """One ground-truth theme: its labels and sentences for each side of the argument."""

    key: str
    label: Pair
    noun: Pair
    sections: tuple[str, ...]
    support: tuple[Pair, ...]
    oppose: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class TopicBank:
    """Everything the generator knows about one consultation topic.

    ``subject`` names the proposal as a noun phrase (English in lower case, for use mid-sentence);
    ``sections`` maps the clause numbers of the consultation document to short titles.
    """

    topic: str
    subject: Pair
    sections: dict[str, Pair]
    themes: tuple[ThemeBank, ...]
    framings: tuple[Pair, ...]
    openings: dict[str, tuple[Pair, ...]] = field(default_factory=dict)
    demands: dict[str, tuple[Pair, ...]] = field(default_factory=dict)


def pairs(block: str) -> tuple[Pair, ...]:
    """Parse a block of alternating Japanese and English lines into sentence pairs.

    Blank lines are ignored, so pairs may be separated by them. Raises ``ValueError`` when a
    line is on the wrong side (Japanese where English is expected, or the reverse).
    """
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    if len(lines) % 2:
        raise ValueError(f"odd number of lines in phrase block starting {lines[0]!r}")
    result = []
    for ja, en in zip(lines[::2], lines[1::2], strict=True):
        if not _JAPANESE.search(ja) or _JAPANESE.search(en):
            raise ValueError(f"phrase pair out of order: {ja!r} / {en!r}")
        result.append((ja, en))
    return tuple(result)


def theme(
    key: str,
    *,
    label: Pair,
    noun: Pair,
    sections: tuple[str, ...],
    support: str,
    oppose: str,
) -> ThemeBank:
    """Build a ``ThemeBank`` from alternating-line blocks of support and oppose sentences."""
    return ThemeBank(
        key=key,
        label=label,
        noun=noun,
        sections=sections,
        support=pairs(support),
        oppose=pairs(oppose),
    )
