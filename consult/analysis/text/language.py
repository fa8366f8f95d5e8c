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

_KANA = re.compile(
    "[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]"
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters of written Chinese that Japanese does not use: simplified forms whose Japanese
# counterparts differ (这 這, 说 説, 时 時, 对 対, 识 識, 脸 顔 ...) and the particles and words of
# Chinese sentences (们, 吗, 呢, 么). Japanese prose always has kana in it; a comment with none and
# with these is Chinese, not Japanese.
_CHINESE_ONLY = re.compile(
    "[这们说时对为么吗呢还让过应该识监隐脸关门问题发认觉经实现样开见进动长个东车书边"  # simplified
    "們說嗎讓應隱臉關發覺經實樣邊麼]"  # traditional forms Japanese writes otherwise
)
_CHINESE_MIN_MARKERS = 2

# One Japanese character carries about as much content as two Latin letters (an English word
# averages five letters, a Japanese word two to three characters), so a comment that is mostly
# Japanese with an English term in it, or the reverse, goes to the script that carries more.
_JAPANESE_WEIGHT = 2


def detect_language(text: str) -> Language:
    """Return "ja", "en" or "other" for ``text`` by the share of each script.

    Japanese characters (kana and kanji) count double against Latin letters; the dominant script
    wins. Text with no letters (digits, punctuation, emoji, empty), text dominated by another
    script (Hangul, Cyrillic, Arabic, ...) and Chinese (ideographs without kana, with forms only
    Chinese uses) is "other". Never raises.
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
    if japanese >= latin and _looks_chinese(text):
        return "other"
    return "ja" if japanese >= latin else "en"


def _looks_chinese(text: str) -> bool:
    """Ideographs without a single kana, with characters or particles only Chinese uses."""
    if _KANA.search(text) or not _HAN.search(text):
        return False
    return len(_CHINESE_ONLY.findall(text)) >= _CHINESE_MIN_MARKERS
