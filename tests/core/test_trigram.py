"""The trigram index for the public search of published texts (consult.core.trigram): on
PostgreSQL it exists after migrating and serves the SQL that Django writes for the search, and a
database where pg_trgm cannot be installed still migrates, with a warning and without it."""

import logging
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import ProgrammingError, connection

from consult.core.trigram import trigram_index
from consult.moderation.models import ModerationItem

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
    ),
]

INDEXES = {"moderationitem_published_trgm_idx": "moderation_moderationitem"}


def _indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, tablename FROM pg_indexes WHERE indexname = ANY(%s)",
            [list(INDEXES)],
        )
        return dict(cursor.fetchall())


def _plan(queryset) -> str:
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Test tables hold a handful of rows, where a sequential scan is cheaper: forbid it, so
        # the plan shows whether an index can serve the search's expression at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_migrations_create_the_indexes():
    assert _indexes() == INDEXES


@pytest.mark.parametrize("word", ["監視カメラ", "Privacy"])
def test_the_index_serves_djangos_substring_search(word):
    """The public search (`has_published_text`) filters with `icontains`: the index must be of
    the very expression Django writes for it, or no plan can use it."""
    plan = _plan(ModerationItem.objects.filter(published_text__icontains=word))
    assert "moderationitem_published_trgm_idx" in plan


def _editor() -> SimpleNamespace:
    return SimpleNamespace(connection=connection)


def test_without_pg_trgm_the_index_is_left_out_with_a_warning(caplog):
    operation = trigram_index(
        "moderation", "ModerationItem", "published_text", "moderationitem_published_trgm_idx"
    )
    operation.reverse_code(apps, _editor())
    assert "moderationitem_published_trgm_idx" not in _indexes()

    def refuse_extension(execute, sql, params, many, context):
        if sql.startswith("CREATE EXTENSION"):
            raise ProgrammingError("permission denied to create extension")
        return execute(sql, params, many, context)

    with (
        caplog.at_level(logging.WARNING, logger="consult.core.trigram"),
        connection.execute_wrapper(refuse_extension),
    ):
        operation.code(apps, _editor())
    assert "moderationitem_published_trgm_idx" not in _indexes()
    assert "permission denied" in caplog.text
    assert "CREATE EXTENSION pg_trgm" in caplog.text
    assert ModerationItem._meta.db_table in caplog.text

    # Once the extension can be installed, the same operation adds the index.
    operation.code(apps, _editor())
    assert "moderationitem_published_trgm_idx" in _indexes()
