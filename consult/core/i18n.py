"""Helpers for content stored in both languages (`<field>_ja` / `<field>_en` columns)."""

from typing import Any

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("ja", "en")


def current_language() -> str:
    """The active content language, `ja` or `en`."""
    lang = (get_language() or "ja")[:2]
    return lang if lang in CONTENT_LANGUAGES else "ja"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the requested or active language, falling back to the other one."""
    lang = language or current_language()
    value = getattr(obj, f"{field}_{lang}", "") or ""
    if value:
        return str(value)
    for other in CONTENT_LANGUAGES:
        value = getattr(obj, f"{field}_{other}", "") or ""
        if value:
            return str(value)
    return ""
