"""The one way an official downloads a run's file, on the web and through the API: the reading is
recorded in the audit log (report files quote responses), and the file goes as an attachment
that no cache keeps and no browser sniffs into another type."""

from __future__ import annotations

from django.core.files import File
from django.http import FileResponse, HttpRequest
from rest_framework.request import Request

from consult.consultations.models import Consultation
from consult.privacy.audit import audit_record

from .models import ReportArtifact, ReportRun
from .services.artifacts import CONTENT_TYPES, DOWNLOAD_ACTION


def artifact_download_response(
    request: HttpRequest | Request,
    *,
    consultation: Consultation,
    run: ReportRun,
    artifact: ReportArtifact,
    stored: File,
) -> FileResponse:
    """Record the download of ``artifact`` (opened as ``stored``) and answer with the file."""
    audit_record(
        user=request.user,
        action=DOWNLOAD_ACTION,
        objects=[run],
        request=request,
        consultation=consultation,
        reason=artifact.format,
    )
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=artifact.filename,
        content_type=CONTENT_TYPES.get(artifact.format, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
