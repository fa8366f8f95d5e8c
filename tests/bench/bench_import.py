"""Benchmark: bulk import of responses (``consult.responses.imports``) on PostgreSQL.

Input: ``n`` generated rows for the demo facial-recognition consultation (9 questions, 8 clauses):
realistic comments from ``consult.demo.corpus`` in both languages, a clause comment on most rows,
Likert and choice answers, an email on about a third (each records a confirmation job). The file
is written to disk first (not timed); the run reads it as the API and the command do: encoding
check, reader, validation row by row, batch writes (one set-based INSERT per table per batch),
results consumed. Measured: the first import (``created``) and the same file sent again with the
same key (``replayed``).

Each measurement runs in a fresh process against a throw-away database (``consult_bench_import_*``
on 127.0.0.1:5432, or ``BENCH_PG_URL``), dropped afterwards. Prints one JSON line per measurement:
rows, wall_s, rows_per_s, peak_rss_mb, and the result counts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench.harness import PG, emit, measure, psql

SIZES = (100_000,)
QUICK_SIZES = (5_000,)
SLUG = "facial-recognition"
# (format, atomic mode, how: "service" (as the command) | "replay" (the same file again with the
# same key) | "http" (POST through Django's WSGI application, the body read from the file))
CASES = (
    ("csv", "batch", "service"),
    ("jsonl", "row", "service"),
    ("csv", "batch", "replay"),
    ("csv", "batch", "http"),
)


def _django_setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "consult.settings.test"  # DEBUG off, memory broker
    import django

    django.setup()


def write_file(path: Path, n: int, fmt: str, *, seed: int = 11) -> None:
    """``n`` valid rows for the demo consultation's questionnaire, as CSV or JSON Lines."""
    from consult.consultations.models import Consultation
    from consult.consultations.questionnaire import questionnaire_for
    from consult.demo.corpus import generate_comments

    questionnaire = questionnaire_for(Consultation.objects.get(slug=SLUG))
    questions = list(questionnaire.questions.values())
    sections = list(questionnaire.sections)
    rng = random.Random(seed)
    columns = [
        "kind",
        "region",
        "age_band",
        "email",
        "consent",
        "notice_accepted",
        "language",
        *(f"answer:{q.key}" for q in questions),
        *(f"comment:{s}" for s in sections),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle) if fmt == "csv" else None
        if writer:
            writer.writerow(columns)
        for i, comment in enumerate(generate_comments(topic=SLUG, n=n, seed=seed)):
            answers: dict[str, Any] = {}
            for q in questions:
                if q.kind == "likert":
                    answers[q.key] = comment.likert or rng.randint(1, 5)
                elif q.kind == "single_choice":
                    answers[q.key] = rng.choice(q.choice_keys)
                elif q.kind in ("multiple_choice", "ranking"):
                    answers[q.key] = rng.sample(q.choice_keys, rng.randint(1, 3))
            section = comment.section or rng.choice(sections)
            respondent = {
                "kind": "individual",
                "region": f"{rng.randint(1, 47):02d}",
                "age_band": rng.choice(["18-29", "30-39", "40-49", "50-59", "60-69"]),
                "email": f"supporter{i}@example.jp" if rng.random() < 0.35 else "",
                "consent": rng.choice(["anonymous", "none"]),
                "notice_accepted": True,
            }
            if writer:
                writer.writerow(
                    [
                        *respondent.values(),
                        comment.language,
                        *(
                            "|".join(v) if isinstance(v := answers.get(q.key, ""), list) else v
                            for q in questions
                        ),
                        *(comment.text if s == section else "" for s in sections),
                    ]
                )
            else:
                document = {
                    "language": comment.language,
                    "respondent": respondent,
                    "answers": [{"question": k, "value": v} for k, v in answers.items()],
                    "comments": [{"section": section, "text": comment.text}],
                }
                handle.write(json.dumps(document, ensure_ascii=False) + "\n")


