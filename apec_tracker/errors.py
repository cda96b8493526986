"""What can stop a command, and the exit code each one means.

Every error the core raises for a user to read derives from :class:`TrackerError`
and carries its exit code; the command line turns any of them into one line on
stderr and that code, in one place (apec_tracker.cli.app). The core never
prints and never exits.

Exit codes are the same for every command: 0 success, 1 the data has problems,
2 the command was used wrongly or could not run.
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class TrackerError(Exception):
    """A command could not do what it was asked; the message says why."""

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(TrackerError):
    """The command was given something it cannot use: a year outside the period,
    an unknown code, an option that contradicts another."""


class SetupError(TrackerError):
    """The command cannot run here: no tracker repository, broken reference data,
    no git or no such revision, a template that does not render."""


class DataError(TrackerError):
    """The records have problems that stop the command (a record that would not
    pass validation, a report asked of invalid data)."""

    exit_code: ClassVar[int] = EXIT_DATA
