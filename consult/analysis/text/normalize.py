"""Unicode normalisation for comment text (Japanese and English alike)."""

from __future__ import annotations

import re
import sys
import unicodedata

__all__ = ["normalize"]


def _build_delete_table() -> dict[int, int | None]:
    """Map invisible and unsafe code points to None (delete) or a space.

    Deleted: format characters (zero-width, bidi overrides and isolates, tags, soft hyphen),
    surrogates (lone halves of UTF-16 pairs that slipped through decoding), variation selectors
    (emoji presentation, kanji ideographic variants), and control characters other than the
    whitespace ones, which become a space so that words on either side stay apart.
    """
    table: dict[int, int | None] = {}
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Cs"):
            table[code] = None
        elif category == "Cc":
            table[code] = ord(" ") if chr(code).isspace() else None
    for code in [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]:
        table[code] = None
    return table


_DELETE = _build_delete_table()

_KANA = "\u3041-\u3096\u30a1-\u30fa"
# A dash or hyphen written after kana is almost always a long-vowel mark typed with the wrong key
# (コンピュ-タ, ユ－ザ); elsewhere every dash variant becomes the ASCII hyphen.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u30fc\uff70"
_KANA_DASH = re.compile(f"(?<=[{_KANA}])[{_DASHES}]+")
_OTHER_DASH = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_LONG_VOWEL_RUN = re.compile("\u30fc{2,}")
_WAVE_DASH = re.compile("[\u301c\u223c\u2053]")
_ITERATION = re.compile("([\u3041-\u3096\u30a1-\u30fa])([\u309d\u309e\u30fd\u30fe])")
_SPACE = re.compile(r"\s+")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")

_SMALL_COUNTERS = str.maketrans({"\u30f5": "\u30ab", "\u30f6": "\u30b1", "\u303b": "\u3005"})


def _voiced(char: str) -> str:
    composed = unicodedata.normalize("NFC", char + "\u3099")
    return composed if len(composed) == 1 else char


def _expand_iteration(match: re.Match[str]) -> str:
    previous, mark = match.group(1), match.group(2)
    hiragana_mark = mark in "\u309d\u309e"
    if hiragana_mark != ("\u3041" <= previous <= "\u3096"):
        return match.group(0)
    repeated = _voiced(previous) if mark in "\u309e\u30fe" else previous
    return previous + repeated


def normalize(text: str) -> str:
    """Return ``text`` in the canonical form used by every analysis step.

    Steps, in order: delete zero-width, bidi-control, control, variation-selector and lone
    surrogate code points; Unicode NFKC (folds full-width Latin and digits to ASCII and
    half-width katakana to full width); fold Japanese spelling variants (dashes typed for the
    long-vowel mark after kana, runs of long-vowel marks, wave-dash variants, the kana iteration
    marks ゝゞヽヾ, small ヵ/ヶ counters); lower-case; collapse every run of whitespace to one
    space and strip both ends. Never raises for any ``str``, including the empty string.
    """
    if text.isascii():
        text = _ASCII_CONTROL.sub("", text)
        return _SPACE.sub(" ", text).strip().lower()
    text = text.translate(_DELETE)
    text = unicodedata.normalize("NFKC", text)
    text = _KANA_DASH.sub("\u30fc", text)
    text = _LONG_VOWEL_RUN.sub("\u30fc", text)
    text = _OTHER_DASH.sub("-", text)
    text = _WAVE_DASH.sub("~", text)
    text = _ITERATION.sub(_expand_iteration, text)
    text = text.translate(_SMALL_COUNTERS)
    text = text.lower()
    return _SPACE.sub(" ", text).strip()
