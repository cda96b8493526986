"""Asking at a terminal: a field's help, the valid choices, and the question
again after an answer that cannot be used."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from apec_tracker.cli.printing import echo

if TYPE_CHECKING:
    from apec_tracker.services.context import Framework

_WIDTH = 88


def is_interactive(yes: bool, interactive: bool) -> bool:
    """Prompts only at a terminal, never with --yes; --interactive asks even
    when answers are piped in."""
    if yes:
        return False
    return interactive or sys.stdin.isatty()


def say(text: str = "") -> None:
    echo(text)


def ask(
    label: str,
    read: Callable[[str], Any],
    *,
    help: str | None = None,
    choices: str | None = None,
    default: str | None = None,
    optional: bool = False,
) -> Any:
    """Ask until ``read`` accepts the answer; an empty answer to an optional
    question is None."""
    say()
    if help:
        say(help)
    if choices:
        say(choices)
    if optional and default is None:
        label = f"{label[:-1]}; Enter to skip)" if label.endswith(")") else f"{label} (Enter to skip)"
    while True:
        with _stopped_is_misuse():
            answer: str = typer.prompt(label, default=default if default is not None else "",
                                       show_default=bool(default))
        if optional and not answer.strip():
            return None
        try:
            return read(answer)
        except ValueError as error:
            say(f"  {error} — please try again.")


def confirm(question: str, default: bool = True) -> bool:
    with _stopped_is_misuse():
        return bool(typer.confirm(question, default=default))


@contextmanager
def _stopped_is_misuse() -> Iterator[None]:
    # Ctrl-C or Ctrl-D at a question: click says "Aborted!" and exits 1, which
    # the tracker keeps for "the data has problems". Nothing is written before
    # the last question, so say so, and exit 2 (the command did not run).
    try:
        yield
    except typer.Abort:
        echo("", err=True)
        echo("tracker: stopped before the end of the questions; nothing was written", err=True)
        raise typer.Exit(2) from None


# -- the choices shown for codes ----------------------------------------------------------


def columns(pairs: Iterable[tuple[str, str]], indent: int = 2) -> str:
    """``CODE  Name`` lines, codes aligned."""
    pairs = list(pairs)
    width = max((len(code) for code, _ in pairs), default=0)
    return "\n".join(f"{' ' * indent}{code.ljust(width)}  {name}" for code, name in pairs)


def inline(pairs: Iterable[tuple[str, str]]) -> str:
    """``AUS Australia · BD Brunei Darussalam · ...``, wrapped: for long lists
    shown again for a second field."""
    # Non-breaking spaces inside an item: a line breaks between items, never in one.
    text = " · ".join(f"{code} {name}".replace(" ", "\xa0") for code, name in pairs)
    wrapped = textwrap.fill(text, _WIDTH, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
    return wrapped.replace("\xa0", " ")


def economies(framework: Framework) -> str:
    return inline((e.code, e.name) for e in framework.economies.values())


def actions(framework: Framework) -> str:
    """Each goal, then its actions: ``B.iii  Workforce Capacity``."""
    lines = []
    for goal in framework.goals:
        lines.append(f"  {goal.code}  {goal.title}")
        lines.append(columns(((a.code, a.title) for a in goal.actions), indent=5))
    return "\n".join(lines)
