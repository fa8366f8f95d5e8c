"""POST /api/v1/consultations/{slug}/responses/bulk — many responses from one CSV or JSON Lines
file, streamed in and out."""

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiRequest, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import questionnaire_for
from consult.core.i18n import current_language
from consult.responses.import_formats import read_rows, template_csv
from consult.responses.import_source import (
    ImportFileError,
    ImportTooLarge,
    settle_encoding,
    spool,
    too_large_message,
)
from consult.responses.imports import (
    ATOMIC_MODES,
    ImportSummary,
    RowResult,
    import_allowed,
    import_key_prefix,
    responses_import,
)
from consult.responses.models import Response as ResponseModel
from consult.responses.supporter_consent import SUPPORTER_CONSENT_FIELD

from ..errors import ErrorItemSerializer, ErrorSerializer, error_body
from ..principals import Principal, principal_of, unverified_organisation_message
from .submission import SubmissionIn

logger = logging.getLogger(__name__)

DEFAULT_MAX_IMPORT_BYTES = 256 * 1024 * 1024
MEDIA_FORMATS = {
    "text/csv": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "jsonl",
}
_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")

DESCRIPTION = """\
Import many responses at once: paper and email responses typed up by the consultation's
officials (channel `import`; also after the consultation has closed, until it is marked analysed),
or supporters' responses sent by an organisation's API key (channel `campaign`, while the
consultation is open; the organisation must be verified, **403** otherwise). An organisation's
rows each carry the supporter's consent record as well
as `notice_accepted: true`: in JSON Lines the field `supporter_consent` as in
`POST …/responses/`, in CSV the columns `consent_share`, `consented_at` and `consent_method`
(required then, and unknown columns in an official's file). A row without a complete record is
`invalid` (`consent_required`); `consent_share` false keeps the response out of the
organisation's own reads and exports.

**Body** (at most `API_MAX_IMPORT_BYTES`, default 256 MiB; one row at most `API_MAX_BODY_BYTES`):
- `application/x-ndjson` or `application/jsonl` (`application/json` is read the same way): one
  submission document per line, exactly the body of `POST …/responses/`.
- `text/csv`: a header row, then one response per record. Columns `kind, name,
  organisation_name, region, age_band, email, consent, notice_accepted, language`
  (`kind`, `consent` and `notice_accepted` required; `notice_accepted` true/false, 1/0, yes/no,
  はい/いいえ), then `answer:<question key>` per question (multiple choice and ranking as
  `a|b|c`) and `comment:<section number>` per clause. Unknown, duplicate or missing required
  columns are a 400 before any row is written. Cells are stored as text, never evaluated.

Encoding: UTF-8, UTF-8 with BOM or Shift_JIS (CP932, as Japanese Excel saves). A `charset=`
parameter is honoured; otherwise a BOM means UTF-8, a body that is valid UTF-8 is UTF-8, and
anything else is read as CP932. A body that does not decode is a 400 naming the row.

Rows are numbered as in the file: JSON Lines by line, CSV by record after the header. Blank
lines (and CSV records with only empty cells) are skipped.

**What is written when.** `atomic=batch` (default): rows go in batches of 1,000 (rows 1–1000,
1001–2000, …); a batch is written in one transaction only if every row in it is valid, otherwise
none of it is and its valid rows report `not_written`. `atomic=row`: every valid row is written.
Batches are committed one after the other as the import proceeds.

**Import-Key** (recommended): row N gets the idempotency key `<caller>:import:<key>:<N>`; sending
the same file again creates nothing new (rows report `replayed` with their reference), a changed
row reports `conflict`, and an interrupted import is completed. Without it, sending again creates
the responses again.

**Result** (200, streamed as JSON Lines while the import runs): one line per row
`{"row", "line", "status", "reference"?, "errors"?}` with `status` one of `created`,
`replayed`, `invalid`, `conflict`, `not_written`, then one summary line
`{"summary": {"rows", "created", "replayed", "failed", "complete"}}` (`complete` is false, with
`errors`, if the import stopped early; send it again with the same key to finish).
"""


