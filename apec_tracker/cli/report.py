"""`tracker report YEAR`: the annual progress review: its main document as HTML, Markdown
and Word, and beside it the detail pages and downloads every figure links to."""

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
    DOCX = "docx"
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
        ReportFormat, typer.Option("--format", "-f", help="html (with the detail pages and downloads it links to), "
                                   "md, docx (Word), or all of them.")
    ] = ReportFormat.ALL,
    economy: Annotated[Optional[list[str]], typer.Option(
        "--economy", metavar="CODE", help="A review of the activities one economy takes part in; repeat it for "
        "one review of each.")] = None,
    forum: Annotated[Optional[list[str]], typer.Option(
        "--forum", metavar="CODE", help="A review of the activities one APEC forum takes part in; repeat it for "
        "one review of each.")] = None,
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
    print the paths written.

    A review of a year that is not over yet is marked DRAFT on every page."""
    from apec_tracker.services import reviews as services

    if (year is None) == (not latest):
        fail("give YEAR or --latest" if year is None else f"give YEAR ({year}) or --latest, not both")
    ws = workspace()
    formats = (services.Format.MD, services.Format.HTML, services.Format.DOCX) \
        if output_format is ReportFormat.ALL else (services.Format(output_format.value),)
    request = services.ReportRequest(
        year=year, scopes=services.report_scopes(ws, economy or [], forum or []), formats=formats, folder=output,
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
    report is beneath it, absolute otherwise; a folder ends with a slash."""
    slash = "/" if path.is_dir() else ""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix() + slash
    except ValueError:
        return str(path) + slash
