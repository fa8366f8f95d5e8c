"""Account pages: sign-in that sends each user somewhere useful, and the user's API tokens."""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import ApiTokenForm
from .models import User
from .selectors import (
    api_token_for_user,
    api_tokens_for_user,
    may_create_official_token,
    organisations_of,
)
from .tokens import api_token_create, api_token_revoke


class SignInView(auth_views.LoginView):
    """Staff go to their dashboard; organisation members, who have no staff pages, to their
    API tokens. An explicit `next` still wins."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return resolve_url("accounts:tokens")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # behind @login_required


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens and create one; a new key is shown on this response only."""
    user = _user(request)
    may_create = may_create_official_token(user) or organisations_of(user).exists()
    form = ApiTokenForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and may_create and form.is_valid():
        try:
            token, key = api_token_create(
                user=user,
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            # Rendered, not redirected: the key must not wait in a session or a message.
            return render(request, "accounts/token_created.html", {"token": token, "key": key})
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": api_tokens_for_user(user),
            "form": form,
            "may_create": may_create,
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then revoke one of the user's own tokens (anyone else's is a 404)."""
    token = api_token_for_user(_user(request), pk)
    if request.method == "POST":
        api_token_revoke(token=token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked; it no longer works.") % {"name": token.name},
        )
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})
