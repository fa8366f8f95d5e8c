"""Report runs through the API, for the officials of the consultation's department only:
start one, read its status and progress, cancel it, download its files. Access goes through
`consultation_for_staff` (another department's consultation is a 404)."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.accounts.models import User
from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.reports.downloads import artifact_download_response
from consult.reports.models import ReportArtifact, ReportRun
from consult.reports.selectors import (
    ArtifactMissing,
    artifact_for_staff,
    artifact_open,
    run_for_staff,
)
from consult.reports.services import report_run_cancel, report_run_start
from consult.reports.services.artifacts import CONTENT_TYPES

from ..errors import ErrorSerializer, error_body
from ..principals import principal_of
from .official import _JsonErrors

FORMATS = sorted(ReportArtifact.Format.values)


class OfficialsOnly(permissions.BasePermission):
    """Officials (an API token without organisation, or a staff session); 401 without
    credentials, 403 for other callers."""

    def has_permission(self, request: Request, view: Any) -> bool:
        self.message = _("Only the consultation's officials can work with its reports.")
        return principal_of(request).is_official


class ReportStartIn(serializers.Serializer):
    language = serializers.ChoiceField(choices=["ja", "en"], help_text="The report's language.")
    parameters = serializers.DictField(
        required=False,
        default=dict,
        help_text='Optional: {"seed": 0–2147483647, "analysis": {engine parameter: value}}.',
    )


class ArtifactOut(serializers.Serializer):
    format = serializers.ChoiceField(choices=FORMATS)
    filename = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    url = serializers.CharField(help_text="Download address (same authentication).")


class ReportRunOut(serializers.Serializer):
    id = serializers.IntegerField()
    consultation = serializers.CharField(help_text="The consultation's slug.")
    language = serializers.ChoiceField(choices=["ja", "en"])
    status = serializers.ChoiceField(choices=ReportRun.Status.values)
    step = serializers.CharField(help_text="snapshot, analysis, aggregate or render")
    progress = serializers.IntegerField(min_value=0, max_value=100)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    parameters = serializers.DictField()
    input_hash = serializers.CharField(help_text="SHA-256 of the input snapshot; empty before it")
    code_version = serializers.CharField()
    error = serializers.CharField(help_text="Why the run failed; empty otherwise.")
    attempts = serializers.IntegerField()
    artifacts = ArtifactOut(many=True)


def run_out(run: ReportRun) -> dict[str, Any]:
    """A run as the API shows it."""
    slug = run.consultation.slug
    data = {
        "id": run.pk,
        "consultation": slug,
        "language": run.language,
        "status": run.status,
        "step": run.step,
        "progress": run.progress,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "parameters": run.parameters,
        "input_hash": run.input_hash,
        "code_version": run.code_version,
        "error": run.error,
        "attempts": run.attempts,
        "artifacts": [
            {
                "format": a.format,
                "filename": a.filename,
                "size": a.size,
                "sha256": a.sha256,
                "url": reverse(
                    "api:report-download", kwargs={"slug": slug, "run_id": run.pk, "fmt": a.format}
                ),
            }
            for a in run.artifacts.all()
        ],
    }
    return cast(dict[str, Any], ReportRunOut(data).data)


def _errors(exc: ValidationError, default_path: str = "") -> list[tuple[str, str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (path, error.code or "invalid", message)
            for path, errors in exc.error_dict.items()
            for error in errors
            for message in error.messages
        ]
    code = getattr(exc, "code", None) or "invalid"
    return [(default_path, code, message) for message in exc.messages]


RUN_ID = OpenApiParameter("run_id", int, OpenApiParameter.PATH, description="The run's id.")


class ReportCollection(APIView):
    permission_classes = (OfficialsOnly,)

    @extend_schema(
        tags=["reports"],
        operation_id="reports_start",
        request=ReportStartIn,
        responses={
            202: ReportRunOut,
            400: ErrorSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Another department's."),
            409: OpenApiResponse(
                ErrorSerializer, description="A report of this consultation is already active."
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        """Start a report run (queued; a worker takes it). Poll the run for its progress."""
        consultation = consultation_for_staff(request.user, slug, Right.REPORT)
        serializer = ReportStartIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            run = report_run_start(
                consultation=consultation,
                user=cast(User, request.user),
                language=serializer.validated_data["language"],
                parameters=serializer.validated_data["parameters"],
            )
        except ValidationError as exc:
            conflict = getattr(exc, "code", None) == "run_active"
            return Response(
                error_body(_errors(exc)),
                status=status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST,
            )
        url = reverse("api:report-detail", kwargs={"slug": slug, "run_id": run.pk})
        return Response(run_out(run), status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class ReportResource(APIView):
    permission_classes = (OfficialsOnly,)

    @extend_schema(
        tags=["reports"],
        operation_id="reports_retrieve",
        parameters=[RUN_ID],
        responses={200: ReportRunOut, 404: ErrorSerializer},
    )
    def get(self, request: Request, slug: str, run_id: int) -> Response:
        """A run's status, step, progress (0–100), error and files."""
        consultation = consultation_for_staff(request.user, slug, Right.REPORT)
        return Response(run_out(run_for_staff(consultation, run_id)))


class ReportCancel(APIView):
    permission_classes = (OfficialsOnly,)

    @extend_schema(
        tags=["reports"],
        operation_id="reports_cancel",
        request=None,
        parameters=[RUN_ID],
        responses={
            200: ReportRunOut,
            404: ErrorSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The run has already finished."),
        },
    )
    def post(self, request: Request, slug: str, run_id: int) -> Response:
        """Cancel a queued or running report (a running one stops at its next step)."""
        consultation = consultation_for_staff(request.user, slug, Right.REPORT)
        run = run_for_staff(consultation, run_id)
        try:
            run = report_run_cancel(run=run, user=cast(User, request.user))
        except ValidationError as exc:
            return Response(error_body(_errors(exc)), status=status.HTTP_409_CONFLICT)
        return Response(run_out(run))


class ReportDownload(APIView):
    permission_classes = (OfficialsOnly,)
    content_negotiation_class = _JsonErrors

    @extend_schema(
        tags=["reports"],
        operation_id="reports_download",
        parameters=[
            RUN_ID,
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=FORMATS),
        ],
        responses={
            **{
                (200, CONTENT_TYPES[fmt].split(";")[0]): OpenApiResponse(
                    OpenApiTypes.BINARY, description=f"The report as {fmt.upper()}."
                )
                for fmt in FORMATS
            },
            404: OpenApiResponse(ErrorSerializer, description="No such run or file."),
            410: OpenApiResponse(
                ErrorSerializer,
                description="The file is on record but no longer stored (`file_missing`): "
                "start a new run to make it again.",
            ),
        },
    )
    def get(self, request: Request, slug: str, run_id: int, fmt: str) -> Any:
        """One of a run's files: json, html, pdf, xlsx or csv (coded responses)."""
        consultation = consultation_for_staff(request.user, slug, Right.REPORT)
        run = run_for_staff(consultation, run_id)
        artifact = artifact_for_staff(run, fmt)
        try:
            stored = artifact_open(artifact)
        except ArtifactMissing:
            return Response(
                error_body(
                    [
                        (
                            "",
                            "file_missing",
                            _(
                                "This report's file is no longer stored. Start a new report "
                                "run to make it again."
                            ),
                        )
                    ]
                ),
                status=410,
            )
        return artifact_download_response(
            request, consultation=consultation, run=run, artifact=artifact, stored=stored
        )
