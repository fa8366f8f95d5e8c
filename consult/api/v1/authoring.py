"""Officials author consultations: POST /consultations/, PUT /consultations/{slug}/, transitions.

Reads of the same addresses stay public and unchanged (they are inherited from `public`).
"""

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.accounts.models import User
from consult.accounts.roles import Right, has_right
from consult.consultations import services
from consult.consultations.access import consultation_for_staff
from consult.consultations.authoring import SlugTaken, StructureFrozen, consultation_author
from consult.consultations.documents import DocumentError
from consult.consultations.models import Consultation, ConsultationRevision

from ..errors import ErrorSerializer, error_body
from ..principals import principal_of
from . import public
from .documents import ConsultationDocumentIn, ConsultationDocumentOut


class OfficialsMayWrite(permissions.BasePermission):
    """Reads for everyone; writes for officials (API token without organisation, or session)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        self.message = _("Only officials can author consultations.")
        return principal_of(request).is_official


class OfficialsMayAuthor(OfficialsMayWrite):
    """Reads for everyone; writes for officials whose role may author (`Right.EDIT`), refused
    before the document is read."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        self.message = _("Your role does not include authoring consultations.")
        return has_right(request.user, Right.EDIT)


class OfficialsMayRead(permissions.BasePermission):
    """Officials only, for reads as for writes (a draft's document is not public)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        self.message = _("Only officials can read a consultation's document.")
        return principal_of(request).is_official


def _document_errors(errors: dict[str, list[str]], code: str = "invalid") -> Response:
    items = [(path, code, message) for path, messages in errors.items() for message in messages]
    return Response(error_body(items), status=status.HTTP_400_BAD_REQUEST)


def _author(request: Request, slug: str | None) -> Response:
    """Validate the body, then create or update through the authoring service."""
    serializer = ConsultationDocumentIn(data=request.data)
    serializer.is_valid(raise_exception=True)
    try:
        consultation, created = consultation_author(
            user=cast(User, request.user),  # OfficialsMayWrite let only officials through
            document=serializer.validated_data,
            slug=slug,
        )
    except DocumentError as exc:
        return _document_errors(exc.errors)
    except SlugTaken:
        return Response(
            error_body(
                [("slug", "slug_taken", _("A consultation with this slug already exists."))]
            ),
            status=status.HTTP_409_CONFLICT,
        )
    except StructureFrozen as exc:
        items = [
            (path, "structure_frozen", message)
            for path, messages in exc.errors.items()
            for message in messages
        ]
        return Response(error_body(items), status=status.HTTP_409_CONFLICT)
    consultation.refresh_from_db()
    return Response(
        ConsultationDocumentOut(consultation).data,
        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
    )


_EXAMPLE_DOCUMENT = {
    "slug": "station-cameras",
    "department": {"code": "police"},
    "title": {"ja": "駅前カメラの導入", "en": "Cameras at stations"},
    "summary": {"ja": "導入案への意見を募集します。", "en": "We invite comments on the plan."},
    "body": {"ja": "## 背景\n\n…", "en": "## Background\n\n…"},
    "notice": {
        "version": "2026-01",
        "text": {"ja": "個人情報は本意見募集にのみ利用します。", "en": "Used only here."},
    },
    "sections": [
        {
            "number": "1",
            "title": {"ja": "保存期間", "en": "Retention"},
            "text": {"ja": "72時間で消去する。", "en": "Deleted after 72 hours."},
        }
    ],
    "questions": [
        {
            "key": "overall",
            "kind": "likert",
            "required": True,
            "text": {"ja": "賛成ですか。", "en": "Do you agree?"},
        },
        {
            "key": "comments",
            "kind": "free_text",
            "max_length": 2000,
            "section": "1",
            "text": {"ja": "ご意見", "en": "Your comments"},
        },
    ],
}
_AUTHOR_ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid document: a path per problem."),
    403: OpenApiResponse(
        ErrorSerializer, description="Not an official, or another department's document."
    ),
    409: OpenApiResponse(
        ErrorSerializer,
        description="The slug is taken (by an existing consultation, for a create, or by a "
        "concurrent create), or responses freeze the questionnaire.",
    ),
}


class ConsultationCollection(public.ConsultationList):
    permission_classes = (OfficialsMayAuthor,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_create",
        request=ConsultationDocumentIn,
        parameters=[OpenApiParameter(name, exclude=True) for name in ("status", "department", "q")],
        responses={201: ConsultationDocumentOut, **_AUTHOR_ERRORS},
        examples=[OpenApiExample("A consultation", value=_EXAMPLE_DOCUMENT, request_only=True)],
    )
    def post(self, request: Request) -> Response:
        """Create a draft consultation from a document (officials: their department's)."""
        return _author(request, None)


class ConsultationResource(public.ConsultationDetail):
    permission_classes = (OfficialsMayAuthor,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_put",
        request=ConsultationDocumentIn,
        responses={
            200: ConsultationDocumentOut,
            201: OpenApiResponse(ConsultationDocumentOut, description="Created at this slug."),
            404: OpenApiResponse(ErrorSerializer, description="Another department's."),
            **_AUTHOR_ERRORS,
        },
    )
    def put(self, request: Request, slug: str) -> Response:
        """Create or replace the consultation at this slug with a document. Once it has
        responses, only texts may change; its questions, choices and sections stay."""
        return _author(request, slug)


class ConsultationDocument(APIView):
    permission_classes = (OfficialsMayRead,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_document",
        responses={
            200: ConsultationDocumentOut,
            401: OpenApiResponse(ErrorSerializer, description="No API key or session."),
            403: OpenApiResponse(ErrorSerializer, description="Not an official."),
            404: OpenApiResponse(ErrorSerializer, description="Another department's, or none."),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        """The consultation as the document that authored it, in both languages and in any
        status (drafts included), for its department's officials: keep it as a file, edit it,
        and `PUT` it back (or `manage.py load_consultation`). Loading it unchanged changes
        nothing."""
        consultation = consultation_for_staff(request.user, slug, Right.VIEW)
        return Response(ConsultationDocumentOut(consultation).data)


class RevisionOut(serializers.Serializer):
    number = serializers.IntegerField()
    in_effect_from = serializers.DateTimeField(source="created_at")
    author = serializers.CharField(
        source="author.username", allow_null=True, default=None, help_text="null: command line"
    )
    responses_before = serializers.IntegerField(
        help_text="Responses submitted before this wording took effect."
    )
    changed = serializers.ListField(
        child=serializers.CharField(),
        help_text="Document paths that differ from the revision before (`questions[2].text.ja`).",
    )


class RevisionDocumentOut(RevisionOut):
    document = ConsultationDocumentIn(help_text="The consultation as it stood in this revision.")

    def to_representation(self, revision: ConsultationRevision) -> dict[str, Any]:
        """The stored document exactly as recorded: `PUT` it back to restore that wording."""
        return {
            **RevisionOut(revision).data,
            "document": revision.document,
        }


_REVISION_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No API key or session."),
    403: OpenApiResponse(ErrorSerializer, description="Not an official."),
    404: OpenApiResponse(ErrorSerializer, description="Another department's, or none."),
}


class ConsultationRevisions(APIView):
    permission_classes = (OfficialsMayRead,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_revisions",
        responses={200: RevisionOut(many=True), **_REVISION_ERRORS},
    )
    def get(self, request: Request, slug: str) -> Response:
        """Every wording the consultation has had, oldest first: when each took effect, who
        loaded it, how many responses had been submitted before, and what changed. A change
        after responses arrived (`responses_before` > 0) is also stated in its reports."""
        consultation = consultation_for_staff(request.user, slug, Right.VIEW)
        revisions = consultation.revisions.select_related("author").defer("document_json")
        return Response(RevisionOut(revisions, many=True).data)


class ConsultationRevisionDocument(APIView):
    permission_classes = (OfficialsMayRead,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_revision",
        responses={200: RevisionDocumentOut, **_REVISION_ERRORS},
    )
    def get(self, request: Request, slug: str, number: int) -> Response:
        """One revision with the whole document as it then stood."""
        consultation = consultation_for_staff(request.user, slug, Right.VIEW)
        try:
            revision = consultation.revisions.select_related("author").get(number=number)
        except ConsultationRevision.DoesNotExist:
            return Response(
                error_body([("number", "not_found", _("This consultation has no such revision."))]),
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(RevisionDocumentOut(revision).data)


TRANSITIONS: dict[str, Callable[..., Consultation]] = {
    "unschedule": services.consultation_unschedule,
    "open": services.consultation_open,
    "close": services.consultation_close,
    "mark_analysed": services.consultation_mark_analysed,
    "publish": services.consultation_publish,
}


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["schedule", *TRANSITIONS])
    opens_at = serializers.DateTimeField(required=False, help_text="schedule only (required)")
    closes_at = serializers.DateTimeField(required=False, help_text="schedule only (required)")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["action"] == "schedule":
            missing = {
                name: [_("Required to schedule.")]
                for name in ("opens_at", "closes_at")
                if name not in data
            }
            if missing:
                raise serializers.ValidationError(missing)
        return data


class ConsultationTransition(APIView):
    permission_classes = (OfficialsMayWrite,)

    @extend_schema(
        tags=["authoring"],
        operation_id="consultations_transition",
        request=TransitionIn,
        parameters=[public.LANG_PARAM],
        responses={
            200: ConsultationDocumentOut,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Another department's."),
            409: OpenApiResponse(
                ErrorSerializer, description="Not allowed from the current status."
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        """Move a consultation through its lifecycle: schedule (with opens_at and closes_at),
        unschedule, open, close, mark_analysed, publish."""
        consultation = consultation_for_staff(request.user, slug, Right.TRANSITION)
        serializer = TransitionIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if data["action"] == "schedule":
                services.consultation_schedule(
                    consultation=consultation,
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                )
            else:
                TRANSITIONS[data["action"]](consultation=consultation)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                return _document_errors(exc.message_dict)
            return Response(
                error_body([("action", exc.code or "invalid_transition", m) for m in exc.messages]),
                status=status.HTTP_409_CONFLICT,
            )
        consultation.refresh_from_db()
        return Response(ConsultationDocumentOut(consultation).data)
