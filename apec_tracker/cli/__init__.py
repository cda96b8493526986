"""The `tracker` command. Each command lives in a module of its own, registered on
the one Typer app; the core it calls knows nothing of Typer."""

# Each import registers a command.
from apec_tracker.cli import add_activity  # noqa: F401
from apec_tracker.cli import export  # noqa: F401
from apec_tracker.cli import listing  # noqa: F401
from apec_tracker.cli import owners  # noqa: F401
from apec_tracker.cli import progress  # noqa: F401
from apec_tracker.cli import schema  # noqa: F401
from apec_tracker.cli import show  # noqa: F401
from apec_tracker.cli import validate  # noqa: F401
from apec_tracker.cli.app import app


def main() -> None:
    app()
