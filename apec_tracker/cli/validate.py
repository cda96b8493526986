"""`tracker validate`: every record and every rule, for CI on each pull request."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, workspace


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="[PATH]...", help="Record files or folders to report on (default: the whole "
                       "repository).", show_default=False),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text for people, json for tools, github for "
                                   "GitHub Actions annotations (and, where GitHub sets $GITHUB_STEP_SUMMARY, "
                                   "a summary on the run's page).")
    ] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    as_of: Annotated[
        Optional[str],
        typer.Option("--as-of", metavar="REV", help="Check the records as they were at this commit, tag or "
                     "branch (read from git; the working tree is not touched)."),
    ] = None,
    changed_since: Annotated[
        Optional[str],
        typer.Option("--changed-since", metavar="REF", help="Report on the record files changed since REF "
                     "(for pull requests: origin/main), plus every rule across records."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file afresh, without reading or writing the store "
                           "of checked files (kept in $TRACKER_CACHE_DIR or ~/.cache/apec-tracker).")
    ] = False,
) -> None:
    """Check every record and every rule across records; exit 1 if the data has problems.

    In a git repository, records are also checked against the reviews published with
    `tracker publish`: a changed entry of a published year is a warning, a deleted record an error.
    """
    from apec_tracker.cli.output import FORMATTERS
    from apec_tracker.cli.progress_bar import ProgressBar
    from apec_tracker.services import validation as services

    with ProgressBar() as bar:
        result = services.validate(workspace(), paths=paths or (), as_of=as_of, changed_since=changed_since,
                                   use_cache=not no_cache, progress=bar)
    color = output_format is OutputFormat.TEXT and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    formatter = FORMATTERS[output_format.value](color=color, strict=strict)
    summary = result.summary
    formatter.write(result.diagnostics, summary, sys.stdout)
    step_summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format is OutputFormat.GITHUB and step_summary_file:
        # On GitHub Actions, the same run also fills the run's summary page.
        from apec_tracker.cli.output import step_summary

        checked = (f"The record files changed since {changed_since}" if changed_since
                   else "The record files named" if paths else "Every record file")
        scope = f"{checked}, and every rule across records."
        page = step_summary(result.diagnostics, summary, scope, strict=strict)
        services.add_to_step_summary(Path(step_summary_file), page)
    raise typer.Exit(EXIT_DATA if summary.failed(strict=strict) else EXIT_OK)
