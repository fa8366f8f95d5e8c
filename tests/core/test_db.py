"""consult.core.db: the submit path's statements prepared once per database session."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from consult.core import db

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)

_PROBE = "SELECT CAST(%s AS integer) + 1 AS consult_db_probe"


def _prepared_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%consult_db_probe%"],
        )
        return int(cursor.fetchone()[0])


def test_runs_statements_and_is_seen_by_query_counting():
    with CaptureQueriesContext(connection) as queries, db.cursor() as cursor:
        cursor.execute(_PROBE, [41])
        assert cursor.fetchone()[0] == 42
    assert len(queries) == 1
    assert "consult_db_probe" in queries[0]["sql"]


@postgres_only
def test_prepares_each_statement_once_per_session():
    connection.ensure_connection()
    before = _prepared_count()
    for value in range(3):
        with db.cursor() as cursor:
            cursor.execute(_PROBE, [value])
            assert cursor.fetchone()[0] == value + 1
    assert _prepared_count() == before + 1
    # Django's own cursors still bind on the client and prepare nothing.
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int AS consult_db_probe_plain", [1])
    assert _prepared_count() == before + 1


@postgres_only
def test_can_be_turned_off_for_poolers(settings):
    settings.DB_PREPARED_STATEMENTS = False
    connection.ensure_connection()
    before = _prepared_count()
    with db.cursor() as cursor:
        cursor.execute(_PROBE + " -- off", [1])
    assert _prepared_count() == before


@postgres_only
def test_errors_are_djangos():
    """A unique violation is Django's IntegrityError, which the idempotency race relies on."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE consult_db_probe_t (k int PRIMARY KEY)")
    with db.cursor() as cursor:
        cursor.execute("INSERT INTO consult_db_probe_t (k) VALUES (%s)", [1])
    with pytest.raises(IntegrityError), transaction.atomic(), db.cursor() as cursor:
        cursor.execute("INSERT INTO consult_db_probe_t (k) VALUES (%s)", [1])
    # The session goes on after the failed statement's rollback.
    with db.cursor() as cursor:
        cursor.execute("INSERT INTO consult_db_probe_t (k) VALUES (%s)", [2])
        cursor.execute("SELECT count(*) FROM consult_db_probe_t WHERE k <> %s", [0])
        assert cursor.fetchone()[0] == 2
