"""Synthetic consultation comments for the demo and the benchmarks.

Plain Python (no Django): ``generate_comments`` yields realistic Japanese and English comments on
the three demo topics, with the ground truth (stance, themes, form-letter template, planted PII)
each was built from.
"""

from __future__ import annotations

from consult.demo.corpus.compiled import compiled
from consult.demo.corpus.generator import TOPICS, GeneratedComment, generate_comments

__all__ = [
    "TOPICS",
    "GeneratedComment",
    "form_letter_templates",
    "generate_comments",
    "theme_catalogue",
]


def _check_topic(topic: str) -> None:
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; expected one of {', '.join(TOPICS)}")


def form_letter_templates(topic: str, language: str) -> list[str]:
    """Return the campaign form letters for ``topic`` in ``language`` ("ja" or "en").

    The list index is the ``template_id`` of generated copies; the same index in the other
    language is the same campaign's letter in translation.
    """
    _check_topic(topic)
    if language not in ("ja", "en"):
        raise ValueError(f"unknown language {language!r}; expected 'ja' or 'en'")
    return [template.text for template in compiled(topic).tables[language].templates]


def theme_catalogue(topic: str) -> dict[str, dict[str, str]]:
    """Return the ground-truth themes of ``topic``: key -> {"ja": label, "en": label}."""
    _check_topic(topic)
    return {
        entry.key: {"ja": entry.label[0], "en": entry.label[1]}
        for entry in compiled(topic).bank.themes
    }
