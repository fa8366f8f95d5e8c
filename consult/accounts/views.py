"""Account pages: sign-in that sends each user somewhere useful, and the user's API tokens."""

from typing import cast
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.models import Device

from .forms import ApiTokenForm, OtpCodeForm
from .lockout import (
    lockout_response,
    login_failure_record,
    login_failures_reset,
    login_is_locked,
)
from .models import User
from .otp import (
    backup_codes_remaining,
    backup_codes_renew,
    is_staff_member,
    otp_code_verify,
    otp_has_authenticator,
    otp_has_device,
    otp_is_verified,
    otp_required,
    qr_code_svg,
    totp_device_for_enrolment,
    totp_enrolment_confirm,
    totp_secret,
)
from .selectors import (
    api_token_for_user,
    api_tokens_for_user,
    may_create_official_token,
    organisations_of,
)
from .tokens import api_token_create, api_token_revoke


class SignInView(auth_views.LoginView):
    """Staff go to their dashboard; organisation members, who have no staff pages, to their
    API tokens. An explicit `next` still wins.

    Django's login gives the session a new key. A user who needs a second factor (every staff
    member) goes on to the code page, or to set one up; the others' failed attempts are cleared."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return resolve_url("accounts:tokens")

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if otp_required(user):
            step = "accounts:otp" if otp_has_device(user) else "accounts:otp-enrol"
            return redirect(f"{reverse(step)}?{urlencode({'next': self.get_success_url()})}")
        login_failures_reset(request=self.request, username=user.get_username())
        return response


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
                access=form.cleaned_data["access"],
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
            "has_authenticator": otp_has_authenticator(user),
            "backup_codes_left": backup_codes_remaining(user=user),
            "second_factor_required": is_staff_member(user),
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


def _next_url(request: HttpRequest, user: User) -> str:
    """Where to go after the second factor: a safe `next`, else the user's usual start page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    if is_staff_member(user):
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    return resolve_url("accounts:tokens")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _locked_out(request: HttpRequest, user: User) -> HttpResponse:
    """Too many wrong codes (or passwords): sign out and show the lockout page."""
    username = user.get_username()
    logout(request)
    return lockout_response(request=request, username=username)


def _second_factor_passed(request: HttpRequest, user: User, device: Device) -> None:
    """Mark the session verified, under a new session key, and clear the failed attempts."""
    django_otp.login(request, device)
    request.session.cycle_key()
    login_failures_reset(request=request, username=user.get_username())


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a sign-in: a code from the authenticator app, or a backup code. Wrong
    codes count towards the lockout like wrong passwords."""
    user = _user(request)
    next_url = _next_url(request, user)
    if otp_is_verified(user):
        return redirect(next_url)
    if not otp_has_device(user):
        if is_staff_member(user):
            return redirect(_with_next("accounts:otp-enrol", next_url))
        return redirect(next_url)
    if login_is_locked(request=request, username=user.get_username()):
        return _locked_out(request, user)
    form = OtpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = otp_code_verify(user=user, code=form.cleaned_data["token"])
        if device is not None:
            _second_factor_passed(request, user, device)
            return redirect(next_url)
        if login_failure_record(request=request, username=user.get_username()):
            return _locked_out(request, user)
        form.add_error(
            "token",
            _(
                "That code is not right, or it has expired. Enter the code your app shows now "
                "(after a wrong code, wait a few seconds), or an unused backup code."
            ),
        )
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the secret), confirm with a code;
    the backup codes are shown once, on the response that confirms. Required for staff at their
    first sign-in; offered to everyone else. Someone who has a second factor (e.g. the demo's
    backup codes) gives it first."""
    user = _user(request)
    next_url = _next_url(request, user)
    if otp_has_authenticator(user):
        return redirect(next_url if otp_is_verified(user) else _with_next("accounts:otp", next_url))
    if otp_has_device(user) and not otp_is_verified(user):
        return redirect(_with_next("accounts:otp", next_url))
    if login_is_locked(request=request, username=user.get_username()):
        return _locked_out(request, user)
    device = totp_device_for_enrolment(user=user)
    form = OtpCodeForm(request.POST if request.method == "POST" else None, backup_allowed=False)
    if request.method == "POST" and form.is_valid():
        codes = totp_enrolment_confirm(device=device, code=form.cleaned_data["token"])
        if codes is not None:
            device.refresh_from_db()
            _second_factor_passed(request, user, device)
            # Rendered, not redirected: the backup codes must not wait in a session or a message.
            return render(
                request, "accounts/otp_backup_codes.html", {"codes": codes, "next": next_url}
            )
        if login_failure_record(request=request, username=user.get_username()):
            return _locked_out(request, user)
        form.add_error(
            "token",
            _(
                "That code is not right, or it has expired. Check that the app shows “consult” "
                "with your username and enter the code it shows now."
            ),
        )
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": qr_code_svg(device.config_url),
            "secret": totp_secret(device),
            "required": is_staff_member(user),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["POST"])
def otp_backup_codes_new(request: HttpRequest) -> HttpResponse:
    """New backup codes, shown once; the earlier ones stop working. Needs the second factor given
    in this session, and an authenticator app (backup codes replace nothing else)."""
    user = _user(request)
    tokens_url = resolve_url("accounts:tokens")
    if not otp_is_verified(user):
        return redirect(_with_next("accounts:otp", tokens_url))
    if not otp_has_authenticator(user):
        return redirect(_with_next("accounts:otp-enrol", tokens_url))
    codes = backup_codes_renew(user=user)
    return render(
        request,
        "accounts/otp_backup_codes.html",
        {"codes": codes, "next": tokens_url, "renewed": True},
    )
