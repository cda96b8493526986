"""`tracker report YEAR`: the annual progress review as Markdown and self-contained HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, app, fail, workspace
from apec_tracker.cli.printing import echo


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    ALL = "all"


@app.command()
def report(
    year: Annotated[Optional[int], typer.Argument(
        metavar="YEAR", help="The reporting year, 2026–2030 (or --latest).", show_default=False)] = None,
    latest: Annotated[bool, typer.Option(
        "--latest", help="Review the latest reporting year: the last year of the Initiative's period that a "
        "record reports progress for (for CI; see docs/standing.md).")] = False,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FOLDER", file_okay=False,
                                     help="Folder to write to (default: reports/<YEAR>/ in the repository).")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, html, or all (both).")
    ] = ReportFormat.ALL,
    economy: Annotated[Optional[str], typer.Option("--economy", metavar="CODE",
                                                   help="Report on one economy (its code).")] = None,
    forum: Annotated[Optional[str], typer.Option("--forum", metavar="CODE",
                                                 help="Report on one APEC forum (its code).")] = None,
    cumulative: Annotated[
        bool, typer.Option("--cumulative", help="Cover every year from 2026 to YEAR: the final review for 2030.")
    ] = False,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", metavar="FOLDER", file_okay=False, exists=True,
                                     help="Folder of templates to use before the repository's templates/.")
    ] = None,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="REV",
                                    help="Build from the records as they were at this commit, tag or branch.")
    ] = None,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Build the report even if validation finds errors; the report "
                           "says it is based on invalid data.")
    ] = False,
) -> None:
    """Build the progress review for YEAR (or the latest reporting year) from the validated records and
    print the paths written."""
    from apec_tracker.services import reviews as services

    if (year is None) == (not latest):
        fail("give YEAR or --latest" if year is None else f"give YEAR ({year}) or --latest, not both")
    ws = workspace()
    formats = (services.Format.MD, services.Format.HTML) if output_format is ReportFormat.ALL else (
        services.Format(output_format.value),)
    request = services.ReportRequest(
        year=year, scope=services.report_scope(ws, economy, forum), formats=formats, folder=output,
        templates=templates, as_of=as_of, cumulative=cumulative, allow_invalid=allow_invalid)
    try:
        paths = services.build_review(ws, request)
    except services.ReportRefused as refused:
        for diagnostic in refused.diagnostics:
            echo(diagnostic.as_text(), err=True)
        echo(f"tracker: error: {refused.message}", err=True)
        raise typer.Exit(EXIT_DATA) from None
    for path in paths:
        echo(_shown(path))


def _shown(path: Path) -> str:
    """The path as the user can type it: relative to where they stand when the
    report is beneath it, absolute otherwise."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
