"""Stance toward the proposal: support / oppose / mixed / unclear.

Per comment, in order of trust:
1. the questionnaire's agree/disagree answer (Likert 1-5): 4-5 support, 1-2 oppose, 3 unclear;
2. otherwise the text, read with a bilingual lexicon of support and opposition cues with negation
   handling ("I do not support" opposes, 必要ない opposes, 反対ではない is not opposition);
   cues on both sides make the comment mixed;
3. where the lexicon finds no cue, a classifier trained on this consultation's own Likert-labelled
   comments (a free, consultation-specific training set) decides when it is confident.
Codes are indices into `consult.analysis.types.STANCES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from consult.analysis.text import normalize
from consult.analysis.types import STANCES

__all__ = [
    "MIXED",
    "OPPOSE",
    "SOURCE_CLASSIFIER",
    "SOURCE_LEXICON",
    "SOURCE_LIKERT",
    "SOURCE_NONE",
    "SUPPORT",
    "UNCLEAR",
    "lexicon_stance",
    "likert_stance",
    "stance_many",
    "train_stance_classifier",
]

SUPPORT, OPPOSE, MIXED, UNCLEAR = (STANCES.index(s) for s in STANCES)
SOURCE_LIKERT, SOURCE_LEXICON, SOURCE_CLASSIFIER, SOURCE_NONE = 0, 1, 2, 3
_CLASSIFIER_CONFIDENCE = 0.65

_EN_SUPPORT = (
    r"\bi (?:fully |strongly |wholeheartedly )?(?:support|agree|welcome|endorse|approve)\b",
    r"\b(?:support|welcome|endorse|applaud)s? (?:the|this|these|your) "
    r"(?:proposal|plan|policy|change|measure|rule)s?",
    r"\bin (?:favour|favor) of\b",
    r"\b(?:good|great|excellent|sensible) (?:idea|proposal|plan|step|move)\b",
    r"\b(?:yes|absolutely|definitely)\b[,.! ]",
    r"\bplease (?:go ahead|implement|introduce|proceed|adopt)\b",
    r"\b(?:long )?overdue\b",
    r"\bshould (?:be )?(?:go ahead|implemented|adopted|introduced|approved)\b",
)
_EN_OPPOSE = (
    r"\bi (?:strongly |firmly |completely )?(?:oppose|object|disagree|reject)\b",
    r"\bi (?:do not|don't|cannot|can't|could not|couldn't) (?:support|agree|endorse|accept)\b",
    r"\b(?:oppose|reject|object to)s? (?:the|this|these|any) ",
    r"\b(?:i am|i'm|we are|we're) against\b",
    r"\bshould(?: not|n't) (?:be )?(?:go ahead|implement|adopt|introduce|proceed|happen)",
    r"\b(?:excessive|unnecessary|overreach|disproportionate|too extreme|too far|heavy-handed)\b",
    r"\b(?:scrap|withdraw|abandon|drop) (?:the|this|it)\b",
    r"\bbad (?:idea|proposal|policy)\b",
    r"\b(?:won't|will not|doesn't|does not|wouldn't) work\b",
    r"\bnanny state\b",
    r"\bno need (?:for|to)\b",
)
_EN_NEGATION = re.compile(
    r"\b(?:not|never|don't|do not|doesn't|does not|cannot|can't|no longer)\s+$"
)

_JA_SUPPORT = (
    r"賛成",
    r"支持し",
    r"支持す",
    r"同意",
    r"歓迎",
    r"必要だ",
    r"必要です",
    r"必要である",
    r"(?:導入|推進|実施|進め)(?:る|す)べき",
    r"期待し",
    r"良い(?:取り組み|施策|制度|案)",
)
_JA_OPPOSE = (
    r"反対",
    r"懸念",
    r"不安",
    r"(?:必要|意味)(?:は|が)?(?:ない|ありません|無い)",
    r"不要",
    r"(?:中止|撤回|廃止)(?:す|し|を|して|すべき)",
    r"見直(?:す|し)",
    r"(?:べきでは|べきで)(?:ない|ありません)",
    r"(?:認め|容認|受け入れ)られ(?:ない|ません)",
    r"(?:許さ|許せ)(?:ない|ません|れない)",
    r"問題(?:が|は)?(?:ある|あります|多い)",
    r"危険",
)
_JA_NEGATION = re.compile(
    r"(?:では|じゃ|で)?(?:ない|ありません|ないです|できない|できません|しない|しません)"
)


def _compile(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_LATIN = re.compile("[a-z]")
_EN_SUPPORT_RE = _compile(_EN_SUPPORT)
_EN_OPPOSE_RE = _compile(_EN_OPPOSE)
_JA_SUPPORT_RE = _compile(_JA_SUPPORT)
_JA_OPPOSE_RE = _compile(_JA_OPPOSE)


def likert_stance(likert: int | None) -> int | None:
    """Stance code of a Likert answer (5 = strongly agree), None when there is no valid answer."""
    if likert is None or not 1 <= likert <= 5:
        return None
    return SUPPORT if likert >= 4 else OPPOSE if likert <= 2 else UNCLEAR


def _count(pattern: re.Pattern[str], text: str, *, japanese: bool) -> tuple[int, int]:
    plain = negated = 0
    for match in pattern.finditer(text):
        if japanese:
            is_negated = bool(_JA_NEGATION.match(text, match.end()))
        else:
            is_negated = bool(_EN_NEGATION.search(text[max(0, match.start() - 24) : match.start()]))
        if is_negated:
            negated += 1
        else:
            plain += 1
    return plain, negated


def lexicon_stance(text: str) -> int:
    """Stance code read from the text alone (unclear when no cue is found)."""
    normalized = normalize(text).lower()
    support = oppose = 0
    lexicons = []
    if _LATIN.search(normalized):
        lexicons.append((False, _EN_SUPPORT_RE, _EN_OPPOSE_RE))
    if not normalized.isascii():
        lexicons.append((True, _JA_SUPPORT_RE, _JA_OPPOSE_RE))
    for japanese, pro, con in lexicons:
        pro_plain, pro_negated = _count(pro, normalized, japanese=japanese)
        con_plain, con_negated = _count(con, normalized, japanese=japanese)
        # "not in favour" opposes; "not against" leans toward support.
        support += pro_plain + con_negated
        oppose += con_plain + pro_negated
    if support and oppose:
        if support >= 2 * oppose:
            return SUPPORT
        if oppose >= 2 * support:
            return OPPOSE
        return MIXED
    if support:
        return SUPPORT
    if oppose:
        return OPPOSE
    return UNCLEAR


def train_stance_classifier(
    features: sp.csr_matrix, codes: np.ndarray, *, min_per_side: int, seed: int = 0
) -> LogisticRegression | None:
    """A support-vs-oppose classifier on the rows whose code is SUPPORT or OPPOSE, or None when
    either side has fewer than ``min_per_side`` examples."""
    mask = (codes == SUPPORT) | (codes == OPPOSE)
    y = codes[mask] == SUPPORT
    if y.sum() < min_per_side or (~y).sum() < min_per_side:
        return None
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000, random_state=seed)
    model.fit(features[mask], y)
    return model


def stance_many(
    texts: Sequence[str],
    *,
    likert: np.ndarray | None = None,
    features: sp.csr_matrix | None = None,
    classifier: LogisticRegression | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Stance codes and their sources (int8 arrays) for ``texts``.

    ``likert`` (int array, 0 = no answer) takes precedence; the lexicon reads the rest; where it
    finds nothing and a ``classifier`` with row ``features`` is given, a confident prediction
    (probability at least 0.65 either way) is used.
    """
    n = len(texts)
    codes = np.full(n, UNCLEAR, dtype=np.int8)
    sources = np.full(n, SOURCE_NONE, dtype=np.int8)
    for i, text in enumerate(texts):
        answer = likert_stance(int(likert[i])) if likert is not None and likert[i] else None
        if answer is not None:
            codes[i], sources[i] = answer, SOURCE_LIKERT
            continue
        code = lexicon_stance(text)
        if code != UNCLEAR:
            codes[i], sources[i] = code, SOURCE_LEXICON
    if classifier is not None and features is not None:
        todo = np.flatnonzero(sources == SOURCE_NONE)
        if len(todo):
            probability = classifier.predict_proba(features[todo])[:, 1]
            confident = (probability >= _CLASSIFIER_CONFIDENCE) | (
                probability <= 1 - _CLASSIFIER_CONFIDENCE
            )
            chosen = todo[confident]
            codes[chosen] = np.where(probability[confident] >= 0.5, SUPPORT, OPPOSE)
            sources[chosen] = SOURCE_CLASSIFIER
    return codes, sources
