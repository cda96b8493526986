"""`tracker list`: the activities that match some filters, as a table, JSON or CSV."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from apec_tracker.cli import filters as chosen
from apec_tracker.cli.app import EXIT_OK, app, stdout_console, workspace
from apec_tracker.cli.printing import echo, write

if TYPE_CHECKING:
    from apec_tracker.services.records import LoadedRecord


WIDE_SCREEN = 120


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command("list")
def list_activities(
    economy: chosen.Economies = None,
    forum: chosen.Fora = None,
    action: chosen.Actions = None,
    goal: chosen.Goals = None,
    status: chosen.Statuses = None,
    year: chosen.Years = None,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table for people, json or csv for other tools.")] = ListFormat.TABLE,
) -> None:
    """List the activities that match every filter given (none: all of them)."""
    from apec_tracker.cli.records import note_excluded
    from apec_tracker.services import records as services

    ws = workspace()
    found, selection = services.list_activities(ws, chosen.filters(economy, forum, action, goal, status, year))
    note_excluded(selection)
    if output_format is ListFormat.TABLE:
        _table(found)
    else:
        write(services.records_as_table(found, ws.framework, output_format.value))
    raise typer.Exit(EXIT_OK)


def _table(found: list[LoadedRecord]) -> None:
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    if not found:
        console.print("No activity matches.")
        return
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    # On a wide screen codes, statuses, years and ids stay whole (an id is what
    # `tracker show` takes) and titles wrap. On a narrow one every column wraps
    # and folds: a cell cut to fit would drop part of a title without a sign.
    # Off a terminal the console is unbounded: nothing wraps.
    wide = console.width >= WIDE_SCREEN
    table.add_column("id", no_wrap=wide, overflow="ellipsis" if wide else "fold", ratio=None if wide else 2)
    for name in ("reporter", "actions", "status", "years"):
        table.add_column(name, no_wrap=wide, overflow="fold")
    table.add_column("title", overflow="fold", ratio=None if wide else 3)
    for record in found:
        activity = record.activity
        start, end = activity.start, activity.end
        dates = f"{start.year if start else '?'}–{end.year if end else '?'}" if start or end else ""
        # Text cells, not strings: a record's title is shown as written, never read as markup.
        cells = (activity.id, activity.reporter, ", ".join(activity.action_codes()), activity.status.value,
                 dates, activity.title)
        table.add_row(*(Text(cell) for cell in cells))
    with console.capture() as captured:
        console.print(table)
    # rich pads every cell of the last column to its width: spaces nobody reads.
    echo("\n".join(line.rstrip() for line in captured.get().splitlines()))
    console.print(f"{len(found)} activit{'y' if len(found) == 1 else 'ies'}.")
