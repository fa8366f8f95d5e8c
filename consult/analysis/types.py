"""Plain data shared by the theme, stance, quote and pipeline layers of the analysis library.

Inputs (`CommentIn`, `CodebookTheme`, `AnalysisParams`) and outputs (`ThemeSummary`, `Quote`,
`StanceSplit`, `DuplicateGroup`, `AnalysisResult`) are frozen dataclasses holding only builtins,
tuples and numpy arrays, so the reports app can store them without knowing how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

__all__ = [
    "STANCES",
    "AnalysisParams",
    "AnalysisResult",
    "CodebookTheme",
    "CommentIn",
    "DuplicateGroup",
    "Quote",
    "Stance",
    "StanceSplit",
    "ThemeSource",
    "ThemeSummary",
]

Stance = Literal["support", "oppose", "mixed", "unclear"]
# Per-comment stance arrays hold the index of the stance in this tuple (int8).
STANCES: tuple[Stance, ...] = ("support", "oppose", "mixed", "unclear")

ThemeSource = Literal["codebook", "discovered", "candidate", "other"]


@dataclass(frozen=True, slots=True)
class CommentIn:
    """One comment to analyse: its text, the questionnaire's agree/disagree answer (Likert 1-5,
    5 = strongly agree with the proposal) when there is one, and its language if already known."""

    text: str
    likert: int | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class CodebookTheme:
    """A theme supplied by officials. Label and description may be in Japanese or English;
    examples are comment texts that raise the theme, keywords are extra cue words."""

    key: str
    label: str
    description: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalysisParams:
    """Every tunable of a run, recorded with its result so the run can be reproduced.

    Defaults are general-purpose; none is fitted to one consultation.
    """

    # Codebook assignment.
    themes_per_comment: float | None = None  # target mean; None = calibrate from the scores
    max_themes_per_comment: int = 4
    feedback_docs: int | None = None  # pseudo-relevance feedback depth; None = from corpus size
    sentence_themes: bool = True  # a comment also gets the theme each of its sentences is about
    # Share of meaning (`semantic`) against shared words in codebook scores; 0 = lexical only.
    semantic_weight: float = 0.5
    # Japanese words also carry their English glosses (`text.glossary`) in the theme features, so
    # themes match across the two languages; False = each language's own words only.
    cross_language: bool = True
    # Discovery.
    min_discovered: int = 3
    max_discovered: int = 12
    min_theme_share: float = 0.01  # smaller discovered themes fold into "other"
    min_theme_unique: int = 3
    merge_similarity: float = 0.6
    # Where at least this share of the distinct comments is in Japanese and as much in another
    # language, features only one side's comments have weigh `one_language_weight` against
    # those both share when themes are found (needs `cross_language`), so that a theme both
    # groups raise is found once; 1 = every feature alike.
    bilingual_min_share: float = 0.1
    one_language_weight: float = 0.5
    # A discovered theme of which less than this share of comments got any one codebook theme
    # is offered as a candidate.
    candidate_coverage: float = 0.5
    # Quotes.
    quotes_per_theme: int = 3
    quote_diversity: float = 0.35  # MMR weight of diversity against centrality
    quote_max_chars: int = 400
    # Stance.
    stance_classifier: bool = True
    stance_min_training: int = 20  # Likert-labelled comments per side needed to train
    # Without them, comments the lexicon decided train it instead: this many per side, and it
    # decides only at this probability either way (its labels are the lexicon's, not people's).
    stance_min_seeds: int = 8
    stance_seed_confidence: float = 0.75
    # Near-duplicates.
    dedup_threshold: float = 0.8
    dedup_num_perm: int = 64
    # Scale: models are fitted on at most this many unique texts (a seeded sample), then applied
    # to all of them.
    max_fit_docs: int = 30_000


@dataclass(frozen=True, slots=True)
class Quote:
    """A representative comment, personal data redacted."""

    comment_index: int
    text: str
    score: float
    language: str = "other"  # "ja", "en" or "other", as detected for the comment


@dataclass(frozen=True, slots=True)
class StanceSplit:
    """How many comments (duplicates counted) take each stance."""

    support: int = 0
    oppose: int = 0
    mixed: int = 0
    unclear: int = 0

    @property
    def total(self) -> int:
        """All comments counted."""
        return self.support + self.oppose + self.mixed + self.unclear


@dataclass(frozen=True, slots=True)
class ThemeSummary:
    """One theme of the report."""

    key: str
    label: str
    description: str
    source: ThemeSource
    count: int  # comments raising it, each duplicate counted (signatures)
    unique_count: int  # distinct texts raising it (voices)
    stance: StanceSplit
    quotes: tuple[Quote, ...]
    keywords: tuple[str, ...] = ()
    language: str = "other"  # the language of ``label`` and ``description``
    # The theme named in another language, ``(language, label, description)``, from its comments
    # in that language (discovered themes with enough of them, and "other").
    translations: tuple[tuple[str, str, str], ...] = ()

    def label_in(self, language: str) -> tuple[str, str]:
        """The label and description in ``language`` if the theme was named in it, else its
        own."""
        for other, label, description in self.translations:
            if other == language and label:
                return label, description
        return self.label, self.description


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """A set of near-identical comments (a form letter and its variants)."""

    group_id: int
    size: int
    canonical_index: int
    canonical_text: str
    template_index: int | None = None


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """Everything `pipeline.analyse` found; per-comment data lives in numpy arrays.

    Per comment ``i`` of the input:
    - ``group_of[i]``: its near-duplicate group id; groups of two or more come first (largest
      first), so ``groups[group_of[i]]`` is its group when ``group_of[i] < len(groups)``;
    - its themes: ``theme_index[theme_indptr[i]:theme_indptr[i + 1]]`` (indices into ``themes``)
      with ``theme_confidence`` alongside, strongest first; `themes_of` reads them;
    - ``stance[i]``: index into `STANCES`; ``stance_source[i]``: 0 Likert, 1 text lexicon,
      2 classifier trained on this consultation's Likert answers, 3 none, 4 the arguments the
      text makes about a proposal to ban or restrict something.
    """

    themes: tuple[ThemeSummary, ...]
    theme_indptr: np.ndarray
    theme_index: np.ndarray
    theme_confidence: np.ndarray
    stance: np.ndarray
    stance_source: np.ndarray
    group_of: np.ndarray
    groups: tuple[DuplicateGroup, ...]
    language: np.ndarray  # per comment: 0 en, 1 ja, 2 other
    params: AnalysisParams
    seed: int
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def n_comments(self) -> int:
        """Number of comments analysed."""
        return int(self.stance.shape[0])

    def themes_of(self, index: int) -> tuple[tuple[str, float], ...]:
        """The (theme key, confidence) pairs assigned to comment ``index``, strongest first."""
        start, stop = int(self.theme_indptr[index]), int(self.theme_indptr[index + 1])
        return tuple(
            (self.themes[int(t)].key, float(c))
            for t, c in zip(
                self.theme_index[start:stop], self.theme_confidence[start:stop], strict=True
            )
        )

    def stance_of(self, index: int) -> Stance:
        """The stance of comment ``index``."""
        return STANCES[int(self.stance[index])]
