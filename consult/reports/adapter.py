"""The thin layer between the ORM and the analysis library (`consult.analysis`).

Each analysis *section* — every free-text question and every clause — is analysed as its own
set of comments with one `analyse` call, so the report has themes per question and per clause,
and officials' codebook themes and corrections apply to the section they belong to. A comment's
Likert answer is the clause's own agree/disagree question when there is one, else the
consultation's overall one (see `consult.reports.snapshot`).

Codebook themes go to the engine under their database id as key (``str(theme.pk)``), so an
official's rename never changes a key and discovered keys ("discovered-01", "other", ...) can
never collide with them. No campaign templates are known to the platform yet, so none are
passed (form letters are still found as near-duplicate groups).
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet

from consult.analysis.pipeline import analyse
from consult.analysis.types import AnalysisParams, AnalysisResult, CodebookTheme, CommentIn
from consult.consultations.models import Consultation
from consult.core.forking import Forked, start_forked
from consult.moderation.scanning import moderation_sweep

from .agreement import checked_samples
from .campaigns import campaign_inputs
from .models import Theme, ThemeAssignment, ThemeEdit
from .sections import section_proposal
from .snapshot import Snapshot, Units, snapshot_load
from .snapshot import snapshot_take as _snapshot_take

__all__ = [
    "analyse_snapshot",
    "analysis_inputs",
    "analysis_params",
    "codebook_themes",
    "live_theme_of",
    "review_inputs",
    "snapshot_load",
    "snapshot_take",
]

Progress = Callable[[float], None]
CAMPAIGN_TEMPLATES: tuple[str, ...] = ()


def analysis_params(overrides: Mapping[str, Any] | None = None) -> AnalysisParams:
    """`AnalysisParams` with ``overrides`` applied (unknown names raise ValueError).

    Twice the quotes are asked for, so quotes of respondents who asked not to be published can
    be dropped and enough remain.
    """
    defaults = AnalysisParams()
    known = {f.name for f in dataclasses.fields(AnalysisParams)}
    unknown = sorted(set(overrides or {}) - known)
    if unknown:
        raise ValueError(f"unknown analysis parameters: {', '.join(unknown)}")
    values = dict(overrides or {})
    values.setdefault("quotes_per_theme", defaults.quotes_per_theme * 2)
    return dataclasses.replace(defaults, **values)


def codebook_themes(consultation: Consultation) -> QuerySet[Theme]:
    """Themes the next run uses as its codebook: live (not deleted, not merged) and reviewed,
    edited, added by officials, or chosen by an official for a response."""
    edited = ThemeEdit.objects.filter(theme=OuterRef("pk"))
    chosen = ThemeAssignment.objects.filter(
        theme=OuterRef("pk"), source=ThemeAssignment.Source.OFFICIAL
    )
    return (
        Theme.objects.filter(consultation=consultation, deleted=False, merged_into__isnull=True)
        .filter(
            Q(reviewed=True) | Q(source=Theme.Source.OFFICIAL) | Exists(edited) | Exists(chosen)
        )
        .order_by("section", "id")
    )


def live_theme_of(consultation: Consultation) -> dict[int, int | None]:
    """Theme id → the live theme it now stands for (following merges), None if deleted."""
    rows = {
        pk: (merged, deleted)
        for pk, merged, deleted in Theme.objects.filter(consultation=consultation).values_list(
            "id", "merged_into_id", "deleted"
        )
    }
    resolved: dict[int, int | None] = {}
    for start in rows:
        current, seen = start, {start}
        while True:
            merged, deleted = rows[current]
            if merged is None or merged not in rows:
                resolved[start] = None if deleted else current
                break
            if merged in seen:  # a merge cycle: nothing to stand for
                resolved[start] = None
                break
            seen.add(merged)
            current = merged
    return resolved


def review_inputs(consultation: Consultation) -> dict[str, Any]:
    """What officials' review feeds into the next run, as plain data for the snapshot header:

    - ``codebook``: per section, ``[{"key": theme id, "label", "description", "keywords"}]``
      (keywords: labels of the themes officials merged into it, then the engine's label of the
      theme in the other language, if it has one);
    - ``corrections``: per section, ``{response id: [theme id, ...]}`` — officials' theme sets
      for the responses they corrected, merges followed and deleted themes dropped;
    - ``checks``: per section whose random sample officials checked, the engine's agreement
      with them there (`checked_samples`): ``checked``, ``precision``, ``recall``, ``f1``,
      ``f1_low`` and ``f1_high`` (its 95 % interval, null below ten checked), ``exact``.

    Read in the same transaction as the responses, so the run's input hash covers them too.
    """
    live = live_theme_of(consultation)
    merged_labels: dict[int, list[str]] = defaultdict(list)
    for pk, label in (
        Theme.objects.filter(consultation=consultation, merged_into__isnull=False)
        .order_by("id")
        .values_list("id", "label")
    ):
        target = live.get(pk)
        if target is not None:
            merged_labels[target].append(label)
    codebook: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pk, section, label, description, translations in codebook_themes(consultation).values_list(
        "id", "section", "label", "description", "translations"
    ):
        # The theme's names in the other language help find it in that language's comments.
        named = [
            str(other["label"])
            for _language, other in sorted((translations or {}).items())
            if isinstance(other, dict) and other.get("label") and other["label"] != label
        ]
        codebook[section].append(
            {
                "key": str(pk),
                "label": label,
                "description": description,
                "keywords": [*merged_labels.get(pk, []), *named],
            }
        )
    chosen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for response_id, theme_id, section in ThemeAssignment.objects.filter(
        theme__consultation=consultation, source=ThemeAssignment.Source.OFFICIAL
    ).values_list("response_id", "theme_id", "theme__section"):
        target = live.get(theme_id)
        if target is not None:
            chosen[section][str(response_id)].add(str(target))
    corrections = {
        section: {rid: sorted(keys) for rid, keys in rows.items()}
        for section, rows in chosen.items()
    }
    checks = {
        section: {
            "checked": found.checked,
            "precision": found.agreement.precision,
            "recall": found.agreement.recall,
            "f1": found.agreement.f1,
            "f1_low": found.f1_low,
            "f1_high": found.f1_high,
            "exact": found.agreement.exact,
        }
        for section, found in checked_samples(consultation, live).items()
    }
    return {
        "codebook": dict(codebook),
        "corrections": corrections,
        "checks": checks,
        "campaigns": campaign_inputs(consultation),
    }


def analysis_inputs(
    snapshot: Snapshot,
) -> tuple[dict[str, list[CodebookTheme]], dict[str, dict[int, frozenset[str]]]]:
    """The snapshot's codebook and corrections in `analyse` terms: per section, `CodebookTheme`s
    and comment index (within the section) → theme keys."""
    review = snapshot.header.get("review") or {}
    codebooks = {
        section: [
            CodebookTheme(
                key=t["key"],
                label=t["label"],
                description=t["description"],
                keywords=tuple(t.get("keywords") or ()),
            )
            for t in themes
        ]
        for section, themes in (review.get("codebook") or {}).items()
    }
    row_of = {rid: i for i, rid in enumerate(snapshot.ids)}
    corrections: dict[str, dict[int, frozenset[str]]] = {}
    for section, rows in (review.get("corrections") or {}).items():
        units = snapshot.units.get(section)
        if units is None:
            continue
        for rid, keys in rows.items():
            row = row_of.get(int(rid))
            index = None if row is None else _unit_index(units, row)
            if index is not None:
                corrections.setdefault(section, {})[index] = frozenset(keys)
    return codebooks, corrections


def snapshot_take(*, consultation: Consultation, storage_name: str) -> tuple[Snapshot, str]:
    """The consultation's snapshot with officials' review inputs (see `review_inputs`).

    Texts the moderation queue has not scanned yet (the periodic sweep had no time to) are
    scanned first, so each text is read in the form moderation allows."""
    moderation_sweep(consultation_id=consultation.pk)
    return _snapshot_take(
        consultation=consultation, storage_name=storage_name, review=review_inputs
    )


def _unit_index(units: Units, row: int) -> int | None:
    """Position of response ``row`` among the section's comments (rows are ascending)."""
    position = int(np.searchsorted(np.asarray(units.rows), row))
    return position if position < len(units.rows) and units.rows[position] == row else None


