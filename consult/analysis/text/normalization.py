"""Unicode normalisation for comment text (Japanese and English alike)."""

from __future__ import annotations

import re
import sys
import unicodedata

__all__ = ["normalize", "replace_surrogates"]


def _deletable_class() -> str:
    """A regex character class of the invisible and unsafe code points that are deleted.

    Format characters (zero-width, bidi overrides and isolates, tags, soft hyphen), surrogates
    (lone halves of UTF-16 pairs that slipped through decoding), variation selectors (emoji
    presentation, kanji ideographic variants) and control characters other than whitespace (the
    whitespace ones are collapsed to a space with the rest, so words on either side stay apart).
    """
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        deletable = category in ("Cf", "Cs") or (category == "Cc" and not char.isspace())
        if deletable or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


_DELETABLE = re.compile(f"[{_deletable_class()}]")
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")

_KANA = "\u3041-\u3096\u30a1-\u30fa"
_IS_KANA = re.compile(f"[{_KANA}]")
# A dash or hyphen written after kana is almost always a long-vowel mark typed with the wrong key
# (コンピュ-タ, ユ－ザ); elsewhere every dash variant becomes the ASCII hyphen.
_DASH_RUN = re.compile("[\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u30fc\uff70]+")
_DASH_VARIANTS = re.compile("[\u2010-\u2015\u2212]")
_WAVE_DASHES = re.compile("[\u301c\u223c\u2053]")
_ITERATION = re.compile("([\u3041-\u3096\u30a1-\u30fa])([\u309d\u309e\u30fd\u30fe])")
_ITERATION_MARKS = ("\u309d", "\u309e", "\u30fd", "\u30fe")
# Everything _fold_japanese_variants may change, except the katakana long-vowel mark itself
# (common, and only folded in runs, checked separately): one scan decides whether to fold.
_NEEDS_FOLDING = re.compile(
    "[\\-\u2010-\u2015\u2212\u2500\u2501\u301c\u223c\u2053\u309d\u309e\u30fd\u30fe"
    "\u30f5\u30f6\u303b\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one.

    A Python ``str`` may hold lone halves of UTF-16 pairs (from text decoded with
    ``surrogateescape`` or ``surrogatepass``, or from JavaScript strings cut mid-pair). They
    cannot be encoded as UTF-8, so native tokenisers (Sudachi, Hugging Face tokenizers) and
    storage reject them; every offset stays valid in the original text.
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _fold_dash_run(match: re.Match[str]) -> str:
    run = match.group()
    start = match.start()
    if start and _IS_KANA.match(match.string, start - 1):
        return "\u30fc"
    return "\u30fc" if run.strip("\u30fc") == "" else run


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


def _fold_japanese_variants(text: str) -> str:
    if not (_NEEDS_FOLDING.search(text) or "\u30fc\u30fc" in text):
        return text
    text = _VARIATION_SELECTORS.sub("", text)
    text = _DASH_RUN.sub(_fold_dash_run, text)
    text = _DASH_VARIANTS.sub("-", text)
    text = _WAVE_DASHES.sub("~", text)
    if any(mark in text for mark in _ITERATION_MARKS):
        text = _ITERATION.sub(_expand_iteration, text)
    if "\u30f5" in text or "\u30f6" in text or "\u303b" in text:
        text = text.replace("\u30f5", "\u30ab").replace("\u30f6", "\u30b1")
        text = text.replace("\u303b", "\u3005")
    return text


def normalize(text: str) -> str:
    """Return ``text`` in the canonical form used by every analysis step.

    Steps, in order: delete zero-width, bidi-control, control, variation-selector and lone
    surrogate code points; Unicode NFKC (folds full-width Latin and digits to ASCII and
    half-width katakana to full width); fold Japanese spelling variants (dashes typed for the
    long-vowel mark after kana, runs of long-vowel marks, dash and wave-dash variants, the kana
    iteration marks ゝゞヽヾ, small ヵ/ヶ counters); lower-case; collapse every run of whitespace
    to one space and strip both ends. Never raises for any ``str``, including the empty string.
    """
    if text.isascii():
        if not text.isprintable():
            text = _ASCII_CONTROL.sub("", text)
        return " ".join(text.lower().split())
    text = _fold(text)
    # Most comments hold nothing invisible: once whitespace is collapsed, one cheap check
    # decides whether the (slower) deletion pass is needed. Deleting can bring together
    # characters that compose or fold, so the folding runs again on what is left.
    if not text.isprintable():
        text = _fold(_DELETABLE.sub("", text))
    return text


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _fold_japanese_variants(text)
    return " ".join(text.lower().split())
