"""`tracker publish YEAR`: record that a year's review was published, as an annotated git tag."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import app, workspace


@app.command()
def publish(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The reporting year whose review is published.",
                                        show_default=False)],
    message: Annotated[
        Optional[str], typer.Option("--message", "-m", metavar="TEXT",
                                    help="The tag's message (default: a standard sentence).")
    ] = None,
) -> None:
    """Record the publication of YEAR's review as the annotated tag review-YEAR on HEAD.

    The records must be committed and valid. Later, `tracker validate` and `tracker diff` warn
    when an entry for a published year changes, and refuse the deletion of a record it held.
    """
    from apec_tracker.services import reviews as services

    publication = services.publish(workspace(), year, message)
    typer.echo(f"Published the {year} review as the tag {publication.tag} on commit {publication.commit[:12]}.")
    typer.echo(f"Share it with: git push origin {publication.tag}")
