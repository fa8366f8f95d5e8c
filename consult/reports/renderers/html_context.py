"""The HTML report's template context, built from the content document.

Every number is turned into display text here (thousands separators, one-decimal percentages,
``"<5"`` for suppressed cells), so the template only lays things out. Call inside
``translation.override(content["language"])``: labels made here are translated on the spot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .annex_views import campaigns_view, egov_view, headline_figures, methodology_view
from .cells import count_text, is_suppressed, min_cell, parse_datetime, percent_text
from .charts import Bar, bar_chart_svg, chart_alt, svg_data_uri
from .labels import kind_labels, source_labels, stance_view

HEAT_COMMENTS = (0x2F, 0x7F, 0xC8)  # blue at the busiest clause; black text stays readable
HEAT_OPPOSE = (0xF0, 0x8A, 0x6C)  # red-orange at 100 % opposition


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


def documents_view(documents: Mapping[str, Any], *, threshold: int) -> dict[str, Any] | None:
    """Themes of organisations' attached documents; None when no document was analysed."""
    if not documents.get("responses"):
        return None
    return {
        "label": documents.get("label") or "",
        "responses": documents.get("responses"),
        "themes": themes_view(
            documents.get("themes") or [], threshold=threshold, prefix="docs", with_chart=False
        ),
    }


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


def clause_view(
    clause: Mapping[str, Any], *, position: int, busiest: int, threshold: int
) -> dict[str, Any]:
    """One clause: its heatmap row (colours with text values) and its themes."""
    comments = int(clause.get("comments") or 0)
    oppose = float(clause.get("oppose_share") or 0.0)
    anchor = f"c{position}"  # clause numbers such as "3-2" or "附則" do not make good ids
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


def organisation_groups(organisations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisations' responses by name (a verified organisation apart from unverified ones of
    the same name), in order of first response: ``{"name", "verified", "references"}``. The
    PDF lists thousands of organisation responses this way, a few pages rather than a table
    row each."""
    groups: dict[tuple[str, bool], dict[str, Any]] = {}
    for org in organisations:
        key = (org.get("name") or "", bool(org.get("verified")))
        group = groups.setdefault(key, {"name": key[0], "verified": key[1], "references": []})
        group["references"].append(org.get("reference") or "")
    return list(groups.values())


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
        (_("Number of responses"), headline.get("responses")),
        (_("Unique texts"), headline.get("unique_texts")),
        *headline_figures(headline),
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
        "clauses": [
            clause_view(clause, position=position, busiest=busiest, threshold=threshold)
            for position, clause in enumerate(clauses, start=1)
        ],
        "campaigns": campaigns_view(content.get("campaigns") or [], threshold=threshold),
        "organisations": content.get("organisations") or [],
        "organisation_groups": organisation_groups(content.get("organisations") or []),
        "documents": documents_view(content.get("documents") or {}, threshold=threshold),
        "egov": egov_view(content.get("egov_table") or [], threshold=threshold),
        "methodology": methodology_view(content.get("methodology") or {}),
    }