TEMPLATE_DESCRIPTION = """\
The header row of a CSV file for `POST …/responses/bulk` on this consultation, as a file to fill
in: every column the import knows (`kind, name, organisation_name, region, age_band, email,
consent, notice_accepted, language`, one `answer:<question key>` per question and one
`comment:<section number>` per clause, in the consultation's order). With `consent=true` it ends
with the supporter's consent columns (`consent_share, consented_at, consent_method`) that an
organisation's file needs. UTF-8 with a byte order mark, so that spreadsheet programs read
Japanese correctly; the import reads it back as it is. Any consultation past draft; no key
needed. Columns left empty are fine where the question is optional.
"""


class BulkImportTemplate(APIView):
    @extend_schema(
        tags=["responses"],
        operation_id="responses_bulk_template",
        description=TEMPLATE_DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "consent",
                bool,
                description="Add the supporter's consent columns (for an organisation's file).",
            ),
            OpenApiParameter(
                "lang", str, enum=["ja", "en"], description="Language of error messages"
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The header row."),
            400: ErrorSerializer,
            404: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def get(self, request: Request, slug: str) -> Response | HttpResponse:
        consultation = Consultation.objects.public().filter(slug=slug).first()
        if consultation is None:
            raise Http404
        raw = request.query_params.get("consent", "false").strip().lower()
        if raw not in ("true", "false", "1", "0"):
            return _bad("consent", "invalid", _("Use true or false."))
        body = template_csv(questionnaire_for(consultation), consent=raw in ("true", "1"))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{consultation.slug}-import-template.csv"'
        )
        return response


class ImportLineOut(serializers.Serializer):
    row = serializers.IntegerField(required=False, help_text="Row number in the file.")
    line = serializers.IntegerField(required=False, help_text="Line where the row starts.")
    status = serializers.ChoiceField(
        choices=["created", "replayed", "invalid", "conflict", "not_written"], required=False
    )
    reference = serializers.CharField(required=False)
    errors = ErrorItemSerializer(many=True, required=False)  # type: ignore[assignment]
    summary = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Last line only: rows, created, replayed, failed, complete.",
    )


