"""The workspace a command runs in, and where its records are read from."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from apec_tracker.checks.registry import facts_fields
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import REFERENCE_DIR, Repository, find_repository
from apec_tracker.domain.record import NotADate, calendar_date
from apec_tracker.errors import SetupError, TrackerError
from apec_tracker.reading.records import FactStore, open_fact_store
from apec_tracker.reading.reference import framework_from_files, load_framework
from apec_tracker.reading.sources import RecordSource, Revision, WorkingTree

__all__ = ["Framework", "Workspace", "completion_framework", "completion_record_ids", "open_workspace"]


@dataclass(frozen=True)
class Workspace:
    """A tracker repository and its reference data, as of the day the command runs."""

    repo: Repository
    framework: Framework
    today: date


def open_workspace(start: Path | None = None) -> Workspace:
    """The repository holding ``start`` (default: the current folder), with its
    reference data checked; SetupError if there is none or it is broken."""
    repo = find_repository(start or Path.cwd())
    return Workspace(repo, load_framework(repo.reference_dir), current_date())


def current_date() -> date:
    """The date checks measure "in the future" against: the real date, or
    TRACKER_TODAY (YYYY-MM-DD) so that CI, tests and benchmarks answer the same
    whatever day they run on."""
    fixed = os.environ.get("TRACKER_TODAY")
    if not fixed:
        return date.today()
    try:
        return calendar_date(fixed)
    except NotADate as problem:
        raise SetupError(f"TRACKER_TODAY={fixed!r}: {problem.message}") from None


def fact_store(ws: Workspace, framework: Framework, use_cache: bool = True) -> FactStore:
    """The store of the facts rules across records read (see apec_tracker._speed)."""
    return open_fact_store(ws.repo.root, framework, facts_fields(), use=use_cache)


@contextmanager
def records_at(ws: Workspace, as_of: str | None) -> Iterator[tuple[RecordSource, Framework]]:
    """The records' source, and the reference data they are checked against:
    the working tree's, or as they both were at ``as_of``."""
    if as_of is None:
        yield WorkingTree(ws.repo), ws.framework
        return
    with Revision(ws.repo.root, as_of) as revision:
        yield revision, framework_from_files(revision.file, f"{as_of}:{REFERENCE_DIR.as_posix()}")


def completion_framework(start: Path | None) -> Framework | None:
    """The reference data of the repository holding ``start``, or None."""
    with suppress(TrackerError, OSError):
        return load_framework(find_repository(start or Path.cwd()).reference_dir)
    return None


def completion_record_ids(start: Path | None) -> list[tuple[str, str]]:
    """Record ids from the file names alone: quick, and no record is parsed."""
    try:
        repo = find_repository(start or Path.cwd())
    except (TrackerError, OSError):
        return []
    return repo.record_ids()
