"""What changed between two reporting years, as typed values.

A pure function from records to a :class:`YearDiff`: nothing here reads files
or talks to git. The caller chooses the two sets of records: ``before`` holds
the records as they stood for the earlier year (what was published for it, when
a publication tag exists) and ``after`` the records now; both may be the same.

How an activity stands in a year (:func:`standing`):

* its progress entry for that year, if there is one (``reported``);
* otherwise its latest earlier entry, carried forward (not ``reported``);
* otherwise, if it has started by that year (actual or planned start), what its
  dates and status say: its final status once it has ended (completed or
  cancelled, by actual_end, else planned_end), ``planned`` until it actually
  started (a record past ``planned`` without actual_start counts as started),
  ``ongoing`` in between;
* otherwise it did not exist yet in that year.

Laws the tests hold this module to: the diff of a year with itself (same
records) is empty; swapping the years (and the record sets) swaps ``new`` and
``gone``, ``newly_covered`` and ``no_longer_covered``, the reporters of one year
and the other, and reverses every status change and indicator movement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from apec_tracker.domain.record import Activity, Indicator, Progress, Role, Status


@dataclass(frozen=True, order=True, slots=True)
class ActivityRef:
    """Enough of an activity to name it in a report."""

    id: str
    title: str = field(compare=False)
    reporter: str = field(compare=False)


@dataclass(frozen=True, slots=True)
class Standing:
    """An activity's situation in one reporting year."""

    status: Status
    reported: bool  # a progress entry for exactly that year exists


@dataclass(frozen=True, order=True, slots=True)
class StatusChange:
    activity: ActivityRef
    before: Status
    after: Status

    @property
    def is_regression(self) -> bool:
        """A completed activity that is no longer completed: reopened."""
        return self.before is Status.COMPLETED and self.after is not Status.COMPLETED


@dataclass(frozen=True, order=True, slots=True)
class RoleChange:
    code: str
    before: Role
    after: Role


@dataclass(frozen=True, order=True, slots=True)
class ActionChange:
    """Which Initiative actions an activity serves, before and after."""

    activity: ActivityRef
    added: tuple[tuple[str, Role], ...]
    removed: tuple[tuple[str, Role], ...]
    role_changed: tuple[RoleChange, ...]


class Movement(StrEnum):
    TOWARD = "toward"  # closer to the target
    AWAY = "away"  # further from the target
    NEW = "new"  # no value the earlier year
    CHANGED = "changed"  # moved, but there is no target to measure against


@dataclass(frozen=True, order=True, slots=True)
class IndicatorMovement:
    activity: ActivityRef
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    before: float | None
    after: float

    @property
    def movement(self) -> Movement:
        if self.before is None:
            return Movement.NEW
        if self.target is None:
            return Movement.CHANGED
        return Movement.TOWARD if abs(self.target - self.after) < abs(self.target - self.before) else Movement.AWAY

    @property
    def reached(self) -> bool:
        """The target is met: at or past it, in the direction from the baseline."""
        if self.target is None:
            return False
        if self.baseline is not None and self.target < self.baseline:
            return self.after <= self.target
        return self.after >= self.target


