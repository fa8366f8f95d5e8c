"""Login lockout (django-axes): failures are counted per username and client address together.

A password failure and a wrong second-factor code both count; after `AXES_FAILURE_LIMIT` failures
the username is refused from that address for `AXES_COOLOFF_TIME` (the lockout page, 429). Another
address, or another username from the same address, is not affected. The count is cleared when a
sign-in completes: after the second factor for staff, after the password for everyone else.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username+address at every web sign-in (the login page, the admin's).

    Axes needs the request; `authenticate()` called without one (management commands, scripts)
    has no client address to count, so this backend stands aside and the next backend decides.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The client address axes counts: REMOTE_ADDR, or with `NUM_PROXIES` trusted reverse proxies
    in front (the API's setting), the address the outermost of them saw in X-Forwarded-For."""
    proxies = int(settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0)
    remote = str(request.META.get("REMOTE_ADDR", ""))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return remote


def _credentials(username: str) -> dict[str, str]:
    return {get_user_model().USERNAME_FIELD: username}


def login_is_locked(*, request: HttpRequest, username: str) -> bool:
    """Whether this username is locked out from this request's address."""
    return not AxesProxyHandler.is_allowed(request, _credentials(username))


def login_failure_record(*, request: HttpRequest, username: str) -> bool:
    """Count one failed step of a sign-in (a wrong second-factor code); True when it locks out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False)) or login_is_locked(
        request=request, username=username
    )


def login_failures_reset(*, request: HttpRequest, username: str) -> None:
    """Clear the failures of this username from this address once a sign-in is complete."""
    AxesProxyHandler.reset_attempts(ip_address=client_ip(request), username=username)


def lockout_page(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The lockout page (`AXES_LOCKOUT_CALLABLE`): 429, how long the block lasts, what to do."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes}
    response = render(request, "accounts/lockout.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def lockout_response(*, request: HttpRequest, username: str) -> HttpResponse:
    """The lockout page for this username (the same one a locked-out password sign-in gets)."""
    return lockout_page(request, None, _credentials(username))
