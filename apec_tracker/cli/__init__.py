"""The `tracker` command. Each command lives in a module of its own, registered on
the one Typer app; the core it calls knows nothing of Typer."""

from apec_tracker.cli import (  # noqa: F401  (registers the commands)
    add_activity,
    diff,
    progress,
    publish,
    report,
    schema,
    validate,
)
from apec_tracker.cli.app import app


def main() -> None:
    app()
