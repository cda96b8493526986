"""`tracker schema`: the JSON Schema of a record, for editors and other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import app, fail, open_repository


@app.command()
def schema(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write the schema to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of a record, with the codes of the reference data."""
    from apec_tracker.domain.json_schema import schema_text
    from apec_tracker.authoring.atomic_files import write_text_atomically

    _, framework = open_repository()
    text = schema_text(framework)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_text_atomically(output, text)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    typer.echo(str(output))
