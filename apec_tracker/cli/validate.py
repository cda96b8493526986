"""`tracker validate`: every record and every rule, for CI on each pull request."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

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
    as_of: Annotated[
        Optional[str],
        typer.Option("--as-of", metavar="REV", help="Check the records as they were at this commit, tag or "
                     "branch (read from git; the working tree is not touched)."),
    ] = None,
    changed_since: Annotated[
        Optional[str],
        typer.Option("--changed-since", metavar="REF", help="Report on the record files changed since REF "
                     "(for pull requests: origin/main), plus every rule across records."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file afresh, without reading or writing the cache "
                           "of checked files (kept in $TRACKER_CACHE_DIR or ~/.cache/apec-tracker).")
    ] = False,
) -> None:
    """Check every record and every rule across records; exit 1 if the data has problems.

    In a git repository, records are also checked against the reviews published with
    `tracker publish`: a changed entry of a published year is a warning, a deleted record an error.
    """
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import ExitStack

    from apec_tracker._speed.cache import no_cache as empty_cache
    from apec_tracker._speed.cache import open_cache
    from apec_tracker.checks.validation import validate_repository
    from apec_tracker.git import ChangedFiles, HistoryError, Snapshot
    from apec_tracker.git import changed_since as changed_files
    from apec_tracker.cli.output import FORMATTERS, GithubFormatter, JsonFormatter, TextFormatter
    from apec_tracker.checks.restatements import PublishedReviews

    repo, framework = open_repository()
    named = _selection(repo.root, paths, must_exist=as_of is None) if paths else None
    cache = empty_cache() if no_cache else open_cache(repo.reference_dir)
    try:
        with _ProgressBar() as bar, ExitStack() as stack:
            only: set[str] | Callable[[], set[str]] | None = named
            changes: Callable[[], ChangedFiles] | None = None
            if changed_since is not None:
                # git finds the changed files while the command starts.
                git = stack.enter_context(ThreadPoolExecutor(max_workers=1))
                pending = git.submit(changed_files, repo.root, changed_since, until=as_of)

                def only_changed() -> set[str]:
                    return {path for path in pending.result().paths if named is None or _under_any(path, named)}

                def changes_found() -> ChangedFiles:
                    found = pending.result()
                    git.shutdown()  # its thread ends: loading may start a helper process
                    return found

                only = only_changed
                if as_of is None:  # the working tree's changes: the cache may hold the rest
                    changes = changes_found
            source = stack.enter_context(Snapshot(repo.root, as_of)) if as_of is not None else None
            published = PublishedReviews(repo.root, framework, revision=source.commit if source else None)
            result = validate_repository(repo, framework, today=today(), only=only, source=source,
                                         extra_checks=[published], cross_record_everywhere=changed_since is not None,
                                         on_start=bar.start, on_file=bar.advance, cache=cache, changes=changes)
    except HistoryError as error:
        fail(str(error))
    cache.save()
    cache.close()
    formatter: TextFormatter | JsonFormatter | GithubFormatter
    if output_format is OutputFormat.TEXT:
        formatter = TextFormatter(color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    else:
        formatter = FORMATTERS[output_format.value]()  # type: ignore[assignment]
    summary = result.summary
    formatter.write(result.diagnostics, summary, sys.stdout)
    raise typer.Exit(EXIT_DATA if summary.failed(strict=strict) else EXIT_OK)


def _selection(root: Path, paths: list[Path], *, must_exist: bool = True) -> set[str]:
    """The named files and folders as repository-relative paths (with --as-of,
    they need only have existed at that revision)."""
    selected: set[str] = set()
    for path in paths:
        absolute = Path(os.path.abspath(path))  # also folds . and .. away
        if must_exist and not os.path.lexists(absolute):
            fail(f"{path}: no such file or folder")
        # The repository root is a resolved path; resolve the PATH's folder too,
        # so /link/to/repo/data works, but not its last part, which may itself
        # be a link that validation reports on.
        absolute = absolute.parent.resolve() / absolute.name if absolute.name else absolute
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            fail(f"{path} is not inside the repository {root}")
        selected.add(relative.as_posix())
    return selected


def _under_any(path: str, chosen: set[str]) -> bool:
    return any(path == folder or path.startswith(folder.rstrip("/") + "/") or folder in ("", ".")
               for folder in chosen)


class _ProgressBar:
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
        if self.task is not None:
            self.progress.update(self.task, completed=self.done)
