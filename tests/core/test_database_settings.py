"""consult.settings.base.postgresql_tuned: the session settings PostgreSQL connections get."""

import pytest
from django.db import connection

from consult.settings.base import postgresql_tuned

PG = "django.db.backends.postgresql"


def test_postgresql_sessions_run_without_jit(monkeypatch):
    monkeypatch.delenv("DB_JIT", raising=False)
    assert postgresql_tuned({"ENGINE": PG, "NAME": "x"})["OPTIONS"] == {"options": "-c jit=off"}


def test_options_given_in_the_url_are_kept(monkeypatch):
    monkeypatch.delenv("DB_JIT", raising=False)
    tuned = postgresql_tuned(
        {"ENGINE": PG, "OPTIONS": {"options": "-c statement_timeout=5000", "sslmode": "require"}}
    )
    assert tuned["OPTIONS"] == {
        "options": "-c statement_timeout=5000 -c jit=off",
        "sslmode": "require",
    }


def test_db_jit_leaves_jit_to_postgresql(monkeypatch):
    monkeypatch.setenv("DB_JIT", "true")
    assert "OPTIONS" not in postgresql_tuned({"ENGINE": PG, "NAME": "x"})


def test_other_databases_are_unchanged(monkeypatch):
    monkeypatch.delenv("DB_JIT", raising=False)
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert postgresql_tuned(dict(sqlite)) == sqlite


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_test_database_session_has_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
