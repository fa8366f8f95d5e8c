"""POST /api/v1/campaigns/{slug}/supporters/bulk — supporters' own responses sent in bulk by the
campaign's organisation, each with the consent the supporter gave."""

import logging
import re
from typing import Any

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.utils import translation
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiRequest, OpenApiResponse, extend_schema
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
    ImportTooLarge,
    settle_encoding,
    spool,
    too_large_message,
)
from consult.responses.imports import ATOMIC_MODES, import_key_prefix

from ..errors import ErrorSerializer, error_body
from ..principals import principal_of
from .bulk import DEFAULT_MAX_IMPORT_BYTES, MEDIA_FORMATS, ImportLineOut, stream_results

logger = logging.getLogger(__name__)
_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")

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
        parameters=[
            OpenApiParameter(
                "Import-Key",
                str,
                OpenApiParameter.HEADER,
                description="8–200 printable ASCII characters naming this file, e.g. a UUID.",
            ),
            OpenApiParameter("atomic", str, enum=list(ATOMIC_MODES), description="Default batch."),
            OpenApiParameter(
                "lang", str, enum=["ja", "en"], description="Language of error messages"
            ),
        ],
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
        key = request.headers.get("Import-Key")
        if key is not None and not _KEY.match(key):
            message = _("Use 8–200 printable ASCII characters, such as a UUID.")
            return _bad("Import-Key", "invalid", message)
        atomic = request.query_params.get("atomic", "batch")
        if atomic not in ATOMIC_MODES:
            return _bad("atomic", "invalid_choice", _("Use batch or row."))
        media_type, params = parse_header_parameters(request.content_type or "")
        fmt = MEDIA_FORMATS.get(media_type.lower())
        if fmt is None:
            message = _("Send text/csv or application/x-ndjson (JSON Lines).")
            return _bad("Content-Type", "unsupported_media_type", message, status=415)
        limit = int(getattr(settings, "API_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES))
        try:
            if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
                raise ImportTooLarge([("", "payload_too_large", too_large_message(limit))])
            file = spool(request._request.read, limit=limit)
        except ImportFileError as exc:
            return Response(error_body(exc.items), status=exc.status)
        except ValueError:
            return _bad("Content-Length", "invalid", _("The request could not be read."))
        questionnaire = questionnaire_for(campaign.consultation)
        try:
            encoding = settle_encoding(
                file,
                fmt=fmt,
                charset=params.get("charset"),
                max_line_bytes=int(settings.API_MAX_BODY_BYTES),
            )
            rows = read_supporter_rows(
                file,
                fmt=fmt,
                encoding=encoding,
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
