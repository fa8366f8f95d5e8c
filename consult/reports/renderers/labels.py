"""Translated names of the content document's codes (question kinds, stances, theme sources) and
the stance split as shown. Call with the report's language active."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

STANCE_KEYS = ("support", "oppose", "mixed", "unclear")


def kind_labels() -> dict[str, str]:
    """Question kinds in the active language."""
    return {
        "single_choice": _("Single choice"),
        "multiple_choice": _("Multiple choice"),
        "likert": _("Agree/disagree scale"),
        "ranking": _("Ranking"),
        "free_text": _("Free text"),
    }


def stance_labels() -> dict[str, str]:
    """Stances in the active language."""
    return {
        "support": _("Support"),
        "oppose": _("Oppose"),
        "mixed": _("Mixed"),
        "unclear": _("Unclear"),
    }


def source_labels() -> dict[str, str]:
    """Where a theme came from, in the active language."""
    return {
        "codebook": _("Codebook"),
        "discovered": _("Discovered"),
        "candidate": _("Candidate"),
        "other": _("Other"),
    }


def stance_view(stance: Mapping[str, Any]) -> dict[str, Any]:
    """A stance split as segments of a 100 % bar plus its text legend."""
    labels = stance_labels()
    counts = {key: int(stance.get(key) or 0) for key in STANCE_KEYS}
    total = sum(counts.values())
    segments = [
        {
            "key": key,
            "label": labels[key],
            "count": f"{counts[key]:,}",
            "percent": round(100 * counts[key] / total, 1) if total else 0.0,
        }
        for key in STANCE_KEYS
    ]
    return {"segments": segments, "total": total}