def _max_bytes() -> int:
    return int(getattr(settings, "API_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES))


def _target(principal: Principal, slug: str) -> Consultation:
    if principal.user is None:
        raise exceptions.NotAuthenticated()
    if principal.organisation is not None:
        consultation = Consultation.objects.public().filter(slug=slug).first()
        if consultation is None:
            raise Http404
        if principal.submits_unverified:
            raise exceptions.PermissionDenied(unverified_organisation_message())
        return consultation
    if principal.is_official:
        return consultation_for_staff(principal.user, slug, Right.EDIT)
    raise exceptions.PermissionDenied(
        _("Only the consultation's officials and organisation API keys can import responses.")
    )


def _bad(path: str, code: str, message: str, status: int = 400) -> Response:
    return Response(error_body([(path, code, message)]), status=status)


# The options of every bulk import endpoint, as the schema documents them.
IMPORT_PARAMETERS = [
    OpenApiParameter(
        "Import-Key",
        str,
        OpenApiParameter.HEADER,
        description="8–200 printable ASCII characters naming this file, e.g. a UUID.",
    ),
    OpenApiParameter("atomic", str, enum=list(ATOMIC_MODES), description="Default batch."),
    OpenApiParameter("lang", str, enum=["ja", "en"], description="Language of error messages"),
]


@dataclass(frozen=True)
class ImportUpload:
    """A bulk import request's body, spooled and its encoding settled, and its options."""

    key: str | None  # the Import-Key header
    atomic: str
    fmt: str  # "csv" or "jsonl"
    file: IO[bytes]
    encoding: str


def import_upload(request: Request) -> ImportUpload | Response:
    """Read a bulk import request (responses or campaign supporters): its Import-Key, atomic mode,
    media type, size and encoding; the error answer when one of them is wrong."""
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
    limit = _max_bytes()
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            raise ImportTooLarge([("", "payload_too_large", too_large_message(limit))])
        file = spool(request._request.read, limit=limit)
    except ImportFileError as exc:
        return Response(error_body(exc.items), status=exc.status)
    except ValueError:
        return _bad("Content-Length", "invalid", _("The request could not be read."))
    try:
        encoding = settle_encoding(
            file,
            fmt=fmt,
            charset=params.get("charset"),
            max_line_bytes=int(settings.API_MAX_BODY_BYTES),
        )
    except ImportFileError as exc:
        file.close()
        return Response(error_body(exc.items), status=exc.status)
    return ImportUpload(key, atomic, fmt, file, encoding)


class BulkImportResponses(APIView):
    parser_classes: list[Any] = []  # the body is read as a stream, never through request.data

    @extend_schema(
        tags=["responses"],
        operation_id="responses_bulk_import",
        description=DESCRIPTION,
        request={
            "text/csv": OpenApiRequest(OpenApiTypes.STR),
            "application/x-ndjson": OpenApiRequest(OpenApiTypes.STR),
            "application/jsonl": OpenApiRequest(OpenApiTypes.STR),
            "application/json": OpenApiRequest(SubmissionIn),
        },
        parameters=IMPORT_PARAMETERS,
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                ImportLineOut, description="One line per row, then a summary line."
            ),
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="The consultation does not take imports now."
            ),
            413: ErrorSerializer,
            415: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request, slug: str) -> Response | StreamingHttpResponse:
        principal = principal_of(request)
        consultation = _target(principal, slug)
        if not import_allowed(consultation, official=principal.is_official):
            return _bad(
                "",
                "consultation_not_open",
                _("This consultation is not accepting responses."),
                status=409,
            )
        upload = import_upload(request)
        if isinstance(upload, Response):
            return upload
        key, atomic, file = upload.key, upload.atomic, upload.file
        questionnaire = questionnaire_for(consultation)
        try:
            rows = read_rows(
                file,
                fmt=upload.fmt,
                encoding=upload.encoding,
                questionnaire=questionnaire,
                language=current_language(),
                consent_field=SUPPORTER_CONSENT_FIELD if principal.organisation else None,
            )
        except ImportFileError as exc:
            file.close()
            return Response(error_body(exc.items), status=exc.status)
        results = responses_import(
            consultation=consultation,
            rows=rows,
            channel=(
                ResponseModel.Channel.CAMPAIGN
                if principal.organisation
                else ResponseModel.Channel.IMPORT
            ),
            organisation=principal.organisation,
            key_prefix=import_key_prefix(principal.idempotency_scope, key) if key else None,
            atomic=atomic,
            questionnaire=questionnaire,
        )
        response = StreamingHttpResponse(
            stream_results(results, translation.get_language() or "ja", file),
            content_type="application/x-ndjson; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        return response


def stream_results(
    results: Iterator[RowResult],
    language: str,
    file: IO[bytes],
    *,
    refusal: type[Exception] | None = None,
) -> Iterator[bytes]:
    """Result lines, one chunk per batch, then the summary. Runs after the view has returned,
    so it sets the request's language itself.

    The status line (200) has been sent by the time a row is read, so whatever stops the import
    half-way is said in the summary (`complete: false`, with the reason) rather than by cutting
    the stream off: every row whose result was sent is stored, and sending the file again with the
    same Import-Key finishes the rest. `refusal` is an exception whose messages are for the user
    (a campaign that closed while its supporters were being imported)."""
    summary = ImportSummary()
    stopped: list[dict[str, str]] = []
    lines: list[str] = []
    with translation.override(language):
        try:
            for result in results:
                summary.add(result)
                lines.append(json.dumps(result.as_dict(), ensure_ascii=False))
                if len(lines) >= 1000:
                    yield ("\n".join(lines) + "\n").encode()
                    lines = []
        except Exception as exc:
            if refusal is not None and isinstance(exc, refusal):
                code = str(getattr(exc, "code", "refused"))
                messages = getattr(exc, "messages", [str(exc)])
                stopped.append({"path": "", "code": code, "message": " ".join(messages)})
            else:
                logger.exception("import stopped after %d rows", summary.rows)
                message = _(
                    "The import stopped after %(rows)d rows. Send the file again with the same "
                    "Import-Key to finish it."
                ) % {"rows": summary.rows}
                stopped.append({"path": "", "code": "import_stopped", "message": message})
        finally:
            file.close()
        if lines:
            yield ("\n".join(lines) + "\n").encode()
        line: dict[str, Any] = {"summary": {**_counts(summary), "complete": not stopped}}
        if stopped:
            line["errors"] = stopped
        yield (json.dumps(line, ensure_ascii=False) + "\n").encode()


def _counts(summary: ImportSummary) -> dict[str, int]:
    return {
        "rows": summary.rows,
        "created": summary.created,
        "replayed": summary.replayed,
        "failed": summary.failed,
    }
