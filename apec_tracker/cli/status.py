"""`tracker status YEAR`: who has reported for the year, who filed a nil return,
who is missing, and how the year's review stands."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, stdout_is_terminal, workspace
from apec_tracker.cli.printing import console as printing_console
from apec_tracker.cli.printing import echo, write, write_json
from apec_tracker.services.printing import printable

if TYPE_CHECKING:
    from rich.console import Console

    from apec_tracker.services.cycle import CycleStatus


class StatusFormat(StrEnum):
    TABLE = "table"
    MD = "md"
    JSON = "json"
    GITHUB = "github"


@app.command()
def status(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The reporting year, 2026–2030.", show_default=False)],
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table for people (plain when piped), md, json for "
                                   "tools, or github: a checklist to paste into a GitHub issue.")
    ] = StatusFormat.TABLE,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="REV", help="As things stood at this commit, tag or branch: "
                                    "its records, calendar and history, days counted to its date.")
    ] = None,
    fail_if_missing: Annotated[
        bool, typer.Option("--fail-if-missing", help="Exit 1 when an economy or forum has neither reported nor "
                           "filed a nil return (for a scheduled CI job).")
    ] = False,
) -> None:
    """Show, for each economy and forum, whether it has reported for YEAR, filed a nil return or
    is missing; its stalled activities; the days to the due date; and the steps of YEAR's review.

    Dates come from data/reference/calendar.yaml; the last change of each reporter from git.
    """
    from apec_tracker.services import cycle as services

    found = services.reporting_status(workspace(), year, as_of=as_of)
    cycle = found.status
    if output_format is StatusFormat.JSON:
        write_json(cycle.to_json())
    elif output_format is StatusFormat.MD:
        write(services.render_status_markdown(cycle))
    elif output_format is StatusFormat.GITHUB:
        write(services.render_status_github(cycle))
    elif stdout_is_terminal():
        _rich_table(cycle)
    else:
        write(services.render_status_text(cycle))
    if found.excluded:
        count = len(found.excluded)
        echo(f"tracker: note: {count} file{'s' if count != 1 else ''} with errors left out (run `tracker "
                   f"validate` to see why): {', '.join(map(printable, found.excluded))}", err=True)
    raise typer.Exit(EXIT_DATA if fail_if_missing and cycle.missing else EXIT_OK)


def _rich_table(cycle: CycleStatus) -> None:
    from rich.table import Table
    from rich.text import Text

    from apec_tracker.services import cycle as services

    colour = "NO_COLOR" not in os.environ
    console = printing_console(highlight=False, emoji=False, no_color=not colour)
    console.print(Text(services.heading(cycle), style="bold"))
    console.print(Text(f"{services.due_sentence(cycle)} {services.meetings_sentence(cycle)}"))
    for group in services.rows(cycle):
        table = Table(title=f"{group.title} ({len(group.rows)})", title_justify="left", title_style="bold",
                      show_edge=False, pad_edge=False, box=None, header_style="bold")
        for name in ("code", "name", "state", "reported", "stalled", "last change", "due", "notes"):
            table.add_column(name, justify="right" if name in ("reported", "stalled") else "left",
                             overflow="fold")
        for row in group.rows:
            style = "red" if row.missing and row.due.endswith("overdue") else "yellow" if row.missing else "green"
            # Text cells: a name or a note is shown as written, never read as markup.
            cells = [Text(cell) for cell in row.cells]
            cells[2].stylize(style)
            table.add_row(*cells)
        console.print()
        console.print(table)
    console.print()
    console.print(Text(services.totals_sentence(cycle), style="bold"))
    if cycle.actions:
        _rich_tracks(console, cycle)
    console.print()
    console.print(Text(services.review_heading(cycle), style="bold"))
    for step in cycle.review.steps:
        mark = "✓" if step.recorded else "·"
        shown = f"{step.date}  {step.document}" if step.recorded else "not recorded"
        console.print(Text(f"  {mark} {step.label}: {shown}", style="" if step.recorded else "dim"))


def _rich_tracks(console: Console, cycle: CycleStatus) -> None:
    """Each action's track, its status in word and colour."""
    from rich.table import Table
    from rich.text import Text

    from apec_tracker.services import cycle as services

    colours = {services.TrackStatus.ON_TRACK: "green", services.TrackStatus.SOME_PROGRESS: "yellow",
               services.TrackStatus.OFF_TRACK: "red", services.TrackStatus.NO_DATA: "dim"}
    table = Table(title=services.tracks_heading(cycle), title_justify="left", title_style="bold", show_edge=False,
                  pad_edge=False, box=None, header_style="bold")
    for name in services.TRACK_COLUMNS:
        table.add_column(name, justify="left" if name in ("action", "status") else "right", overflow="fold")
    for track in cycle.actions:
        row = services.track_row(track)
        cells = [Text(cell) for cell in row.cells]
        cells[1].stylize(colours[row.status])
        table.add_row(*cells)
    console.print()
    console.print(table)
    console.print(Text(services.TRACKS_NOTE, style="dim"))
