"""The reporting cycle of a year: who has reported, who said there was nothing
to report, who has not answered, how the year's review stands, as data.

Pure: the records, the nil returns, the reference data's calendar and owners,
the day counted to and what git says of each reporter's last change go in; a
:class:`CycleStatus` comes out, which `tracker status` lays out in each format
(apec_tracker.reporting.cycle_layout) and the review summarises in its
"Reporting" section. A reporter *reported* for a year, and an activity is
*stalled* in it, by the one definition of apec_tracker.domain.standing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from apec_tracker.domain.framework import REVIEW_STATES, Framework, ReviewState, YearCalendar
from apec_tracker.domain.layout import ECONOMIES_DIR, FORA_DIR, nil_return_path
from apec_tracker.domain.nil_return import NilReturn
from apec_tracker.domain.ownership import reporter_owners
from apec_tracker.domain.record import Activity
from apec_tracker.domain.standing import history
from apec_tracker.reporting.indicators import ActionTrack, on_track

JSON_VERSION = 1


class ReporterState(StrEnum):
    REPORTED = "reported"  # a progress entry for the year in one of its records
    NIL_RETURN = "nil-return"  # nothing to report, said so
    MISSING = "missing"  # neither


class ReporterKind(StrEnum):
    ECONOMY = "economy"
    FORUM = "forum"


@dataclass(frozen=True, slots=True)
class FiledReturn:
    """A valid nil return and the file it was read from."""

    path: str
    nil_return: NilReturn


@dataclass(frozen=True, slots=True)
class LastChange:
    """The latest commit that changed a reporter's folder or its nil return."""

    commit: str
    short: str
    date: date  # the day it was committed, in the committer's time zone


@dataclass(frozen=True, slots=True)
class ReporterStatus:
    code: str
    name: str
    kind: ReporterKind
    state: ReporterState
    reported: tuple[str, ...]  # ids of its activities with a progress entry for the year
    stalled: tuple[str, ...]  # ids of its activities stalled in the year (docs/standing.md)
    nil_return: FiledReturn | None
    last_change: LastChange | None
    files_with_errors: tuple[str, ...]  # its files left out because validation refuses them
    days_left: int | None  # missing, and the due date has not passed: days until it
    days_overdue: int | None  # missing, and the due date has passed: days since it
    owners: tuple[str, ...]  # its own owners in the reference data (apec_tracker.domain.ownership)

    @property
    def answered(self) -> bool:
        return self.state is not ReporterState.MISSING


@dataclass(frozen=True, slots=True)
class ReviewStepStatus:
    state: ReviewState
    label: str
    date: date | None  # None: not recorded (yet)
    document: str | None

    @property
    def recorded(self) -> bool:
        return self.date is not None


@dataclass(frozen=True, slots=True)
class ReviewPath:
    """The steps of the year's review, every one in order, recorded or not."""

    steps: tuple[ReviewStepStatus, ...]

    @property
    def current(self) -> ReviewStepStatus | None:
        """The latest step recorded; None before the review is even drafted."""
        recorded = [step for step in self.steps if step.recorded]
        return recorded[-1] if recorded else None

    def recorded(self, state: ReviewState) -> bool:
        return any(step.state is state and step.recorded for step in self.steps)

    @property
    def summary(self) -> str:
        """The state in a line: "draft, 2026-08-01 (2026/SOM3/DESG/010)"."""
        current = self.current
        if current is None:
            return "no step recorded yet"
        return f"{current.label}, {current.date} ({current.document})"


