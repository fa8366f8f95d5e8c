"""From scores to theme sets: codebook, discovered and candidate themes on distinct texts.

Works on the distinct texts of a consultation (one row per near-duplicate group); `pipeline`
spreads the result over every comment. The output is a dense confidence matrix (texts x themes,
0 = not assigned) plus a `ThemeDraft` per column saying what the theme is.

Without a codebook, the texts no discovered theme explains (those of themes folded for being
too small or having no phrase to be named by, and those no topic reaches) form one "other"
theme: key `OTHER_KEY`, source "other", no key phrases, always the last column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from consult.analysis.semantic import Embedder, codebook_similarity
from consult.analysis.text import detect_language
from consult.analysis.themes.codebook import (
    calibrate_threshold,
    feedback_depth,
    fit_codebook,
    select_themes,
    standardise,
)
from consult.analysis.themes.discover import discover_topics
from consult.analysis.themes.features import sample_indices
from consult.analysis.themes.labels import label_topics, other_label
from consult.analysis.themes.merge import MEMBER_LEVEL, candidate_topics, fold_small, merge_similar
from consult.analysis.themes.sentences import raised_by_sentences, sentence_threshold
from consult.analysis.types import AnalysisParams, CodebookTheme, ThemeSource

__all__ = ["OTHER_KEY", "ThemeDraft", "ThemeTable", "assign_themes"]

OTHER_KEY = "other"  # the one theme of comments no discovered theme explains, always last
_LABEL_SAMPLE = 10_000
_EXCLUDED_SCORE = -1e3  # standardised scores: far below any threshold


@dataclass(frozen=True)
class ThemeDraft:
    """A theme before counting: identity, wording and source."""

    key: str
    label: str
    description: str
    source: ThemeSource
    keywords: tuple[str, ...] = ()
    language: str = "other"
    translations: tuple[tuple[str, str, str], ...] = ()  # see `TopicLabel.translations`


@dataclass(frozen=True)
class ThemeTable:
    """Confidence of each theme for each distinct text (0 = not assigned)."""

    drafts: tuple[ThemeDraft, ...]
    confidence: np.ndarray
    stats: dict[str, float] = field(default_factory=dict)


def _codebook_columns(
    docs: sp.csr_matrix,
    theme_rows: sp.csr_matrix,
    *,
    sentences: tuple[sp.csr_matrix, np.ndarray] | None,
    labelled: Mapping[int, frozenset[int]],
    excluded: np.ndarray | None,
    semantic: np.ndarray | None,
    weights: np.ndarray,
    empty: np.ndarray,
    params: AnalysisParams,
    seed: int,
    stats: dict[str, float],
) -> tuple[np.ndarray, float]:
    model = fit_codebook(
        docs, theme_rows, labelled=labelled, feedback_docs=params.feedback_docs, seed=seed
    )
    scores = model.scores(docs)
    if semantic is not None:
        # Both standardised per theme, so the weight means the same in every consultation. A
        # theme's classifier learnt from officials' corrections takes over from meaning as it
        # takes over from words (measured: a fixed weight cost 0.02-0.03 F1 at 25 corrections).
        w = params.semantic_weight * (1.0 - model.trust)
        scores = standardise((1.0 - w) * scores + w * standardise(semantic))
    if excluded is not None:
        scores = np.where(excluded, _EXCLUDED_SCORE, scores)
    # Not read off the corrections: officials correct the comments they notice, not a random
    # sample, and their mean theme count misled the threshold in measurement.
    target = params.themes_per_comment
    live = ~empty
    threshold = calibrate_threshold(
        scores[live],
        target_mean=target,
        max_per_comment=params.max_themes_per_comment,
        weights=weights[live],
    )
    raised = None
    # A target mean fixes the count per comment; sentences would add to it.
    if sentences is not None and target is None and params.sentence_themes:
        rows, owner = sentences
        sentence_z = sentence_threshold(model)
        raised, best = raised_by_sentences(
            model, rows, owner, n_docs=docs.shape[0], threshold=sentence_z
        )
        scores = np.where(raised, np.maximum(scores, best), scores)
        if excluded is not None:
            raised &= ~excluded
            scores = np.where(excluded, _EXCLUDED_SCORE, scores)
        stats["codebook_sentence_threshold"] = sentence_z
    chosen = select_themes(
        scores,
        threshold=threshold,
        max_per_comment=params.max_themes_per_comment,
        empty=empty,
        raised=raised,
    )
    confidence = np.zeros(scores.shape, dtype=np.float32)
    rows = np.repeat(np.arange(scores.shape[0]), chosen.counts_per_doc())
    confidence[rows, chosen.indices] = np.maximum(chosen.confidence, 1e-3)
    for doc, keys in labelled.items():
        confidence[doc] = 0.0
        confidence[doc, sorted(keys)] = 1.0
    return confidence, threshold


def _discovered_columns(
    docs: sp.csr_matrix,
    texts: Sequence[str],
    languages: Sequence[str],
    *,
    weights: np.ndarray,
    empty: np.ndarray,
    assigned: np.ndarray | None,
    params: AnalysisParams,
    seed: int,
    codebook_names: frozenset[str] = frozenset(),
) -> tuple[list[ThemeDraft], np.ndarray, dict[str, float]]:
    topics = discover_topics(
        _shared_weighted(docs, languages, params),
        min_k=params.min_discovered,
        max_k=params.max_discovered,
        seed=seed,
        max_fit_docs=params.max_fit_docs,
    )
    stats: dict[str, float] = {f"stability_k{k}": v for k, v in topics.stability.items()}
    stats["topics_fitted"] = float(topics.k)
    member_weight, _, _ = merge_similar(
        topics.weights, topics.components, threshold=params.merge_similarity
    )
    members = (member_weight >= MEMBER_LEVEL) & ~empty[:, None]
    keep = fold_small(
        (members * weights[:, None]).sum(axis=0),
        members.sum(axis=0),
        total_weight=float(weights[~empty].sum()),
        min_share=params.min_theme_share,
        min_unique=params.min_theme_unique,
    )
    kept = np.flatnonzero(keep)
    source: ThemeSource = "discovered"
    if assigned is not None:
        kept = kept[
            candidate_topics(members[:, kept], assigned, coverage=params.candidate_coverage)
        ]
        source = "candidate"
    # A candidate keeps every comment it was found in, codebook themes or not: comments raise
    # several themes, and one the codebook lacks is raised beside those it has.
    strength = np.where(members[:, kept], member_weight[:, kept], 0.0).astype(np.float32)
    rows = sample_indices(len(texts), limit=_LABEL_SAMPLE, seed=seed)
    sizes = (strength > 0).astype(np.float64).T @ weights
    labels = label_topics(
        [texts[int(i)] for i in rows],
        [languages[int(i)] for i in rows],
        strength[rows],
        sizes=[int(s) for s in sizes],
    )
    # A topic with no phrase to name it by is no theme of its own: like a folded one, it leaves
    # its comments to the other themes they belong to, or else to "other" (a candidate nobody
    # could name is not offered).
    # Nor is a candidate offered under a name the codebook already has: officials who merged a
    # theme into another (its label is then the other's keyword) would see it come back.
    known = np.array([_name(label.label) in codebook_names for label in labels], dtype=bool)
    named = np.array([label.named for label in labels], dtype=bool) & ~known
    strength = strength[:, named]
    labels = [label for label, keep in zip(labels, named, strict=True) if keep]
    stats["themes_kept"] = float(len(labels))
    stats["themes_unnamed"] = float(np.count_nonzero(~named & ~known))
    stats["candidates_named_in_codebook"] = float(np.count_nonzero(known))
    drafts = [
        ThemeDraft(
            f"{source}-{n + 1:02d}",
            lab.label,
            lab.description,
            source,
            lab.keywords,
            lab.language,
            lab.translations,
        )
        for n, lab in enumerate(labels)
    ]
    if assigned is None:
        unexplained = ~empty & (strength.sum(axis=1) == 0)
        if unexplained.any():
            other = other_label("ja" if _mostly_japanese(languages, unexplained) else "en")
            drafts.append(
                ThemeDraft(
                    OTHER_KEY,
                    other.label,
                    other.description,
                    "other",
                    (),
                    other.language,
                    other.translations,
                )
            )
            strength = np.column_stack([strength, unexplained.astype(np.float32) * 0.5])
    return drafts, strength, stats


def _shared_weighted(
    docs: sp.csr_matrix, languages: Sequence[str], params: AnalysisParams
) -> sp.csr_matrix:
    """``docs`` for finding topics. In a consultation with comments in both Japanese and
    another language, the features only one side's comments have (Japanese words, English
    words no Japanese gloss gives) weigh ``params.one_language_weight`` against those both
    sides share (English words and the glosses of Japanese ones), rows normalised again.
    Otherwise a theme both groups raise is found twice, once per language, each with part of
    its comments."""
    weight = params.one_language_weight
    n = docs.shape[0]
    if weight >= 1.0 or not params.cross_language or n == 0:
        return docs
    japanese = np.fromiter((lang == "ja" for lang in languages), dtype=bool, count=n)
    share = float(japanese.mean())
    if not params.bilingual_min_share <= share <= 1.0 - params.bilingual_min_share:
        return docs
    # Which side's rows each stored value is in, without copying the matrix by rows.
    side = np.repeat(japanese, np.diff(docs.indptr))
    columns = docs.shape[1]
    in_ja = np.bincount(docs.indices[side], minlength=columns) > 0
    in_other = np.bincount(docs.indices[~side], minlength=columns) > 0
    scale = np.where(in_ja & in_other, 1.0, weight).astype(docs.dtype)
    weighted = sp.csr_matrix(
        (docs.data * scale[docs.indices], docs.indices, docs.indptr), shape=docs.shape
    )
    return normalize(weighted, copy=False)


def _name(label: str) -> str:
    return " ".join(label.casefold().split())


def _codebook_names(codebook: Sequence[CodebookTheme]) -> frozenset[str]:
    """The codebook's theme labels and keywords, as `_name` compares them."""
    return frozenset(_name(name) for t in codebook for name in (t.label, *t.keywords) if name)


