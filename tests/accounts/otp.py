"""Second-factor helpers for tests: a confirmed authenticator device with a known key, its current
code, and a test client's session marked verified (what `django_otp.login` stores)."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, hex
TEST_DEVICE_NAME = "test authenticator"


def totp_device_confirmed(user: AbstractBaseUser, *, key: str = TEST_TOTP_KEY) -> TOTPDevice:
    """The user's confirmed authenticator device with a known key (created once)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name=TEST_DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    return device


def totp_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code the device's app shows now (or `offset_steps` steps away), as the server reads
    the clock: with the drift it recorded when the last code was accepted (a code made just
    before a step ended and checked just after sets it to -1)."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset_steps,
    )
    return str(value).zfill(device.digits)


def otp_verify_client(client: Any, user: AbstractBaseUser) -> TOTPDevice:
    """Mark the client's (already signed-in) session as having passed the second factor."""
    device = totp_device_confirmed(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


ORIGINAL_CLIENT_LOGIN = ClientMixin._login
"""Django's own: what `client.login()` and `client.force_login()` call to start the session."""


def force_login_unverified(client: Any, user: AbstractBaseUser) -> None:
    """A session past the password only, whatever the autouse fixture does."""
    ORIGINAL_CLIENT_LOGIN(client, user, "django.contrib.auth.backends.ModelBackend")
