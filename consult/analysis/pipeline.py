"""`analyse`: a consultation's comments in, what an official needs to read out.

Steps (reported through ``progress(step, fraction)``):
1. ``dedup``: near-duplicate grouping (`consult.analysis.dedup`); a form letter sent 500,000
   times is one distinct text carrying 500,000 signatures, except the edited copies whose own
   words take the other side from the letter (`stance.contradicting_copies`), which are
   distinct texts of their own;
2. ``tokenise``: language and content words of each distinct text (`consult.analysis.text`);
3. ``stance``: per comment from its Likert answer, else from its text (lexicon, reading also
   what it says of the proposal's action, and, on a proposal to ban or restrict something, the
   arguments it makes; then a classifier trained on this consultation's Likert answers, or on
   the comments the lexicon decided) (`consult.analysis.stance`);
4. ``themes``: on the distinct texts — codebook themes (with officials' corrections as labelled
   examples; each text also gets the themes its sentences are about, `themes.sentences`;
   scored by shared words and, with the shipped embedder, by meaning, `semantic`; a theme that
   argues one side is not given to a text whose own words take the other,
   `stance.leaning_exclusions`) and candidate themes the codebook misses, or, without a
   codebook, discovered themes with labels and "other" (`consult.analysis.themes`);
5. ``quotes``: central and diverse comments per theme, personal data redacted
   (`consult.analysis.quotes`); then ``done``.

The result (`consult.analysis.types.AnalysisResult`) holds:
- ``themes``: one `ThemeSummary` per theme — key, label, description, source (codebook /
  discovered / candidate / other), ``count`` (comments, duplicates counted), ``unique_count``
  (distinct texts), stance split (comments), quotes, key phrases, language;
- per comment, in numpy arrays: theme assignments in CSR form (``theme_indptr``,
  ``theme_index``, ``theme_confidence``; read one with ``themes_of(i)``), ``stance`` and
  ``stance_source`` (int8), ``group_of`` (near-duplicate group id) and ``language``
  (0 en, 1 ja, 2 other);
- ``groups``: the near-duplicate groups with more than one member;
- ``params`` and ``seed``, so the run can be reproduced, and ``stats`` (sizes, chosen threshold,
  topic stability, seconds per step).

Corrections (comment index -> set of theme keys) are final for the comments they name; they
also become labelled examples for the codebook scorer and set the themes of the corrected
comment's distinct text, so exact and near copies of a corrected form letter follow it. Keys
that are not themes of this run are ignored. The same input, codebook,
corrections, parameters and seed give the same result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from consult.analysis.dedup import find_duplicates
from consult.analysis.semantic import Embedder, default_embedder
from consult.analysis.stance import (
    OPPOSE,
    SOURCE_LIKERT,
    SOURCE_NONE,
    SUPPORT,
    UNCLEAR,
    ProposalCues,
    apply_position_themes,
    contradicting_copies,
    leaning_exclusions,
    proposal_cues,
    read_stances,
    train_stance_classifier,
)
from consult.analysis.text import Language, detect_language, replace_surrogates, tokenize_many
from consult.analysis.themes.assign import ThemeTable, assign_themes
from consult.analysis.themes.features import fit_features
from consult.analysis.themes.sentences import split_sentences
from consult.analysis.themes.summaries import spread_to_comments, summarise_themes
from consult.analysis.types import (
    AnalysisParams,
    AnalysisResult,
    CodebookTheme,
    CommentIn,
    DuplicateGroup,
)

__all__ = ["analyse"]

_LANGUAGE_CODES = {"en": 0, "ja": 1}
_EMPTY_CORRECTIONS: Mapping[int, frozenset[str]] = {}
Progress = Callable[[str, float], None]


def _validate(comments: Sequence[CommentIn], codebook: Sequence[CodebookTheme]) -> None:
    for i, comment in enumerate(comments):
        if comment.likert is not None and not 1 <= comment.likert <= 5:
            raise ValueError(f"comments[{i}].likert must be 1-5 or None, got {comment.likert!r}")
    keys = [theme.key for theme in codebook]
    if len(set(keys)) != len(keys):
        raise ValueError("codebook theme keys must be unique")
    if "other" in keys:
        raise ValueError('"other" is reserved for comments no theme explains')


def _language(hint: str | None, text: str) -> Language:
    """The language the text is written in when its script says (Japanese or English), else the
    caller's hint when it is one we know, else "other". The hint is the language a respondent
    used the site in, and some write in the other one (an English comment sent from the
    Japanese form): read as the hint, its words went through the wrong tokeniser, and it was
    labelled and quoted as the wrong language."""
    detected = detect_language(text)
    if detected != "other":
        return detected
    known: dict[str | None, Language] = {"ja": "ja", "en": "en", "other": "other"}
    return known.get(hint) or detected


def _theme_text(theme: CodebookTheme) -> str:
    return "\n".join([theme.label, theme.description, *theme.keywords, *theme.examples])


def _deduplicate(
    texts: Sequence[str],
    templates: Sequence[str],
    params: AnalysisParams,
    seed: int,
    cues: ProposalCues,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[DuplicateGroup, ...]]:
    """Group ids per comment, each group's canonical comment and size, and the groups of two
    or more as `DuplicateGroup`. An edited copy whose own words take the other side from its
    group's letter (`contradicting_copies`) is a group of its own: one voice with the letter's
    signatures would misstate it."""
    result = find_duplicates(
        texts,
        threshold=params.dedup_threshold,
        num_perm=params.dedup_num_perm,
        seed=seed,
        templates=templates,
    )
    result = result.detach(
        contradicting_copies(
            texts,
            group_of=result.cluster_of,
            canonical_indices=result.canonical_indices,
            wording_of=result.exact_of,
            cues=cues,
        )
    )
    groups = tuple(
        DuplicateGroup(
            group_id=int(c.id),
            size=int(c.size),
            canonical_index=int(c.canonical_index),
            canonical_text=c.canonical_text,
            template_index=c.template_index,
        )
        for c in result.groups()
    )
    return (
        np.asarray(result.cluster_of, dtype=np.int64),
        np.asarray(result.canonical_indices, dtype=np.int64),
        np.asarray(result.sizes, dtype=np.float64),
        groups,
    )


def analyse(
    comments: Sequence[CommentIn],
    *,
    codebook: Sequence[CodebookTheme] = (),
    corrections: Mapping[int, frozenset[str]] = _EMPTY_CORRECTIONS,
    templates: Sequence[str] = (),
    proposal: str = "",
    seed: int = 0,
    params: AnalysisParams = AnalysisParams(),  # noqa: B008 - frozen, shared default is safe
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> AnalysisResult:
    """Analyse ``comments``: near-duplicates, themes, stance and quotes (see module docstring).

    ``proposal`` is what the comments answer (the question, or the clause commented on): the
    stance lexicon reads what comments say of its action (`consult.analysis.stance`).
    ``embedder`` compares codebook themes and comments by meaning (default: the shipped one,
    `semantic.default_embedder`, when installed and ``params.semantic_weight`` > 0).

    Raises ValueError for a Likert answer outside 1-5 or an invalid codebook; any text is fine.
    """
    _validate(comments, codebook)
    report: Progress = progress or (lambda step, fraction: None)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str, fraction: float) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[f"seconds_{name}"] = round(now - clock, 3)
        clock = now
        report(name, fraction)

    # Lone surrogates become U+FFFD here, so no step meets them and every text in the result
    # (quotes, a group's canonical text) encodes as UTF-8.
    texts = [replace_surrogates(comment.text) for comment in comments]
    n = len(texts)
    report("dedup", 0.0)
    cues = proposal_cues(proposal)
    group_of, representative, weights, groups = _deduplicate(texts, templates, params, seed, cues)
    step("dedup", 0.2)

    unique_texts = [texts[int(r)] for r in representative]
    languages: list[Language] = [
        _language(comments[int(r)].language, text)
        for r, text in zip(representative, unique_texts, strict=True)
    ]
    # Tokenised sentence by sentence; a text's tokens are its sentences' tokens. Distinct texts
    # still share most sentences (an edited form letter keeps its letter's), and each distinct
    # sentence is tokenised once: at 1,000,000 generated comments, 15 s instead of 54 s.
    tokens, sentence_tokens, sentence_owner = _sentence_tokens(unique_texts, languages)
    if not (codebook and params.sentence_themes):
        sentence_tokens, sentence_owner = [], np.zeros(0, dtype=np.int64)
    theme_tokens = tokenize_many([_theme_text(theme) for theme in codebook])
    fitted = fit_features(
        tokens,
        extra=theme_tokens,
        max_fit_docs=params.max_fit_docs,
        seed=seed,
        glosses=params.cross_language,
    )
    step("tokenise", 0.4)

    key_index = {theme.key: j for j, theme in enumerate(codebook)}
    labelled: dict[int, frozenset[int]] = {}
    for comment, keys in sorted(corrections.items()):
        if 0 <= comment < n:
            group = int(group_of[comment])
            known = frozenset(key_index[k] for k in keys if k in key_index)
            labelled[group] = labelled.get(group, frozenset()) | known
    docs = fitted[1] if fitted is not None else None
    # Stance first: a codebook theme that argues one side is not offered to a text arguing the
    # other, before the number of themes per text is set.
    likert = np.array([c.likert or 0 for c in comments], dtype=np.int8)
    group_likert = _group_likert_codes(likert, group_of, len(unique_texts))
    classifier = None
    if params.stance_classifier and docs is not None:
        classifier = train_stance_classifier(
            docs, group_likert, min_per_side=params.stance_min_training, seed=seed
        )
    # Only texts some comment of which has no Likert answer need reading.
    unanswered = np.bincount(group_of[likert == 0], minlength=len(unique_texts)) > 0
    to_read = np.flatnonzero(unanswered)
    text_codes = np.full(len(unique_texts), UNCLEAR, dtype=np.int8)
    text_sources = np.full(len(unique_texts), SOURCE_NONE, dtype=np.int8)
    text_codes[to_read], text_sources[to_read] = read_stances(
        [unique_texts[int(g)] for g in to_read],
        features=docs[to_read] if docs is not None else None,
        classifier=classifier,
        cues=cues,
        learn=params.stance_classifier,
        min_seeds=params.stance_min_seeds,
        seed_confidence=params.stance_seed_confidence,
        seed=seed,
    )
    excluded = (
        leaning_exclusions(
            [(t.label, t.description) for t in codebook],
            cues=cues,
            codes=text_codes,
            sources=text_sources,
            keep=labelled,
        )
        if codebook
        else None
    )
    step("stance", 0.5)
    if fitted is None:
        table = ThemeTable((), np.zeros((len(unique_texts), 0), dtype=np.float32))
    else:
        space, docs = fitted
        table = assign_themes(
            docs,
            unique_texts,
            languages,
            weights=weights,
            codebook=codebook,
            codebook_rows=space.transform(theme_tokens) if codebook else None,
            sentences=(
                (space.transform(sentence_tokens), sentence_owner) if sentence_tokens else None
            ),
            labelled=labelled,
            excluded=excluded,
            embedder=(embedder or default_embedder()) if codebook else None,
            params=params,
            seed=seed,
        )
    step("themes", 0.8)

    apply_position_themes(
        table.confidence,
        [(t.label, t.description) for t in codebook],
        cues=cues,
        texts=unique_texts,
        codes=text_codes,
        sources=text_sources,
        read=unanswered,
        keep=labelled,
    )
    stance = text_codes[group_of]
    stance_source = text_sources[group_of]
    answered = _likert_codes(likert)
    has_answer = answered >= 0
    stance[has_answer] = answered[has_answer]
    stance_source[has_answer] = SOURCE_LIKERT

    indptr, index, confidence = spread_to_comments(
        table.confidence, group_of, corrections, [d.key for d in table.drafts]
    )
    summaries = summarise_themes(
        table,
        indptr=indptr,
        index=index,
        stance=stance,
        group_of=group_of,
        unique_texts=unique_texts,
        representative=representative,
        docs=docs,
        token_counts=np.array([len(t) for t in tokens], dtype=np.int32),
        params=params,
        languages=languages,
    )
    step("quotes", 1.0)
    language = np.array([_LANGUAGE_CODES.get(lang, 2) for lang in languages], dtype=np.int8)
    stats = {
        "n_comments": float(n),
        "n_unique": float(len(unique_texts)),
        "n_groups_multi": float(len(groups)),
        **table.stats,
        **timings,
    }
    report("done", 1.0)
    return AnalysisResult(
        themes=summaries,
        theme_indptr=indptr,
        theme_index=index,
        theme_confidence=confidence,
        stance=stance,
        stance_source=stance_source,
        group_of=group_of,
        groups=groups,
        language=language[group_of] if n else language,
        params=params,
        seed=seed,
        stats=stats,
    )


def _sentence_tokens(
    texts: Sequence[str], languages: Sequence[Language]
) -> tuple[list[list[str]], list[list[str]], np.ndarray]:
    """Tokens of each text, tokens of each of its sentences, and the text of each sentence."""
    sentences: list[str] = []
    owner: list[int] = []
    hints: list[Language] = []
    for index, (text, language) in enumerate(zip(texts, languages, strict=True)):
        for sentence in split_sentences(text):
            sentences.append(sentence)
            owner.append(index)
            hints.append(language)
    sentence_tokens = tokenize_many(sentences, languages=hints)
    tokens: list[list[str]] = [[] for _ in texts]
    for index, words in zip(owner, sentence_tokens, strict=True):
        tokens[index].extend(words)
    return tokens, sentence_tokens, np.asarray(owner, dtype=np.int64)


def _likert_codes(likert: np.ndarray) -> np.ndarray:
    """`likert_stance` over an array (0 = no answer gives -1)."""
    codes = np.full(len(likert), -1, dtype=np.int8)
    codes[likert >= 4] = SUPPORT
    codes[likert == 3] = UNCLEAR
    codes[(likert >= 1) & (likert <= 2)] = OPPOSE
    return codes


def _group_likert_codes(likert: np.ndarray, group_of: np.ndarray, n_groups: int) -> np.ndarray:
    """Per distinct text, the majority Likert side of its comments (UNCLEAR when none/tied)."""
    support = np.bincount(group_of[likert >= 4], minlength=n_groups)
    oppose = np.bincount(group_of[(likert >= 1) & (likert <= 2)], minlength=n_groups)
    codes = np.full(n_groups, UNCLEAR, dtype=np.int8)
    codes[support > oppose] = SUPPORT
    codes[oppose > support] = OPPOSE
    return codes
