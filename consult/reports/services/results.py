"""Store what the engine found: the run's themes and the engine's theme assignments.

Idempotent: a retried run updates the same theme rows (keys ``r<run id>-<engine key>``; codebook
themes keep their own row) and replaces the engine's assignments. Responses officials corrected
keep the engine assignments they were corrected against, so agreement with officials can still
be measured after the next run has taken their corrections as final.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from django.db import connection, transaction

from consult.analysis.types import AnalysisResult
from consult.core.bulk import insert_rows

from ..content import ThemeInfo
from ..models import ReportRun, Theme, ThemeAssignment
from ..sections import unit_of_assignment
from ..snapshot import Snapshot

LABEL_MAX = 300
ASSIGNMENT_FIELDS = ("response", "theme", "source", "confidence", "run")
ASSIGNMENT_COLUMNS = ("response_id", "theme_id", "source", "confidence", "run_id")


def _info(theme: Theme, source: str, language: str) -> ThemeInfo:
    """The theme as this run used it, named in the run's ``language`` where the engine could
    (`Theme.label_in`): ``source`` is the engine's (codebook, discovered, ...)."""
    label, description = theme.label_in(language)
    return ThemeInfo(
        id=theme.pk,
        key=theme.key,
        label=label,
        description=description,
        source=source,
        reviewed=theme.reviewed,
        government_view=theme.government_view,
    )


@transaction.atomic
def run_results_store(
    *, run: ReportRun, snapshot: Snapshot, results: Mapping[str, AnalysisResult]
) -> dict[str, list[ThemeInfo]]:
    """Save themes and engine assignments; per section, the stored theme of each result theme."""
    consultation_id = run.consultation_id
    infos: dict[str, list[ThemeInfo]] = {}
    theme_ids: dict[str, np.ndarray] = {}
    for section, result in results.items():
        codebook = {
            str(t.pk): t
            for t in Theme.objects.filter(
                consultation_id=consultation_id,
                pk__in=[int(s.key) for s in result.themes if s.source == "codebook"],
            )
        }
        stored: list[Theme] = []
        for summary in result.themes:
            theme = codebook.get(summary.key) if summary.source == "codebook" else None
            if theme is None:
                theme, _created = Theme.objects.update_or_create(
                    consultation_id=consultation_id,
                    section=section,
                    key=f"r{run.pk}-{summary.key}"[:80],
                    defaults={
                        "label": (summary.label or summary.key)[:LABEL_MAX],
                        "description": summary.description,
                        "translations": {
                            language: {"label": label[:LABEL_MAX], "description": description}
                            for language, label, description in summary.translations
                            if label
                        },
                        "source": summary.source,
                        "last_run": run,
                    },
                )
            stored.append(theme)
        Theme.objects.filter(pk__in=[t.pk for t in codebook.values()]).update(last_run=run)
        infos[section] = [
            _info(t, summary.source, run.language)
            for t, summary in zip(stored, result.themes, strict=True)
        ]
        theme_ids[section] = np.array([t.pk for t in stored], dtype=np.int64)
    _store_assignments(run, snapshot, results, theme_ids)
    return infos


def _store_assignments(
    run: ReportRun,
    snapshot: Snapshot,
    results: Mapping[str, AnalysisResult],
    theme_ids: Mapping[str, np.ndarray],
) -> None:
    corrections = (snapshot.header.get("review") or {}).get("corrections") or {}
    engine = ThemeAssignment.objects.filter(
        theme__consultation_id=run.consultation_id, source=ThemeAssignment.Source.ENGINE
    )
    engine.exclude(theme__section__in=list(results)).delete()
    all_ids = np.asarray(snapshot.ids, dtype=np.int64)
    source = ThemeAssignment.Source.ENGINE.value
    for section, result in results.items():
        corrected = [int(rid) for rid in corrections.get(section, {})]
        engine.filter(theme__section=section).exclude(response_id__in=corrected).delete()
        response_ids = all_ids[np.asarray(snapshot.units[section].rows, dtype=np.int64)]
        responses = response_ids[unit_of_assignment(result)]
        keep = ~np.isin(responses, np.asarray(corrected, dtype=np.int64))
        themes = theme_ids[section][result.theme_index]
        confidence = np.round(result.theme_confidence.astype(np.float64), 4)
        rows = [
            (r, t, source, c, run.pk)
            for r, t, c in zip(
                responses[keep].tolist(),
                themes[keep].tolist(),
                confidence[keep].tolist(),
                strict=True,
            )
        ]
        _insert_assignments(rows)


def _insert_assignments(rows: list[tuple[int, int, str, float, int]]) -> None:
    """COPY on PostgreSQL (a million rows in seconds), multi-row INSERTs elsewhere
    (``returning=True`` makes `insert_rows` use them: several times faster than executemany)."""
    if connection.vendor != "postgresql":
        insert_rows(ThemeAssignment, ASSIGNMENT_FIELDS, rows, returning=True)
        return
    meta = ThemeAssignment._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(name) for name in ASSIGNMENT_COLUMNS)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor: Django's wrapper has no COPY
        # Table and column names come from model metadata; the rows are sent as data.
        with raw.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
