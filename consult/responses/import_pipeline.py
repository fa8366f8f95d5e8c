"""Overlap two halves of a batch job: prepare the next batch here while a worker thread finishes
the previous one with its own database connection.

An import spends its time about evenly in Python (reading and validating rows) and in the
database (COPY, index updates, foreign-key checks at commit); run one after the other, each waits
for the other. Results still come out in batch order, and at most two batches are in memory.
Only for callers outside a transaction: the worker's connection cannot see uncommitted rows.
"""

import contextlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from django.db import connections
from django.utils import translation

Batch = TypeVar("Batch")
Prepared = TypeVar("Prepared")
Result = TypeVar("Result")


def overlapped(
    batches: Iterable[Batch],
    *,
    prepare: Callable[[Batch], Prepared],
    finish: Callable[[Prepared], list[Result]],
) -> Iterator[Result]:
    """`finish(prepare(batch))` for every batch, in order; `finish` runs on a worker thread (in
    the caller's language) while the next batch is prepared. A `finish` error is raised here."""
    language = translation.get_language()
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")
    pending: Future[list[Result]] | None = None
    try:
        for batch in batches:
            prepared = prepare(batch)
            if pending is not None:
                yield from pending.result()
            pending = worker.submit(_in_language, language, finish, prepared)
        if pending is not None:
            done, pending = pending, None
            yield from done.result()
    finally:
        if pending is not None:  # leaving early: let the batch in flight finish and commit
            with contextlib.suppress(Exception):  # the error being raised is the one to report
                pending.result()
        worker.submit(connections.close_all).result()  # the worker thread's own connection
        worker.shutdown()


def _in_language(
    language: str | None, finish: Callable[[Prepared], list[Result]], prepared: Prepared
) -> list[Result]:
    if language is None:
        return finish(prepared)
    with translation.override(language):
        return finish(prepared)
