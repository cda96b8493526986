"""What the reading commands (list, show, export) share: the repository's
records that pass validation, with a note on stderr about the ones left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from apec_tracker.cli.app import open_repository
from apec_tracker.cli.app import today as current_date

if TYPE_CHECKING:
    from apec_tracker.domain.framework import Framework
    from apec_tracker.reporting.selection import Selection


def usable_records() -> tuple[Framework, Selection]:
    from apec_tracker.checks.validation import validate_repository
    from apec_tracker.reporting.selection import usable_records as select_usable

    repo, framework = open_repository()
    selection = select_usable(validate_repository(repo, framework, today=current_date()))
    if selection.excluded:
        count = len(selection.excluded)
        typer.echo(f"tracker: note: {count} record file{'s' if count != 1 else ''} with errors left out "
                   f"(run `tracker validate` to see why): {', '.join(selection.excluded)}", err=True)
    return framework, selection
