"""What the reading commands (list, show, export) share: a note on stderr about
the record files left out because they have errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apec_tracker.cli.printing import echo
from apec_tracker.services.printing import printable

if TYPE_CHECKING:
    from apec_tracker.services.records import Selection


def note_excluded(selection: Selection) -> None:
    if selection.excluded:
        count = len(selection.excluded)
        echo(f"tracker: note: {count} record file{'s' if count != 1 else ''} with errors left out "
                   f"(run `tracker validate` to see why): {', '.join(map(printable, selection.excluded))}", err=True)