# What an `analyse` call costs beyond its comments, in comments: choosing the number of themes
# fits two dozen small NMF models whatever the section's size (about 2 s, as long as some 18,000
# comments take; measured on the 100,000-response benchmark).
SECTION_COST = 18_000
PARALLEL_FROM = 20_000  # comments in all: below this, forking costs more than it saves


def analyse_snapshot(
    snapshot: Snapshot,
    *,
    codebooks: Mapping[str, Sequence[CodebookTheme]],
    corrections: Mapping[str, Mapping[int, frozenset[str]]],
    params: AnalysisParams,
    seed: int,
    progress: Progress | None = None,
    processes: int = 1,
) -> dict[str, AnalysisResult]:
    """One `analyse` call per section with comments; ``progress`` gets the overall fraction.

    With ``processes`` above 1 (and enough comments), the sections are shared out by their
    estimated cost and all but the first share are analysed in forked child processes
    (`consult.core.forking`) at the same time. Each section is analysed exactly as it would be
    alone, so the results do not depend on the number of processes."""
    sections = [s for s in snapshot.sections() if snapshot.units[s].texts]
    sizes = {s: len(snapshot.units[s].texts) for s in sections}
    shares = [sections]
    if processes > 1 and len(sections) > 1 and sum(sizes.values()) >= PARALLEL_FROM:
        shares = _share_out(sizes, processes)

    def analyse_share(share: list[str], report: Progress | None) -> dict[str, AnalysisResult]:
        return _analyse_sections(
            snapshot,
            share,
            codebooks=codebooks,
            corrections=corrections,
            params=params,
            seed=seed,
            progress=report,
        )

    children: list[Forked[dict[str, AnalysisResult]]] = []
    try:  # should a fork fail, the children already started are stopped too
        for share in shares[1:]:
            children.append(start_forked(functools.partial(analyse_share, share, None)))
        results = analyse_share(shares[0], progress)
        for child in children:
            results.update(child.wait() or {})
    finally:
        for child in children:
            child.wait(abandon=True)  # a failure here: the others stop too (no-op once waited)
    if progress is not None:
        progress(1.0)
    return {section: results[section] for section in sections}


