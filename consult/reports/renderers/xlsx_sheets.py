"""The report workbook's section sheets: Summary, one per question, Themes, Clauses, Campaigns,
Organisations, the e-Gov table and Methodology. Call inside ``translation.override``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .annex_views import headline_figures
from .cells import is_suppressed, iso_text, min_cell, suppressed_text
from .labels import STANCE_KEYS, kind_labels, source_labels, stance_labels
from .xlsx_writer import Sheet

SheetFactory = Any  # Callable[[str], Sheet]: creates the next sheet with a (translated) name


def suppression_note(threshold: int) -> str:
    """The footnote under a sheet with suppressed cells."""
    return _(
        "%(marker)s: fewer than %(threshold)s responses. Counts this small are not shown, "
        "so that no one can be identified."
    ) % {"marker": suppressed_text(threshold), "threshold": threshold}


def breakdown(
    sheet: Sheet, title: str, cells: Sequence[Mapping[str, Any]], *, threshold: int
) -> bool:
    """Write a titled breakdown table (label, count, share[, mean rank]); True if a cell was
    suppressed."""
    formats = sheet.formats
    ranked = any(cell.get("mean_rank") is not None for cell in cells)
    if title:
        sheet.line([title], [formats.label])
    sheet.header([_("Item"), _("Count"), _("Share")] + ([_("Mean rank")] if ranked else []))
    hidden_any = False
    for cell in cells:
        label = cell.get("label") or cell.get("key") or ""
        if is_suppressed(cell):
            hidden_any = True
            marker = suppressed_text(threshold)
            values: list[Any] = [label, marker, marker]
            row_formats = [formats.text, formats.suppressed, formats.suppressed]
        else:
            values = [label, cell.get("count"), cell.get("share")]
            row_formats = [formats.text, formats.count, formats.percent]
        if ranked:
            values.append(cell.get("mean_rank"))
            row_formats.append(formats.decimal)
        sheet.line(values, row_formats)
    sheet.skip()
    return hidden_any


def write_summary(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """Consultation, run and headline figures, with the respondent breakdowns."""
    threshold = min_cell(content)
    consultation = content.get("consultation") or {}
    run = content.get("run") or {}
    headline = content.get("headline") or {}
    formats = sheet.formats
    sheet.widths([34, 14, 12, 12])
    sheet.title(str(consultation.get("title") or ""))
    for label, value in (
        (_("Department"), consultation.get("department")),
        (_("Opens"), iso_text(consultation.get("opens_at"))),
        (_("Closes"), iso_text(consultation.get("closes_at"))),
        (_("Report generated"), iso_text(content.get("generated_at"))),
        (_("Report run"), iso_text(run.get("id"))),
        (_("Input hash (SHA-256)"), run.get("input_hash")),
        (_("Code version"), run.get("code_version")),
    ):
        sheet.line([label, value], [formats.label, formats.plain])
    sheet.skip()
    for label, value in (
        (_("Number of responses"), headline.get("responses")),
        (_("Unique texts"), headline.get("unique_texts")),
        *headline_figures(headline),
    ):
        sheet.line([label, value], [formats.label, formats.count])
    sheet.skip()
    hidden = False
    for title, key in (
        (_("By respondent type"), "by_kind"),
        (_("By region"), "by_region"),
        (_("By language"), "by_language"),
        (_("By channel"), "by_channel"),
    ):
        hidden |= breakdown(sheet, title, headline.get(key) or [], threshold=threshold)
    if hidden:
        sheet.line([suppression_note(threshold)], [formats.note])


def theme_header() -> list[str]:
    """Column headings of a theme table."""
    labels = stance_labels()
    return [
        _("Section"),
        _("Theme"),
        _("Description"),
        _("Source"),
        _("Reviewed"),
        _("Comments"),
        _("Distinct texts"),
        _("Share"),
        *(labels[key] for key in STANCE_KEYS),
        _("By respondent type"),
        _("Quotes (redacted)"),
    ]


def theme_line(sheet: Sheet, section: str, theme: Mapping[str, Any], *, threshold: int) -> bool:
    """Write one theme row; True if its split by respondent type has a suppressed cell."""
    formats = sheet.formats
    stance = theme.get("stance") or {}
    by_kind = theme.get("by_kind") or []
    hidden = any(is_suppressed(cell) for cell in by_kind)
    split = "; ".join(
        f"{cell.get('label') or cell.get('key')}: "
        + (suppressed_text(threshold) if is_suppressed(cell) else f"{cell.get('count')}")
        for cell in by_kind
    )
    quotes = "\n\n".join(
        f"{quote.get('text') or ''} ({quote.get('reference') or ''})"
        for quote in theme.get("quotes") or []
    )
    sheet.line(
        [
            section,
            theme.get("label") or theme.get("key") or "",
            theme.get("description") or "",
            source_labels().get(str(theme.get("source")), str(theme.get("source") or "")),
            _("Yes") if theme.get("reviewed") else _("No"),
            theme.get("count"),
            theme.get("unique_count"),
            theme.get("share"),
            *(int(stance.get(key) or 0) for key in STANCE_KEYS),
            split,
            quotes,
        ],
        [formats.text] * 5 + [formats.count, formats.count, formats.percent] + [formats.count] * 4,
    )
    return hidden


def write_question(
    sheet: Sheet, question: Mapping[str, Any], *, number: int, threshold: int
) -> None:
    """One question: text, kind, answered, then its results or its themes."""
    formats = sheet.formats
    sheet.widths([34, 14, 12, 12])
    sheet.title(f"{number}. {question.get('text') or ''}")
    kind = str(question.get("kind") or "")
    sheet.line([_("Kind"), kind_labels().get(kind, kind)], [formats.label, formats.plain])
    sheet.line([_("Answered"), question.get("answered")], [formats.label, formats.count])
    sheet.skip()
    hidden = (
        breakdown(sheet, "", question.get("results") or [], threshold=threshold)
        if (question.get("results"))
        else False
    )
    themes = question.get("themes") or []
    if themes:
        sheet.widths([10, 28, 34, 12, 9, 10, 10, 9, 9, 9, 9, 9, 28, 60])
        sheet.header(theme_header())
        for theme in themes:
            hidden |= theme_line(sheet, f"Q{number}", theme, threshold=threshold)
        sheet.skip()
    if hidden:
        sheet.line([suppression_note(threshold)], [formats.note])


def all_themes(content: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every theme of the report with the section it belongs to (Q1, clause 3, ...)."""
    for number, question in enumerate(content.get("questions") or [], start=1):
        for theme in question.get("themes") or []:
            yield f"Q{number}", theme
    for clause in content.get("clauses") or []:
        for theme in clause.get("themes") or []:
            yield _("Clause %(number)s") % {"number": clause.get("number")}, theme


def write_themes(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """Every theme of every free-text question and clause, one row each."""
    threshold = min_cell(content)
    sheet.widths([12, 28, 34, 12, 9, 10, 10, 9, 9, 9, 9, 9, 28, 60])
    sheet.header(theme_header())
    hidden = False
    for section, theme in all_themes(content):
        hidden |= theme_line(sheet, section, theme, threshold=threshold)
    if hidden:
        sheet.skip()
        sheet.line([suppression_note(threshold)], [sheet.formats.note])


def write_clauses(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """The clause heatmap as numbers: comments, opposition and support shares, theme count."""
    formats = sheet.formats
    sheet.widths([10, 40, 12, 12, 12, 10])
    sheet.header([_("Clause"), _("Title"), _("Comments"), _("Oppose"), _("Support"), _("Themes")])
    for clause in content.get("clauses") or []:
        sheet.line(
            [
                str(clause.get("number") or ""),
                clause.get("title") or "",
                clause.get("comments"),
                clause.get("oppose_share"),
                clause.get("support_share"),
                len(clause.get("themes") or []),
            ],
            [
                formats.plain,
                formats.text,
                formats.count,
                formats.percent,
                formats.percent,
                formats.count,
            ],
        )
