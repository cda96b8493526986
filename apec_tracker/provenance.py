"""Where the records came from, for the report's provenance: the commit, whether
the working tree differed from it, and the date the report carries.

A stopgap until history.py (the one module that talks to git) offers it. The
date never comes from the clock, so a rebuilt report is byte-identical:
SOURCE_DATE_EPOCH if set, else the commit's date.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from apec_tracker import __version__
from apec_tracker.report import Provenance


class BadSourceDate(Exception):
    """SOURCE_DATE_EPOCH is set but is not a number of seconds."""


def provenance(repo_root: Path) -> Provenance:
    commit, committed = _head(repo_root)
    dirty = commit is not None and _dirty(repo_root)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            when: date | None = datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BadSourceDate(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
        source = "SOURCE_DATE_EPOCH"
    else:
        when, source = committed, "commit" if committed else "none"
    return Provenance(commit=commit, dirty=dirty, date=when, date_source=source, tool_version=__version__)


def _git(repo_root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(repo_root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _head(repo_root: Path) -> tuple[str | None, date | None]:
    out = _git(repo_root, "log", "-1", "--format=%H %ct")
    if not out or not out.strip():
        return None, None
    commit, seconds = out.split()
    return commit, datetime.fromtimestamp(int(seconds), tz=UTC).date()


def _dirty(repo_root: Path) -> bool:
    # Only the files a report reads: records, reference data and templates.
    out = _git(repo_root, "status", "--porcelain", "--", "data", "templates")
    return bool(out and out.strip())
