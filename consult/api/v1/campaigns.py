"""POST /api/v1/campaigns/{slug}/supporters/bulk — supporters' own responses sent in bulk by the
campaign's organisation, each with the consent the supporter gave."""

import logging
from typing import Any

from django.http import Http404, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiRequest, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.campaigns.bulk import supporters_import
from consult.campaigns.bulk_rows import BULK_METHODS, read_supporter_rows
from consult.campaigns.models import Campaign
from consult.campaigns.services import CampaignRefused, ensure_accepting
from consult.consultations.questionnaire import questionnaire_for
from consult.core.i18n import current_language
from consult.responses.import_source import (
    ImportFileError,
)
from consult.responses.imports import import_key_prefix

from ..errors import ErrorSerializer, error_body
from ..principals import principal_of
from .bulk import IMPORT_PARAMETERS, ImportLineOut, import_upload, stream_results

logger = logging.getLogger(__name__)

DESCRIPTION = f"""\
Submit campaign supporters' own responses in bulk with the campaign's organisation's API key.
Each supporter responds as themselves (their own respondent details) and each row carries the
consent that supporter gave; the responses have channel `campaign`, are submitted through the
organisation and count as the campaign's supporters.

Only a key of the organisation that runs the campaign may send (another organisation's key or an
official's: **403**); the campaign must be active and its consultation open (**409**
`campaign_not_active` / `consultation_not_open`).

**Rows.** As in `POST /api/v1/consultations/{{slug}}/responses/bulk` (same formats, encodings,
limits, `atomic`, `Import-Key` and per-row JSON Lines results), plus the consent record:
- JSON Lines: the submission document with
  `"campaign_consent": {{"share": true, "consented_at": "2026-11-20T10:00:00+09:00",
  "method": "online_form"}}`;
- CSV: the import's columns plus `consent_share`, `consented_at`, `consent_method`.

`share`: whether the supporter agreed that the organisation may see their submission (only those
rows appear in the organisation's export). `consented_at`: ISO 8601 with a time zone, not in the
future. `method`: one of {", ".join(f"`{m}`" for m in BULK_METHODS)}. The respondent's
`consent` (publication) and `notice_accepted: true` are required as for every response.

A row is refused on its own (`invalid`) when its consent record is missing or incomplete
(`consent_required`), its submission is invalid, or its email address already supported the
campaign (`already_supported`, with the earlier reference).
"""


def _bad(path: str, code: str, message: str, status: int = 400) -> Response:
    return Response(error_body([(path, code, message)]), status=status)


def _campaign_for_token(request: Request, slug: str) -> Campaign:
    principal = principal_of(request)
    if principal.user is None:
        raise exceptions.NotAuthenticated()
    campaign = (
        Campaign.objects.select_related("organisation", "consultation").filter(slug=slug).first()
    )
    if campaign is None:
        raise Http404
    organisation = principal.organisation
    own = organisation is not None and organisation.pk == campaign.organisation_id
    if campaign.status == Campaign.Status.DRAFT and not own:
        raise Http404  # a draft is not public: only its organisation learns that it exists
    if not own:
        raise exceptions.PermissionDenied(
            _(
                "Only an API key of the organisation that runs this campaign can submit its "
                "supporters."
            )
        )
    return campaign


class BulkCampaignSupporters(APIView):
    parser_classes: list[Any] = []  # the body is read as a stream, never through request.data

    @extend_schema(
        tags=["campaigns"],
        operation_id="campaign_supporters_bulk",
        description=DESCRIPTION,
        request={
            "text/csv": OpenApiRequest(OpenApiTypes.STR),
            "application/x-ndjson": OpenApiRequest(OpenApiTypes.STR),
            "application/jsonl": OpenApiRequest(OpenApiTypes.STR),
        },
        parameters=IMPORT_PARAMETERS,
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                ImportLineOut, description="One line per row, then a summary line."
            ),
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: OpenApiResponse(
                ErrorSerializer, description="Not a key of the campaign's organisation."
            ),
            404: ErrorSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="The campaign is not active or its consultation is not open.",
            ),
            413: ErrorSerializer,
            415: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request, slug: str) -> Response | StreamingHttpResponse:
        campaign = _campaign_for_token(request, slug)
        try:
            ensure_accepting(campaign)
        except CampaignRefused as exc:
            return _bad("", str(exc.code), " ".join(exc.messages), status=409)
        upload = import_upload(request)
        if isinstance(upload, Response):
            return upload
        key, atomic, file = upload.key, upload.atomic, upload.file
        questionnaire = questionnaire_for(campaign.consultation)
        try:
            rows = read_supporter_rows(
                file,
                fmt=upload.fmt,
                encoding=upload.encoding,
                questionnaire=questionnaire,
                language=current_language(),
            )
        except ImportFileError as exc:
            file.close()
            return Response(error_body(exc.items), status=exc.status)
        principal = principal_of(request)
        scope = f"{principal.idempotency_scope}:campaign{campaign.pk}"
        results = supporters_import(
            campaign=campaign,
            rows=rows,
            key_prefix=import_key_prefix(scope, key) if key else None,
            atomic=atomic,
            questionnaire=questionnaire,
        )
        response = StreamingHttpResponse(
            stream_results(
                results, translation.get_language() or "ja", file, refusal=CampaignRefused
            ),
            content_type="application/x-ndjson; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        return response
