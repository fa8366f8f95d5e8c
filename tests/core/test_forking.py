"""A step in a forked child: its value or its exception comes back; abandoned, it is killed;
nothing is left behind (no child, no file)."""

import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from consult.core.forking import start_forked


class LayoutError(Exception):
    pass


def test_the_value_comes_back_from_another_process():
    job = start_forked(lambda: {"pid": os.getpid(), "weights": np.arange(5.0)})
    value = job.wait()
    assert value["pid"] != os.getpid()
    assert value["weights"].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert job.wait() is None  # once only
    assert job.path is not None and job.path.name.startswith("consult-forked-")
    assert not job.path.exists()  # its file removed (other tests may have theirs meanwhile)
    with pytest.raises(ChildProcessError):  # reaped: no zombie
        os.waitpid(job.pid, os.WNOHANG)


def test_the_childs_exception_is_raised_here():
    def fail():
        raise LayoutError("page 3 overflows")

    with pytest.raises(LayoutError, match="page 3 overflows"):
        start_forked(fail).wait()


def test_a_value_that_cannot_be_sent_back_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="lock"):
        start_forked(threading.Lock).wait()


def test_an_abandoned_child_is_killed_at_once():
    job = start_forked(lambda: time.sleep(60))
    started = time.perf_counter()
    assert job.wait(abandon=True) is None
    assert time.perf_counter() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(job.pid, os.WNOHANG)
    assert job.wait() is None  # abandoning, then waiting, is safe


def test_a_child_that_dies_is_reported():
    job = start_forked(lambda: os._exit(7))
    with pytest.raises(RuntimeError, match="exit status 7"):
        job.wait()


def test_without_fork_the_function_runs_here(monkeypatch):
    monkeypatch.delattr(os, "fork")
    job = start_forked(os.getpid)
    assert job.wait() == os.getpid()


ORPHAN_MAKER = """
import sys, time
from consult.core.forking import start_forked
job = start_forked(lambda: time.sleep(60))
print(job.pid, job.path, flush=True)
time.sleep(60)
"""


def gone_or_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="Linux only")
def test_a_child_dies_with_the_process_that_forked_it():
    maker = subprocess.Popen(  # noqa: S603 - our interpreter; a worker to be killed mid-run
        [sys.executable, "-c", ORPHAN_MAKER], stdout=subprocess.PIPE, text=True
    )
    try:
        pid, path = maker.stdout.readline().split()
        child = int(pid)
        assert not gone_or_zombie(child)
    finally:
        maker.kill()
        maker.wait()
    deadline = time.monotonic() + 10
    while not gone_or_zombie(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone_or_zombie(child)  # not left computing for nobody
    os.unlink(path)  # the empty result file of a killed process: a temp file, like any other


def test_the_child_computes_on_one_thread_and_this_process_keeps_its_own():
    """BLAS and OpenMP thread pools are not safe across a fork (a child hung in OpenBLAS's
    thread start-up inside an LU decomposition): the child never starts them."""
    import scipy.linalg
    from threadpoolctl import threadpool_info, threadpool_limits

    def threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info()}

    matrix = np.random.default_rng(0).random((300, 300)).astype(np.float32)
    scipy.linalg.lu(matrix)  # this process has used threaded BLAS before forking
    with threadpool_limits(limits=2):
        before = threads()

        def in_child() -> tuple[set[int], float]:
            _p, lower, upper = scipy.linalg.lu(matrix)
            return threads(), float(np.abs(lower @ upper).sum())

        child_threads, checksum = start_forked(in_child).wait()
        assert child_threads == {1} and checksum > 0
        assert threads() == before  # given back to this process
