"""Fast multi-row INSERTs without model instances, for generators and imports.

Values are adapted like the ORM would (datetimes, JSON); `insert_rows(..., returning=True)` gives
the new ids in row order, as Django's own `bulk_create` relies on for SQLite and PostgreSQL.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

_MAX_PARAMS = 30000  # below SQLite's 32,766 variables per statement


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: bool = False,
) -> list[int]:
    """Insert `rows` (values in `fields` order) into `model`'s table; return ids if asked."""
    if not rows:
        return []
    meta = model._meta
    columns: list[models.Field[Any, Any]] = []
    for name in fields:
        field = meta.get_field(name)
        assert isinstance(field, models.Field), f"{name} is not a concrete field"
        columns.append(field)
    qn = connection.ops.quote_name
    is_pg = connection.vendor == "postgresql"
    placeholders = []
    adapters: list[Callable[[Any], Any] | None] = []
    for field in columns:
        internal = field.get_internal_type()
        if internal == "JSONField":
            placeholders.append("%s::jsonb" if is_pg else "%s")
            adapters.append(lambda v: None if v is None else json.dumps(v, ensure_ascii=False))
        elif internal == "DateTimeField":
            placeholders.append("%s")
            adapters.append(connection.ops.adapt_datetimefield_value)
        else:
            placeholders.append("%s")
            adapters.append(None)
    row_sql = "(" + ", ".join(placeholders) + ")"
    # Table and column names come from model metadata, never from input; values are parameters.
    names = ", ".join(qn(str(f.column)) for f in columns)
    head = f"INSERT INTO {qn(meta.db_table)} ({names}) VALUES "  # noqa: S608
    adapted = [
        [a(v) if a is not None and v is not None else v for a, v in zip(adapters, row, strict=True)]
        for row in rows
    ]
    ids: list[int] = []
    per_statement = max(1, _MAX_PARAMS // len(columns))
    with connection.cursor() as cursor:
        if not returning:
            cursor.executemany(head + row_sql, adapted)
            return ids
        pk = qn(meta.pk.column) if meta.pk else "id"
        for start in range(0, len(adapted), per_statement):
            chunk = adapted[start : start + per_statement]
            params = [v for row in chunk for v in row]
            cursor.execute(head + ", ".join([row_sql] * len(chunk)) + f" RETURNING {pk}", params)
            ids.extend(r[0] for r in cursor.fetchall())
    return ids