def _mostly_japanese(languages: Sequence[str], mask: np.ndarray) -> bool:
    chosen = [languages[int(i)] for i in np.flatnonzero(mask)]
    return sum(lang == "ja" for lang in chosen) * 2 > len(chosen)


def _semantic_scores(
    embedder: Embedder | None,
    texts: Sequence[str],
    codebook: Sequence[CodebookTheme],
    params: AnalysisParams,
    stats: dict[str, float],
) -> np.ndarray | None:
    if embedder is None or params.semantic_weight <= 0 or not len(texts):
        return None
    theme_texts = [" ".join((t.label, t.description, *t.keywords, *t.examples)) for t in codebook]
    depth = feedback_depth(len(texts), len(codebook), params.feedback_docs)
    stats["codebook_semantic_weight"] = params.semantic_weight
    return codebook_similarity(embedder, texts, theme_texts, feedback_docs=depth)


def assign_themes(
    docs: sp.csr_matrix,
    texts: Sequence[str],
    languages: Sequence[str],
    *,
    weights: np.ndarray,
    codebook: Sequence[CodebookTheme] = (),
    codebook_rows: sp.csr_matrix | None = None,
    sentences: tuple[sp.csr_matrix, np.ndarray] | None = None,
    labelled: Mapping[int, frozenset[int]] | None = None,
    excluded: np.ndarray | None = None,
    embedder: Embedder | None = None,
    params: AnalysisParams = AnalysisParams(),  # noqa: B008 - frozen, shared default is safe
    seed: int = 0,
) -> ThemeTable:
    """Themes for the distinct texts (rows of ``docs``, with their ``texts``, ``languages`` and
    duplicate ``weights``): codebook themes plus uncovered candidate themes when a codebook is
    given, otherwise discovered themes and, last, at most one "other" theme.

    ``sentences`` (feature rows of the texts' sentences and the text of each) let a text raise
    every codebook theme one of its sentences is about (`sentences`). With an ``embedder``,
    codebook scores blend the lexical match with similarity of meaning
    (``params.semantic_weight``; `semantic`). ``excluded`` (texts x codebook themes, bool) marks
    themes a text cannot have (a theme arguing the side the text argues against): they are
    left out before the number of themes per text is calibrated, so others take their place."""
    empty = np.asarray(docs.getnnz(axis=1) == 0)
    weights = np.asarray(weights, dtype=np.float64)
    stats: dict[str, float] = {}
    columns: list[np.ndarray] = []
    drafts: list[ThemeDraft] = []
    assigned: np.ndarray | None = None
    if codebook and codebook_rows is not None:
        confidence, threshold = _codebook_columns(
            docs,
            codebook_rows,
            sentences=sentences,
            labelled=labelled or {},
            excluded=excluded,
            semantic=_semantic_scores(embedder, texts, codebook, params, stats),
            weights=weights,
            empty=empty,
            params=params,
            seed=seed,
            stats=stats,
        )
        stats["codebook_threshold"] = threshold
        columns.append(confidence)
        assigned = confidence > 0
        drafts.extend(
            ThemeDraft(
                t.key,
                t.label,
                t.description,
                "codebook",
                t.keywords,
                detect_language(f"{t.label} {t.description}"),
            )
            for t in codebook
        )
    if docs.shape[0] and docs.nnz:
        found, strength, found_stats = _discovered_columns(
            docs,
            texts,
            languages,
            weights=weights,
            empty=empty,
            assigned=assigned,
            params=params,
            seed=seed,
            codebook_names=_codebook_names(codebook),
        )
        stats.update(found_stats)
        drafts.extend(found)
        columns.append(strength)
    matrix = (
        np.hstack(columns).astype(np.float32)
        if columns
        else np.zeros((docs.shape[0], 0), dtype=np.float32)
    )
    return ThemeTable(tuple(drafts), matrix, stats)
