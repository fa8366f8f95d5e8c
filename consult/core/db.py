"""Prepared statements for the few statements every submission runs (PostgreSQL).

Django's psycopg cursors bind parameters on the client (``server_side_binding`` off), so
PostgreSQL parses and plans each statement anew on every request. For the submit path's three
fixed statements (the consultation look-up, the insert of a response with everything it holds,
the submission trace) that planning is a fifth of the database's work per request; `cursor`
gives a cursor that binds on the server and prepares each statement once per connection
(measured in-process on PostgreSQL 15: a submission 3.2 → 2.7 ms, see README "Performance").

Prepared statements live in the database session: behind a connection pooler in transaction
mode they need PgBouncer 1.21+ with ``max_prepared_statements`` set, or
``DB_PREPARED_STATEMENTS=false``, which makes `cursor` a plain Django cursor. It is a plain
cursor too on SQLite, and while queries are being logged (``DEBUG``, a test counting queries), so
the log shows each statement with its values. Statements go through Django's cursor wrapper
either way, so errors are Django's (``IntegrityError``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.backends.utils import CursorWrapper

__all__ = ["cursor"]

# psycopg prepares a statement once it has run this many times on a connection, or at once when
# asked; Django turns preparing off (None). This value keeps it to the statements that ask.
_ONLY_WHEN_ASKED = 2**31 - 1


def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
        ServerBindingCursor,
    )

    class PreparingCursor(ServerBindingCursor):
        """Server-side binding; every statement it runs is prepared (once per connection)."""

        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs.setdefault("prepare", True)
            return super().execute(query, params, **kwargs)

    return PreparingCursor


_cursor_class: type | None = None


def cursor() -> CursorWrapper:
    """A cursor for a fixed, hot statement: prepared on PostgreSQL, else a plain Django cursor
    (see the module's note). Use it as a context manager, like ``connection.cursor()``."""
    if (
        connection.vendor != "postgresql"
        or not getattr(settings, "DB_PREPARED_STATEMENTS", True)
        or connection.queries_logged
    ):
        return connection.cursor()
    global _cursor_class
    if _cursor_class is None:
        _cursor_class = _preparing_cursor_class()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _ONLY_WHEN_ASKED
    with connection.wrap_database_errors:
        prepared = _cursor_class(raw)
    return connection.make_cursor(prepared)
