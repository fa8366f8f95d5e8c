"""Per-section pieces of the content document: section labels, stance counts, theme entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from django.utils.translation import gettext as _

from consult.analysis.types import STANCES, AnalysisResult, Quote

from .snapshot import Snapshot
from .suppression import suppress_cells

if TYPE_CHECKING:
    from .content import ThemeInfo

KIND_ORDER = ("individual", "organisation")
SECTION_LABEL_CHARS = 120


def kind_labels() -> dict[str, str]:
    """Respondent kinds as a report names them (in the active language)."""
    return {"individual": _("Individuals"), "organisation": _("Organisations")}


def section_label(header: Mapping[str, Any], section: str, language: str) -> str:
    """“Clause 2: Retention” or the question's text, in ``language`` (falling back)."""
    kind, _sep, ref = section.partition(":")
    other = "ja" if language == "en" else "en"
    if kind == "documents":
        return _("Organisations' attached documents")
    if kind == "clause":
        for clause in header["clauses"]:
            if clause["number"] == ref:
                title = clause.get(f"title_{language}") or clause.get(f"title_{other}") or ""
                return _("Clause %(number)s: %(title)s") % {"number": ref, "title": title}
    for question in header["questions"]:
        if question["key"] == ref:
            text = str(question.get(f"text_{language}") or question.get(f"text_{other}") or ref)
            return text[:SECTION_LABEL_CHARS]
    return ref


def section_proposal(header: Mapping[str, Any], section: str) -> str:
    """What a section's comments answer, in both languages: the consultation's title and the
    question or clause (the stance lexicon reads what comments say of its action)."""
    kind, _sep, ref = section.partition(":")
    consultation = header.get("consultation", {})
    parts = [consultation.get("title_ja") or "", consultation.get("title_en") or ""]
    if kind == "clause":
        for clause in header.get("clauses", ()):
            if clause["number"] == ref:
                parts += [clause.get("title_ja") or "", clause.get("title_en") or ""]
    elif kind != "documents":
        for question in header.get("questions", ()):
            if question["key"] == ref:
                parts += [question.get("text_ja") or "", question.get("text_en") or ""]
    return "\n".join(part for part in parts if part)


def section_short(section: str) -> str:
    """A short name for a section in a cell: the question key, “Clause 2” or “Documents”."""
    kind, _sep, ref = section.partition(":")
    if kind == "documents":
        return _("Documents")
    return _("Clause %(number)s") % {"number": ref} if kind == "clause" else ref


def stance_counts(stance: np.ndarray) -> dict[str, int]:
    """How many comments take each stance."""
    counts = np.bincount(np.asarray(stance, dtype=np.int64), minlength=len(STANCES))
    return {name: int(counts[i]) for i, name in enumerate(STANCES)}


def quotes_in_order(quotes: Sequence[Quote], language: str | None, count: int) -> list[Quote]:
    """``quotes`` (those that may be shown) in the order for a report in ``language`` showing
    ``count``: when they are in both languages, the report's own first, with the best of the
    other language in the last place shown, so its readers read their own language and still
    hear the other side. One language: as given."""
    own = [q for q in quotes if q.language == language]
    other = [q for q in quotes if q.language != language]
    if not own or not other or count < 2:
        return list(quotes)
    first = own[: count - 1]
    return [*first, other[0], *own[count - 1 :], *other[1:]]


def unit_of_assignment(result: AnalysisResult) -> np.ndarray:
    """For each entry of ``result.theme_index``, the comment (unit) it belongs to."""
    return np.repeat(np.arange(result.n_comments), np.diff(result.theme_indptr))


def theme_rows(
    snapshot: Snapshot,
    section: str,
    result: AnalysisResult,
    infos: Sequence[ThemeInfo],
    *,
    kind_code: np.ndarray,
    min_cell: int,
    quotes: int,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """THEME entries of one section, most raised first ("other" last). A theme quoted in both
    languages gives the report's ``language`` all its quotes but one (`quotes_in_order`)."""
    units = snapshot.units[section]
    rows = np.asarray(units.rows, dtype=np.int64)
    n_units = len(units.texts)
    unit_of = unit_of_assignment(result)
    labels = kind_labels()
    out: list[dict[str, Any]] = []
    for t, summary in enumerate(result.themes):
        info = infos[t]
        members = unit_of[result.theme_index == t]
        kinds = np.bincount(kind_code[rows[members]], minlength=len(KIND_ORDER) + 1)
        cells = [(k, labels[k], int(kinds[i])) for i, k in enumerate(KIND_ORDER)]
        by_kind = [
            {k: cell[k] for k in ("key", "label", "count", "suppressed")}
            for cell in suppress_cells(cells, min_cell=min_cell, total=len(members))
        ]
        showable = [
            quote
            for quote in summary.quotes
            # Not when the respondent asked not to be published, nor awaiting moderation: only
            # moderated text is quoted.
            if snapshot.consent[int(rows[quote.comment_index])] != "none"
            and quote.comment_index not in units.held
        ]
        chosen = [
            {
                "text": quote.text,
                "reference": snapshot.references[int(rows[quote.comment_index])],
            }
            for quote in quotes_in_order(showable, language, quotes)[:quotes]
        ]
        out.append(
            {
                "key": info.key,
                "id": info.id,
                "label": info.label,
                "description": info.description,
                "source": info.source,
                "count": int(summary.count),
                "unique_count": int(summary.unique_count),
                "share": round(summary.count / n_units, 4) if n_units else 0.0,
                "stance": stance_counts(result.stance[members]),
                "by_kind": by_kind,
                "quotes": chosen,
                "reviewed": info.reviewed,
                "government_view": info.government_view,
            }
        )
    out.sort(key=lambda theme: (theme["source"] == "other", -theme["count"], theme["id"]))
    return out
