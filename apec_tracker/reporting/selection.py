"""Finding activities: which validated records match a set of filters.

Filters of one kind are alternatives (``--economy JPN --economy ROK``: either);
filters of different kinds must all hold. Codes given as filters are checked
against the reference data, so a typo is an error with a hint, not an empty list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from apec_tracker.checks.validation import ValidationResult
from apec_tracker.domain.diagnostics import Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import RECORD_DIRS
from apec_tracker.domain.record import Activity, Status
from apec_tracker.domain.standing import active_in
from apec_tracker.errors import UsageError
from apec_tracker.reading.records import LoadedRecord


class BadFilter(UsageError):
    """A filter names a code the reference data does not know."""


@dataclass(frozen=True)
class Filters:
    # An economy matches when it reports, leads or co-sponsors the activity.
    economies: frozenset[str] = frozenset()
    # A forum matches when it reports the activity or is a partner forum.
    fora: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()
    statuses: frozenset[Status] = frozenset()
    # A year matches when the activity is active in it (apec_tracker.domain.standing),
    # as the review counts it.
    years: frozenset[int] = frozenset()

    def check(self, framework: Framework) -> None:
        """Raise BadFilter for the first code the reference data does not know."""
        for value in sorted(self.economies):
            if value not in framework.economies:
                raise BadFilter(f"{value!r} is not an economy code ({framework.economy_hint(value)})")
        for value in sorted(self.fora):
            if value not in framework.fora:
                raise BadFilter(f"{value!r} is not a forum code ({framework.forum_hint(value)})")
        for value in sorted(self.actions):
            if value not in framework.actions:
                raise BadFilter(f"{value!r} is not an action of the Initiative ({framework.action_hint(value)})")
        for value in sorted(self.goals):
            if value not in framework.goals_by_code:
                goals = ", ".join(framework.goals_by_code)
                raise BadFilter(f"{value!r} is not a goal of the Initiative (one of {goals})")
        for year in sorted(self.years):
            refused = framework.period.not_a_year(year, baseline=True)
            if refused is not None:
                raise BadFilter(refused)

    def matches(self, activity: Activity) -> bool:
        return all((
            _any(self.economies, [activity.reporter, *activity.lead_economies, *activity.co_sponsors]),
            _any(self.fora, [activity.reporter, *activity.partner_fora]),
            _any(self.actions, activity.action_codes()),
            _any(self.goals, [code.split(".", 1)[0] for code in activity.action_codes()]),
            _any(self.statuses, [activity.status]),
            not self.years or any(active_in(activity, year) for year in self.years),
        ))


def _any(wanted: Collection[object], present: Iterable[object]) -> bool:
    return not wanted or any(value in wanted for value in present)


@dataclass(frozen=True)
class Selection:
    """The records a query found, and the files left out because they have errors."""

    records: list[LoadedRecord]
    excluded: list[str] = field(default_factory=list)


def usable_records(result: ValidationResult) -> Selection:
    """The records without errors, sorted by id; files with an error are left
    out, since a list or an export must not show data validation refuses."""
    broken = sorted({d.path for d in result.diagnostics if d.severity is Severity.ERROR})
    refused = set(broken)
    records = sorted((r for r in result.records if r.file.path not in refused), key=lambda r: r.activity.id)
    excluded = [path for path in broken if path.startswith(tuple(f"{folder.as_posix()}/" for folder in RECORD_DIRS))]
    return Selection(records=records, excluded=excluded)


def select(records: Sequence[LoadedRecord], filters: Filters) -> list[LoadedRecord]:
    return [record for record in records if filters.matches(record.activity)]


class UnknownRecord(UsageError):
    """No valid record has the id asked for."""


def find_record(records: Sequence[LoadedRecord], record_id: str) -> LoadedRecord:
    for record in records:
        if record.activity.id == record_id:
            return record
    import difflib

    close = difflib.get_close_matches(record_id, [r.activity.id for r in records], n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UnknownRecord(f"no valid record has the id {record_id!r}{hint}")
