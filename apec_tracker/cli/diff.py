"""`tracker diff FROM TO` and `tracker diff TO`: what changed between two reporting years."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, fail, stdout_console, workspace
from apec_tracker.cli.printing import echo, write, write_json

if TYPE_CHECKING:
    from apec_tracker.services.context import Framework
    from apec_tracker.services.reviews import Comparison


class DiffFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


JSON_VERSION = 1


@app.command()
def diff(
    years: Annotated[
        list[int],
        typer.Argument(help="FROM TO, or just TO to compare with the year before.", metavar="[FROM] TO",
                       show_default=False),
    ],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text for people, md for the report's section, "
                                 "json for tools.")
    ] = DiffFormat.TEXT,
    as_of: Annotated[
        Optional[str],
        typer.Option("--as-of", metavar="REV", help="Read the records as they were at this commit, tag or "
                     "branch (from git; the working tree is not touched)."),
    ] = None,
) -> None:
    """Show what changed between two reporting years: new, completed, cancelled, suspended and
    stalled activities, regressions, actions served, indicators, coverage and who reported.

    The earlier year is read as it was published (the tag `tracker publish` made) when there
    is one, so changes to the actions an activity serves show; otherwise from the same records.
    """
    from apec_tracker.services import reviews as services

    ws = workspace()
    from_year, to_year = _years(years, ws.framework)
    comparison = services.compare_years(ws, from_year, to_year, as_of=as_of)
    framework = ws.framework
    _show(comparison, framework, output_format)
    for warning in comparison.warnings:
        echo(f"tracker: warning: {warning}", err=True)
    raise typer.Exit(EXIT_DATA if comparison.problems else EXIT_OK)


def _years(years: list[int], framework: Framework) -> tuple[int, int]:
    if len(years) not in (1, 2):
        fail(f"expected FROM TO or TO, got {len(years)} years")
    period = framework.period
    to_year = years[-1]
    from_year = years[0] if len(years) == 2 else to_year - 1
    for year in (to_year, from_year):
        # With TO alone the year refused may be one the user never typed: say where it came from.
        implied = f"{year} (the year before {to_year}, which `tracker diff {to_year}` compares with)" if (
            len(years) == 1 and year == from_year) else ""
        refused = period.not_a_year(year, baseline=True, called=implied)
        if refused is not None:
            fail(refused)
    return from_year, to_year


def _show(comparison: Comparison, framework: Framework, output_format: DiffFormat) -> None:
    from apec_tracker.services.reviews import render_diff_markdown, render_diff_text

    if output_format is DiffFormat.JSON:
        write_json(comparison.to_json(JSON_VERSION))
    elif output_format is DiffFormat.MD:
        write(render_diff_markdown(comparison.diff, framework, sources=comparison.describe()))
    else:
        console = stdout_console(soft_wrap=True)
        console.print(render_diff_text(comparison.diff, framework))
        console.print(f"\n[dim]{comparison.describe()}[/dim]")
