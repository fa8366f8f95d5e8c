"""Tokenisation of whole comments: script runs routed to the Japanese or English analyser."""

from __future__ import annotations

import re
from collections.abc import Sequence

from consult.analysis.text.english import english_tokens
from consult.analysis.text.japanese import japanese_tokens
from consult.analysis.text.language import JAPANESE_CHARS, Language
from consult.analysis.text.normalization import normalize

__all__ = ["ngrams", "phrases", "tokenize", "tokenize_many"]

_JAPANESE = re.compile(f"[{JAPANESE_CHARS}]")
_JAPANESE_RUN = re.compile(f"[{JAPANESE_CHARS}]+")
# A run of Latin-script words (with the spaces, digits and inner punctuation between them); what
# lies between such runs is a Japanese (or other-script) segment and keeps its punctuation, so
# Sudachi sees whole sentences.
_LATIN_RUN = re.compile(
    r"[a-z\u00c0-\u024f][a-z0-9\u00c0-\u024f'’]*(?:[\s\-.,:;/0-9]+[a-z\u00c0-\u024f][a-z0-9\u00c0-\u024f'’]*)*"
)


def _tokens_of_normalized(text: str, language: Language | None) -> list[str]:
    if not _JAPANESE.search(text):
        return english_tokens(text)
    if language == "en":
        return english_tokens(_JAPANESE_RUN.sub(" ", text))
    tokens: list[str] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        tokens.extend(_segment_tokens(text[position : match.start()]))
        tokens.extend(english_tokens(match.group()))
        position = match.end()
    tokens.extend(_segment_tokens(text[position:]))
    return tokens


def _segment_tokens(segment: str) -> Sequence[str]:
    if _JAPANESE.search(segment):
        return japanese_tokens(segment)
    return english_tokens(segment)


def tokenize(text: str, *, language: Language | None = None) -> list[str]:
    """Content words of ``text`` (normalised first), stop-words removed, in reading order.

    With ``language=None`` (the default) each script run is tokenised by its own analyser:
    Japanese runs by Sudachi (nouns joined into compounds, verbs and adjectives in normalised
    dictionary form), Latin runs by the English rules (lower-cased, lemmatised). ``"ja"`` and
    ``"other"`` behave the same way; ``"en"`` skips Sudachi and keeps only space-delimited
    words. Never raises.
    """
    return _tokens_of_normalized(normalize(text), language)


def tokenize_many(
    texts: Sequence[str], *, languages: Sequence[Language | None] | None = None
) -> list[list[str]]:
    """``tokenize`` over many texts: the fast batched path.

    Identical texts are tokenised once (form-letter campaigns repeat the same text thousands of
    times); Japanese segments are cached across calls and one Sudachi tokenizer is reused.
    ``languages``, if given, is one hint per text as for ``tokenize``. Each returned list is
    a fresh list, safe to modify.
    """
    if languages is not None and len(languages) != len(texts):
        raise ValueError("languages must have one entry per text")
    cache: dict[tuple[str, Language | None], list[str]] = {}
    result: list[list[str]] = []
    for index, text in enumerate(texts):
        hint = languages[index] if languages is not None else None
        key = (text, hint)
        tokens = cache.get(key)
        if tokens is None:
            tokens = _tokens_of_normalized(normalize(text), hint)
            cache[key] = tokens
        result.append(list(tokens))
    return result


def ngrams(tokens: Sequence[str], n: int = 2) -> list[tuple[str, ...]]:
    """Consecutive ``n``-token windows of ``tokens``."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _join(first: str, second: str) -> str:
    japanese = _JAPANESE.search(first[-1]) and _JAPANESE.search(second[0])
    return first + second if japanese else f"{first} {second}"


def phrases(tokens: Sequence[str], *, min_chars: int = 2) -> list[str]:
    """Readable two-word phrases from consecutive content ``tokens``.

    Adjacent distinct tokens of at least ``min_chars`` characters each, joined with a space for
    Latin script and without one for Japanese ("facial recognition", "監視カメラ設置"). Useful
    for theme labels; combine with counts across comments to keep the phrases that recur.
    """
    result = []
    for first, second in ngrams(tokens, 2):
        if first != second and len(first) >= min_chars and len(second) >= min_chars:
            result.append(_join(first, second))
    return result
