"""`tracker list`: the activities that match some filters, as a table, JSON or CSV."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_OK, app, workspace
from apec_tracker.cli.completion import (
    complete_action,
    complete_economy,
    complete_forum,
    complete_goal,
    complete_year,
)

if TYPE_CHECKING:
    from apec_tracker.services.records import LoadedRecord


WIDE_SCREEN = 120


class StatusChoice(StrEnum):
    """model.Status's values, repeated here so `tracker --help` need not import
    the record model (tests check the two agree)."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command("list")
def list_activities(
    economy: Annotated[Optional[list[str]], typer.Option(
        "--economy", "-e", help="Reported, led or co-sponsored by this economy (repeat for either of several).",
        autocompletion=complete_economy)] = None,
    forum: Annotated[Optional[list[str]], typer.Option(
        "--forum", help="Reported by this forum or with it as a partner forum.",
        autocompletion=complete_forum)] = None,
    action: Annotated[Optional[list[str]], typer.Option(
        "--action", "-a", help="Serving this action of the Initiative, such as B.iii.",
        autocompletion=complete_action)] = None,
    goal: Annotated[Optional[list[str]], typer.Option(
        "--goal", "-g", help="Serving an action of this goal: A, B or C.", autocompletion=complete_goal)] = None,
    status: Annotated[Optional[list[StatusChoice]], typer.Option(
        "--status", "-s", help="With this status.")] = None,
    year: Annotated[Optional[list[int]], typer.Option(
        "--year", "-y", help="Active in this year: a progress entry for it, or dates that span it.",
        autocompletion=complete_year)] = None,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table for people, json or csv for other tools.")] = ListFormat.TABLE,
) -> None:
    """List the activities that match every filter given (none: all of them)."""
    from apec_tracker.cli.records import note_excluded
    from apec_tracker.services import records as services

    filters = services.Filters(
        economies=frozenset(economy or ()), fora=frozenset(forum or ()), actions=frozenset(action or ()),
        goals=frozenset(goal or ()), statuses=frozenset(services.Status(s.value) for s in status or ()),
        years=frozenset(year or ()),
    )
    ws = workspace()
    found, selection = services.list_activities(ws, filters)
    note_excluded(selection)
    if output_format is ListFormat.TABLE:
        _table(found)
    else:
        sys.stdout.write(services.records_as_table(found, ws.framework, output_format.value))
    raise typer.Exit(EXIT_OK)


def _table(found: list[LoadedRecord]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, emoji=False)
    if not found:
        console.print("No activity matches.")
        return
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    # On a wide screen codes, statuses, years and ids stay whole (an id is what
    # `tracker show` takes) and titles wrap. On a narrow one every column wraps
    # and folds: a cell cut to fit would drop part of a title without a sign.
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
    console.print(table)
    console.print(f"{len(found)} activit{'y' if len(found) == 1 else 'ies'}.")
