"""`tracker owners`: write .github/CODEOWNERS from the owners in the reference data."""

from __future__ import annotations

from typing import Annotated

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, workspace
from apec_tracker.cli.printing import echo


@app.command()
def owners(
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 if .github/CODEOWNERS is missing or out of date.")] = False,
) -> None:
    """Write .github/CODEOWNERS: each economy's and forum's folder is approved by its own
    owners and the Secretariat; everything else by the Secretariat."""
    from apec_tracker.services import generated as services

    state = services.write_codeowners(workspace(), check=check)
    if state.written:
        echo(f"wrote {state.path}")
    elif state.current:
        echo(f"{state.path} is up to date.")
    else:
        echo(f"{state.path} is {'out of date' if state.exists else 'missing'}: run `tracker owners`.",
                   err=True)
        raise typer.Exit(EXIT_DATA)
    raise typer.Exit(EXIT_OK)
