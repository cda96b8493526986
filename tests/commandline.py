"""Checking a command line someone wrote (in a workflow, in a guide) against the
`tracker` command as it is: the command exists and takes every option named."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any

import typer.main

# Typer builds on Click (vendored in recent versions), so commands are read by
# their attributes rather than by Click's classes.


def tracker_command() -> Any:
    from apec_tracker.cli import app

    command = typer.main.get_command(app)
    assert hasattr(command, "commands")
    return command


def options_of(command: Any) -> set[str]:
    names: set[str] = {"--help", "-h"}
    for parameter in command.params:
        if parameter.param_type_name == "option":
            names.update(parameter.opts)
            names.update(parameter.secondary_opts)
    return names


def problems_with(words: list[str]) -> list[str]:
    """What is wrong with ``tracker WORDS...``: an unknown command or option."""
    group = tracker_command()
    words = list(words)
    global_options = options_of(group)
    # Options of `tracker` itself come before the command (--repo DIR).
    while words and words[0].startswith("-"):
        option = words.pop(0).split("=", 1)[0]
        if option not in global_options:
            return [f"tracker has no option {option}"]
        if option == "--repo" and words:
            words.pop(0)
    if not words:
        return []
    name, *rest = words
    command = group.commands.get(name)
    if command is None:
        return [f"tracker has no command {name!r}"]
    known = options_of(command)
    return [
        f"tracker {name} has no option {word.split('=', 1)[0]}"
        for word in rest
        if word.startswith("-") and word != "-" and not _is_number(word) and word.split("=", 1)[0] not in known
    ]


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def tracker_invocations(text: str) -> list[list[str]]:
    """Every `tracker ...` command line in shell text, as words, stopping at a
    pipe, redirection or separator."""
    found: list[list[str]] = []
    for line in _logical_lines(text):
        try:
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words = list(lexer)
        except ValueError:
            continue
        command: list[str] | None = None
        for word in words:
            if command is None:
                if word == "tracker" or word.endswith("/tracker"):
                    command = []
                continue
            if word and set(word) <= set("|&;<>()"):
                found.append(command)
                command = None
                continue
            command.append(word)
        if command is not None:
            found.append(command)
    return found


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("$ "):
            line = line[2:]
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


# -- terminal sessions written in a guide ---------------------------------------------


@dataclass
class SessionCommand:
    """One `$ ` command of a session in a guide, and what the guide says it printed."""

    line: str  # the command as typed, continuation lines joined
    output: list[str]  # the lines shown after it
    exit_code: int | None  # from an `[exit N]` line, if the guide shows one
    first_output_line: int  # where its output starts in the guide (0-based), and ends
    end_output_line: int

    @property
    def words(self) -> list[str]:
        return shlex.split(self.line)

    @property
    def runs_tracker(self) -> bool:
        return bool(tracker_invocations(self.line))


_EXIT_LINE = re.compile(r"^\[exit (\d+)\]$")


def session_commands(lines: list[str], offset: int) -> list[SessionCommand]:
    """The commands of a terminal session (a `console` block's lines, the first
    at line ``offset`` of the guide): `$ ` lines, their continuation lines, the
    output after each, and an `[exit N]` line closing it."""
    commands: list[SessionCommand] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("$ "):
            index += 1
            continue
        typed = lines[index][2:]
        while typed.endswith("\\") and index + 1 < len(lines):
            index += 1
            typed = typed[:-1] + " " + lines[index].strip()
        index += 1
        start = index
        while index < len(lines) and not lines[index].startswith("$ "):
            index += 1
        output = lines[start:index]
        end = start + len(output)
        while output and not output[-1].strip():
            output.pop()
            end -= 1
        exit_code = None
        if output and (match := _EXIT_LINE.match(output[-1])):
            exit_code = int(match.group(1))
            output.pop()
            end -= 1
        commands.append(SessionCommand(typed, output, exit_code, offset + start, offset + end))
    return commands
