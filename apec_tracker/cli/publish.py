"""`tracker publish YEAR`: record that a year's review was published, as an annotated git tag."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import app, workspace
from apec_tracker.cli.printing import echo


@app.command()
def publish(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The reporting year whose review is published.",
                                        show_default=False)],
    message: Annotated[
        Optional[str], typer.Option("--message", "-m", metavar="TEXT",
                                    help="The tag's message (default: a standard sentence).")
    ] = None,
    without_consultation: Annotated[
        bool, typer.Option("--without-consultation", help="Publish although data/reference/calendar.yaml records "
                           "no consultation with TELWG and other fora; the tag's message says so.")
    ] = False,
    from_branch: Annotated[
        bool, typer.Option("--from-branch", help="Publish from the branch checked out, though it is not the main "
                           "branch data/reference/calendar.yaml names; the tag's message says so.")
    ] = False,
) -> None:
    """Record the publication of YEAR's review as the annotated tag review-YEAR on HEAD.

    The records must be committed and valid, the consultation of the review with TELWG and other
    fora recorded in data/reference/calendar.yaml, and HEAD on the main branch it names. Later,
    `tracker validate` and `tracker diff` warn when an entry for a published year changes, and
    refuse the deletion of a record it held.
    """
    from apec_tracker.services import reviews as services

    publication = services.publish(workspace(), year, message, without_consultation=without_consultation,
                                   from_branch=from_branch)
    echo(f"Published the {year} review as the tag {publication.tag} on commit {publication.commit[:12]}.")
    echo(f"Share it with: git push origin {publication.tag}")