@dataclass(frozen=True, slots=True)
class YearDiff:
    """Everything that changed from ``from_year`` to ``to_year``, each list sorted."""

    from_year: int
    to_year: int
    new: tuple[ActivityRef, ...]  # exists in to_year, did not in from_year
    gone: tuple[ActivityRef, ...]  # existed in from_year, not in to_year (record deleted, or years reversed)
    status_changes: tuple[StatusChange, ...]  # every activity whose status differs
    stalled: tuple[ActivityRef, ...]  # open, no progress entry for to_year, already there in from_year
    action_changes: tuple[ActionChange, ...]
    indicators: tuple[IndicatorMovement, ...]  # indicators whose value moved or first appeared
    newly_covered: tuple[str, ...]  # actions with a principal activity in to_year, none in from_year
    no_longer_covered: tuple[str, ...]
    reporters_only_before: tuple[str, ...]  # economies and fora that reported in from_year only
    reporters_only_after: tuple[str, ...]  # ... in to_year only

    def _to(self, status: Status) -> tuple[StatusChange, ...]:
        return tuple(change for change in self.status_changes if change.after is status)

    @property
    def completed(self) -> tuple[StatusChange, ...]:
        return self._to(Status.COMPLETED)

    @property
    def cancelled(self) -> tuple[StatusChange, ...]:
        return self._to(Status.CANCELLED)

    @property
    def suspended(self) -> tuple[StatusChange, ...]:
        return self._to(Status.SUSPENDED)

    @property
    def regressions(self) -> tuple[StatusChange, ...]:
        return tuple(change for change in self.status_changes if change.is_regression)

    @property
    def is_empty(self) -> bool:
        return not any((self.new, self.gone, self.status_changes, self.stalled, self.action_changes,
                        self.indicators, self.newly_covered, self.no_longer_covered,
                        self.reporters_only_before, self.reporters_only_after))

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape (documented in docs/history.md)."""
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "new": [_ref(ref) for ref in self.new],
            "gone": [_ref(ref) for ref in self.gone],
            "completed": [_change(change) for change in self.completed],
            "cancelled": [_change(change) for change in self.cancelled],
            "suspended": [_change(change) for change in self.suspended],
            "regressions": [_change(change) for change in self.regressions],
            "status_changes": [_change(change) for change in self.status_changes],
            "stalled": [_ref(ref) for ref in self.stalled],
            "action_changes": [
                {
                    "activity": _ref(change.activity),
                    "added": [{"code": code, "role": role.value} for code, role in change.added],
                    "removed": [{"code": code, "role": role.value} for code, role in change.removed],
                    "role_changed": [{"code": item.code, "before": item.before.value, "after": item.after.value}
                                     for item in change.role_changed],
                }
                for change in self.action_changes
            ],
            "indicators": [
                {
                    "activity": _ref(item.activity),
                    "name": item.name,
                    "unit": item.unit,
                    "baseline": item.baseline,
                    "target": item.target,
                    "before": item.before,
                    "after": item.after,
                    "movement": item.movement.value,
                    "reached": item.reached,
                }
                for item in self.indicators
            ],
            "newly_covered": list(self.newly_covered),
            "no_longer_covered": list(self.no_longer_covered),
            "reporters_only_before": list(self.reporters_only_before),
            "reporters_only_after": list(self.reporters_only_after),
        }


def _ref(ref: ActivityRef) -> dict[str, str]:
    return {"id": ref.id, "title": ref.title, "reporter": ref.reporter}


def _change(change: StatusChange) -> dict[str, Any]:
    return {"activity": _ref(change.activity), "before": change.before.value, "after": change.after.value}


# -- the rules -------------------------------------------------------------


def standing(activity: Activity, year: int, entries: Mapping[int, Progress] | None = None) -> Standing | None:
    """How the activity stands in ``year``, or None if it did not exist yet.
    ``entries`` are the activity's progress entries by year, if the caller has them."""
    entry = entries.get(year) if entries is not None else activity.progress_for(year)
    if entry is not None:
        return Standing(entry.status, reported=True)
    earlier = [entry for entry in activity.progress if entry.year < year]
    if earlier:
        return Standing(max(earlier, key=lambda entry: entry.year).status, reported=False)
    start = activity.start
    if start is None or start.year > year:
        return None
    # Nothing reported yet: the record's dates and status tell. An ended
    # record without actual_end is taken to have ended when planned.
    end = activity.actual_end or (activity.planned_end if activity.status.has_ended else None)
    if activity.status.has_ended and end is not None and end.year <= year:
        return Standing(activity.status, reported=False)
    started = (activity.actual_start is not None and activity.actual_start.year <= year) or (
        activity.actual_start is None and activity.status is not Status.PLANNED)
    return Standing(Status.ONGOING if started else Status.PLANNED, reported=False)


@dataclass
class _Side:
    """One side of a diff, read in one pass over its activities: each one's
    standing and progress entry in the year (by id), the actions covered and
    who reported. A pass keeps no more than it returns: a diff of 50,000
    records stays small beside the records themselves."""

    standings: dict[str, Standing | None] = field(default_factory=dict)
    entries: dict[str, Progress] = field(default_factory=dict)
    covered: set[str] = field(default_factory=set)
    reporters: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, activities: Iterable[Activity], year: int) -> _Side:
        side = cls()
        for activity in activities:
            by_year = {entry.year: entry for entry in activity.progress}
            now = standing(activity, year, by_year)
            side.standings[activity.id] = now  # as the diff's {id: activity}: the last of a repeated id
            entry = by_year.get(year)
            if entry is not None:
                side.entries[activity.id] = entry
                side.reporters.add(activity.reporter)
            if now is not None and now.status is not Status.CANCELLED:
                side.covered.update(activity.action_codes(Role.PRINCIPAL))
        return side