def _share_out(sizes: Mapping[str, int], processes: int) -> list[list[str]]:
    """Sections in ``processes`` shares of about equal cost (largest first, each to the
    cheapest share so far), in snapshot order within a share; no empty share."""
    shares: list[list[str]] = [[] for _ in range(min(processes, len(sizes)))]
    costs = [0] * len(shares)
    for section in sorted(sizes, key=lambda s: -sizes[s]):
        cheapest = costs.index(min(costs))
        shares[cheapest].append(section)
        costs[cheapest] += SECTION_COST + sizes[section]
    order = {section: i for i, section in enumerate(sizes)}
    return [sorted(share, key=order.__getitem__) for share in shares]


def _analyse_sections(
    snapshot: Snapshot,
    sections: Sequence[str],
    *,
    codebooks: Mapping[str, Sequence[CodebookTheme]],
    corrections: Mapping[str, Mapping[int, frozenset[str]]],
    params: AnalysisParams,
    seed: int,
    progress: Progress | None,
) -> dict[str, AnalysisResult]:
    sizes = {s: len(snapshot.units[s].texts) for s in sections}
    total = max(1, sum(sizes.values()))
    done = 0
    results: dict[str, AnalysisResult] = {}
    for section in sections:
        units = snapshot.units[section]
        comments = [
            CommentIn(text=text, likert=likert, language=snapshot.language[row])
            for text, likert, row in zip(units.texts, units.likert, units.rows, strict=True)
        ]
        share = sizes[section] / total

        def step(_name: str, fraction: float, _done: int = done, _share: float = share) -> None:
            if progress is not None:
                progress(min(1.0, _done / total + _share * fraction))

        results[section] = analyse(
            comments,
            codebook=tuple(codebooks.get(section, ())),
            corrections=corrections.get(section, {}),
            templates=CAMPAIGN_TEMPLATES,
            proposal=section_proposal(snapshot.header, section),
            seed=seed,
            params=params,
            progress=step,
        )
        done += sizes[section]
        del comments
    return results
