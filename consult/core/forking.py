"""Run a function in a forked child process while this process goes on.

A report run has steps bound to one core each (laying out the PDF, analysing a section) that
need nothing from each other. A Celery prefork worker's process is daemonic, so it may not start
`multiprocessing` children; a plain `os.fork` works, and the child inherits everything already in
memory (the snapshot, the content document) without copying or pickling it.

The child runs the function, pickles what it returned (or the exception it raised) to a
temporary file and leaves with `os._exit`, so none of the parent's exit handlers run and its
database connection is never touched: the function must not use the database. The parent gets a
function that waits for the child and returns the value or raises the exception;
``abandon=True`` kills the child instead. A time limit or a cancel while waiting kills the child
too: no orphan, no zombie, no file left behind; and should this process itself be killed, the
kernel kills the child with it (Linux). Where the OS cannot fork, the function runs at once in
this process.

The child computes on one thread: BLAS (OpenBLAS) and OpenMP are limited to one thread in this
process just before the fork, so the child inherits that setting and never starts their thread
pools, and this process gets its own setting back just after. Their thread pools are not safe
across a fork: a child calling a threaded LAPACK routine (sgetrf, in the NMF that discovers
themes) hung for good in OpenBLAS's thread start-up (a 1,000,000-response report run, and
OpenBLAS issues #5520 and #5556); and the child shares the machine's cores with this process and
its siblings anyway.
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

from threadpoolctl import threadpool_limits

__all__ = ["Forked", "start_forked"]

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Forked(Generic[T]):
    """A function running in a child process (see `start_forked`)."""

    def __init__(self, function: Callable[[], T]) -> None:
        self.pid = 0
        self.path: Path | None = None
        self.finished = False
        self.outcome: tuple[bool, object] | None = None
        if not hasattr(os, "fork"):
            self.outcome = _outcome(function)
            return
        fd, name = tempfile.mkstemp(prefix="consult-forked-", suffix=".pickle")
        parent = os.getpid()
        one_thread = threadpool_limits(limits=1)  # the child keeps it ...
        try:
            pid = os.fork()
        finally:
            if os.getpid() == parent:
                one_thread.restore_original_limits()  # ... this process gets its own back
        if pid == 0:  # the child: run, write the outcome, leave without the parent's exits
            status = 1
            try:
                _die_with(parent)
                with os.fdopen(fd, "wb") as out:
                    _dump(_outcome(function), out)
                status = 0
            except BaseException:
                logger.exception("A forked step could not report its result")
            finally:
                os._exit(status)
        os.close(fd)
        self.pid, self.path = pid, Path(name)

    def wait(self, abandon: bool = False) -> T | None:
        """The function's value (its exception raised here); None when ``abandon`` (the child
        is killed). Waiting again after the first time returns None."""
        if self.finished:
            return None
        self.finished = True
        if self.path is None:  # ran in this process
            return None if abandon else _unwrap(self.outcome)
        try:
            if abandon:
                os.kill(self.pid, signal.SIGKILL)
            try:
                _pid, status = os.waitpid(self.pid, 0)
            except BaseException:  # a time limit or a cancel while waiting: the child goes too
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise
            if abandon:
                return None
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                raise RuntimeError(f"the forked step stopped with exit status {code}")
            with self.path.open("rb") as stored:
                outcome = pickle.load(stored)  # noqa: S301 - written by our own child
            return _unwrap(outcome)
        finally:
            self.path.unlink(missing_ok=True)


def start_forked(function: Callable[[], T]) -> Forked[T]:
    """Start ``function`` in a forked child; ``.wait()`` for its value (see the module)."""
    return Forked(function)


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when the process that forked it dies (Linux's
    PR_SET_PDEATHSIG): a worker killed mid-run must not leave a child computing for nobody
    while the retried run does the same work again. Elsewhere, nothing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _outcome(function: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, function()
    except Exception as error:
        return False, error


def _dump(outcome: tuple[bool, object], out: BinaryIO) -> None:
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # an exception or value that cannot be pickled
        described = outcome[1] if not outcome[0] else error
        data = pickle.dumps((False, RuntimeError(f"{type(described).__name__}: {described}")))
    out.write(data)


def _unwrap(outcome: tuple[bool, object] | None) -> Any:
    assert outcome is not None
    ok, value = outcome
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value
