"""`tracker validate`: every record and every rule, for CI on each pull request."""

from __future__ import annotations

import os
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, fail, open_repository, today


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Record files or folders to report on (default: the whole repository)."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text for people, json for tools, github for "
                                   "GitHub Actions annotations.")
    ] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file afresh, without reading or writing the cache "
                           "of checked files (kept in $TRACKER_CACHE_DIR or ~/.cache/apec-tracker).")
    ] = False,
) -> None:
    """Check every record and every rule across records; exit 1 if the data has problems."""
    from apec_tracker.cache import no_cache as empty_cache
    from apec_tracker.cache import open_cache
    from apec_tracker.check import validate_repository
    from apec_tracker.output import FORMATTERS, GithubFormatter, JsonFormatter, TextFormatter

    repo, framework = open_repository()
    only = _selection(repo.root, paths) if paths else None
    cache = empty_cache() if no_cache else open_cache(repo.reference_dir)
    with _ProgressBar() as bar:
        result = validate_repository(repo, framework, today=today(), only=only,
                                     on_start=bar.start, on_file=bar.advance, cache=cache)
    cache.save()
    formatter: TextFormatter | JsonFormatter | GithubFormatter
    if output_format is OutputFormat.TEXT:
        formatter = TextFormatter(color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    else:
        formatter = FORMATTERS[output_format.value]()  # type: ignore[assignment]
    summary = result.summary
    formatter.write(result.diagnostics, summary, sys.stdout)
    raise typer.Exit(EXIT_DATA if summary.failed(strict=strict) else EXIT_OK)


def _selection(root: Path, paths: list[Path]) -> set[str]:
    """The named files and folders as repository-relative paths."""
    selected: set[str] = set()
    for path in paths:
        absolute = (Path.cwd() / path).absolute()
        if not os.path.lexists(absolute):
            fail(f"{path}: no such file or folder")
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            fail(f"{path} is not inside the repository {root}")
        selected.add(relative.as_posix())
    return selected


class _ProgressBar:
    """A progress bar on stderr, shown only at a terminal and only once a run
    has taken more than a moment, so quick runs and CI logs stay clean."""

    DELAY_SECONDS = 0.4

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.enabled = sys.stderr.isatty()
        self.progress = None
        self.task = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def start(self, total: int) -> None:
        self.total = total

    def advance(self) -> None:
        self.done += 1
        if not self.enabled or self.done % 64:
            return
        if self.progress is None:
            if time.monotonic() - self.started < self.DELAY_SECONDS:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("Checking records", total=self.total)
        self.progress.update(self.task, completed=self.done)
