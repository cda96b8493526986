"""The Typer application, and the one place where an error becomes a message
and an exit code.

Every command parses its options, calls one function of apec_tracker.services,
prints the result and returns. A :class:`~apec_tracker.errors.TrackerError`
raised by the service is turned into ``tracker: error: <message>`` on stderr
and its exit code here, in :class:`TrackerGroup`, so no command handles one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from apec_tracker import __version__
from apec_tracker.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, TrackerError, UsageError

if TYPE_CHECKING:
    from apec_tracker.services.context import Workspace

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "app", "fail", "workspace"]


class TrackerGroup(TyperGroup):
    """The `tracker` command group: runs a command and maps the errors the core
    raises to a one-line message and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            typer.echo(f"tracker: error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="tracker",
    cls=TrackerGroup,
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
        typer.Option("--repo", metavar="FOLDER", help="The tracker repository (default: the one holding the "
                     "current folder).", file_okay=False, envvar="TRACKER_REPO"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    state.repo_option = repo


def workspace() -> Workspace:
    """The repository the command runs in, with its reference data."""
    from apec_tracker.services.context import open_workspace

    return open_workspace(state.repo_option)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Stop with a usage problem the command itself found in its options."""
    if code == EXIT_USAGE:
        raise UsageError(message)
    typer.echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
