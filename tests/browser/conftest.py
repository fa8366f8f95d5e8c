import os
import shutil
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

FACTORY_PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _wait_for_request_threads(timeout: float = 5.0) -> None:
    """Let the live server's request threads finish. Each closes its database connections when
    it ends, which on in-memory SQLite is allowed only while the server shares the test's
    connection: a thread still ending after the server stopped raised "DatabaseWrapper objects
    created in a thread can only be used in that same thread"."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser). It depends on the
    live server so that it closes first, with its connections, before the server stops."""
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    _wait_for_request_threads()


@pytest.fixture
def staff_sign_in() -> Any:
    """Sign a staff member in through the login form and the second-factor page, as a person
    would: `staff_sign_in(page, live_server, user)`. The user gets a confirmed authenticator
    device with a known key (once); the code typed is the one the app would show now."""
    from tests.accounts.otp import totp_code, totp_device_confirmed

    def sign_in(page: Any, live_server: Any, user: Any, password: str = FACTORY_PASSWORD) -> None:
        device = totp_device_confirmed(user)
        page.goto(f"{live_server.url}/accounts/login/?lang=en")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/accounts/two-factor/**")
        # A code is accepted once per device: each sign-in takes the next step's (within the
        # one-step tolerance) when the current one was used.
        device.refresh_from_db()
        step = 1 if device.last_t >= _current_step(device) else 0
        page.get_by_label("Code").fill(totp_code(device, offset_steps=step))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()

    return sign_in


def _current_step(device: Any) -> int:
    import time

    return int((time.time() - device.t0) // device.step)
