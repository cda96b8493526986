"""`tracker publish YEAR`: record that a year's review was published, as an annotated git tag."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, app, fail, open_repository
from apec_tracker.cli.app import today as current_date


@app.command()
def publish(
    year: Annotated[int, typer.Argument(help="The reporting year whose review is published.", show_default=False)],
    message: Annotated[
        Optional[str], typer.Option("--message", "-m", help="The tag's message (default: a standard sentence).")
    ] = None,
) -> None:
    """Record the publication of YEAR's review as the annotated tag review-YEAR on HEAD.

    The records must be committed and valid. Later, `tracker validate` and `tracker diff` warn
    when an entry for a published year changes, and refuse the deletion of a record it held.
    """
    from apec_tracker.checks.validation import validate_repository
    from apec_tracker.git import HistoryError
    from apec_tracker.git import publish as publish_year
    from apec_tracker.checks.restatements import PublishedReviews

    repo, framework = open_repository()
    period = framework.period
    if not period.baseline <= year <= period.end:
        fail(f"{year} is outside the Initiative's reporting years {period.baseline}–{period.end}")
    if year > current_date().year:
        fail(f"the review of {year} cannot be published before {year} has begun")
    try:
        result = validate_repository(repo, framework, today=current_date(),
                                     extra_checks=[PublishedReviews(repo.root, framework)])
        if result.summary.errors:
            typer.echo(f"tracker: error: the records have {result.summary.errors} error(s); run `tracker validate` "
                       "and fix them before publishing", err=True)
            raise typer.Exit(EXIT_DATA)
        publication = publish_year(
            repo.root, year,
            message or f"APEC AI Initiative: progress review {year}, published with apec-tracker",
        )
    except HistoryError as error:
        fail(str(error))
    typer.echo(f"Published the {year} review as the tag {publication.tag} on commit {publication.commit[:12]}.")
    typer.echo(f"Share it with: git push origin {publication.tag}")
