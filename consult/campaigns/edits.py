"""How far a supporter made a campaign's template their own: plain functions, no database."""

from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel

# What each bucket of the dashboard's distribution holds: (upper bound inclusive, key).
EDIT_BUCKETS: tuple[tuple[float, str], ...] = (
    (0.0, "0"),
    (0.1, "0-10"),
    (0.25, "10-25"),
    (0.5, "25-50"),
    (1.0, "50-100"),
)


@dataclass(frozen=True)
class EditMeasure:
    template_edited: bool
    edit_ratio: float
    own_words_chars: int


def free_texts(answers: dict[str, Any], comments: dict[str, str], text_keys: set[str]) -> str:
    """The free texts of a submission in a stable order (free-text answers, then clause
    comments), joined so that moving text between fields still counts as a change."""
    parts = [f"a:{key}\n{answers[key]}" for key in sorted(text_keys) if answers.get(key)]
    parts += [f"c:{number}\n{comments[number]}" for number in sorted(comments) if comments[number]]
    return "\n\n".join(parts)


def measure_edits(
    *,
    template_answers: dict[str, Any],
    template_comments: dict[str, str],
    answers: dict[str, Any],
    comments: dict[str, str],
    text_keys: set[str],
) -> EditMeasure:
    """Compare a supporter's cleaned submission with the campaign's template.

    `edit_ratio` is 1 − the normalised Indel similarity of the concatenated free texts (0: word
    for word the template, 1: nothing of it left); `own_words_chars` counts the characters the
    supporter inserted. Any changed answer (a choice, a scale point) marks the template edited.
    """
    before = free_texts(template_answers, template_comments, text_keys)
    after = free_texts(answers, comments, text_keys)
    edited = answers != template_answers or comments != template_comments
    if not edited:
        return EditMeasure(False, 0.0, 0)
    ratio = 1.0 - Indel.normalized_similarity(before, after) if (before or after) else 0.0
    inserted = sum(
        op.dest_end - op.dest_start for op in Indel.opcodes(before, after) if op.tag == "insert"
    )
    return EditMeasure(True, min(1.0, max(0.0, round(ratio, 4))), inserted)


def edit_bucket(ratio: float) -> str:
    for bound, key in EDIT_BUCKETS:
        if ratio <= bound:
            return key
    return EDIT_BUCKETS[-1][1]
