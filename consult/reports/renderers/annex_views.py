"""Template context of the report's closing sections: campaigns, the e-Gov results table and
the methodology annex (also read by the XLSX Methodology sheet)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .cells import count_text, parse_datetime
from .labels import stance_labels, stance_view


def campaign_statuses() -> dict[str, str]:
    """How each campaign status reads in the report."""
    return {
        "declared": _("Declared by an organisation"),
        "confirmed": _("Found in the responses, confirmed by officials"),
        "unreviewed": _("Found in the responses, not yet reviewed"),
    }


def campaigns_view(
    campaigns: Sequence[Mapping[str, Any]], *, threshold: int
) -> list[dict[str, Any]]:
    """Campaigns with their sizes, dates, stance split, the template's position and themes and
    the themes of supporters' own words."""
    statuses = campaign_statuses()
    return [
        {
            "id": campaign.get("id"),
            "declared": bool(campaign.get("declared")),
            "status": statuses.get(str(campaign.get("status") or ""), ""),
            "title": campaign.get("title") or "",
            "organisation": campaign.get("organisation") or "",
            "section_label": campaign.get("section_label") or "",
            "template_stance": stance_labels().get(str(campaign.get("template_stance") or ""), ""),
            "themes": [t.get("label") or "" for t in campaign.get("themes") or []],
            "own_words": campaign.get("own_words") or 0,
            "addition_themes": [
                {"label": t.get("label") or "", "count": t.get("count") or 0}
                for t in campaign.get("addition_themes") or []
            ],
            "size": count_text(campaign.get("size"), threshold=threshold),
            "canonical_text": campaign.get("canonical_text") or "",
            "first_at": parse_datetime(campaign.get("first_at")),
            "last_at": parse_datetime(campaign.get("last_at")),
            "stance": stance_view(campaign.get("stance") or {}),
        }
        for campaign in campaigns
    ]


def headline_figures(headline: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The headline's campaign and respondent figures: individual responses, campaign
    responses and organisations apart (identical opinions are counted, not weighed as separate
    arguments), and verified / unverified email counts."""
    email = headline.get("email") or {}
    figures = [
        (_("Campaigns"), headline.get("campaigns")),
        (_("Responses in campaigns"), headline.get("campaign_responses")),
    ]
    if "individual_responses" in headline:
        figures += [
            (_("Individual responses outside campaigns"), headline.get("individual_responses")),
            (
                _("Organisations' responses outside campaigns"),
                headline.get("organisation_responses"),
            ),
        ]
    figures += [
        (_("Organisations"), headline.get("organisations")),
        (_("Individuals"), headline.get("individuals")),
    ]
    if email:
        figures += [
            (_("Responses with a verified email address"), email.get("verified")),
            (_("Responses with an unverified email address"), email.get("unverified")),
            (_("Responses without an email address"), email.get("none")),
        ]
    return figures


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


def _share_text(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "–"


def theme_checks_view(checks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each checked section's agreement as the table shows it: figures to two places, F1's
    interval ("–" below ten checked), exact matches as a percentage."""
    rows = []
    for check in checks:
        low, high = check.get("f1_low"), check.get("f1_high")
        exact = check.get("exact")
        rows.append(
            {
                "label": str(check.get("label") or check.get("section") or ""),
                "checked": check.get("checked"),
                "precision": _share_text(check.get("precision")),
                "recall": _share_text(check.get("recall")),
                "f1": _share_text(check.get("f1")),
                "interval": (
                    f"{_share_text(low)}–{_share_text(high)}"
                    if low is not None and high is not None
                    else "–"
                ),
                "exact": f"{round(100 * exact)}%" if isinstance(exact, int | float) else "–",
            }
        )
    return rows


def theme_checks_header() -> list[str]:
    """The columns of the table of themes checked by officials."""
    return [
        _("Question or clause"),
        _("Responses checked"),
        _("Precision"),
        _("Recall"),
        "F1",
        # xgettext:no-python-format
        _("F1, 95% interval"),
        _("Exact matches"),
    ]


def methodology_view(methodology: Mapping[str, Any]) -> dict[str, Any]:
    """The methodology annex: steps, parameters and engine figures as text pairs, and the
    table of themes checked by officials."""
    return {
        "theme_checks": theme_checks_view(methodology.get("theme_checks") or []),
        "theme_checks_header": theme_checks_header(),
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