@dataclass(frozen=True, slots=True)
class CycleStatus:
    year: int
    on: date  # the day days are counted to: today, or the day of the --as-of commit
    source: str  # "the working tree", "commit 1a2b3c4d5e6f (review-2026)"
    commit: str | None
    contributions_due: date | None
    joint_review: date | None
    csom: date | None
    economies: tuple[ReporterStatus, ...]
    fora: tuple[ReporterStatus, ...]
    review: ReviewPath
    main_branch: str
    secretariat: tuple[str, ...]  # the Secretariat's owners: who follows up on reporters without owners
    # Each action's track by its standard indicators, as `tracker indicators` and the review give it.
    actions: tuple[ActionTrack, ...] = ()

    @property
    def reporters(self) -> tuple[ReporterStatus, ...]:
        return self.economies + self.fora

    @property
    def days_to_due(self) -> int | None:
        """Days from ``on`` to the due date: negative once it has passed."""
        return None if self.contributions_due is None else (self.contributions_due - self.on).days

    def count(self, state: ReporterState) -> int:
        return sum(1 for reporter in self.reporters if reporter.state is state)

    @property
    def missing(self) -> tuple[ReporterStatus, ...]:
        return tuple(reporter for reporter in self.reporters if reporter.state is ReporterState.MISSING)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `tracker status --format json` (docs/reporting-cycle.md)."""
        return {
            "version": JSON_VERSION,
            "year": self.year,
            "as_of": {"date": self.on.isoformat(), "source": self.source, "commit": self.commit},
            "calendar": {
                "contributions_due": _iso(self.contributions_due),
                "days_to_due": self.days_to_due,
                "joint_review": _iso(self.joint_review),
                "csom": _iso(self.csom),
            },
            "summary": {
                "reporters": len(self.reporters),
                "reported": self.count(ReporterState.REPORTED),
                "nil_returns": self.count(ReporterState.NIL_RETURN),
                "missing": self.count(ReporterState.MISSING),
            },
            "reporters": [_reporter_json(reporter) for reporter in self.reporters],
            "review": {
                "state": self.review.current.state.value if self.review.current else None,
                "steps": [{"state": step.state.value, "label": step.label, "recorded": step.recorded,
                           "date": _iso(step.date), "document": step.document} for step in self.review.steps],
            },
            # In the words of `tracker indicators --format json` (its "on_track").
            "actions": [{"action": track.code, "title": track.title, "status": track.status.value,
                         "mean": track.mean, "measures": len(track.measures), "activities": len(track.activities),
                         "ids": list(track.activities)} for track in self.actions],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _reporter_json(reporter: ReporterStatus) -> dict[str, Any]:
    nil_return = reporter.nil_return
    change = reporter.last_change
    return {
        "code": reporter.code,
        "name": reporter.name,
        "kind": reporter.kind.value,
        "state": reporter.state.value,
        "activities_reported": len(reporter.reported),
        "reported_ids": list(reporter.reported),
        "stalled": len(reporter.stalled),
        "stalled_ids": list(reporter.stalled),
        "nil_return": None if nil_return is None else {
            "path": nil_return.path, "date": nil_return.nil_return.date.isoformat(),
            "note": nil_return.nil_return.note},
        "last_change": None if change is None else {"commit": change.commit, "date": change.date.isoformat()},
        "files_with_errors": list(reporter.files_with_errors),
        "days_left": reporter.days_left,
        "days_overdue": reporter.days_overdue,
        "owners": list(reporter.owners),
    }


# -- building ----------------------------------------------------------------------


def reporter_folder(framework: Framework, code: str) -> str:
    top = ECONOMIES_DIR if code in framework.economies else FORA_DIR
    return f"{top.as_posix()}/{code}"


def watched_paths(framework: Framework, year: int) -> dict[str, tuple[str, ...]]:
    """For each reporter, the paths whose last change is its last change: its
    folder of records and its nil return for the year."""
    return {code: (reporter_folder(framework, code), nil_return_path(year, code))
            for code in (*framework.economies, *framework.fora)}


def cycle_status(
    framework: Framework,
    year: int,
    activities: Sequence[Activity],
    returns: Sequence[FiledReturn],
    *,
    on: date,
    changes: Mapping[str, LastChange] | None = None,
    excluded: Sequence[str] = (),
    source: str = "the working tree",
    commit: str | None = None,
) -> CycleStatus:
    """Where the reporting of ``year`` stands on the day ``on``.

    ``activities`` and ``returns`` are the valid ones; ``excluded`` the files
    validation refused (each is shown against its reporter, whose state it may
    hide). ``changes`` gives the last commit of each path
    :func:`watched_paths` names.
    """
    changes = changes or {}
    calendar: YearCalendar = framework.calendar.year(year)
    years = range(year - 1, year + 1)
    reported: dict[str, list[str]] = {}
    stalled: dict[str, list[str]] = {}
    active: list[Activity] = []
    for activity in activities:
        item = history(activity, years)
        if item.active(year):
            active.append(activity)
        found = item.at(year)
        if found is not None and found.reported:
            reported.setdefault(activity.reporter, []).append(activity.id)
        if item.stalled(year):
            stalled.setdefault(activity.reporter, []).append(activity.id)
    nil_returns = {filed.nil_return.reporter: filed for filed in returns if filed.nil_return.year == year}
    paths = watched_paths(framework, year)
    days_to_due = None if calendar.contributions_due is None else (calendar.contributions_due - on).days

    def status(code: str, name: str, kind: ReporterKind) -> ReporterStatus:
        ids = tuple(sorted(reported.get(code, ())))
        nil_return = nil_returns.get(code)
        state = (ReporterState.REPORTED if ids else ReporterState.NIL_RETURN if nil_return is not None
                 else ReporterState.MISSING)
        last = [changes[path] for path in paths[code] if path in changes]
        missing = state is ReporterState.MISSING and days_to_due is not None
        return ReporterStatus(
            code=code, name=name, kind=kind, state=state, reported=ids,
            stalled=tuple(sorted(stalled.get(code, ()))), nil_return=nil_return,
            last_change=max(last, key=lambda change: change.date, default=None),
            files_with_errors=tuple(path for path in excluded if _belongs(path, paths[code])),
            days_left=days_to_due if missing and days_to_due is not None and days_to_due >= 0 else None,
            days_overdue=-days_to_due if missing and days_to_due is not None and days_to_due < 0 else None,
            owners=reporter_owners(framework, code),
        )

    return CycleStatus(
        year=year, on=on, source=source, commit=commit,
        contributions_due=calendar.contributions_due, joint_review=calendar.joint_review, csom=calendar.csom,
        economies=tuple(status(e.code, e.name, ReporterKind.ECONOMY) for e in framework.economies.values()),
        fora=tuple(status(f.code, f.name, ReporterKind.FORUM) for f in framework.fora.values()),
        review=review_path(calendar, on),
        main_branch=framework.calendar.main_branch,
        secretariat=tuple(framework.secretariat.owners),
        actions=on_track(active, framework, year),
    )


def review_path(calendar: YearCalendar, on: date) -> ReviewPath:
    steps = []
    for state in REVIEW_STATES:
        step = calendar.step(state, on=on)
        steps.append(ReviewStepStatus(state, state.label, step.date if step else None,
                                      step.document if step else None))
    return ReviewPath(tuple(steps))


def _belongs(path: str, watched: Sequence[str]) -> bool:
    return any(path == place or path.startswith(place + "/") for place in watched)


# -- the review's "Reporting" section ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportingLine:
    code: str
    name: str
    detail: str  # "2 activities", or the nil return's note

    @property
    def label(self) -> str:
        """"Korea (ROK, 2 activities)", "Papua New Guinea (PNG): its note", "Japan (JPN)"."""
        if not self.detail:
            return f"{self.name} ({self.code})"
        if self.detail[0].isdigit():
            return f"{self.name} ({self.code}, {self.detail})"
        return f"{self.name} ({self.code}): {self.detail}"


@dataclass(frozen=True, slots=True)
class ReportingSection:
    """Who reported for the review's year, who filed a nil return, who did not,
    as of the records the review is built from; and where the review stands."""

    year: int
    reporters: int
    reported: tuple[ReportingLine, ...]
    nil_returns: tuple[ReportingLine, ...]
    missing: tuple[ReportingLine, ...]
    review_state: str  # ReviewPath.summary


def reporting_section(status: CycleStatus, only: str | None = None) -> ReportingSection:
    """The review's section, for every reporter or, in a review of one economy
    or forum, for ``only``."""
    chosen = [reporter for reporter in status.reporters if only is None or reporter.code == only]

    def lines(state: ReporterState) -> tuple[ReportingLine, ...]:
        found = []
        for reporter in chosen:
            if reporter.state is not state:
                continue
            if state is ReporterState.REPORTED:
                count = len(reporter.reported)
                detail = f"{count} activit{'y' if count == 1 else 'ies'}"
            elif reporter.nil_return is not None:
                detail = reporter.nil_return.nil_return.note
            else:
                detail = ""
            found.append(ReportingLine(reporter.code, reporter.name, detail))
        return tuple(found)

    return ReportingSection(year=status.year, reporters=len(chosen), reported=lines(ReporterState.REPORTED),
                            nil_returns=lines(ReporterState.NIL_RETURN), missing=lines(ReporterState.MISSING),
                            review_state=status.review.summary)
