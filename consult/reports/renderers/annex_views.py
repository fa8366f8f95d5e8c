"""Template context of the report's closing sections: campaigns, the e-Gov results table and
the methodology annex (also read by the XLSX Methodology sheet)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .cells import count_text, parse_datetime
from .labels import stance_view


def campaigns_view(
    campaigns: Sequence[Mapping[str, Any]], *, threshold: int
) -> list[dict[str, Any]]:
    """Campaigns with their sizes, dates and stance split."""
    return [
        {
            "id": campaign.get("id"),
            "declared": bool(campaign.get("declared")),
            "size": count_text(campaign.get("size"), threshold=threshold),
            "canonical_text": campaign.get("canonical_text") or "",
            "first_at": parse_datetime(campaign.get("first_at")),
            "last_at": parse_datetime(campaign.get("last_at")),
            "stance": stance_view(campaign.get("stance") or {}),
        }
        for campaign in campaigns
    ]


def egov_view(rows: Sequence[Mapping[str, Any]], *, threshold: int) -> list[dict[str, Any]]:
    """The e-Gov results table rows."""
    return [
        {
            "no": row.get("no"),
            "section": row.get("section") or "",
            "summary": row.get("summary") or "",
            "count": count_text(row.get("count"), threshold=threshold),
            "government_view": row.get("government_view") or "",
        }
        for row in rows
    ]


def _value_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}={_value_text(item)}" for key, item in value.items())
    return "–" if value is None else str(value)


def methodology_view(methodology: Mapping[str, Any]) -> dict[str, Any]:
    """The methodology annex: steps, parameters and engine figures as text pairs."""
    return {
        "steps": [str(step) for step in methodology.get("steps") or []],
        "parameters": [
            (str(key), _value_text(value))
            for key, value in (methodology.get("parameters") or {}).items()
        ],
        "engine_stats": [
            (str(key), _value_text(value))
            for key, value in (methodology.get("engine_stats") or {}).items()
        ],
        "input_hash": methodology.get("input_hash") or "",
        "code_version": methodology.get("code_version") or "",
        "generated_at": parse_datetime(methodology.get("generated_at")),
    }
