"""Text layer of the analysis engine: normalise, detect language, tokenise, phrases.

Plain functions over ``str``; no Django. Japanese goes through SudachiPy (sudachidict-core,
split mode C); English and other space-delimited scripts through a regex tokeniser with a
stop-word list and hand-written lemmatisation. Everything is deterministic and offline.
"""

from __future__ import annotations

from consult.analysis.text.language import Language, detect_language
from consult.analysis.text.normalization import normalize, replace_surrogates
from consult.analysis.text.tokenization import ngrams, phrases, tokenize, tokenize_many

__all__ = [
    "Language",
    "detect_language",
    "ngrams",
    "normalize",
    "phrases",
    "replace_surrogates",
    "tokenize",
    "tokenize_many",
]
