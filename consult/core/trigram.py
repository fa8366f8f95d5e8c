"""Trigram indexes for substring search on PostgreSQL (the `pg_trgm` extension).

Searches of free text are case-insensitive substrings (`icontains`), the one match that works
for Japanese, written without spaces, as for English (see
`consult.responses.selectors.filters`). Django writes them as
``UPPER(column::text) LIKE UPPER('%…%')``, which no B-tree index serves: without help each
search reads every text. A GIN index of ``UPPER(column)`` with `gin_trgm_ops` serves that
expression for any search of three characters or more, Japanese included (PostgreSQL 15,
C.UTF-8). Shorter searches ("監視") still read every text: two characters make no trigram.

The public search of published texts has one (`moderation` migration 0004): its readers are
anonymous and many, and its texts are written by moderation in the background. Answers and
clause comments, which officials search, have none: measured, trigram indexes on them cost the
bulk import 25-30 % of its rows a second (20,000 rows: 3,198-3,468 against 4,252-4,949), and
every submission pays the same, for a search that takes a few tenths of a second at 100,000
responses without them (README "Benchmarks").

`trigram_index` is a migration operation that does this on PostgreSQL and nothing elsewhere
(SQLite for development). `pg_trgm` is a trusted extension since PostgreSQL 13: a role that may
create objects in the database installs it. Where it cannot be installed, the migration warns
and leaves the index out; search then works as before, only slower, and running the migration
again after a superuser has run ``CREATE EXTENSION pg_trgm`` adds it (``migrate APP PREVIOUS``
then ``migrate``). The index is not declared in the model's ``Meta.indexes``, which would give
SQLite a GIN index it cannot build.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, migrations, router, transaction

__all__ = ["trigram_index"]

logger = logging.getLogger(__name__)


def _qn(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def trigram_index(app_label: str, model_name: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, a GIN trigram index ``name`` on
    ``UPPER(column)`` of the model's table, after installing `pg_trgm` if needed; reversed,
    the index is dropped (the extension stays: other indexes may use it)."""

    def create(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        model = apps.get_model(app_label, model_name)
        if connection.vendor != "postgresql":
            return
        if not router.allow_migrate_model(connection.alias, model):
            return
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as exc:
            logger.warning(
                "pg_trgm could not be installed (%s): index %s left out, so searches of %s "
                "read every row. Have a superuser run CREATE EXTENSION pg_trgm, then migrate "
                "%s back one step and forward again.",
                " ".join(str(exc).split()),  # PostgreSQL's hint on one line with the error
                name,
                model._meta.db_table,
                app_label,
            )
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {_qn(name)} ON {_qn(model._meta.db_table)} "
                f"USING gin (UPPER({_qn(column)}) gin_trgm_ops)"
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {_qn(name)}")

    return migrations.RunPython(create, drop, elidable=False)
