"""API throughput: POST a realistic response (respondent + 8 answers + 2 clause comments) against a
minimal DRF endpoint that inserts one row, both under gunicorn on PostgreSQL, load from wrk in a
separate process. Both endpoints are first loaded for a few seconds unmeasured, so every worker
has started up before the measured runs; then they take turns in equal slices (BENCH_ROUNDS, 4),
so a shared host that slows down for a while slows both alike. Prints one JSON line per endpoint
(with each slice's throughput) and one comparison line (with each round's ratio).

The database is one in operation: before the load, the consultation already holds
``BENCH_EXISTING_RESPONSES`` (20,000) generated responses and the tables are analysed. Analysed
while nearly empty, PostgreSQL plans the foreign-key check of every answer and clause comment
as a sequential scan of the responses table and keeps that plan for the connection's life, so
each submission reads more rows than the one before (the ratio fell from 0.5 to 0.25 within one
run); a database holding responses plans an index look-up.

Needs PostgreSQL on 127.0.0.1:5432 (or BENCH_PG_URL) and `wrk` (Debian package); creates and drops
a throw-away database. The broker is Redis as in production (database 15 on 127.0.0.1:6379, or
BENCH_BROKER_URL), emptied afterwards, so the submission's after-commit work costs what it costs
there; kombu's in-memory transport when no Redis answers (the line says which).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.harness import PG, ROOT, emit, psql

SIZES = [20]  # seconds of load per endpoint (in ROUNDS slices)
QUICK_SIZES = [4]
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WARM_UP_SECONDS = 3
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))  # slices per endpoint, taking turns
EXISTING = int(os.environ.get("BENCH_EXISTING_RESPONSES", "20000"))  # held before the load
_DB_URL: list[str] = [""]  # the throw-away database, for `_count`
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/15")


def _broker() -> str:
    """The Redis broker, emptied, if it answers; else the in-memory transport."""
    try:
        import redis

        redis.Redis.from_url(BROKER, socket_connect_timeout=1).flushdb()
    except Exception:  # no Redis here: measure without a broker round trip
        return "memory://"
    return BROKER


LUA = r"""
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  io.write("STATUS")
  for k, v in pairs(total) do io.write(" " .. k .. "=" .. v) end
  io.write("\n")
  io.write(string.format("LAT p50=%f p99=%f max=%f\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("ERR connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _django(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args] + (["--no-imports"] if args[0] == "shell" else []),
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _count(model: str) -> int:
    """Rows of `model`'s table, read with psql (a Django shell per count would take a second)."""
    table = {"Respondent": "responses_respondent", "Response": "responses_response"}[model]
    out = subprocess.run(  # noqa: S603
        ["psql", _DB_URL[0], "-tAq", "-c", f"SELECT count(*) FROM {table}"],  # noqa: S607, S608
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip())


def _combined(slices: list[dict[str, Any]]) -> dict[str, Any]:
    """One endpoint's figures over its slices: throughput is the mean of the slices (equal
    lengths), p99 and max the worst slice's, p50 the median slice's."""
    ok = sum(s["statuses"].get(201, 0) for s in slices)
    statuses: dict[int, int] = {}
    for s in slices:
        for code, count in s["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    created = sum(s["rows_created"] for s in slices)
    p50s = sorted(s["p50_ms"] for s in slices)
    return {
        "n": ok,
        "requests_per_s": round(sum(s["requests_per_s"] for s in slices) / len(slices), 2),
        "requests_per_s_slices": [round(s["requests_per_s"], 1) for s in slices],
        "p50_ms": p50s[len(p50s) // 2],
        "p99_ms": max(s["p99_ms"] for s in slices),
        "max_ms": max(s["max_ms"] for s in slices),
        "statuses": statuses,
        "socket_errors": sum(s["socket_errors"] for s in slices),
        "non_201": sum(v for k, v in statuses.items() if k != 201),
        "rows_created": created,
        # wrk stops reading at each deadline: up to one request per connection is still
        # completing then; it is stored but not counted as a 201.
        "in_flight_at_stop": created - ok,
        "each_201_stored_once": all(
            s["statuses"].get(201, 0)
            <= s["rows_created"]
            <= s["statuses"].get(201, 0) + CONNECTIONS
            for s in slices
        ),
    }


def _body(env: dict[str, str]) -> str:
    code = (
        "import json; from consult.consultations.models import Consultation;"
        "c = Consultation.objects.get(slug='facial-recognition');"
        "qs = list(c.questions.prefetch_related('choices'))[:8];"
        "val = lambda q: 2 if q.kind == 'likert' else ('保存期間が長すぎます。' * 8 if q.kind == 'free_text' else "
        "(q.choices.all()[0].key if q.kind == 'single_choice' else [ch.key for ch in q.choices.all()][:2]));"
        "secs = [s.number for s in c.sections.all()][:2];"
        "print(json.dumps({'language': 'ja', 'respondent': {'kind': 'individual', 'region': '13', 'age_band': '30-39',"
        " 'consent': 'anonymous', 'notice_accepted': True}, 'answers': [{'question': q.key, 'value': val(q)} for q in qs],"
        " 'comments': [{'section': s, 'text': '顔認証の誤認識により無実の人が疑われることを懸念します。'} for s in secs]},"
        " ensure_ascii=False))"
    )
    return _django(env, "shell", "-c", code).strip()


def _load(url: str, body: str, seconds: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", script.name, url],  # noqa: S607
        env={**os.environ, "BENCH_BODY": body},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(script.name).unlink()
    statuses = {
        int(k): int(v)
        for k, v in re.findall(r"(\d+)=(\d+)", out.split("STATUS", 1)[1].splitlines()[0])
    }
    lat = dict(re.findall(r"(p50|p99|max)=([\d.]+)", out))
    errors = dict(re.findall(r"(connect|read|write|timeout|status)=(\d+)", out.split("ERR", 1)[1]))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return {
        "requests_per_s": rps,
        "p50_ms": float(lat["p50"]),
        "p99_ms": float(lat["p99"]),
        "max_ms": float(lat["max"]),
        "statuses": statuses,
        "socket_errors": sum(int(errors[k]) for k in ("connect", "read", "write", "timeout")),
    }


def main(sizes: list[int] | None = None) -> None:
    seconds = (sizes or SIZES)[0]
    if shutil.which("wrk") is None:
        emit({"bench": "api_submit", "error": "wrk is not installed (apt-get install wrk)"})
        return
    db = f"consult_bench_api_{os.getpid()}"
    broker = _broker()
    psql(f"CREATE DATABASE {db}")
    _DB_URL[0] = f"{PG}/{db}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{db}",
        "DJANGO_SETTINGS_MODULE": "tests.bench.api.settings",
        "SECRET_KEY": "bench-only-secret",
        "CELERY_BROKER_URL": broker,
    }
    port = _free_port()
    server = None
    try:
        _django(env, "migrate", "--noinput")
        _django(env, "load_demo")
        _django(
            env,
            "generate_responses",
            "--consultation",
            "facial-recognition",
            "--count",
            str(EXISTING),
        )
        body = _body(env)
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "consult.wsgi",
                "-w",
                str(WORKERS),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm every worker on both endpoints first (not measured): a worker imports the URL
        # configuration, and with it the report views, on its first request, which would
        # otherwise land in the first endpoint's figures as seconds of latency and timeouts.
        for path, warm_body in (
            ("/bench/minimal/", "{}"),
            ("/api/v1/consultations/facial-recognition/responses/", body),
        ):
            _load(f"http://127.0.0.1:{port}{path}", warm_body, WARM_UP_SECONDS)
        time.sleep(1)  # the warm-up's last requests finish before anything is counted
        # A production database has planner statistics on its tables; this one was created a
        # minute ago, and autovacuum would gather them during the first measured slice (after
        # the existing responses went in: see the module's note).
        subprocess.run(["psql", _DB_URL[0], "-q", "-c", "ANALYZE"], check=True)  # noqa: S603, S607
        endpoints = (
            ("minimal_insert", "/bench/minimal/", "{}", "Respondent"),
            ("api_submit", "/api/v1/consultations/facial-recognition/responses/", body, "Response"),
        )
        # The endpoints take turns, ROUNDS slices each, so a machine that is slower for a while
        # (a shared host) slows both alike instead of whichever ran then.
        slices: dict[str, list[dict[str, Any]]] = {name: [] for name, *_ in endpoints}
        for _round in range(ROUNDS):
            for name, path, payload, model in endpoints:
                before = _count(model)
                figures = _load(f"http://127.0.0.1:{port}{path}", payload, seconds // ROUNDS)
                time.sleep(0.5)  # requests in flight at the deadline finish before counting
                figures["rows_created"] = _count(model) - before
                slices[name].append(figures)
        results = {}
        for name, *_ in endpoints:
            record = {
                "bench": "api",
                "endpoint": name,
                "language": "ja",
                "seconds": seconds // ROUNDS * ROUNDS,
                "rounds": ROUNDS,
                "gunicorn_workers": WORKERS,
                "connections": CONNECTIONS,
                "broker": broker.split(":", 1)[0],
                "existing_responses": EXISTING,
                **_combined(slices[name]),
            }
            emit(record)
            results[name] = record
        ratio = (
            results["api_submit"]["requests_per_s"] / results["minimal_insert"]["requests_per_s"]
        )
        per_round = [
            round(s["requests_per_s"] / m["requests_per_s"], 3)
            for s, m in zip(slices["api_submit"], slices["minimal_insert"], strict=True)
        ]
        emit(
            {
                "bench": "api",
                "endpoint": "comparison",
                "n": results["api_submit"]["n"],
                "language": "ja",
                "submit_vs_minimal_throughput": round(ratio, 3),
                "per_round": per_round,
                "goal_ratio": 0.8,
                "goal_p99_ms": 100,
                "submit_p99_ms": results["api_submit"]["p99_ms"],
            }
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        if broker != "memory://":
            _broker()  # the drain requests nobody consumed


if __name__ == "__main__":
    main(json.loads(sys.argv[1]) if len(sys.argv) > 1 else None)
