"""The report's provenance: the records' commit from history.py, and the date
the report carries.

The date never comes from the clock, so a rebuilt report is byte-identical:
SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the date
of the records' commit.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from apec_tracker import __version__
from apec_tracker import git as history
from apec_tracker.errors import SetupError
from apec_tracker.reporting.review import Provenance


class BadSourceDate(SetupError):
    """SOURCE_DATE_EPOCH is set but is not a number of seconds."""


def report_provenance(source: history.Provenance, environ: dict[str, str] | None = None) -> Provenance:
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    when: date | None
    if epoch is not None:
        try:
            when = datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BadSourceDate(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
        origin = "SOURCE_DATE_EPOCH"
    elif source.committed_at is not None:
        when, origin = source.committed_at.date(), "commit"
    else:
        when, origin = None, "none"
    return Provenance(commit=source.commit, dirty=source.dirty, date=when, date_source=origin,
                      tool_version=__version__)
