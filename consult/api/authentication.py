"""`Authorization: Token cst_…` (or `Bearer cst_…`) authentication against hashed API tokens."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from consult.accounts.models import ApiToken, User
from consult.accounts.tokens import api_token_authenticate

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A key of `ApiToken`; a read-only key is refused (403) on any method but a read."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as “Authorization: Token <key>”.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("The API key is not valid.")) from exc
        token = api_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The API key is not valid, has expired or was revoked.")
            )
        if token.access != ApiToken.Access.WRITE and request.method not in READ_METHODS:
            # Checked here, for every request whatever its view, so no view can forget it.
            raise exceptions.PermissionDenied(
                _(
                    "This API key is read-only: it can list, read and export, but not submit, "
                    "import, author or change anything. Create a key with read and write access."
                ),
                code="read_only_key",
            )
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "consult.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token cst_…`: an organisation's or an official's API key. A "
            "read-only key may only GET (403 `read_only_key` otherwise).",
        }
