"""The `tracker` command. Each command lives in a module of its own, registered on
the one Typer app; it parses options, calls apec_tracker.services and prints."""

# Each import registers a command.
from apec_tracker.cli import (
    add_activity,  # noqa: F401
    diff,  # noqa: F401
    export,  # noqa: F401
    forms,  # noqa: F401
    indicators,  # noqa: F401
    listing,  # noqa: F401
    nil_return,  # noqa: F401
    owners,  # noqa: F401
    progress,  # noqa: F401
    publish,  # noqa: F401
    report,  # noqa: F401
    schema,  # noqa: F401
    show,  # noqa: F401
    status,  # noqa: F401
    validate,  # noqa: F401
)
from apec_tracker.cli.app import app


def main() -> None:
    app()
