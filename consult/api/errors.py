"""One error shape for the whole API, in the request's language:

    {"errors": [{"path": "answers[3].value", "code": "invalid", "message": "…"}]}

`path` points into the request body (empty for errors about the request as a whole).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorItemSerializer(serializers.Serializer):
    path = serializers.CharField(help_text="Where in the request body, e.g. answers[3].value")
    code = serializers.CharField()
    message = serializers.CharField(
        help_text="In the request's language (Accept-Language or ?lang=)"
    )


class ErrorSerializer(serializers.Serializer):
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]


def error_body(items: list[tuple[str, str, str]]) -> dict[str, list[dict[str, str]]]:
    return {"errors": [{"path": p, "code": c, "message": m} for p, c, m in items]}


def flatten(detail: Any, path: str = "") -> list[tuple[str, str, str]]:
    """DRF's nested error detail → (path, code, message) triples with JSON-style paths."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            key = "" if key in ("non_field_errors", "detail") else str(key)
            child = f"{path}.{key}" if path and key else (key or path)
            out += flatten(value, child)
        return out
    if isinstance(detail, list):
        if all(isinstance(d, exceptions.ErrorDetail | str) for d in detail):
            return [(path, getattr(d, "code", "invalid"), str(d)) for d in detail]
        out = []
        for i, value in enumerate(detail):
            out += flatten(value, f"{path}[{i}]")
        return out
    return [(path, getattr(detail, "code", "invalid"), str(detail))]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body([("", "payload_too_large", _("The request body is too large."))]), status=413
        )
    if isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("The request could not be read."))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        items = flatten(exc.detail)
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        items = flatten(detail) if isinstance(detail, dict | list) else [("", code, str(detail))]
    else:
        items = [("", "error", str(exc))]
    response.data = error_body(items)
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and "Retry-After" not in response:
        response["Retry-After"] = "60"
    return response
