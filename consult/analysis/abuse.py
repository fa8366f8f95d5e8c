"""Abuse signals in Japanese and English comments, for the moderation queue.

Three kinds of span, each an offset range into the ORIGINAL text:

- ``abuse``: a word or phrase of the curated lists shipped with the package
  (``data/abuse_en.txt``, ``data/abuse_ja.txt``), matched on the normalised text
  (`consult.analysis.text.normalize`: NFKC, lower case, invisible characters removed) with
  katakana folded to hiragana, so "Ｆｕｃｋ", "f\u200buck", "ｷﾁｶﾞｲ" and "きちがい" all match.
  English entries match whole words; Japanese entries match anywhere (Japanese has no spaces).
- ``all_caps``: a run of five or more capitalised Latin words holding 20 letters or more
  (shouting), full-width letters included.
- ``link_spam``: the links of a comment with three links or more, or with links and fewer than
  20 other visible characters (a comment that is little but a link).

A flag only sends a comment to a moderator; nothing is removed here. Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from consult.analysis.text import normalize

__all__ = ["ABUSE_KINDS", "AbuseSpan", "abuse_words", "find_abuse"]

ABUSE_KINDS = ("abuse", "all_caps", "link_spam")
ALL_CAPS_MIN_WORDS = 5
ALL_CAPS_MIN_LETTERS = 20
LINK_SPAM_MIN_LINKS = 3
LINK_SPAM_OTHER_CHARS = 20


@dataclass(frozen=True, slots=True)
class AbuseSpan:
    """An abuse signal at ``text[start:end]`` of the original text."""

    start: int
    end: int
    kind: str


_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
# Same-length fold of full-width Latin letters, so offsets stay those of the original.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE[0x3000] = ord(" ")
_VOICING = frozenset("\uff9e\uff9f\u3099\u309a")
_CAPS_RUN = re.compile(
    r"(?<![A-Za-z])[A-Z][A-Z']*(?:[\s,.!?;:\"&/\-]{1,3}[A-Z][A-Z']*)"
    + f"{{{ALL_CAPS_MIN_WORDS - 1},}}"
    + r"(?![A-Za-z])"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'、。「」（）()]+", re.IGNORECASE)


def _fold(text: str) -> str:
    """Normalised form used for matching: `normalize` with katakana as hiragana."""
    return normalize(text).translate(_KATAKANA)


def _read_list(name: str) -> list[str]:
    text = resources.files("consult.analysis").joinpath(f"data/{name}").read_text("utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return sorted({_fold(entry) for entry in entries if entry}, key=lambda e: (-len(e), e))


@cache
def abuse_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The curated (English, Japanese) lists, normalised as matching sees them."""
    return tuple(_read_list("abuse_en.txt")), tuple(_read_list("abuse_ja.txt"))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    english, japanese = abuse_words()
    words = "|".join(r"\s+".join(re.escape(part) for part in entry.split()) for entry in english)
    return (
        re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])"),
        re.compile("|".join(re.escape(entry) for entry in japanese)),
    )


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The text folded character by character, with each folded character's original index."""
    out: list[str] = []
    origins: list[int] = []
    index = 0
    while index < len(text):
        # A kana and the voicing mark after it (ｶﾞ, か + U+3099) fold together into one kana.
        width = 2 if text[index + 1 : index + 2] in _VOICING else 1
        chunk = text[index : index + width]
        piece = " " if chunk.isspace() else _fold(chunk)
        out.append(piece)
        origins.extend([index] * len(piece))
        if width == 2 and piece:
            origins[-1] = index + 1
        index += width
    return "".join(out), origins


def _word_spans(text: str) -> Iterable[AbuseSpan]:
    english, japanese = _patterns()
    whole = _fold(text)
    if not english.search(whole) and not japanese.search(whole):
        return []
    folded, origins = _folded_with_origins(text)
    found = [
        AbuseSpan(origins[m.start()], origins[m.end() - 1] + 1, "abuse")
        for pattern in (english, japanese)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    # Folding the whole text can join what folding character by character cannot (a kana and
    # a separate voicing mark): the word is there, so the comment is flagged as a whole.
    return found or [AbuseSpan(0, len(text), "abuse")]


def _caps_spans(text: str) -> Iterable[AbuseSpan]:
    wide = text.translate(_WIDE)
    for match in _CAPS_RUN.finditer(wide):
        if sum(char.isalpha() for char in match.group()) >= ALL_CAPS_MIN_LETTERS:
            yield AbuseSpan(match.start(), match.end(), "all_caps")


def _link_spans(text: str) -> Iterable[AbuseSpan]:
    links = list(_URL.finditer(text.translate(_WIDE)))
    if not links:
        return []
    visible = sum(not char.isspace() for char in text)
    linked = sum(m.end() - m.start() for m in links)
    if len(links) >= LINK_SPAM_MIN_LINKS or visible - linked < LINK_SPAM_OTHER_CHARS:
        return [AbuseSpan(m.start(), m.end(), "link_spam") for m in links]
    return []


def find_abuse(text: str) -> list[AbuseSpan]:
    """Abuse signals in ``text`` (see the module docstring), sorted by start; spans of
    different kinds may overlap. Never raises for any ``str``."""
    spans = [*_word_spans(text), *_caps_spans(text), *_link_spans(text)]
    return sorted(set(spans), key=lambda span: (span.start, span.end, span.kind))
