"""`tracker forms`: write the GitHub issue forms through which contacts report
without git, from the reference data."""

from __future__ import annotations

from typing import Annotated

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, workspace
from apec_tracker.cli.printing import echo


@app.command()
def forms(
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 if a form is missing or out of date.")] = False,
) -> None:
    """Write the issue forms for a new activity and for a year's progress under
    .github/ISSUE_TEMPLATE/, every choice taken from the reference data."""
    from apec_tracker.services import generated as services

    stale = False
    for state in services.write_forms(workspace(), check=check):
        if state.written:
            echo(f"wrote {state.path}")
        elif state.current:
            echo(f"{state.path} is up to date.")
        else:
            echo(f"{state.path} is {'out of date' if state.exists else 'missing'}: run `tracker forms`.",
                       err=True)
            stale = True
    raise typer.Exit(EXIT_DATA if stale else EXIT_OK)
