"""`tracker nil-return YEAR`: an economy or forum says it has nothing to report
for the year, so that its silence is not taken for a missing report."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import app, fail, workspace
from apec_tracker.cli.completion import complete_economy, complete_forum
from apec_tracker.cli.printing import echo


@app.command("nil-return")
def nil_return(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The reporting year with nothing to report.",
                                        show_default=False)],
    economy: Annotated[Optional[str], typer.Option(metavar="CODE", autocompletion=complete_economy,
                                                   help="The economy (code), e.g. PNG.")] = None,
    forum: Annotated[Optional[str], typer.Option(metavar="CODE", autocompletion=complete_forum,
                                                 help="The forum (code), e.g. PPFS.")] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="A sentence for the review: why there is "
                                                "nothing to report this year.")] = None,
    day: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="The day of the return, YYYY-MM-DD "
                                               "(default: today).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the nil return and its path; write nothing.")
                       ] = False,
    commit: Annotated[bool, typer.Option("--commit", help="Commit the new file (and only it) with git.")] = False,
    # Never asks anything; --yes is taken, as add-activity and progress take it,
    # so a script can give every command the same flag.
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Never prompt (nil-return never does).")] = False,
) -> None:
    """File a nil return: the economy or forum has nothing to report for YEAR. Validated before it
    is written, never written over one already filed; prints the path written."""
    from apec_tracker.services import authoring as services

    ws = workspace()
    if bool(economy) == bool(forum):
        fail("give --economy CODE or --forum CODE: who has nothing to report")
    if not note or not note.strip():
        fail("--note is needed: a sentence for the review on why there is nothing to report this year")
    try:
        reporter = (services.answers.economy(economy, ws.framework) if economy
                    else services.answers.forum(forum or "", ws.framework))
    except services.answers.AnswerError as error:
        fail(f"{'--economy' if economy else '--forum'}: {error}")
    try:
        when = services.answers.calendar_date(day, ws.framework) if day else None
    except services.answers.AnswerError as error:
        fail(f"--date: {error}")
    planned = services.file_nil_return(ws, year, reporter, note.strip(), day=when, dry_run=dry_run)
    for line in services.describe_diagnostics(planned.verdict.warnings):
        echo(f"warning: {line}", err=True)
    if dry_run:
        echo(planned.text, nl=False)
        echo(f"dry run: would write {planned.relative}; nothing written", err=True)
        return
    echo(planned.relative)
    if commit:
        sha = services.commit_file(ws, planned.path, f"Nil return of {reporter} for {year}\n\n"
                                   f"{ws.framework.reporter_name(reporter)} has nothing to report for {year}.")
        echo(f"Committed as {sha[:12]}.", err=True)
    else:
        echo(f"Not committed: review it, then `git add {planned.relative}` and commit (or use --commit).",
                   err=True)
