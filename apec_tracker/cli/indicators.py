"""`tracker indicators YEAR`: the standard indicators added up for a year, by
action, goal, economy and forum, their series, and each action's track."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, app, workspace
from apec_tracker.cli.printing import console as printing_console
from apec_tracker.cli.printing import echo, write, write_json

if TYPE_CHECKING:
    from apec_tracker.services.indicators import Indicators


class IndicatorsFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"
    CSV = "csv"


JSON_VERSION = 1
WIDE = 120  # columns from which a terminal shows every column


@app.command()
def indicators(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The reporting year, 2026–2030.", show_default=False)],
    output_format: Annotated[
        IndicatorsFormat, typer.Option("--format", "-f", help="text for people (a table at a terminal), md for "
                                       "documents, json and csv for tools.")
    ] = IndicatorsFormat.TEXT,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="REV",
                                    help="Add up the records as they were at this commit, tag or branch.")
    ] = None,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Add up even if validation finds errors (the output says "
                           "so); values in a unit other than the catalogue's are then listed, not added.")
    ] = False,
) -> None:
    """Add up the standard indicators (data/reference/indicators.yaml) for YEAR: each one's total,
    by action, goal, economy and forum, with the activities behind each total; its series from
    2026; the values that are not added up; and whether each action is on track.

    The rules are in docs/indicators.md: totals count the activities active in YEAR, with their
    progress entry for it.
    """
    from apec_tracker.services import indicators as services

    ws = workspace()
    try:
        found = services.indicators(ws, year, as_of=as_of, allow_invalid=allow_invalid)
    except services.IndicatorsRefused as refused:
        for diagnostic in refused.diagnostics:
            echo(diagnostic.as_text(), err=True)
        echo(f"tracker: error: {refused.message}", err=True)
        raise typer.Exit(EXIT_DATA) from None
    if output_format is IndicatorsFormat.JSON:
        write_json(found.report.to_json(JSON_VERSION))
    elif output_format is IndicatorsFormat.CSV:
        write(services.render_csv(found.report))
    elif output_format is IndicatorsFormat.MD:
        write(services.render_markdown(found.report, found.framework))
    elif sys.stdout.isatty():
        _draw(found)
    else:
        write(services.render_text(found.report, found.framework))
    if found.report.errors:
        errors = found.report.errors
        echo(f"tracker: warning: added up from records with {errors} {'error' if errors == 1 else 'errors'} "
             "(--allow-invalid)", err=True)


def _draw(found: Indicators) -> None:
    """The tables with rich, at a terminal: statuses in colour."""
    from rich.table import Table
    from rich.text import Text

    from apec_tracker.services.indicators import status_style, tables

    console = printing_console(file=sys.stdout, no_color="NO_COLOR" in os.environ, highlight=False, emoji=False)
    for table in tables(found.report, found.framework):
        drawn = Table(title=table.title, title_justify="left", title_style="bold")
        # A narrow terminal leaves out what the other columns say already (an indicator's name beside its id).
        shown = [index for index in range(len(table.columns))
                 if console.width >= WIDE or index not in table.secondary]
        for index in shown:
            # Figures are read whole; words may wrap to fit the terminal.
            numeric = table.numeric[index]
            drawn.add_column(table.columns[index], justify="right" if numeric else "left", no_wrap=numeric,
                             overflow="ellipsis" if numeric else "fold")
        for row in table.rows:
            cells = [Text(row[index]) for index in shown]
            if table.status_column is not None:
                cells[shown.index(table.status_column)].stylize(status_style(row[table.status_column]))
            drawn.add_row(*cells)
        if table.rows:
            console.print(drawn)
        else:
            console.print(Text(table.title, style="bold"))
        if table.note:
            console.print(Text(table.note, style="dim"))
        console.print()
