"""The lexical feature space shared by codebook assignment, discovery and quotes.

Comments arrive as token lists (content words from `consult.analysis.text`). Each token is kept
and, to bridge inflection and compounding the tokeniser leaves apart, sub-word features are added:
the first five letters of a long Latin word (normalisation / normalised / normalizes) and the
character bigrams of a long Japanese compound (個人情報 -> 個人, 人情, 情報). With ``glosses``, a
Japanese word also brings its English translations (`text.glossary`: 監視 -> monitor, watch,
observation), as plain English tokens, so comments and themes in the two languages share features.
Features are TF-IDF weighted with sublinear term frequency and L2-normalised rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from consult.analysis.text.glossary import english_glosses

__all__ = ["FeatureSpace", "expand_tokens", "fit_features", "sample_indices"]

_PREFIX = 5
_MIN_CJK_COMPOUND = 3


def expand_tokens(tokens: Iterable[str]) -> list[str]:
    """Return ``tokens`` followed by their sub-word features (prefixed with ``~``)."""
    words = list(tokens)
    return words + [feature for word in words for feature in _subword(word)]


@lru_cache(maxsize=500_000)
def _subword(word: str) -> tuple[str, ...]:
    """The sub-word features of one token (computed once per distinct token)."""
    if word.isascii():
        return ("~" + word[:_PREFIX],) if len(word) > _PREFIX and word.isalpha() else ()
    if len(word) >= _MIN_CJK_COMPOUND and not _is_kana_only(word):
        return tuple("~" + word[i : i + 2] for i in range(len(word) - 1))
    return ()


def _is_kana_only(word: str) -> bool:
    return all("\u3041" <= char <= "\u30ff" for char in word)


def _identity(tokens: Sequence[str]) -> list[str]:
    return expand_tokens(tokens)


def _with_glosses(tokens: Sequence[str]) -> list[str]:
    """`expand_tokens`, plus the English glosses of the Japanese tokens with their own sub-word
    features (they bridge "monitor" and "monitoring" as in English comments)."""
    words = list(tokens)
    glossed = [feature for word in words if not word.isascii() for feature in _glossed(word)]
    return expand_tokens(words) + glossed


@lru_cache(maxsize=500_000)
def _glossed(word: str) -> tuple[str, ...]:
    glosses = english_glosses(word)
    return glosses + tuple(feature for gloss in glosses for feature in _subword(gloss))


def sample_indices(n: int, *, limit: int, seed: int) -> np.ndarray:
    """Sorted indices of a seeded sample of at most ``limit`` out of ``n`` items."""
    if n <= limit:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=limit, replace=False))


@dataclass(frozen=True)
class FeatureSpace:
    """A fitted TF-IDF vocabulary; `transform` maps token lists to L2-normalised rows."""

    vectorizer: TfidfVectorizer

    @property
    def feature_names(self) -> np.ndarray:
        """The feature (token) of each column."""
        return np.asarray(self.vectorizer.get_feature_names_out())

    @property
    def n_features(self) -> int:
        """Number of columns."""
        return len(self.vectorizer.vocabulary_)

    def transform(self, token_lists: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """TF-IDF rows for ``token_lists`` (an empty list gives an all-zero row)."""
        if not token_lists:
            return sp.csr_matrix((0, self.n_features), dtype=np.float32)
        return sp.csr_matrix(self.vectorizer.transform(token_lists), dtype=np.float32)


def fit_features(
    token_lists: Sequence[Sequence[str]],
    *,
    extra: Sequence[Sequence[str]] = (),
    max_fit_docs: int = 30_000,
    seed: int = 0,
    glosses: bool = False,
) -> tuple[FeatureSpace, sp.csr_matrix] | None:
    """Fit the vocabulary on the comments (a seeded sample when there are many) plus ``extra``
    texts (theme descriptions) and return it with the comments' rows, or None when there is no
    token at all. ``glosses``: Japanese words bring their English glosses (module note)."""
    fit_rows = sample_indices(len(token_lists), limit=max_fit_docs, seed=seed)
    fit_docs = [token_lists[int(i)] for i in fit_rows] + [list(doc) for doc in extra]
    if not any(fit_docs):
        return None
    min_df = 2 if len(fit_rows) >= 5_000 else 1
    analyzer = _with_glosses if glosses else _identity
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, sublinear_tf=True, min_df=min_df, dtype=np.float32
    )
    try:
        vectorizer.fit(fit_docs)
    except ValueError:  # every feature pruned by min_df
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)
        vectorizer.fit(fit_docs)
    space = FeatureSpace(vectorizer)
    return space, space.transform(token_lists)
