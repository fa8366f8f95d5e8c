"""Files of a run in default storage, under names nobody can guess."""

from __future__ import annotations

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from ..models import ReportArtifact, ReportRun

# Report files quote (redacted) responses: reading them is recorded in the audit log.
DOWNLOAD_ACTION = "reports.download"
VIEW_ACTION = "reports.view"

CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def private_name(run: ReportRun, filename: str) -> str:
    """``reports/<consultation id>/<random>/<filename>``: the random part is 192 bits."""
    return f"reports/{run.consultation_id}/{secrets.token_urlsafe(24)}/{filename}"


def artifact_store(*, run: ReportRun, format: str, filename: str, data: bytes) -> ReportArtifact:
    """Store (or replace) the run's file in ``format``; running it twice leaves one file."""
    name = default_storage.save(private_name(run, filename), ContentFile(data))
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        old = list(ReportArtifact.objects.select_for_update().filter(run=run, format=format))
        ReportArtifact.objects.filter(pk__in=[a.pk for a in old]).delete()
        artifact = ReportArtifact.objects.create(
            run=run, format=format, file=name, filename=filename, size=len(data), sha256=digest
        )
    for stale in old:
        stale.file.delete(save=False)
    return artifact
