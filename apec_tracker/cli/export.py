"""`tracker export`: every valid activity as CSV for spreadsheets or as JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli import filters as chosen
from apec_tracker.cli.app import EXIT_OK, app, workspace
from apec_tracker.cli.printing import echo, write


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="csv: one row per activity, for Excel and other spreadsheets; json: whole "
        "records.")] = ExportFormat.CSV,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this new file instead of stdout.", dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
    economy: chosen.Economies = None,
    forum: chosen.Fora = None,
    action: chosen.Actions = None,
    goal: chosen.Goals = None,
    status: chosen.Statuses = None,
    year: chosen.Years = None,
) -> None:
    """Export the activities that pass validation and match every filter given (none: all of
    them), as CSV or JSON; the filters are those of `tracker list`.

    A CSV file is UTF-8 with a byte-order mark, so Excel shows every character (to stdout, no
    mark), and cells that would run as formulas are neutralised."""
    from apec_tracker.cli.records import note_excluded
    from apec_tracker.services import records as services

    ws = workspace()
    found, selection = services.list_activities(ws, chosen.filters(economy, forum, action, goal, status, year))
    note_excluded(selection)
    # A byte-order mark tells Excel the file is UTF-8; a program reading a pipe wants none.
    text = services.export_text(ws, found, output_format.value, for_spreadsheets=output is not None)
    if output is None:
        write(text)
        raise typer.Exit(EXIT_OK)
    services.write_new_file(output, text, force=force)
    count = len(found)
    echo(f"{output}: {count} activit{'y' if count == 1 else 'ies'}", err=True)
    echo(str(output))
    raise typer.Exit(EXIT_OK)
