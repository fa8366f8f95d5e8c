"""Spreading distinct-text themes over every comment, and the per-theme summaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from consult.analysis.quotes import representative_quotes
from consult.analysis.themes.assign import ThemeTable
from consult.analysis.types import STANCES, AnalysisParams, Quote, StanceSplit, ThemeSummary

__all__ = ["spread_to_comments", "summarise_themes"]


def _sorted_csr(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.lexsort((cols, -values, rows))
    counts = np.bincount(rows, minlength=n_rows)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, cols[order].astype(np.int32), values[order].astype(np.float32)


def spread_to_comments(
    confidence: np.ndarray,
    group_of: np.ndarray,
    corrections: Mapping[int, frozenset[str]],
    keys: Sequence[str],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-comment CSR (indptr, theme index, confidence) from the distinct texts' ``confidence``
    matrix; each comment inherits its group's themes, strongest first. ``corrections`` replace
    the themes of the comments they name (confidence 1); unknown keys are ignored."""
    n = len(group_of)
    u_rows, u_cols = np.nonzero(confidence)
    u_ptr, u_idx, u_conf = _sorted_csr(u_rows, u_cols, confidence[u_rows, u_cols], len(confidence))
    counts = np.diff(u_ptr)[group_of] if n else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    positions = np.repeat(u_ptr[:-1][group_of] - indptr[:-1], counts) + np.arange(indptr[-1])
    index, values = u_idx[positions], u_conf[positions]
    column = {key: j for j, key in enumerate(keys)}
    fixed = {i: ks for i, ks in corrections.items() if 0 <= i < n}
    if not fixed:
        return indptr, index, values
    rows = np.repeat(np.arange(n), counts)
    keep = ~np.isin(rows, np.fromiter(fixed.keys(), dtype=np.int64))
    extra = [(i, column[k]) for i, ks in sorted(fixed.items()) for k in sorted(ks) if k in column]
    extra_rows = np.array([r for r, _ in extra], dtype=np.int64)
    extra_cols = np.array([c for _, c in extra], dtype=np.int64)
    return _sorted_csr(
        np.concatenate([rows[keep], extra_rows]),
        np.concatenate([index[keep].astype(np.int64), extra_cols]),
        np.concatenate([values[keep], np.ones(len(extra), dtype=np.float32)]),
        n,
    )


def summarise_themes(
    table: ThemeTable,
    *,
    indptr: np.ndarray,
    index: np.ndarray,
    stance: np.ndarray,
    group_of: np.ndarray,
    unique_texts: Sequence[str],
    representative: np.ndarray,
    docs: sp.csr_matrix | None,
    token_counts: np.ndarray,
    params: AnalysisParams,
    languages: Sequence[str] | None = None,
) -> tuple[ThemeSummary, ...]:
    """One `ThemeSummary` per theme of ``table``: counts (comments and distinct texts), stance
    split over comments, and quotes from the distinct texts.

    ``languages`` (per distinct text) let a theme that both languages raise be quoted in both:
    up to ``params.quotes_per_theme`` quotes from its comments in each language with a fifth or
    more of them, its main language first, so that a report in either language can quote its
    own language first (each quote carries its language)."""
    n_themes = len(table.drafts)
    n_stances = len(STANCES)
    rows = np.repeat(np.arange(len(group_of)), np.diff(indptr))
    counts = np.bincount(index, minlength=n_themes)
    pairs = np.unique(group_of[rows] * max(n_themes, 1) + index)
    unique_counts = np.bincount(pairs % max(n_themes, 1), minlength=n_themes)
    split = np.bincount(
        index.astype(np.int64) * n_stances + stance[rows], minlength=n_themes * n_stances
    ).reshape(n_themes, n_stances)
    summaries = []
    for t, draft in enumerate(table.drafts):
        quotes: tuple = ()
        members = np.flatnonzero(table.confidence[:, t] > 0)
        if docs is not None and len(members):
            found: list[Quote] = []
            for group in _language_groups(members, languages):
                found.extend(
                    replace(quote, language=_language_of(languages, quote, representative, group))
                    for quote in representative_quotes(
                        [unique_texts[int(m)] for m in group],
                        docs[group],
                        table.confidence[group, t],
                        representative[group],
                        k=params.quotes_per_theme,
                        diversity=params.quote_diversity,
                        max_chars=params.quote_max_chars,
                        lengths=token_counts[group],
                    )
                )
            quotes = tuple(found)
        summaries.append(
            ThemeSummary(
                key=draft.key,
                label=draft.label,
                description=draft.description,
                source=draft.source,
                count=int(counts[t]),
                unique_count=int(unique_counts[t]),
                stance=StanceSplit(*(int(v) for v in split[t])),
                quotes=quotes,
                keywords=draft.keywords,
                language=draft.language,
                translations=draft.translations,
            )
        )
    return tuple(summaries)


# A theme's comments in its second language are quoted apart when they make up at least this
# share of its distinct texts (and two or more): as theme labels are named in both languages.
_SECOND_LANGUAGE_SHARE = 0.2
_SECOND_LANGUAGE_MIN = 2


def _language_groups(members: np.ndarray, languages: Sequence[str] | None) -> list[np.ndarray]:
    """``members`` as one group, or, when a second language (Japanese or English) holds enough
    of them, as the second language's members and all the others (main first)."""
    if languages is None or len(members) < 2 * _SECOND_LANGUAGE_MIN:
        return [members]
    codes = np.array([languages[int(m)] for m in members], dtype=object)
    japanese, english = codes == "ja", codes == "en"
    second = min(int(japanese.sum()), int(english.sum()))
    if second < max(_SECOND_LANGUAGE_MIN, _SECOND_LANGUAGE_SHARE * len(members)):
        return [members]
    main_is_japanese = japanese.sum() >= english.sum()
    # Comments in neither language stay with the main group: they may be quoted as before.
    second_language = english if main_is_japanese else japanese
    return [members[~second_language], members[second_language]]


def _language_of(
    languages: Sequence[str] | None, quote: Quote, representative: np.ndarray, group: np.ndarray
) -> str:
    """The language of the distinct text ``quote`` was taken from (one of ``group``)."""
    if languages is None:
        return "other"
    position = np.flatnonzero(representative[group] == quote.comment_index)
    return languages[int(group[position[0]])] if len(position) else "other"
