"""Script-based language detection: Japanese, English, or other."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["JAPANESE_CHARS", "Language", "detect_language"]

Language = Literal["ja", "en", "other"]

# Hiragana, katakana (with phonetic extensions and half-width forms), CJK ideographs (unified,
# extension A, compatibility, supplementary planes) and the kanji iteration / closing marks.
JAPANESE_CHARS = (
    "\u3005\u3006\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_JAPANESE = re.compile(f"[{JAPANESE_CHARS}]")
_LATIN_CHARS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff21-\uff3a\uff41-\uff5a"
_LATIN = re.compile(f"[{_LATIN_CHARS}]")
_OTHER_LETTER = re.compile(f"[^\\W\\d_{_LATIN_CHARS}{JAPANESE_CHARS}]")

# One Japanese character carries about as much content as two Latin letters (an English word
# averages five letters, a Japanese word two to three characters), so a comment that is mostly
# Japanese with an English term in it, or the reverse, goes to the script that carries more.
_JAPANESE_WEIGHT = 2


def detect_language(text: str) -> Language:
    """Return "ja", "en" or "other" for ``text`` by the share of each script.

    Japanese characters (kana and kanji) count double against Latin letters; the dominant script
    wins. Text with no letters (digits, punctuation, emoji, empty) and text dominated by another
    script (Hangul, Cyrillic, Arabic, ...) is "other". Never raises.
    """
    if text.isascii():
        return "en" if any(char.isalpha() for char in text) else "other"
    japanese = len(_JAPANESE.findall(text)) * _JAPANESE_WEIGHT
    latin = len(_LATIN.findall(text))
    other = len(_OTHER_LETTER.findall(text))
    if japanese == 0 and latin == 0:
        return "other"
    if other > max(japanese, latin):
        return "other"
    return "ja" if japanese >= latin else "en"
