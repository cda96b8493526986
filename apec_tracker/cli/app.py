"""The Typer application and what every command shares: finding the repository,
loading the reference data, and turning core errors into exit code 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from apec_tracker import __version__

if TYPE_CHECKING:
    from datetime import date

    from apec_tracker.domain.framework import Framework
    from apec_tracker.domain.layout import Repository

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="tracker",
    help="Validate, diff and report the activities reported under the APEC Artificial Intelligence "
    "Initiative (2026-2030).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    repo_option: Path | None = None


state = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    repo: Annotated[
        Optional[Path],
        typer.Option("--repo", help="The tracker repository (default: the one holding the current folder).",
                     file_okay=False, envvar="TRACKER_REPO"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    state.repo_option = repo


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """A one-line error on stderr and the exit code; never a traceback."""
    typer.echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


def open_repository() -> tuple[Repository, Framework]:
    """The repository and its reference data, or exit 2 saying why not."""
    from apec_tracker.domain.framework import ReferenceDataError, load_framework
    from apec_tracker.domain.layout import NotATrackerRepository, find_repository

    try:
        repo = find_repository(state.repo_option or Path.cwd())
        framework = load_framework(repo.reference_dir)
    except NotATrackerRepository as error:
        fail(str(error))
    except ReferenceDataError as error:
        fail(f"the reference data is broken: {error}")
    return repo, framework


def today() -> date:
    """The date checks measure "in the future" against: the real date, or
    TRACKER_TODAY (YYYY-MM-DD) so that CI, tests and benchmarks answer the same
    whatever day they run on."""
    from datetime import date

    fixed = os.environ.get("TRACKER_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        fail(f"TRACKER_TODAY={fixed!r} is not a date written YYYY-MM-DD")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