def import_case(
    *, n: int, language: str, fmt: str, atomic: str, how: str, database: str
) -> tuple[Callable[[], Path], Callable[[Path], dict[str, Any]]]:
    """Setup (migrate, demo consultation, file; for "replay" the first import too) and run (the
    import, the same file again with the same key, or the import over HTTP)."""
    os.environ["DATABASE_URL"] = f"{PG}/{database}"
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    from consult.consultations.models import Consultation
    from consult.responses.import_formats import read_rows
    from consult.responses.import_source import settle_encoding
    from consult.responses.imports import ImportSummary, import_key_prefix, responses_import

    def setup() -> Path:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        path = Path(tempfile.mkdtemp()) / f"import.{fmt}"
        write_file(path, n, fmt)
        if how == "replay":
            once(path)
        if how == "http":
            from django.urls import get_resolver

            get_resolver().url_patterns  # noqa: B018 - import every view now, not in the timing
        return path

    def once(path: Path) -> tuple[float, ImportSummary]:
        consultation = Consultation.objects.get(slug=SLUG)
        started = time.perf_counter()
        summary = ImportSummary()
        with path.open("rb") as file:
            encoding = settle_encoding(
                file, fmt=fmt, charset=None, max_line_bytes=settings.API_MAX_BODY_BYTES
            )
            rows = read_rows(
                file, fmt=fmt, encoding=encoding, questionnaire=_q(consultation), language="ja"
            )
            for result in responses_import(
                consultation=consultation,
                rows=rows,
                channel="import",
                key_prefix=import_key_prefix("bench", "bench-import-key"),
                atomic=atomic,
            ):
                summary.add(result)
        return time.perf_counter() - started, summary

    def over_http(path: Path) -> tuple[float, ImportSummary]:
        """POST the file to the bulk endpoint through the WSGI application (no test client: the
        body streams from the file and the answer is read as it is produced)."""
        from consult.accounts.models import User
        from consult.accounts.tokens import api_token_create
        from consult.wsgi import application

        _token, key = api_token_create(
            access="write",
            user=User.objects.get(username=f"official-{_department()}"),
            name="bench",
        )
        summary = ImportSummary()
        statuses: list[str] = []
        started = time.perf_counter()
        with path.open("rb") as body:
            environ = {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": f"/api/v1/consultations/{SLUG}/responses/bulk",
                "QUERY_STRING": f"atomic={atomic}",
                "CONTENT_TYPE": "text/csv" if fmt == "csv" else "application/x-ndjson",
                "CONTENT_LENGTH": str(path.stat().st_size),
                "HTTP_AUTHORIZATION": f"Token {key}",
                "HTTP_IMPORT_KEY": "bench-import-over-http",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "wsgi.input": body,
                "wsgi.url_scheme": "http",
            }
            answer = application(environ, lambda status, headers: statuses.append(status))
            tail = b""
            for chunk in answer:
                *lines, tail = (tail + chunk).split(b"\n")
                for line in lines:
                    record = json.loads(line)
                    if "summary" in record:
                        summary.rows = record["summary"]["rows"]
                        summary.created = record["summary"]["created"]
                        summary.replayed = record["summary"]["replayed"]
                        summary.failed = record["summary"]["failed"]
            answer.close()
        assert statuses == ["200 OK"], statuses
        return time.perf_counter() - started, summary

    def run(path: Path) -> dict[str, Any]:
        from consult.core.models import OutboxJob
        from consult.responses.models import Answer, Response

        size = path.stat().st_size
        wall_s, summary = over_http(path) if how == "http" else once(path)
        path.unlink()
        return {
            "file_mb": round(size / 2**20, 1),
            "rows": summary.rows,
            "rows_per_s": round(summary.rows / wall_s),
            "created": summary.created,
            "replayed": summary.replayed,
            "failed": summary.failed,
            "responses_in_db": Response.objects.count(),
            "answers_in_db": Answer.objects.count(),
            "outbox_jobs": OutboxJob.objects.count(),
        }

    return setup, run


def _department() -> str:
    from consult.consultations.models import Consultation

    return str(Consultation.objects.select_related("department").get(slug=SLUG).department.code)


def _q(consultation: Any) -> Any:
    from consult.consultations.questionnaire import questionnaire_for

    return questionnaire_for(consultation)


def main(sizes: tuple[int, ...] | None = None) -> None:
    for n in sizes or SIZES:
        for fmt, atomic, how in CASES:
            database = f"consult_bench_import_{os.getpid()}"
            try:
                psql(f"CREATE DATABASE {database}")
            except (OSError, subprocess.CalledProcessError) as exc:
                emit({"bench": "import", "n": n, "error": f"no PostgreSQL at {PG}: {exc}"})
                return
            try:
                measure(
                    "tests.bench.bench_import:import_case",
                    bench="import",
                    n=n,
                    language="ja+en",
                    fmt=fmt,
                    atomic=atomic,
                    how=how,
                    database=database,
                )
            finally:
                psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    main(tuple(json.loads(sys.argv[1])) if len(sys.argv) > 1 else None)
