"""`tracker export`: every valid activity as CSV for spreadsheets or as JSON."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_OK, app, fail


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="csv: one row per activity, for Excel and other spreadsheets; json: whole "
        "records.")] = ExportFormat.CSV,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write to this new file instead of stdout.", dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
) -> None:
    """Export every activity that passes validation, as CSV or JSON.

    CSV is UTF-8 with a byte-order mark, so Excel shows every character, and cells that would
    run as formulas are neutralised."""
    from apec_tracker.cli.records import usable_records
    from apec_tracker.reporting.export import to_csv, to_json
    from apec_tracker.authoring.atomic_files import TargetExists, write_text_atomically

    framework, selection = usable_records()
    if output_format is ExportFormat.CSV:
        text = to_csv(selection.records, framework, for_spreadsheets=True)
    else:
        text = to_json(selection.records)
    if output is None:
        sys.stdout.write(text)
        raise typer.Exit(EXIT_OK)
    try:
        write_text_atomically(output, text, overwrite=force)
    except TargetExists:
        fail(f"{output} exists; choose another file or add --force to replace it")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    count = len(selection.records)
    typer.echo(f"{output}: {count} activit{'y' if count == 1 else 'ies'}", err=True)
    typer.echo(str(output))
    raise typer.Exit(EXIT_OK)
