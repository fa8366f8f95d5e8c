"""Run the benchmarks: ``python -m tests.bench [--quick] [names...]``.

Each ``tests/bench/bench_<name>.py`` module exposes ``main(sizes)``, ``SIZES`` and
``QUICK_SIZES``; every measurement prints one JSON line (and is appended to
``bench-results/latest.jsonl``). Names are given without the ``bench_`` prefix.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path


def available() -> list[str]:
    """Names of the benchmark modules in this folder, sorted."""
    folder = Path(__file__).resolve().parent
    return sorted(path.stem.removeprefix("bench_") for path in folder.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen benchmarks in name order."""
    names = available()
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("names", nargs="*", metavar="name", help=f"any of: {', '.join(names)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(names)}")
    for name in args.names or names:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        sizes = getattr(module, "QUICK_SIZES" if args.quick else "SIZES", None)
        print(f"# bench_{name} sizes={sizes}", file=sys.stderr, flush=True)
        module.main(sizes) if sizes is not None else module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