def diff_years(before: Sequence[Activity], after: Sequence[Activity], from_year: int, to_year: int) -> YearDiff:
    """What changed from ``from_year`` (as ``before`` tells it) to ``to_year`` (as ``after`` does)."""
    old = {activity.id: activity for activity in before}
    new = {activity.id: activity for activity in after}
    then, now = _Side.read(before, from_year), _Side.read(after, to_year)
    existed = {key for key, value in then.standings.items() if value is not None}
    exists = {key for key, value in now.standings.items() if value is not None}

    status_changes: list[StatusChange] = []
    stalled: list[ActivityRef] = []
    action_changes: list[ActionChange] = []
    indicators: list[IndicatorMovement] = []
    for key in sorted(existed & exists):
        ref = _ref_of(new[key])
        before_standing, after_standing = then.standings[key], now.standings[key]
        assert before_standing is not None and after_standing is not None
        if before_standing.status is not after_standing.status:
            status_changes.append(StatusChange(ref, before_standing.status, after_standing.status))
        if from_year < to_year and after_standing.status.is_open and not after_standing.reported:
            stalled.append(ref)
        # The same record on both sides (a report's own prior year) has no action to compare.
        actions = _action_change(ref, old[key], new[key]) if old[key] is not new[key] else None
        if actions is not None:
            action_changes.append(actions)
        indicators.extend(_indicator_movements(ref, then.entries.get(key), now.entries.get(key)))

    return YearDiff(
        from_year=from_year,
        to_year=to_year,
        new=tuple(sorted(_ref_of(new[key]) for key in exists - existed)),
        gone=tuple(sorted(_ref_of(old[key]) for key in existed - exists)),
        status_changes=tuple(status_changes),
        stalled=tuple(stalled),
        action_changes=tuple(action_changes),
        indicators=tuple(sorted(indicators)),
        newly_covered=_sorted_codes(now.covered - then.covered),
        no_longer_covered=_sorted_codes(then.covered - now.covered),
        reporters_only_before=tuple(sorted(then.reporters - now.reporters)),
        reporters_only_after=tuple(sorted(now.reporters - then.reporters)),
    )


def _ref_of(activity: Activity) -> ActivityRef:
    return ActivityRef(id=activity.id, title=activity.title, reporter=activity.reporter)


def _action_change(ref: ActivityRef, old: Activity, new: Activity) -> ActionChange | None:
    roles_before = {link.code: link.role for link in old.actions}
    roles_after = {link.code: link.role for link in new.actions}
    added = tuple((code, roles_after[code]) for code in _sorted_codes(roles_after.keys() - roles_before.keys()))
    removed = tuple((code, roles_before[code]) for code in _sorted_codes(roles_before.keys() - roles_after.keys()))
    changed = tuple(RoleChange(code, roles_before[code], roles_after[code])
                    for code in _sorted_codes(roles_before.keys() & roles_after.keys())
                    if roles_before[code] is not roles_after[code])
    if not (added or removed or changed):
        return None
    return ActionChange(ref, added, removed, changed)


def _indicator_movements(ref: ActivityRef, entry_before: Progress | None,
                         entry_after: Progress | None) -> Iterable[IndicatorMovement]:
    if entry_after is None:
        return
    values_before: dict[str, Indicator] = {item.name: item for item in entry_before.indicators} if entry_before else {}
    for item in entry_after.indicators:
        if item.value is None:
            continue
        previous = values_before.get(item.name)
        before_value = previous.value if previous is not None else None
        if before_value == item.value:
            continue
        yield IndicatorMovement(activity=ref, name=item.name, unit=item.unit, baseline=item.baseline,
                                target=item.target, before=before_value, after=item.value)


def _sorted_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Action codes in the Initiative's order: A.i, A.ii, ..., A.iv, B.i ..."""
    from apec_tracker.domain.framework import ROMAN

    def key(code: str) -> tuple[str, int, str]:
        goal, _, number = code.partition(".")
        return (goal, ROMAN.index(number) if number in ROMAN else len(ROMAN), code)

    return tuple(sorted(codes, key=key))
