"""The reporting cycle: `tracker status`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apec_tracker import git
from apec_tracker.checks.validation import ValidationResult, validate_repository
from apec_tracker.domain.diagnostics import Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import ECONOMIES_DIR, FORA_DIR, RETURNS_DIR
from apec_tracker.errors import UsageError
from apec_tracker.reading.sources import Revision
from apec_tracker.reporting.cycle import (
    CycleStatus,
    FiledReturn,
    LastChange,
    ReporterKind,
    ReporterState,
    ReporterStatus,
    cycle_status,
    watched_paths,
)
from apec_tracker.reporting.cycle_layout import (
    TRACK_COLUMNS,
    TRACKS_NOTE,
    Group,
    Row,
    due_sentence,
    heading,
    meetings_sentence,
    review_heading,
    rows,
    totals_sentence,
    track_row,
    tracks_heading,
)
from apec_tracker.reporting.cycle_layout import render_github as render_status_github
from apec_tracker.reporting.cycle_layout import render_markdown as render_status_markdown
from apec_tracker.reporting.cycle_layout import render_text as render_status_text
from apec_tracker.reporting.indicators import TrackStatus
from apec_tracker.services.context import Workspace, fact_store, records_at

__all__ = ["TRACKS_NOTE", "TRACK_COLUMNS", "CycleStatus", "Group", "ReporterKind", "ReporterState", "ReporterStatus",
           "Row", "StatusResult", "TrackStatus", "due_sentence", "heading", "meetings_sentence",
           "render_status_github", "render_status_markdown", "render_status_text", "review_heading", "rows",
           "totals_sentence", "track_row", "tracks_heading"]

_DATA_TOPS = tuple(f"{top.as_posix()}/" for top in (ECONOMIES_DIR, FORA_DIR, RETURNS_DIR))


@dataclass(frozen=True)
class StatusResult:
    status: CycleStatus
    excluded: tuple[str, ...]  # files left out because validation finds errors in them


def reporting_status(ws: Workspace, year: int, *, as_of: str | None = None) -> StatusResult:
    """Who has reported for ``year``, who filed a nil return, who is missing,
    and how the year's review stands (`tracker status`). With ``as_of``, as
    everything stood at that commit: its records, its calendar, its history,
    with days counted to the day it was committed."""
    period = ws.framework.period
    refused = period.not_a_year(year)
    if refused is not None:
        raise UsageError(refused)
    with records_at(ws, as_of) as (source, framework):
        store = fact_store(ws, framework)
        result = validate_repository(ws.repo, framework, source, today=ws.today, store=store)
        store.save()
        revision = source if isinstance(source, Revision) else None
        on = ws.today
        commit = git.provenance(ws.repo.root).commit
        if revision is not None:
            origin = revision.provenance
            commit = origin.commit
            on = origin.committed_at.date() if origin.committed_at else ws.today
        status = status_of(framework, year, result, on=on, source=source.label, commit=commit,
                           changes=_changes(ws, framework, year, revision.commit if revision else None))
    return StatusResult(status, _refused(result))


def status_of(framework: Framework, year: int, result: ValidationResult, *, on: date,
              source: str, commit: str | None, changes: dict[str, LastChange] | None = None) -> CycleStatus:
    """The cycle as the valid records and nil returns of ``result`` tell it."""
    refused = set(_refused(result))
    activities = [record.activity for record in result.records if record.file.path not in refused]
    returns = [FiledReturn(item.file.path, item.nil_return) for item in result.returns
               if item.file.path not in refused]
    return cycle_status(framework, year, activities, returns, on=on, changes=changes, excluded=sorted(refused),
                        source=source, commit=commit)


def _refused(result: ValidationResult) -> tuple[str, ...]:
    return tuple(sorted({d.path for d in result.diagnostics
                         if d.severity is Severity.ERROR and d.path.startswith(_DATA_TOPS)}))


def _changes(ws: Workspace, framework: Framework, year: int, revision: str | None) -> dict[str, LastChange]:
    paths = [path for watched in watched_paths(framework, year).values() for path in watched]
    return {path: LastChange(change.commit, change.short, change.committed_at.date())
            for path, change in git.last_changes(ws.repo.root, paths, revision=revision).items()}
