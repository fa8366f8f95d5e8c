"""The results page of a published consultation: the latest report's headline figures and
e-Gov style table, with the government's view as officials last wrote it.

Which report is public: the newest succeeded run of the published consultation, in the reader's
language when there is one, else in the other language. Its HTML and PDF files are public too
(`PUBLIC_FORMATS`): they are the report officials publish. The XLSX and the coded-responses CSV
stay with officials: they list every coded response, which is what the open data does under the
publication rules instead.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Case, IntegerField, Value, When

from consult.consultations.models import Consultation
from consult.reports.models import ReportArtifact, ReportRun, Theme
from consult.reports.selectors import ArtifactMissing, artifact_open

logger = logging.getLogger(__name__)

PUBLIC_FORMATS = (ReportArtifact.Format.HTML, ReportArtifact.Format.PDF)
CONTENT_CACHE_SECONDS = 600


class ReportUnavailable(Exception):
    """The public report is on record but its file cannot be read (storage lost it, or it is
    damaged): not the same as no report at all, which readers would take as nothing published."""


@dataclass(frozen=True)
class PublishedResults:
    run: ReportRun
    content: dict[str, Any]
    egov_table: list[dict[str, Any]]
    files: list[ReportArtifact] = field(default_factory=list)

    @property
    def min_cell(self) -> int:
        return int((self.content.get("suppression") or {}).get("min_cell") or 1)


def published_report_run(consultation: Consultation, *, language: str) -> ReportRun | None:
    """The run whose report is public (see the module docstring); None before any."""
    if consultation.status != Consultation.Status.PUBLISHED:
        return None
    return (
        ReportRun.objects.filter(consultation=consultation, status=ReportRun.Status.SUCCEEDED)
        .annotate(
            other_language=Case(
                When(language=language, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("other_language", "-finished_at", "-id")
        .first()
    )


def published_report_file(
    consultation: Consultation, *, language: str, fmt: str
) -> ReportArtifact | None:
    """The public run's file in ``fmt`` (HTML or PDF only)."""
    if fmt not in PUBLIC_FORMATS:
        return None
    run = published_report_run(consultation, language=language)
    if run is None:
        return None
    return ReportArtifact.objects.filter(run=run, format=fmt).first()


def published_results(consultation: Consultation, *, language: str) -> PublishedResults | None:
    """The public report's content, its e-Gov table with current government views, and its
    public files; None before the consultation is published or has a finished report.
    `ReportUnavailable` when there is one whose content cannot be read."""
    run = published_report_run(consultation, language=language)
    if run is None:
        return None
    artifacts = {a.format: a for a in ReportArtifact.objects.filter(run=run)}
    document = artifacts.get(ReportArtifact.Format.JSON)
    if document is None:
        raise ReportUnavailable(run.pk)
    content = _content(document)
    return PublishedResults(
        run=run,
        content=content,
        egov_table=_with_current_views(consultation, content),
        files=[artifacts[fmt] for fmt in PUBLIC_FORMATS if fmt in artifacts],
    )


def _content(artifact: ReportArtifact) -> dict[str, Any]:
    """The content document, parsed once per file (files never change: keyed by their hash);
    `ReportUnavailable` when the file is gone or unreadable."""
    key = f"publication:content:{artifact.pk}:{artifact.sha256}"
    content: dict[str, Any] | None = cache.get(key)
    if content is None:
        try:
            with artifact_open(artifact) as stored:
                content = json.load(stored)
        except ArtifactMissing as error:
            raise ReportUnavailable(artifact.run_id) from error
        except ValueError as error:
            logger.error("Report file %s of run %s is not JSON", artifact.pk, artifact.run_id)
            raise ReportUnavailable(artifact.run_id) from error
        if not isinstance(content, dict):
            logger.error("Report file %s of run %s is not a report", artifact.pk, artifact.run_id)
            raise ReportUnavailable(artifact.run_id)
        cache.set(key, content, CONTENT_CACHE_SECONDS)
    return content


def _with_current_views(
    consultation: Consultation, content: dict[str, Any]
) -> list[dict[str, Any]]:
    """Rows of the e-Gov table with the government's view officials last saved on each theme
    (they may write it after the run); a theme deleted since keeps the view of the report.

    Rows name their theme by key, which is unique only within a section: the theme's id is
    found among the section themes of the document (same key, label and count)."""
    rows: list[dict[str, Any]] = content.get("egov_table") or []
    themes = [
        theme
        for item in [*(content.get("questions") or []), *(content.get("clauses") or [])]
        for theme in item.get("themes") or []
    ]
    ids: list[int | None] = []
    for row in rows:
        same_key = [t for t in themes if t.get("key") == row["theme_key"]]
        if len(same_key) > 1:
            same_key = [
                t
                for t in same_key
                if t.get("count") == row.get("count")
                and str(row.get("summary", "")).startswith(str(t.get("label", "")))
            ]
        ids.append(same_key[0].get("id") if len(same_key) == 1 else None)
    current = dict(
        Theme.objects.filter(
            consultation=consultation, pk__in=[pk for pk in ids if pk is not None]
        ).values_list("pk", "government_view")
    )
    return [
        {
            **row,
            "government_view": current[pk] if pk in current else (row.get("government_view") or ""),
        }
        for row, pk in zip(rows, ids, strict=True)
    ]
