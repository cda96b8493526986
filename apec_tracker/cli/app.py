"""The Typer application, and the one place where an error becomes a message
and an exit code.

Every command parses its options, calls one function of apec_tracker.services,
prints the result and returns. A :class:`~apec_tracker.errors.TrackerError`
raised by the service is turned into ``tracker: error: <message>`` on stderr
and its exit code here, in :class:`TrackerGroup`, so no command handles one.
So are the command line's own usage errors (an unknown option, a value that
is not one of the choices, a missing argument): Click's words for them
("Invalid value for '--format': Value error, ...") are told again in the
tool's (``tracker: error: --format: 'xml' is not one of text, json, github``).

Every command is a :class:`TrackerCommand`, whose help names each value as
users think of it (YEAR, CODE, PATH, [text|json|github]), never by its Python
type (``<int>``, ``<list[Path]>``).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from apec_tracker import __version__
from apec_tracker.cli.printing import console, echo
from apec_tracker.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, TrackerError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from apec_tracker.services.context import Workspace

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "app", "fail", "stdout_console", "workspace"]

# Click's usage error, whichever Click Typer runs on (its own copy in recent
# versions): the class every error of the command line itself derives from.
ClickUsageError: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError")


class TrackerGroup(TyperGroup):
    """The `tracker` command group: runs a command and maps the errors the core
    raises, and the command line's own, to a one-line message and an exit code."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        # tracker's own options (--repo) are read here, before any command runs.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except ClickUsageError as error:
            _stop(usage_message(error))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            _stop(error.message, error.exit_code)
        except ClickUsageError as error:
            _stop(usage_message(error))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            guess = f"; did you mean `tracker {close[0]}`?" if close else "; `tracker --help` lists the commands"
            raise UsageError(f"{name!r} is not a tracker command{guess}")
        return super().resolve_command(ctx, args)


def _stop(message: str, code: int = EXIT_USAGE) -> NoReturn:
    echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code) from None


def usage_message(error: Exception, command: str = "tracker") -> str:
    """A usage error of the command line (of ``command``) in the words of the
    rest of the tool."""
    kind = type(error).__name__
    if kind == "NoArgsIsHelpError":  # `tracker` alone: the help is the answer
        raise error
    see = f"`{command} --help`"
    param = getattr(error, "param", None)
    if kind == "NoSuchOption":
        option = getattr(error, "option_name", "")
        close = sorted(getattr(error, "possibilities", None) or ())
        return f"{option}: {command} has no such option" + (
            f"; did you mean {' or '.join(close)}?" if close else f"; {see} lists its options")
    if kind == "MissingParameter" and param is not None:
        return f"{command} needs {shown_name(param)}; see {see}"
    if kind == "BadOptionUsage" and "requires an argument" in str(getattr(error, "message", "")):
        return f"{getattr(error, 'option_name', '')} needs a value; see {see}"
    if param is not None:
        return f"{shown_name(param)}: {_bad_value(error, param)}"
    message = str(getattr(error, "message", error)).strip().rstrip(".")
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition(" (")[2].removesuffix(")")
        return f"{command} takes no more arguments, but was given {extra}; see {see}"
    return f"{message[:1].lower()}{message[1:]}; see {see}"


def _bad_value(error: Exception, param: Any) -> str:
    """What is wrong with the value given, without pydantic's words."""
    cause = error.__cause__
    details: list[Any] = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    given = details[0].get("input") if details else None
    choices = _choices(param)
    if choices and isinstance(given, str):
        return f"{given!r} is not one of {', '.join(choices)}"
    kind = details[0].get("type", "") if details else ""
    if kind.startswith("int_") and given is not None:
        return f"{given!r} is not a whole number"
    if kind.startswith("float_") and given is not None:
        return f"{given!r} is not a number"
    message = str(getattr(error, "message", error)).strip().rstrip(".").removeprefix("Value error, ")
    # Typer's words for a path: "dir 'x' does not exist", "file 'x' is a directory".
    for word, ours in (("dir ", "folder "), ("directory", "folder")):
        message = message.replace(word, ours)
    return message[:1].lower() + message[1:]


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)  # Typer's own Click
    choices: Sequence[Any] | None = getattr(descriptor, "choices", None) or getattr(
        getattr(param, "type", None), "choices", None)
    return [str(getattr(choice, "value", choice)) for choice in choices or ()]


def shown_name(param: Any) -> str:
    """How a parameter is named to users: an option by its long name, an
    argument by its metavar (YEAR, [PATH]...)."""
    if getattr(param, "param_type_name", "") == "option":
        names: list[str] = [*param.opts, *getattr(param, "secondary_opts", [])]
        return max(names, key=lambda name: (name.startswith("--"), len(name)))
    return str(param.metavar or (param.name or "").upper())


class TrackerCommand(TyperCommand):
    """A tracker command: its help names each value as users think of it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False) and not getattr(param, "count", False):
                # A value without a metavar of its own: its choices, else its name.
                choices = _choices(param)
                param.metavar = f"[{'|'.join(choices)}]" if choices else (param.name or "").upper()

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except ClickUsageError as error:
            # Told here, where the command is known: Click leaves some errors
            # (an option given no value) without it.
            path = f"{parent.command_path} {info_name}" if parent is not None else str(info_name or "tracker")
            raise UsageError(usage_message(error, command=path)) from None

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = shown_name(param)
                pieces.append(name if param.required or name.startswith("[") else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                # Typer follows an argument's name with its Python type (YEAR <int>).
                arguments.append((shown_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class TrackerTyper(typer.Typer):
    """The app: every command it registers is a :class:`TrackerCommand`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        kwargs.setdefault("cls", TrackerCommand)
        return super().command(*args, **kwargs)


app = TrackerTyper(
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
        echo(f"tracker {__version__}")
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
    echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


# rich lays a table out to the console's width; off a terminal there is no
# width to fit, and this one is never reached.
UNBOUNDED_WIDTH = 1_000_000


def stdout_console(*, soft_wrap: bool = False) -> Console:
    """rich's console for what a command prints on stdout. At a terminal it is
    as wide as the terminal (``soft_wrap``: long lines left to the terminal to
    wrap). Anywhere else (a pipe, a file, a CI log) nothing is wrapped, folded or
    cut: each table row is one line, an id stays whole to be copied or read by
    another program, and there is no colour."""
    if sys.stdout.isatty():
        # rich leaves colour out when NO_COLOR is set.
        return console(highlight=False, emoji=False, soft_wrap=soft_wrap)
    return console(highlight=False, emoji=False, soft_wrap=True, width=UNBOUNDED_WIDTH, no_color=True,
                   force_terminal=False)
