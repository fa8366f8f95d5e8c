"""Benchmark: substring search of responses on PostgreSQL:

- ``official``: `responses_filtered` with ``search`` (free-text answers, clause comments, the
  reference), as the API's list uses it; ``staff_page``: the same search on the staff pages'
  response list (`responses_for_consultation`, which adds the respondent and orders by time);
- ``public``: `has_published_text`, the public responses page's ``q`` (published texts only).

Input: ``n`` generated responses to the demo facial-recognition consultation (both languages),
every free text published as written (the moderation items are inserted in SQL: the moderation
sweep itself is measured by the reports benchmark). For each search word, the first page (50
newest ids) and the count, each the median of three runs on a warm cache, in three set-ups of the
same database: as shipped (JIT off, the published texts' trigram index), with PostgreSQL's JIT on
(`SET jit = on`), and without the trigram index (dropped, JIT off). Words: absent from every
response (Japanese and English), a rare English word, a Japanese phrase of several words, and a
two-character Japanese word that no trigram covers. Prints one JSON line per search, set-up and
word.

Creates and drops a throw-away database (``consult_bench_search_*`` on 127.0.0.1:5432, or
``BENCH_PG_URL``).
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import time
from typing import Any

from tests.bench.harness import PG, emit, psql

SIZES = (100_000,)
QUICK_SIZES = (5_000,)
SLUG = "facial-recognition"
WORDS = ("存在しない言葉です", "zzqqy", "privacy", "顔認証による監視", "監視")
INDEXES = ("moderationitem_published_trgm_idx",)
PUBLISH_ALL = """
INSERT INTO moderation_moderationitem (created_at, updated_at, consultation_id, {fk}, status,
    flags, flag_kinds, text_hash, pii_version, published_text, auto)
SELECT now(), now(), r.consultation_id, t.id, 'approved', '[]'::jsonb, '', md5(t.text), '',
    t.text, true
FROM {table} t JOIN responses_response r ON r.id = t.response_id WHERE t.text <> ''
"""
RUNS = 3


def _median_seconds(run: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 4), result


def _measure(n: int, setup: str) -> None:
    from django.db import connection

    from consult.consultations.models import Consultation
    from consult.publication.moderated import has_published_text
    from consult.responses.models import Response
    from consult.responses.selectors import responses_for_consultation
    from consult.responses.selectors.filters import ResponseFilters, responses_filtered

    consultation = Consultation.objects.get(slug=SLUG)
    for word in WORDS:
        searches = {
            "official": responses_filtered(consultation, filters=ResponseFilters(search=word)),
            "staff_page": responses_for_consultation(consultation, search=word),
            "public": Response.objects.filter(
                has_published_text(consultation, search=word), consultation=consultation
            ),
        }
        for search, queryset in searches.items():
            page_s, page = _median_seconds(
                lambda q=queryset: list(q.order_by("-id").values_list("id", flat=True)[:50])
            )
            count_s, count = _median_seconds(queryset.count)
            emit(
                {
                    "bench": "search",
                    "search": search,
                    "n": n,
                    "setup": setup,
                    "word": word,
                    "first_page_s": page_s,
                    "first_page_rows": len(page),
                    "count_s": count_s,
                    "matches": count,
                    "database": connection.vendor,
                }
            )


def main(sizes: tuple[int, ...] | None = None) -> None:
    for n in sizes or SIZES:
        database = f"consult_bench_search_{os.getpid()}"
        try:
            psql(f"CREATE DATABASE {database}")
        except (OSError, subprocess.CalledProcessError) as exc:
            emit({"bench": "search", "n": n, "error": f"no PostgreSQL at {PG}: {exc}"})
            return
        os.environ["DATABASE_URL"] = f"{PG}/{database}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "consult.settings.test"
        try:
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            call_command("migrate", verbosity=0)
            call_command("load_demo", stdout=io.StringIO())
            call_command("generate_responses", consultation=SLUG, count=n, stdout=io.StringIO())
            with connection.cursor() as cursor:
                for fk, table in (
                    ("answer_id", "responses_answer"),
                    ("clause_comment_id", "responses_clausecomment"),
                ):
                    cursor.execute(PUBLISH_ALL.format(fk=fk, table=table))  # our own SQL
                cursor.execute("ANALYZE")
            _measure(n, "shipped")
            with connection.cursor() as cursor:
                cursor.execute("SET jit = on")
            _measure(n, "jit_on")
            with connection.cursor() as cursor:
                cursor.execute("SET jit = off")
                for index in INDEXES:
                    cursor.execute(f"DROP INDEX {index}")
                cursor.execute("ANALYZE")
            _measure(n, "no_trigram_index")
        finally:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    main()
