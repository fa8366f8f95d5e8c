"""Staff security: the second factor on every staff page, lockout after failed sign-ins, argon2
password hashes, sessions (a new key at sign-in and at the second factor, an expiry)."""

import importlib
import re
import sys
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher, identify_hasher
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from consult.accounts.middleware import guarded_prefixes
from tests.accounts.otp import force_login_unverified, totp_code, totp_device_confirmed
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
LOGIN = "/accounts/login/"
OTP = "/accounts/two-factor/"
ENROL = "/accounts/two-factor/enrol/"


def _walk(patterns: list[Any], prefix: str = "") -> list[str]:
    """Every route of the URL configuration as a path template ('staff/<slug:slug>/…')."""
    out: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            out += _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            out.append(route)
    return out


def _concrete(route: str) -> str:
    """A requestable path for a route: converters get plausible values, regex parts are dropped."""
    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "1" if m.group(1) == "int" else "x", route)
    path = path.lstrip("^").replace("\\Z", "").replace("$", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path


GUARDED_ROUTES = sorted(
    {
        route
        for route in _walk(get_resolver().url_patterns)
        if route.startswith(("staff/", "admin/", "accounts/tokens/"))
    }
)


@pytest.fixture
def staff(db: Any) -> Any:
    return UserFactory()


@pytest.fixture
def signed_in_unverified(staff: Any) -> Client:
    """A staff member past the password but not the second factor (Django's own force_login)."""
    client = Client()
    force_login_unverified(client, staff)
    return client


def _sign_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(LOGIN + "?lang=en", {"username": username, "password": password})


# --- the second factor guards every staff page ---------------------------------------------


def test_the_guarded_routes_cover_the_staff_admin_and_token_pages() -> None:
    assert "staff/" in GUARDED_ROUTES and "accounts/tokens/" in GUARDED_ROUTES
    assert any(route.startswith("staff/<slug:slug>/reports/") for route in GUARDED_ROUTES)
    assert any(route.startswith("admin/") for route in GUARDED_ROUTES)
    assert guarded_prefixes() == ("/staff/", "/admin/", "/accounts/tokens/")


@pytest.mark.parametrize("route", GUARDED_ROUTES)
def test_an_unverified_staff_member_is_sent_to_the_second_factor(signed_in_unverified, route):
    path = _concrete(route)
    for method in ("get", "post"):
        r = getattr(signed_in_unverified, method)(path)
        assert r.status_code == 302, (method, path, r.status_code)
        assert r.url.startswith(OTP + "?next="), r.url


@pytest.mark.otp_unverified
def test_force_login_without_the_harness_leaves_staff_unverified(staff):
    client = Client()
    client.force_login(staff)
    assert client.get("/staff/").url.startswith(OTP)
    client = Client()
    assert client.login(username=staff.username, password=PASSWORD)
    assert client.get("/staff/").url.startswith(OTP)


def test_the_harness_verifies_client_login_too(staff):
    client = Client()
    assert client.login(username=staff.username, password=PASSWORD)
    assert client.get("/staff/").status_code == 200


def test_a_verified_staff_member_reaches_the_staff_pages(staff):
    client = Client()
    client.force_login(staff)  # the harness passes the second factor
    for path in ("/staff/", "/accounts/tokens/", "/staff/audit/"):
        assert client.get(path).status_code == 200, path


def test_a_verified_superuser_reaches_the_admin(db):
    admin = UserFactory(is_superuser=True, department=None, staff_role="")
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_an_unverified_session_gets_403_json_from_the_api_but_a_token_still_works(
    signed_in_unverified, staff
):
    r = signed_in_unverified.get("/api/v1/consultations/")
    assert r.status_code == 403
    assert r.json() == {
        "errors": [
            {"path": "", "code": "otp_required", "message": r.json()["errors"][0]["message"]}
        ]
    }
    assert r.json()["errors"][0]["message"]
    # With an Authorization header the API decides (here: an unknown key is 401, not the 403).
    r = signed_in_unverified.get(
        "/api/v1/consultations/", headers={"Authorization": "Token cst_unknown"}
    )
    assert r.status_code == 401


def test_htmx_requests_are_redirected_with_hx_redirect(signed_in_unverified):
    r = signed_in_unverified.get("/staff/", headers={"HX-Request": "true"})
    assert r.status_code == 204 and r["HX-Redirect"].startswith(OTP)


def test_an_organisation_member_without_a_second_factor_is_not_asked_for_one(org_member):
    client = Client()
    r = _sign_in(client, org_member.username)
    assert r.status_code == 302 and r.url == "/accounts/tokens/"
    assert client.get("/accounts/tokens/").status_code == 200


# --- the sign-in flow ----------------------------------------------------------------------


def test_first_sign_in_enrols_an_authenticator_and_shows_backup_codes_once(staff):
    client = Client()
    r = _sign_in(client, staff.username)
    assert r.url == ENROL + "?next=%2Fstaff%2F"
    page = client.get(r.url)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = re.search(r'<code id="otp-secret"[^>]*>([A-Z2-7 ]+)</code>', html)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    # The page again: the same secret (the QR code scanned stays valid).
    assert client.get(r.url).content.decode().count(secret.group(1)) == 1
    assert TOTPDevice.objects.filter(user=staff).count() == 1

    assert client.get("/staff/").status_code == 302  # still not verified
    r = client.post(ENROL, {"token": totp_code(device), "next": "/staff/"})
    assert r.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", r.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200
    # Set up: the enrol page no longer shows a secret.
    assert client.get(ENROL).status_code == 302


def test_enrolment_refuses_a_wrong_code(staff):
    client = Client()
    _sign_in(client, staff.username)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=staff)
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)
    r = client.post(ENROL + "?lang=en", {"token": wrong})
    assert r.status_code == 400 and "That code is not right" in r.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get("/staff/").status_code == 302
    r = client.post(ENROL + "?lang=en", {"token": ""})
    assert r.status_code == 400 and "Enter the code." in r.content.decode()


