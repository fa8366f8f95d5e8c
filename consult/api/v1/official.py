"""Reading responses: officials of the consultation's department see all of them; an organisation
token sees the responses it submitted, as far as each supporter consented (see
`consult.responses.selectors.Disclosure`). A list with cursor pagination, and a streamed export."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.accounts.models import Organisation
from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import questionnaire_for
from consult.privacy.audit import audit_record
from consult.privacy.models import AuditAction
from consult.responses.export import (
    CONTENT_TYPES,
    export_csv,
    export_filename,
    export_jsonl,
    response_row_json,
)
from consult.responses.models import Response as ResponseModel
from consult.responses.selectors import (
    Disclosure,
    ResponseFilters,
    response_records,
    response_row_chunks,
    response_rows,
    responses_filtered,
)

from ..errors import ErrorSerializer
from ..principals import principal_of
from .public import ConsultationCursor
from .response_filters import FILTER_PARAMETERS, ResponseFiltersIn
from .submit import SubmitResponse

EXPORT_CHUNK_SIZE = 1000
READ_DESCRIPTION = """\
Officials of the consultation's department (API token or staff session) see every response. An
organisation's token sees only the responses it submitted, and of a campaign's supporters only
those who agreed to share their response with it; of those, as far as each consented to
publication (`disclosure`):

- `named`: everything an official sees;
- `anonymous`: answers, comments, the respondent's kind and consent; no name, organisation
  name, region, age band or email status (null);
- `receipt` (consent "none"): the receipt only (reference, status, channel, language, time,
  kind, consent), no answers or comments.

