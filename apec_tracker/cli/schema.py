"""`tracker schema`: the JSON Schema of a record, for editors and other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import app, workspace
from apec_tracker.cli.printing import echo


@app.command()
def schema(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                     help="Write the schema to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of a record, with the codes of the reference data."""
    from apec_tracker.services import generated as services

    ws = workspace()
    if output is None:
        echo(services.record_schema(ws), nl=False)
        return
    services.write_schema(ws, output)
    echo(str(output))
