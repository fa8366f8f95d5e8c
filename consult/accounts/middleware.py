"""Staff pages need the second factor: one check for every path under the staff prefixes."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

from .otp import otp_is_verified, otp_required


def guarded_prefixes() -> tuple[str, ...]:
    """Paths that need a verified second factor: the staff pages, the admin and the API keys
    pages, with everything registered under them now or later."""
    return (
        reverse("staff:dashboard"),
        reverse("admin:index"),
        reverse("accounts:tokens"),
    )


def api_prefix() -> str:
    return f"{get_script_prefix()}api/"


def second_factor_url(request: HttpRequest) -> str:
    return f"{reverse('accounts:otp')}?{urlencode({'next': request.get_full_path()})}"


class SecondFactorRequiredMiddleware:
    """A signed-in user who needs a second factor (every staff member) and has not given it in this
    session is sent to the code page (or to set one up) from any staff page; the API answers 403
    for such a session. API calls with a token (`Authorization` header) are left to the token:
    tokens are created only after the second factor. Placed after OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        is_api = path.startswith(api_prefix())
        guarded = is_api or path.startswith(guarded_prefixes())
        if guarded and self._needs_second_factor(request):
            if is_api:
                if "HTTP_AUTHORIZATION" in request.META:
                    return self.get_response(request)
                message = _(
                    "Sign in with your second factor (authenticator code) before using the API "
                    "from the browser, or use an API token."
                )
                return JsonResponse(
                    {"errors": [{"path": "", "code": "otp_required", "message": message}]},
                    status=403,
                )
            url = second_factor_url(request)
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return HttpResponseRedirect(url)
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        return user.is_authenticated and not otp_is_verified(user) and otp_required(user)
