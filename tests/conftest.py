import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection as db_connection
from django.db.backends.signals import connection_created

from consult.responses.submission import RespondentInput, SubmissionInput
from tests.accounts.otp import ORIGINAL_CLIENT_LOGIN, otp_verify_client
from tests.factories import ConsultationFactory, UserFactory


@pytest.fixture(autouse=True)
def _staff_second_factor_on_force_login(request: Any, monkeypatch: Any) -> None:
    """`client.force_login(staff_user)` (and `client.login(...)`) also passes the second factor (a
    real confirmed device, the session key `django_otp.login` sets), so staff pages open as they
    do after a full sign-in. Tests marked `otp_unverified` get Django's plain sessions."""
    if request.node.get_closest_marker("otp_unverified"):
        return
    from django.test.client import ClientMixin

    def _login(self: Any, user: Any, backend: str | None = None) -> None:
        ORIGINAL_CLIENT_LOGIN(self, user, backend)
        if user.is_active and (user.is_staff or user.is_superuser):
            otp_verify_client(self, user)

    monkeypatch.setattr(ClientMixin, "_login", _login)


@pytest.fixture(autouse=True)
def _no_consultation_read_before() -> Any:
    """Each test starts with no consultation cached by the submit API (consultations of other
    tests, rolled back, may have had the same slug)."""
    from consult.responses.selectors.submission import forget_cached_consultations

    forget_cached_consultations()
    yield
    forget_cached_consultations()


def _readers_take_no_table_locks(connection: Any, on: bool = True) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA read_uncommitted = {int(on)}")


def _on_connection_created(sender: Any, connection: Any, **kwargs: Any) -> None:
    _readers_take_no_table_locks(connection)


@pytest.fixture
def shared_sqlite_without_read_locks() -> Iterator[None]:
    """For tests where a worker thread writes while another thread reads. The SQLite test
    database is in memory with a shared cache, where table locks fail at once instead of waiting
    for the busy timeout: a reader polling a run makes the worker's progress write fail
    ("database table is locked") and the task retry, and the worker's write makes the poll fail.
    Readers that take no table locks keep such tests to what PostgreSQL does (readers and
    writers never block each other). No effect on PostgreSQL."""
    _readers_take_no_table_locks(db_connection)
    connection_created.connect(_on_connection_created)
    yield
    connection_created.disconnect(_on_connection_created)
    _readers_take_no_table_locks(db_connection, on=False)


@pytest.fixture
def consultation(db: Any):  # type: ignore[no-untyped-def]
    # A fixed slug: generated responses are seeded by it, so what a test sees must not depend on
    # how many consultations the factory made before it (test order, xdist worker).
    return ConsultationFactory(slug="the-consultation")


@pytest.fixture
def official(consultation):  # type: ignore[no-untyped-def]
    return UserFactory(department=consultation.department)


@pytest.fixture
def other_official(db: Any):  # type: ignore[no-untyped-def]
    return UserFactory()


def valid_input(**overrides: Any) -> SubmissionInput:
    """A complete, valid submission for the factory consultation."""
    data = SubmissionInput(
        respondent=RespondentInput(
            kind="individual", consent="anonymous", region="13", notice_accepted=True
        ),
        answers={
            "overall": 2,
            "retention": "24h",
            "concerns": ["bias", "accuracy"],
            "priorities": ["warrant", "audit"],
            "comments": "顔認証の誤認識が心配です。",
        },
        comments={"2": "72時間は長すぎます。"},
        language="ja",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def valid_submission() -> SubmissionInput:
    return valid_input()


@pytest.fixture
def forked(monkeypatch: Any) -> list[int]:
    """The process ids of the children forked (`os.fork`) during the test, in order."""
    pids: list[int] = []
    fork = os.fork

    def recording_fork() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    return pids
