"""Organic comments: one to four themes joined the way people write, with their own slips."""

from __future__ import annotations

from collections.abc import Callable

from consult.demo.corpus.compiled import OPPOSE, SUPPORT, CompiledTopic, LanguageTables
from consult.demo.corpus.noise import change_width, typo
from consult.demo.corpus.phrases import EMOJI

Bits = Callable[[int], int]

STANCES = ("support",) * 24 + ("oppose",) * 46 + ("mixed",) * 18 + ("unclear",) * 12
"""100 slots: the share of each stance among organic comments."""
_THEME_COUNTS = (1,) * 40 + (2,) * 30 + (3,) * 20 + (4,) * 10
_RANDOM_SECTION_PERCENT = 30
_EXTRA_SENTENCES = (0, 0, 0, 0, 0, 1, 1, 2)
"""8 slots: how many more sentences a comment spends on one theme."""


def _themes(pool: tuple[int, ...], count: int, bits: Bits) -> list[int]:
    if count >= len(pool):
        chosen = list(pool)
        for i in range(len(chosen) - 1, 0, -1):
            j = bits(16) % (i + 1)
            chosen[i], chosen[j] = chosen[j], chosen[i]
        return chosen
    chosen = []
    while len(chosen) < count:
        candidate = pool[bits(16) % len(pool)]
        if candidate not in chosen:
            chosen.append(candidate)
    return chosen


def _sides(stance: str, count: int, bits: Bits) -> list[int]:
    if stance == "support":
        return [SUPPORT] * count
    if stance in ("oppose", "unclear") or count == 1:
        return [OPPOSE] * count
    first = SUPPORT if bits(1) else OPPOSE
    split = 1 + bits(8) % (count - 1)
    return [first] * split + [1 - first] * (count - split)


def organic_comment(
    topic: CompiledTopic, tables: LanguageTables, section: str | None, bits: Bits
) -> tuple[str, str, tuple[str, ...], str | None]:
    """Compose one organic comment; return its text, stance, theme keys and section."""
    roll = bits(32)
    stance = STANCES[roll % 100]
    roll //= 100
    if section is None and roll % 100 < _RANDOM_SECTION_PERCENT:
        numbers = tuple(topic.section_themes)
        section = numbers[roll // 100 % len(numbers)]
    roll //= 10000
    pool = topic.section_themes[section] if section is not None else topic.all_themes
    count = _THEME_COUNTS[roll % 100]
    if stance == "unclear":
        count = 1 + (count > 2)
    themes = _themes(pool, min(count, len(pool)), bits)
    if stance == "mixed" and len(themes) == 1:
        themes.append(themes[0])  # both sides of the same theme
    sides = _sides(stance, len(themes), bits)

    head: list[str] = []
    roll = bits(32)
    persona = roll % 100
    if section is not None and roll // 100 % 100 < 40:
        references = tables.section_references[section]
        head.append(references[bits(8) % len(references)])
    if persona < 20:
        head.append(tables.personas[bits(8) % len(tables.personas)])
    if roll // 10000 % 100 < (50 if stance == "unclear" else 30):
        general = tables.general[stance]
        head.append(general[bits(8) % len(general)])

    body: list[list[str]] = []
    previous = -1
    for position, (theme, side) in enumerate(zip(themes, sides, strict=True)):
        if stance == "unclear":
            questions = tables.questions[theme]
            body.append([questions[bits(8) % len(questions)]])
            continue
        cores = tables.plain[theme][side]
        core = bits(16) % len(cores)
        if position == 0 and not head and 20 <= persona < 30:
            prefixes = tables.persona_prefixes
            sentence = prefixes[bits(8) % len(prefixes)] + tables.lowered[theme][side][core]
        else:
            expanded = (
                tables.lead
                if position == 0
                else tables.contrast
                if side != previous
                else tables.follow
            )[theme][side]
            width = len(expanded) // len(cores)
            sentence = expanded[core * width + bits(8) % width]
        paragraph = [sentence]
        extra = min(_EXTRA_SENTENCES[bits(3)], len(cores) - 1)
        if extra:
            offset = 1 + bits(8) % (len(cores) - extra)
            paragraph += [cores[(core + offset + i) % len(cores)] for i in range(extra)]
        body.append(paragraph)
        previous = side

    roll = bits(32)
    tail: list[str] = []
    if roll % 100 < 30:
        closings = tables.closings[stance]
        tail.append(closings[bits(8) % len(closings)])
    roll //= 100
    separator = tables.separator
    sentences = len(head) + sum(len(p) for p in body) + len(tail)
    layout = roll % 100
    if sentences >= 4 and layout < 35:
        blocks = [separator.join(head)] if head else []
        blocks += [separator.join(p) for p in body]
        if tail:
            blocks.append(separator.join(tail))
        text = tables.paragraph_separator.join(blocks)
    elif tables.language == "ja" and layout >= 90:
        text = "\n".join([*head, *(s for p in body for s in p), *tail])
    else:
        text = separator.join([*head, *(s for p in body for s in p), *tail])

    roll //= 100
    if roll % 100 < 6:
        text = typo(text, tables.language, bits)
    roll //= 100
    if tables.language == "ja" and roll % 100 < 8:
        text = change_width(text, "ja")
    elif tables.language == "en" and roll % 100 < 2:
        text = text.lower()
    roll //= 100
    if roll % 100 < 1:
        emoji = EMOJI[stance]
        text += emoji[bits(8) % len(emoji)]
    keys = tuple(dict.fromkeys(topic.theme_keys[i] for i in themes))
    return text, stance, keys, section
