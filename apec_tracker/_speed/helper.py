"""One piece of work done by a helper process on the machine's second core.

CI runners and laptops have two cores or more; checking 10,000 records from
scratch, or rendering the report's two formats, keeps one of them busy for a
second or more. A helper is a child made with ``fork()``: it starts at once,
sees everything the command has loaded without it being copied or pickled,
and sends back a small result (a count, a path, an exception) through a pipe.

Work given to a helper never decides what a command answers: the callers
use one to fill the cache or to write a file the command then checks for,
and do the work themselves when no helper can be had (``start`` returns
None) or when the helper dies (:class:`HelperLost`).

Helpers are made only on Linux (where ``fork()`` is cheap and safe for a
process such as this one), with more than one core to run on, while the
command runs a single thread (a fork copies only the thread that calls it,
so a lock another thread holds would stay locked in the child), while the
process is small enough for a copy of it to fit the memory budget, and
unless ``TRACKER_JOBS=1`` asks for one process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Generic, TypeVar

T = TypeVar("T")

JOBS_VARIABLE = "TRACKER_JOBS"
# A helper starts as a copy of this process, and the pages it touches become
# its own: at worst it doubles the memory in use. It is started only while
# the process uses less than half of this, what the tracker may take on the
# largest repository it is made for (50,000 records).
MEMORY_BUDGET_BYTES = 500 * 1024 * 1024


class HelperLost(Exception):
    """The helper ended without a result (killed, or out of memory)."""


def helpers_allowed() -> bool:
    """Whether a helper process may be started now."""
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    if _resident_bytes() * 2 > MEMORY_BUDGET_BYTES:
        return False
    try:
        cores = len(os.sched_getaffinity(0))  # what this process may use, in a container too
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


def _resident_bytes() -> int:
    """The memory this process uses now (its resident set)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return MEMORY_BUDGET_BYTES  # unknown: no helper


class Helper(Generic[T]):
    """A forked child computing one value. Use it as a context manager: a helper
    whose result was not collected is stopped when the block is left."""

    def __init__(self, pid: int, reader: int):
        self._pid = pid
        self._reader = reader
        self._done = False

    @classmethod
    def start(cls, work: Callable[[], T]) -> Helper[T] | None:
        """Run ``work`` in a child process; None if no helper can be had here."""
        if not helpers_allowed():
            return None
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:
            os.close(reader)
            _run_child(work, writer)
        os.close(writer)
        return cls(pid, reader)

    def result(self) -> T:
        """Wait for the helper; its value, or the exception its work raised.
        HelperLost if it ended without saying either."""
        chunks = []
        try:
            while chunk := os.read(self._reader, 1 << 16):
                chunks.append(chunk)
        finally:
            self._finish()
        try:
            succeeded, value = pickle.loads(b"".join(chunks))
        except Exception:
            raise HelperLost("the helper process ended without a result") from None
        if not succeeded:
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """End the helper now, whatever it is doing."""
        if not self._done:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        os.close(self._reader)
        with suppress(ChildProcessError):  # reaped already (by an embedding program's SIGCHLD handler)
            os.waitpid(self._pid, 0)

    def __enter__(self) -> Helper[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _run_child(work: Callable[[], T], writer: int) -> None:
    """The child's whole life: do the work, send the outcome, and leave without
    running anything of the parent's (no ``finally`` blocks, no atexit
    handlers, no flushing of the parent's buffered output)."""
    try:
        try:
            payload = pickle.dumps((True, work()))
        except BaseException as error:  # Ctrl-C too: the parent hears of it
            try:
                payload = pickle.dumps((False, error))
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(writer, view):]
    finally:
        os._exit(0)
