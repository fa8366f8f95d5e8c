"""Benchmark harness: run one measurement in a fresh process, emit one JSON line.

Each measurement runs in its own interpreter (``python -m tests.bench.harness``) so that its
peak resident set size (``ru_maxrss``) is its own and not the high-water mark of an earlier
measurement. The child builds its input with a ``setup`` callable (not timed), records the RSS
at that point, times the ``run`` callable, and prints a JSON object; the parent adds it to the
results, prints it as one line on stdout and appends it to ``bench-results/latest.jsonl``.

A benchmark module exposes ``main(sizes)`` and ``SIZES`` / ``QUICK_SIZES``; inside, it calls
``measure("module:function", ...)`` for each measurement, where ``function(**params)`` returns
``(setup, run)``: ``setup()`` builds the input, ``run(input)`` returns a dict of extra figures.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The PostgreSQL server the database benchmarks create their throw-away databases on.
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
RESULTS_DIR = ROOT / "bench-results"
RESULTS_FILE = RESULTS_DIR / "latest.jsonl"

Setup = Callable[[], Any]
Run = Callable[[Any], dict[str, Any]]


def current_rss_mb() -> float:
    """Resident set size of this process now, in MiB (Linux /proc; 0.0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size of this process so far (or, with ``RUSAGE_CHILDREN``, of its
    largest finished child process: the report's PDF and redaction workers), in MiB."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def psql(sql: str) -> None:
    """Run one statement on `PG`'s maintenance database (CREATE / DROP DATABASE)."""
    subprocess.run(  # noqa: S603
        ["psql", f"{PG}/postgres", "-q", "-c", sql],  # noqa: S607
        check=True,
        capture_output=True,
    )


def emit(record: dict[str, Any]) -> None:
    """Print ``record`` as one JSON line and append it to ``bench-results/latest.jsonl``."""
    line = json.dumps(record, ensure_ascii=False, sort_keys=False)
    print(line, flush=True)
    RESULTS_DIR.mkdir(exist_ok=True)
    with RESULTS_FILE.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def measure(
    target: str, *, bench: str, n: int, language: str, timeout_s: float = 1800, **params: Any
) -> dict[str, Any]:
    """Run ``target`` ("module:function") with ``n``, ``language`` and ``params`` in a fresh
    interpreter and emit its JSON record: bench, n, language, params, wall_s (of the run step
    only), setup_s, input_rss_mb (after setup), peak_rss_mb, and the run's own figures."""
    request = json.dumps({"target": target, "n": n, "language": language, "params": params})
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.bench.harness", request],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    record: dict[str, Any] = {"bench": bench, "n": n, "language": language, **params}
    if completed.returncode != 0:
        record["error"] = completed.stderr.strip().splitlines()[-1:] or ["exit"]
        emit(record)
        return record
    record.update(json.loads(completed.stdout.strip().splitlines()[-1]))
    emit(record)
    return record


def _child(request: dict[str, Any]) -> dict[str, Any]:
    module_name, function_name = request["target"].split(":")
    factory = getattr(importlib.import_module(module_name), function_name)
    setup, run = factory(n=request["n"], language=request["language"], **request["params"])
    started = time.perf_counter()
    data = setup()
    setup_s = time.perf_counter() - started
    input_rss = current_rss_mb()
    started = time.perf_counter()
    figures = run(data)
    wall_s = time.perf_counter() - started
    return {
        "wall_s": round(wall_s, 3),
        "setup_s": round(setup_s, 3),
        "input_rss_mb": round(input_rss, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_largest_child_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
        **figures,
    }


def _main() -> None:
    parser = argparse.ArgumentParser(description="Run one benchmark measurement (internal).")
    parser.add_argument("request", help="JSON: target, n, language, params")
    request = json.loads(parser.parse_args().request)
    print(json.dumps(_child(request), ensure_ascii=False))


if __name__ == "__main__":
    _main()
