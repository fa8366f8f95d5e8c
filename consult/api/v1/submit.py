"""POST /api/v1/consultations/{slug}/responses/ — one response, safe to retry."""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.consultations.models import Consultation
from consult.consultations.questionnaire import questionnaire_for
from consult.core.i18n import current_language
from consult.integrity.services import submission_trace_row
from consult.responses.import_json import only_unknown_fields
from consult.responses.insert import LinkedRow
from consult.responses.models import Response as ResponseModel
from consult.responses.models import SupporterConsent
from consult.responses.selectors.submission import consultation_version, submission_consultation
from consult.responses.services import (
    ConsultationChanged,
    ConsultationNotOpen,
    IdempotencyConflict,
    response_submit,
)
from consult.responses.submission import SubmissionInvalid, validate_submission
from consult.responses.supporter_consent import (
    SUPPORTER_CONSENT_FIELD,
    parse_document_with_consent,
)

from ..errors import ErrorSerializer, error_body
from ..principals import principal_of, unverified_organisation_message
from .submission import SubmissionIn, error_paths

_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")


class SubmissionOut(serializers.Serializer):
    reference = serializers.CharField(help_text="The receipt number to quote.")
    status = serializers.CharField()
    consultation = serializers.SlugField()
    submitted_at = serializers.DateTimeField()
    language = serializers.CharField()


def _out(response: ResponseModel, slug: str) -> dict[str, object]:
    return {
        "reference": response.reference,
        "status": response.status,
        "consultation": slug,
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "language": response.language,
    }


class SubmitResponse(APIView):
    @extend_schema(
        tags=["responses"],
        operation_id="responses_submit",
        request=SubmissionIn,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="8–200 printable ASCII characters, e.g. a UUID. A retry with the same key and "
                "body returns the first result; the same key with another body is a 409.",
            ),
            OpenApiParameter(
                "lang", str, enum=["ja", "en"], description="Language of error messages"
            ),
        ],
        responses={
            201: SubmissionOut,
            200: OpenApiResponse(
                SubmissionOut, description="A retry: the first result, unchanged."
            ),
            400: ErrorSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                description="An organisation's key whose organisation is not verified "
                "(`organisation_not_verified`), or a read-only key.",
            ),
            404: ErrorSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="Closed consultation, or key reused with another body."
            ),
            413: ErrorSerializer,
            429: ErrorSerializer,
        },
        examples=[
            OpenApiExample(
                "A citizen's response",
                request_only=True,
                value={
                    "language": "ja",
                    "respondent": {
                        "kind": "individual",
                        "region": "13",
                        "consent": "anonymous",
                        "notice_accepted": True,
                    },
                    "answers": [
                        {"question": "overall", "value": 2},
                        {"question": "comments", "value": "保存期間が長すぎます。"},
                    ],
                    "comments": [{"section": "3", "text": "72時間ではなく24時間にすべきです。"}],
                },
            ),
            OpenApiExample(
                "A supporter's response sent by an organisation's key",
                request_only=True,
                value={
                    "language": "en",
                    "respondent": {
                        "kind": "individual",
                        "region": "27",
                        "consent": "anonymous",
                        "notice_accepted": True,
                    },
                    "answers": [{"question": "overall", "value": 1}],
                    "supporter_consent": {
                        "share": True,
                        "consented_at": "2026-11-20T10:00:00+09:00",
                        "method": "online_form",
                    },
                },
            ),
        ],
    )
    def post(self, request: Request, slug: str) -> Response:
        """Submit a response: respondent, answers and clause comments in one document."""
        consultation, trace_key, cached = submission_consultation(slug)
        try:
            result = self._submit(request, slug, consultation, trace_key, reread=not cached)
        except ConsultationChanged:
            result = None
        if result is not None and not (cached and result.status_code in (400, 409)):
            return result
        # Nothing was written. The statement found the cached consultation changed, or the
        # refusal may come from the cached copy (a question added, opened early): read the slug
        # again (it may now be another consultation, or none) and, if anything changed, start
        # over with what is there now.
        fresh, trace_key, _ = submission_consultation(slug, fresh=True)
        if (
            result is not None
            and fresh is not None
            and consultation_version(fresh) == consultation_version(consultation)
        ):
            return result
        return self._submit(request, slug, fresh, trace_key, reread=True)

    def _submit(
        self,
        request: Request,
        slug: str,
        consultation: Consultation | None,
        trace_key: bytes | None,
        *,
        reread: bool,
    ) -> Response:
        if consultation is None:
            raise Http404
        key = request.headers.get("Idempotency-Key")
        if key is not None and not _KEY.match(key):
            return Response(
                error_body(
                    [
                        (
                            "Idempotency-Key",
                            "invalid",
                            _("Use 8–200 printable ASCII characters, such as a UUID."),
                        )
                    ]
                ),
                status=400,
            )
        # The shape is checked by the same plain function as each bulk-import row (SubmissionIn
        # documents it in the schema); a DRF serializer here cost a fifth of the request.
        principal = principal_of(request)
        if principal.submits_unverified:
            return Response(
                error_body([("", "organisation_not_verified", unverified_organisation_message())]),
                status=403,
            )
        # An organisation submits on a supporter's behalf: with the supporter's consent record.
        submission, shape_errors, answer_index, comment_index, consent = (
            parse_document_with_consent(
                request.data,
                current_language(),
                SUPPORTER_CONSENT_FIELD if principal.organisation is not None else None,
            )
        )
        if submission is None or shape_errors:
            if submission is not None and only_unknown_fields(shape_errors):
                # Only unknown fields: the values are checked too, to name every problem at once.
                try:
                    validate_submission(consultation=consultation, data=submission, complete=True)
                except SubmissionInvalid as exc:
                    shape_errors = shape_errors + error_paths(
                        exc.errors, questionnaire_for(consultation), answer_index, comment_index
                    )
            return Response(error_body(shape_errors), status=400)
        channel = (
            ResponseModel.Channel.CAMPAIGN if principal.organisation else ResponseModel.Channel.API
        )
        trace = submission_trace_row(
            consultation_id=consultation.pk, request=request, key=trace_key
        )
        linked = [trace] if trace is not None else []
        if consent is not None:
            linked.append(LinkedRow(SupporterConsent, consent.as_values()))
        try:
            response, created = response_submit(
                consultation=consultation,
                data=submission,
                channel=channel,
                idempotency_key=f"{principal.idempotency_scope}:{key}" if key else None,
                organisation=principal.organisation,
                linked=linked,
                fingerprint_extra=consent.fingerprint_part() if consent is not None else (),
                reread=reread,
            )
        except SubmissionInvalid as exc:
            return Response(
                error_body(
                    error_paths(
                        exc.errors, questionnaire_for(consultation), answer_index, comment_index
                    )
                ),
                status=400,
            )
        except IdempotencyConflict:
            return Response(
                error_body(
                    [
                        (
                            "Idempotency-Key",
                            "idempotency_conflict",
                            _("This key was already used with a different request body."),
                        )
                    ]
                ),
                status=409,
            )
        except ConsultationNotOpen:
            return Response(
                error_body(
                    [
                        (
                            "",
                            "consultation_not_open",
                            _("This consultation is not accepting responses."),
                        )
                    ]
                ),
                status=409,
            )
        return Response(
            _out(response, slug), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
