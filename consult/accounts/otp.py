"""Second factor (django-otp): an authenticator app (TOTP) and single-use backup codes.

Every staff member (staff or superuser) must have one and use it at each sign-in. Other users
(organisation members) may set one up from their API keys page; once they have, their sign-ins ask
for it too. The session is marked verified with `django_otp.login`; `OTPMiddleware` reads it back.
"""

import re
from base64 import b32encode
from io import BytesIO
from typing import cast

import segno
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup codes"
BACKUP_CODE_COUNT = 10


def is_staff_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff in the sense of the second factor: any active staff user or superuser."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))
    )


def otp_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this user's sign-in needs a second factor: every staff member, and anyone else who
    has set one up."""
    if not user.is_authenticated:
        return False
    return is_staff_member(user) or otp_has_device(cast(User, user))


def otp_is_verified(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this request's user passed the second factor in this session (OTPMiddleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def otp_has_device(user: User) -> bool:
    """A usable second factor: the app, or unused backup codes (the demo's staff may have only
    those; once they are used up, the user sets up an app as at a first sign-in)."""
    return otp_has_authenticator(user) or backup_codes_remaining(user=user) > 0


def otp_has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created with a new secret if there is none
    (the same secret until it is confirmed, so reloading the page keeps the QR code valid)."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME)
        .order_by("-pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four characters, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str) -> str:
    """An inline SVG QR code of `data`, made locally (no service is asked)."""
    out = BytesIO()
    segno.make(data, error="m").save(
        out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, nl=False
    )
    return out.getvalue().decode("utf-8")


def normalise_code(code: str) -> str:
    """A code as typed (spaces, hyphens, capitals) → as stored."""
    return re.sub(r"[\s\-]", "", code).lower()


@transaction.atomic
def totp_enrolment_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device with a code from the app; return new backup codes (shown once), or None
    when the code is wrong. Confirming replaces any earlier devices and backup codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(normalise_code(code)):
        return None
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_replace(user=device.user)


def backup_codes_replace(
    *, user: User, count: int = BACKUP_CODE_COUNT, name: str = BACKUP_DEVICE_NAME
) -> list[str]:
    """A new set of single-use backup codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=name, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def backup_code_named_replace(*, user: User, name: str) -> str:
    """One single-use code on its own named device (replacing that device only, so the user's
    own backup codes stay): the demo prints one per staff login, for a first sign-in without an
    authenticator app."""
    StaticDevice.objects.filter(user=user, name=name).delete()
    static = StaticDevice.objects.create(user=user, name=name, confirmed=True)
    return str(static.token_set.create(token=StaticToken.random_token()).token)


@transaction.atomic
def backup_codes_renew(*, user: User) -> list[str]:
    """New backup codes for a user with an authenticator app (the old ones stop working)."""
    return backup_codes_replace(user=user)


def backup_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def otp_code_verify(*, user: User, code: str) -> Device | None:
    """The confirmed device (app or backup codes) that accepts this code; a backup code is used
    up. None when no device accepts it (wrong, expired, reused, or too soon after a wrong one)."""
    code = normalise_code(code)
    if not code or len(code) > 16:
        return None
    return match_token(user, code)