Filters follow the same rule for organisations (`region` matches only named responses;
`question`/`answer` and `q` only named and anonymous ones). Email addresses are never listed
or exported. Every read is recorded in the audit log."""
AUDIT_LIST = "responses.list"  # a page of the list: respondent details of up to 500 responses


@dataclass(frozen=True)
class Reader:
    consultation: Consultation
    organisation: Organisation | None  # None: an official of the consultation's department


def reader_of(request: Request, slug: str, right: Right) -> Reader:
    """Who reads which consultation's responses: 401 without credentials, 403 for a caller that
    is neither an official nor an organisation token, 404 for a consultation on which the
    official lacks `right` (another department's, or a role without it) or one an organisation
    cannot see."""
    principal = principal_of(request)
    if principal.user is None:
        raise exceptions.NotAuthenticated()
    if principal.organisation is not None:
        consultation = Consultation.objects.public().filter(slug=slug).first()
        if consultation is None:
            raise Http404
        return Reader(consultation, principal.organisation)
    if not principal.is_official:
        raise exceptions.PermissionDenied(
            _("Only the consultation's officials and organisations may read responses.")
        )
    return Reader(consultation_for_staff(principal.user, slug, right), None)


def filters_of(request: Request, consultation: Consultation) -> ResponseFilters:
    params = ResponseFiltersIn(
        data=request.query_params.dict(),
        context={"questionnaire": questionnaire_for(consultation)},
    )
    params.is_valid(raise_exception=True)
    return params.filters()


class RespondentOut(serializers.Serializer):
    kind = serializers.CharField()
    consent = serializers.CharField()
    name = serializers.CharField(allow_null=True, help_text="null when not disclosed")
    organisation_name = serializers.CharField(allow_null=True)
    region = serializers.CharField(allow_null=True)
    age_band = serializers.CharField(allow_null=True)
    email_verified = serializers.BooleanField(
        allow_null=True, help_text="The email address itself is never listed or exported."
    )


class SupporterConsentOut(serializers.Serializer):
    method = serializers.CharField(
        help_text="campaign_page, online_form, paper, email or in_person."
    )
    consented_at = serializers.DateTimeField()
    shared = serializers.BooleanField(
        help_text="The supporter agreed that the organisation may see the response."
    )


class ResponseItemOut(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    channel = serializers.CharField()
    language = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    disclosure = serializers.ChoiceField(
        choices=[d.value for d in Disclosure],
        help_text="full: an official's view. For an organisation: named, anonymous (no identity) "
        "or receipt (no content), following the supporter's publication consent.",
    )
    respondent = RespondentOut()
    submitted_through = serializers.CharField(
        allow_null=True,
        help_text="The organisation that submitted it on a supporter's behalf (a campaign or its "
        "API key); null otherwise.",
    )
    supporter_consent = SupporterConsentOut(
        allow_null=True,
        help_text="The supporter's consent as recorded with it; null for a response nobody "
        "submitted on anyone's behalf, or one an organisation submitted before records were "
        "required.",
    )
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Question key → value: likert 1–5, a choice key, a list of choice keys, or text.",
    )
    comments = serializers.DictField(
        child=serializers.CharField(), help_text="Clause number → comment."
    )


class ResponseCursor(ConsultationCursor):
    ordering = "-id"
    page_size = 50
    max_page_size = 500


class ResponseList(generics.GenericAPIView):
    pagination_class = ResponseCursor
    filter_backends = ()

    @extend_schema(
        tags=["responses"],
        operation_id="responses_list",
        description=READ_DESCRIPTION,
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter("page_size", int, description="1–500, default 50"),
        ],
        responses={200: ResponseItemOut(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, slug: str) -> Response:
        """A consultation's responses, newest first."""
        reader = reader_of(request, slug, Right.VIEW_PERSONAL_DATA)
        filters = filters_of(request, reader.consultation)
        records = response_records(
            responses_filtered(
                reader.consultation, filters=filters, organisation=reader.organisation
            )
        )
        page = self.paginate_queryset(records)
        assert page is not None
        rows = response_rows(
            page,
            questionnaire=questionnaire_for(reader.consultation),
            organisation_reader=reader.organisation is not None,
        )
        if page:
            audit_record(
                user=request.user,
                action=AUDIT_LIST,
                objects=[ResponseModel(pk=record["id"]) for record in page],
                request=request,
                consultation=reader.consultation,
            )
        return self.get_paginated_response([response_row_json(row) for row in rows])


class ResponseCollection(ResponseList, SubmitResponse):
    """One path, two operations: GET lists responses (officials, organisations), POST submits one
    (anyone). Both url names (`api:response-list`, `api:response-submit`) reverse to it."""


class _JsonErrors(DefaultContentNegotiation):
    """The export answers with a file; errors are JSON whatever `?format=` or Accept say (DRF would
    otherwise read `?format=csv` as a renderer choice and answer 404)."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


class ExportFormatIn(serializers.Serializer):
    format = serializers.ChoiceField(choices=sorted(CONTENT_TYPES), default="csv")


class ResponseExport(APIView):
    content_negotiation_class = _JsonErrors

    @extend_schema(
        tags=["responses"],
        operation_id="responses_export",
        description=READ_DESCRIPTION,
        parameters=[
            OpenApiParameter("format", str, enum=sorted(CONTENT_TYPES), default="csv"),
            *FILTER_PARAMETERS,
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="UTF-8 with BOM; a column per question (answer:<key>) and per clause "
                "(comment:<number>); multiple values joined with |; formulas neutralised with '.",
            ),
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description="One JSON object per line, shaped like a list item."
            ),
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, slug: str) -> Any:
        """Every matching response as one streamed file (`<slug>-responses-<date>.<format>`)."""
        reader = reader_of(request, slug, Right.EXPORT)
        params = ExportFormatIn(data={"format": request.query_params.get("format", "csv")})
        params.is_valid(raise_exception=True)
        export_format: str = params.validated_data["format"]
        filters = filters_of(request, reader.consultation)
        questionnaire = questionnaire_for(reader.consultation)
        responses = responses_filtered(
            reader.consultation, filters=filters, organisation=reader.organisation
        )
        audit_record(
            user=request.user,
            action=AuditAction.RESPONSES_EXPORT,
            objects=responses,
            request=request,
            consultation=reader.consultation,
            reason=f"API export, {request.get_full_path()}",
        )
        chunks = response_row_chunks(
            responses,
            questionnaire=questionnaire,
            organisation_reader=reader.organisation is not None,
            chunk_size=EXPORT_CHUNK_SIZE,
        )
        body = (
            export_csv(chunks, questionnaire=questionnaire)
            if export_format == "csv"
            else export_jsonl(chunks)
        )
        response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[export_format])
        filename = export_filename(reader.consultation.slug, export_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