def test_sign_in_with_a_device_asks_for_the_code_and_refuses_a_wrong_one(staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code must not delay the right one here
    device = totp_device_confirmed(staff)
    client = Client()
    r = _sign_in(client, staff.username)
    assert r.url == OTP + "?next=%2Fstaff%2F"
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)
    r = client.post(OTP + "?lang=en", {"token": wrong, "next": "/staff/"})
    assert r.status_code == 400 and "That code is not right" in r.content.decode()
    assert client.get("/staff/").status_code == 302
    r = client.post(OTP, {"token": totp_code(device), "next": "/staff/"})
    assert r.status_code == 302 and r.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_backup_code_works_once(staff, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    totp_device_confirmed(staff)
    from consult.accounts.otp import backup_codes_replace

    codes = backup_codes_replace(user=staff)
    first = Client()
    _sign_in(first, staff.username)
    # As typed: capitals and a space are fine.
    r = first.post(OTP, {"token": f"{codes[0][:4].upper()} {codes[0][4:]}", "next": "/staff/"})
    assert r.status_code == 302 and r.url == "/staff/"
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    second = Client()
    _sign_in(second, staff.username)
    r = second.post(OTP, {"token": codes[0], "next": "/staff/"})
    assert r.status_code == 400
    assert second.get("/staff/").status_code == 302


def test_the_code_page_rejects_an_unsafe_next(staff):
    device = totp_device_confirmed(staff)
    client = Client()
    _sign_in(client, staff.username)
    r = client.post(OTP, {"token": totp_code(device), "next": "https://evil.example/"})
    assert r.status_code == 302 and r.url == "/staff/"


def test_the_code_pages_need_a_signed_in_user(db):
    for path in (OTP, ENROL):
        r = Client().get(path)
        assert r.status_code == 302 and r.url.startswith(LOGIN)


def test_an_organisation_member_may_set_up_a_second_factor_and_is_then_asked_for_it(org_member):
    client = Client()
    _sign_in(client, org_member.username)
    assert client.get(ENROL).status_code == 200
    device = TOTPDevice.objects.get(user=org_member)
    assert client.post(ENROL, {"token": totp_code(device)}).status_code == 200
    again = Client()
    r = _sign_in(again, org_member.username)
    assert r.url == OTP + "?next=%2Faccounts%2Ftokens%2F"
    assert again.get("/accounts/tokens/").status_code == 302
    # A code is accepted once: the next step's (within the tolerance of one step) is new.
    device.refresh_from_db()
    assert again.post(OTP, {"token": totp_code(device, offset_steps=1)}).status_code == 302
    assert again.get("/accounts/tokens/").status_code == 200


# --- lockout -------------------------------------------------------------------------------


def test_lockout_after_the_failure_limit_keyed_on_username_and_address(staff, db):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    other = UserFactory()
    client = Client()
    for _ in range(limit - 1):
        assert _sign_in(client, staff.username, "wrong password").status_code == 200
    r = _sign_in(client, staff.username, "wrong password")
    assert r.status_code == 429
    assert "Signing in is blocked for now" in r.content.decode()
    assert r["Retry-After"] == str(15 * 60)
    # Now even the right password is refused, from this address.
    r = _sign_in(client, staff.username)
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session and client.get("/staff/").status_code == 302
    # The same user from another address, and another user from this one, are unaffected.
    r = _sign_in(Client(REMOTE_ADDR="10.0.0.9"), staff.username)
    assert r.status_code == 302 and r.url.startswith(ENROL)
    r = _sign_in(Client(), other.username)
    assert r.status_code == 302 and r.url.startswith(ENROL)


def test_the_failure_limit_follows_the_setting(staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    assert _sign_in(client, staff.username, "nope").status_code == 200
    assert _sign_in(client, staff.username, "nope").status_code == 429


def test_wrong_codes_count_towards_the_lockout_and_sign_the_session_out(staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = totp_device_confirmed(staff)
    client = Client()
    _sign_in(client, staff.username)
    wrong = str((int(totp_code(device)) + 7) % 1_000_000).zfill(6)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(OTP, {"token": wrong}).status_code == 400
    r = client.post(OTP, {"token": wrong})
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session
    # Signing in again from here is refused, even with the right password.
    assert _sign_in(client, staff.username).status_code == 429


def test_wrong_codes_at_enrolment_count_too(staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    _sign_in(client, staff.username)
    client.get(ENROL)
    assert client.post(ENROL, {"token": "000000"}).status_code == 400
    assert client.post(ENROL, {"token": "000001"}).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_completed_sign_in_clears_the_failures(staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    device = totp_device_confirmed(staff)
    client = Client()
    for _ in range(2):
        _sign_in(client, staff.username, "nope")
    _sign_in(client, staff.username)
    assert client.post(OTP, {"token": totp_code(device)}).status_code == 302
    client.logout()
    for _ in range(2):
        assert _sign_in(client, staff.username, "nope").status_code == 200


# --- passwords and sessions ----------------------------------------------------------------


def test_passwords_are_hashed_with_argon2_and_pbkdf2_hashes_still_work() -> None:
    from consult.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS
    Argon2PasswordHasher()._load_library()  # argon2-cffi is installed


def test_a_password_is_stored_as_argon2_and_an_old_hash_upgrades(db, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = UserFactory(is_staff=False, department=None)
    assert identify_hasher(user.password).algorithm == "argon2"
    user.password = get_hasher("pbkdf2_sha256").encode(PASSWORD, "saltsaltsalt")
    user.save()
    assert _sign_in(Client(), user.username).status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"


def test_the_session_key_changes_at_sign_in_and_at_the_second_factor(staff):
    device = totp_device_confirmed(staff)
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    _sign_in(client, staff.username)
    after_password = client.session.session_key
    assert after_password and after_password != before
    client.post(OTP, {"token": totp_code(device)})
    after_code = client.session.session_key
    assert after_code != after_password
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_sessions_expire_and_production_cookies_are_secure(monkeypatch) -> None:
    from consult.settings import base

    assert base.SESSION_COOKIE_AGE == 8 * 60 * 60  # the default; SESSION_COOKIE_AGE sets it
    assert base.SESSION_COOKIE_HTTPONLY is True
    assert base.SESSION_EXPIRE_AT_BROWSER_CLOSE is False
    for name, value in {
        "SECRET_KEY": "a-long-random-value-for-this-test-only-0123456789",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "consult.example",
        "CACHE_URL": "rediscache://127.0.0.1:6379/1",
        "SESSION_COOKIE_AGE": "3600",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "consult.settings.production", raising=False)
    monkeypatch.delitem(sys.modules, "consult.settings.base", raising=False)
    production = importlib.import_module("consult.settings.production")
    monkeypatch.delitem(sys.modules, "consult.settings.production")
    monkeypatch.delitem(sys.modules, "consult.settings.base")
    assert production.SESSION_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.SESSION_COOKIE_AGE == 3600


@pytest.mark.parametrize(
    ("cache_url", "refused"),
    [(None, True), ("locmemcache://", True), ("rediscache://127.0.0.1:6379/1", False)],
)
def test_production_needs_a_cache_its_processes_share(monkeypatch, cache_url, refused) -> None:
    from django.core.exceptions import ImproperlyConfigured

    for name, value in {
        "SECRET_KEY": "a-long-random-value-for-this-test-only-0123456789",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "consult.example",
    }.items():
        monkeypatch.setenv(name, value)
    if cache_url is None:
        monkeypatch.delenv("CACHE_URL", raising=False)
    else:
        monkeypatch.setenv("CACHE_URL", cache_url)
    monkeypatch.delitem(sys.modules, "consult.settings.production", raising=False)
    monkeypatch.delitem(sys.modules, "consult.settings.base", raising=False)
    try:
        if refused:
            with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
                importlib.import_module("consult.settings.production")
        else:
            production = importlib.import_module("consult.settings.production")
            assert production.CACHES["default"]["BACKEND"].endswith("RedisCache")
    finally:
        monkeypatch.delitem(sys.modules, "consult.settings.production", raising=False)
        monkeypatch.delitem(sys.modules, "consult.settings.base", raising=False)


# --- backup codes after enrolment, and the demo's ------------------------------------------


def test_new_backup_codes_replace_the_old_ones_and_need_the_second_factor(staff):
    from consult.accounts.otp import backup_codes_replace

    old = backup_codes_replace(user=staff)
    client = Client()
    client.force_login(staff)  # verified, with an authenticator app
    page = client.get("/accounts/tokens/?lang=en").content.decode()
    assert "You have 10 unused backup codes." in page
    r = client.post("/accounts/two-factor/backup-codes/")
    assert r.status_code == 200
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", r.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    ) == set(new)
    assert client.get("/accounts/two-factor/backup-codes/").status_code == 405


@pytest.mark.otp_unverified
def test_new_backup_codes_are_refused_without_the_second_factor(staff):
    from consult.accounts.otp import backup_codes_replace

    totp_device_confirmed(staff)
    old = backup_codes_replace(user=staff)
    client = Client()
    client.force_login(staff)
    r = client.post("/accounts/two-factor/backup-codes/")
    assert r.status_code == 302 and r.url.startswith(OTP)
    assert set(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    ) == set(old)


def test_demo_staff_sign_in_with_the_printed_backup_code_then_set_up_an_app(db):
    from consult.demo.loader import DEMO_PASSWORD, demo_load

    logins = {login.username: login for login in demo_load()}
    official = logins["official-digital-safety"]
    assert official.backup_code and logins["admin"].backup_code
    client = Client()
    r = _sign_in(client, official.username, DEMO_PASSWORD)
    assert r.url == OTP + "?next=%2Fstaff%2F"
    r = client.post(OTP, {"token": official.backup_code, "next": "/staff/"})
    assert r.status_code == 302 and client.get("/staff/").status_code == 200
    page = client.get("/accounts/tokens/?lang=en").content.decode()
    assert "You are signed in with a backup code." in page
    # The code is used up: the next sign-in sets up an app, as a first one does.
    again = Client()
    assert _sign_in(again, official.username, DEMO_PASSWORD).url.startswith(ENROL)
    # Loading the demo again prints a new code, and keeps nothing else of the user's.
    fresh = {login.username: login for login in demo_load()}["official-digital-safety"]
    assert fresh.backup_code and fresh.backup_code != official.backup_code
    assert _sign_in(Client(), official.username, DEMO_PASSWORD).url.startswith(OTP)


def test_load_demo_prints_a_backup_code_per_staff_login(db, capsys):
    from django.core.management import call_command

    call_command("load_demo")
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "login official-digital-safety" in line)
    assert re.search(r"backup code [a-z2-7]{8}$", line)
    assert "second factor" in out


@pytest.mark.parametrize("token", ["abc", "１２３", "x" * 33, "12\x0034", " ", "1234567890123456"])
def test_odd_codes_get_a_clear_error_not_a_crash(staff, settings, token):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    totp_device_confirmed(staff)
    client = Client()
    _sign_in(client, staff.username)
    r = client.post(OTP + "?lang=en", {"token": token})
    assert r.status_code == 400
    assert 'class="error-summary"' in r.content.decode()
    assert client.get("/staff/").status_code == 302


def test_the_api_keys_page_offers_a_second_factor_to_organisation_members(org_member):
    client = Client()
    client.force_login(org_member)
    page = client.get("/accounts/tokens/?lang=en").content.decode()
    assert "Set up two-factor authentication" in page and ENROL in page
