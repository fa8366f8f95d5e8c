from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from consult.core.jsondoc import JSONDocumentError, decode_json


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "payload_too_large"


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    """Read at most `limit` bytes; refuse a larger body instead of buffering it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(_("The request body is larger than %(n)d bytes.") % {"n": limit})
    return data


class LimitedJSONParser(parsers.JSONParser):
    """JSON with a size limit, strict UTF-8, and no NaN/Infinity."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        if stream is None:
            raise exceptions.ParseError(_("The request body is empty."))
        raw = read_limited(stream, settings.API_MAX_BODY_BYTES)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(_("The request body is not valid UTF-8.")) from exc
        try:
            return decode_json(text)
        except JSONDocumentError as exc:
            raise exceptions.ParseError(str(exc)) from exc
