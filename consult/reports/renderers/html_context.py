"""The HTML report's template context, built from the content document.

Every number is turned into display text here (thousands separators, one-decimal percentages,
``"<5"`` for suppressed cells), so the template only lays things out. Call inside
``translation.override(content["language"])``: labels made here are translated on the spot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .cells import count_text, is_suppressed, min_cell, parse_datetime, percent_text
from .charts import Bar, bar_chart_svg, chart_alt, svg_data_uri

CHOICE_KINDS = ("single_choice", "multiple_choice", "likert", "ranking")
STANCE_KEYS = ("support", "oppose", "mixed", "unclear")
HEAT_COMMENTS = (0x2F, 0x7F, 0xC8)  # blue at the busiest clause; black text stays readable
HEAT_OPPOSE = (0xF0, 0x8A, 0x6C)  # red-orange at 100 % opposition


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


def cell_rows(cells: Sequence[Mapping[str, Any]], *, threshold: int) -> list[dict[str, Any]]:
    """Breakdown cells as table rows of display text."""
    rows = []
    for cell in cells:
        hidden = is_suppressed(cell)
        rows.append(
            {
                "label": cell.get("label") or cell.get("key") or "",
                "count": count_text(cell.get("count"), threshold=threshold, suppressed=hidden),
                "share": percent_text(cell.get("share"), threshold=threshold, suppressed=hidden),
                "mean_rank": (
                    f"{cell['mean_rank']:.2f}" if cell.get("mean_rank") is not None else ""
                ),
                "suppressed": hidden,
            }
        )
    return rows


def table(title: str, cells: Sequence[Mapping[str, Any]], *, threshold: int) -> dict[str, Any]:
    """A titled breakdown table, flagged when a cell is suppressed (for the footnote)."""
    rows = cell_rows(cells, threshold=threshold)
    return {"title": title, "rows": rows, "has_suppressed": any(r["suppressed"] for r in rows)}


def chart(cells: Sequence[Mapping[str, Any]], *, threshold: int) -> dict[str, str] | None:
    """A bar chart of breakdown cells as an ``<img>`` source and alt text (None when empty)."""
    bars = [
        Bar(
            label=str(cell.get("label") or cell.get("key") or ""),
            count=None if is_suppressed(cell) else cell.get("count"),
            share=cell.get("share"),
        )
        for cell in cells
    ]
    if not bars:
        return None
    svg = bar_chart_svg(bars, threshold=threshold)
    return {"src": svg_data_uri(svg), "alt": chart_alt(bars, threshold=threshold)}


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


def theme_view(theme: Mapping[str, Any], *, threshold: int, anchor: str) -> dict[str, Any]:
    """One theme: figures, stance bar, split by respondent type, quotes."""
    by_kind = cell_rows(theme.get("by_kind") or [], threshold=threshold)
    return {
        "anchor": anchor,
        "label": theme.get("label") or theme.get("key") or "",
        "description": theme.get("description") or "",
        "source": source_labels().get(str(theme.get("source")), str(theme.get("source") or "")),
        "reviewed": bool(theme.get("reviewed")),
        "count": count_text(theme.get("count"), threshold=threshold),
        "unique_count": count_text(theme.get("unique_count"), threshold=threshold),
        "share": percent_text(theme.get("share"), threshold=threshold),
        "stance": stance_view(theme.get("stance") or {}),
        "by_kind": by_kind,
        "has_suppressed": any(row["suppressed"] for row in by_kind),
        "quotes": [
            {"text": quote.get("text") or "", "reference": quote.get("reference") or ""}
            for quote in theme.get("quotes") or []
        ],
    }


def themes_view(
    themes: Sequence[Mapping[str, Any]], *, threshold: int, prefix: str, with_chart: bool
) -> dict[str, Any]:
    """A section's themes: one block per theme, and a chart of their counts if asked for."""
    blocks = [
        theme_view(theme, threshold=threshold, anchor=f"{prefix}-t{index}")
        for index, theme in enumerate(themes, start=1)
    ]
    overview = None
    if with_chart:
        overview = chart(
            [
                {"label": t.get("label") or "", "count": t.get("count"), "share": t.get("share")}
                for t in themes
            ],
            threshold=threshold,
        )
    return {"items": blocks, "chart": overview}


