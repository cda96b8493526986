"""The progress bar of a long read: on stderr, shown only at a terminal and only
once a run has taken more than a moment, so quick runs and CI logs stay clean."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """A progress bar on stderr, shown only at a terminal and only once a run
    has taken more than a moment, so quick runs and CI logs stay clean."""

    DELAY_SECONDS = 0.4

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.enabled = sys.stderr.isatty()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, done: int, total: int) -> None:
        """Called by the reader after each file: ``done`` of ``total``."""
        self.done, self.total = done, total
        if not self.enabled or self.done % 64:
            return
        if self.progress is None:
            if time.monotonic() - self.started < self.DELAY_SECONDS:
                return
            from rich.progress import Progress

            from apec_tracker.cli.printing import console

            self.progress = Progress(console=console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("Checking records", total=self.total)
        if self.task is not None:
            self.progress.update(self.task, completed=self.done)