def question_view(
    question: Mapping[str, Any], *, number: int, threshold: int, charts: bool
) -> dict[str, Any]:
    """One question: its results chart and table, or its themes when free text."""
    kind = str(question.get("kind") or "")
    anchor = f"q{number}"
    results = question.get("results") or []
    view: dict[str, Any] = {
        "anchor": anchor,
        "number": number,
        "text": question.get("text") or "",
        "kind": kind_labels().get(kind, kind),
        "answered": count_text(question.get("answered"), threshold=threshold),
        "is_free_text": kind == "free_text",
        "results": table("", results, threshold=threshold) if results else None,
        "has_mean_rank": any(cell.get("mean_rank") is not None for cell in results),
        "chart": chart(results, threshold=threshold) if charts and results else None,
        "themes": None,
    }
    themes = question.get("themes") or []
    if themes:
        view["themes"] = themes_view(themes, threshold=threshold, prefix=anchor, with_chart=charts)
    return view


def _mix(colour: tuple[int, int, int], weight: float) -> str:
    weight = min(max(weight, 0.0), 1.0)
    channels = (round(255 + (c - 255) * weight) for c in colour)
    return "#" + "".join(f"{c:02x}" for c in channels)


def clause_view(clause: Mapping[str, Any], *, busiest: int, threshold: int) -> dict[str, Any]:
    """One clause: its heatmap row (colours with text values) and its themes."""
    comments = int(clause.get("comments") or 0)
    oppose = float(clause.get("oppose_share") or 0.0)
    anchor = f"c{clause.get('number')}"
    return {
        "anchor": anchor,
        "number": clause.get("number"),
        "title": clause.get("title") or "",
        "comments": count_text(comments, threshold=threshold),
        "comments_colour": _mix(HEAT_COMMENTS, 0.55 * comments / busiest if busiest else 0.0),
        "oppose": percent_text(oppose, threshold=threshold),
        "oppose_colour": _mix(HEAT_OPPOSE, oppose),
        "support": percent_text(clause.get("support_share"), threshold=threshold),
        "themes": themes_view(
            clause.get("themes") or [], threshold=threshold, prefix=anchor, with_chart=False
        ),
    }


def report_context(content: Mapping[str, Any], *, css: str, charts: bool = True) -> dict[str, Any]:
    """Everything ``reports/render/report.html`` shows, from the content document."""
    threshold = min_cell(content)
    headline = content.get("headline") or {}
    consultation = dict(content.get("consultation") or {})
    for key in ("opens_at", "closes_at"):
        consultation[key] = parse_datetime(consultation.get(key))
    questions = [
        question_view(question, number=number, threshold=threshold, charts=charts)
        for number, question in enumerate(content.get("questions") or [], start=1)
    ]
    clauses = content.get("clauses") or []
    busiest = max((int(clause.get("comments") or 0) for clause in clauses), default=0)
    figures = [
        (_("Responses"), headline.get("responses")),
        (_("Unique texts"), headline.get("unique_texts")),
        (_("Campaigns"), headline.get("campaigns")),
        (_("Responses in campaigns"), headline.get("campaign_responses")),
        (_("Organisations"), headline.get("organisations")),
        (_("Individuals"), headline.get("individuals")),
    ]
    breakdowns = [
        table(_("By respondent type"), headline.get("by_kind") or [], threshold=threshold),
        table(_("By region"), headline.get("by_region") or [], threshold=threshold),
        table(_("By language"), headline.get("by_language") or [], threshold=threshold),
        table(_("By channel"), headline.get("by_channel") or [], threshold=threshold),
    ]
    return {
        "css": css,
        "lang": content.get("language") or "ja",
        "threshold": threshold,
        "consultation": consultation,
        "run": content.get("run") or {},
        "generated_at": parse_datetime(content.get("generated_at")),
        "figures": [(label, count_text(value, threshold=threshold)) for label, value in figures],
        "breakdowns": [b for b in breakdowns if b["rows"]],
        "questions": questions,
        "free_text": [q for q in questions if q["themes"]],
        "clauses": [clause_view(c, busiest=busiest, threshold=threshold) for c in clauses],
        "campaigns": campaigns_view(content.get("campaigns") or [], threshold=threshold),
        "organisations": content.get("organisations") or [],
        "egov": egov_view(content.get("egov_table") or [], threshold=threshold),
        "methodology": methodology_view(content.get("methodology") or {}),
    }


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
