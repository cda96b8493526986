"""What changed between two reporting years, as typed values.

A pure function from records to a :class:`YearDiff`: nothing here reads files
or talks to git. The caller chooses the two sets of records: ``before`` holds
the records as they stood for the earlier year (what was published for it, when
a publication tag exists) and ``after`` the records now; both may be the same.

Every list is read off each side's year figures (apec_tracker.domain.standing),
the one definition of a year's standing, so the review's summary, its changes
section and `tracker diff` always agree:

* ``new``: active in TO, and active in no year up to FROM as the earlier records
  tell it (an activity first reported after FROM's review was published is new);
* ``completed``, ``cancelled``: turned so in a year after FROM, up to TO;
* ``suspended``: suspended in TO and not in FROM;
* ``stalled``: stalled in TO (open, nothing reported for TO, there in the year before);
* ``newly_covered``, ``no_longer_covered``: actions covered in one year and not the other;
* ``reporters_only_before``, ``reporters_only_after``: who reported for one year only;
* ``status_changes``: every activity in both years whose status differs; ``regressions``
  those of them that were completed and are no longer;
* ``gone``: in FROM, and its record is no longer there at all.

Laws the tests hold this module to: the diff of a year with itself (same
records) is empty; swapping the years (and the record sets) swaps the
coverage lists and the reporters of one year and the other, and reverses every
status change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Activity, Indicator, Progress, Role, Status
from apec_tracker.domain.standing import History, history, year_figures


@dataclass(frozen=True, order=True, slots=True)
class ActivityRef:
    """Enough of an activity to name it in a report."""

    id: str
    title: str = field(compare=False)
    reporter: str = field(compare=False)


@dataclass(frozen=True, order=True, slots=True)
class StatusChange:
    activity: ActivityRef
    before: Status | None  # None: not in the earlier year
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
    key: str  # the standard indicator's id, else the record's name for it: what matches it across years
    id: str | None = field(compare=False)
    name: str | None = field(compare=False)
    unit: str | None = field(compare=False)
    baseline: float | None = field(compare=False)
    target: float | None = field(compare=False)
    before: float | None = field(compare=False)
    after: float = field(compare=False)

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
    new: tuple[ActivityRef, ...]
    gone: tuple[ActivityRef, ...]
    completed: tuple[StatusChange, ...]
    cancelled: tuple[StatusChange, ...]
    suspended: tuple[StatusChange, ...]
    status_changes: tuple[StatusChange, ...]  # every activity in both years whose status differs
    stalled: tuple[ActivityRef, ...]
    action_changes: tuple[ActionChange, ...]
    indicators: tuple[IndicatorMovement, ...]  # indicators whose value moved or first appeared
    newly_covered: tuple[str, ...]  # actions with a principal activity in to_year, none in from_year
    no_longer_covered: tuple[str, ...]
    reporters_only_before: tuple[str, ...]  # economies and fora that reported in from_year only
    reporters_only_after: tuple[str, ...]  # ... in to_year only

    @property
    def regressions(self) -> tuple[StatusChange, ...]:
        return tuple(change for change in self.status_changes if change.is_regression)

    @property
    def is_empty(self) -> bool:
        return not any((self.new, self.gone, self.completed, self.cancelled, self.suspended, self.status_changes,
                        self.stalled, self.action_changes,
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
                    "id": item.id,
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
    return {"activity": _ref(change.activity), "before": change.before.value if change.before else None,
            "after": change.after.value}


# -- the rules -------------------------------------------------------------


def diff_years(before: Sequence[Activity], after: Sequence[Activity], from_year: int, to_year: int, *,
               framework: Framework, histories: Sequence[History] = ()) -> YearDiff:
    """What changed from ``from_year`` (as ``before`` tells it) to ``to_year`` (as ``after`` does).

    ``framework`` tells economies, fora and bodies apart (only economies and
    fora are asked to report every year) and gives their order. ``histories``:
    the histories of ``after``'s records a caller has worked out already (the
    review has), over a span that holds the years compared and the year before
    them; they are used rather than worked out again."""
    span = range(min(from_year, to_year) - 1, max(from_year, to_year) + 1)
    known = {id(item.activity): item for item in histories
             if item.years.start <= span.start and span.stop <= item.years.stop}
    now = {activity.id: known.get(id(activity)) or history(activity, span) for activity in after}
    # Mostly the very same records (no publication of the earlier year): their histories are worked out once.
    then = {activity.id: now[activity.id] if activity.id in now and now[activity.id].activity is activity
            else history(activity, span) for activity in before}
    refs = {activity.id: _ref_of(activity) for activity in (*before, *after)}  # after's wins

    codes = {"economies": tuple(framework.economies), "fora": tuple(framework.fora),
             "bodies": tuple(framework.bodies)}
    first = year_figures(list(then.values()), from_year, **codes)
    last = year_figures(list(now.values()), to_year, **codes)
    later_years = range(from_year + 1, to_year + 1)

    def turned(status: Status) -> tuple[StatusChange, ...]:
        return tuple(sorted(
            StatusChange(refs[key], then[key].status(from_year) if key in then else None, status)
            for key, item in now.items() if any(item.turned(status, year) for year in later_years)))

    status_changes: list[StatusChange] = []
    action_changes: list[ActionChange] = []
    indicators: list[IndicatorMovement] = []
    for key in sorted(set(first.present) & set(last.present)):
        old, new = then[key], now[key]
        before_status, after_status = old.status(from_year), new.status(to_year)
        assert before_status is not None and after_status is not None
        if before_status is not after_status:
            status_changes.append(StatusChange(refs[key], before_status, after_status))
        if old.activity is not new.activity:  # the same record on both sides has no action to compare
            actions = _action_change(refs[key], old.activity, new.activity)
            if actions is not None:
                action_changes.append(actions)
        indicators.extend(_indicator_movements(refs[key], old.activity.progress_for(from_year),
                                               new.activity.progress_for(to_year)))
    suspended = tuple(sorted(StatusChange(refs[key], then[key].status(from_year) if key in then else None,
                                          Status.SUSPENDED)
                             for key in last.suspended if key not in first.suspended))
    return YearDiff(
        from_year=from_year,
        to_year=to_year,
        new=tuple(refs[key] for key in last.active if not (key in then and then[key].active_by(from_year))),
        gone=tuple(sorted(refs[key] for key in first.present if key not in now)),
        completed=turned(Status.COMPLETED),
        cancelled=turned(Status.CANCELLED),
        suspended=suspended,
        status_changes=tuple(status_changes),
        stalled=tuple(refs[key] for key in last.stalled) if from_year < to_year else (),
        action_changes=tuple(action_changes),
        indicators=tuple(sorted(indicators)),
        newly_covered=_sorted_codes(set(last.covered_actions) - set(first.covered_actions)),
        no_longer_covered=_sorted_codes(set(first.covered_actions) - set(last.covered_actions)),
        reporters_only_before=tuple(sorted(set(first.reporters) - set(last.reporters))),
        reporters_only_after=tuple(sorted(set(last.reporters) - set(first.reporters))),
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
    values_before: dict[str, Indicator] = {item.key: item for item in entry_before.indicators} if entry_before else {}
    for item in entry_after.indicators:
        if item.value is None:
            continue
        previous = values_before.get(item.key)
        before_value = previous.value if previous is not None else None
        if before_value == item.value:
            continue
        yield IndicatorMovement(activity=ref, key=item.key, id=item.id, name=item.name, unit=item.unit,
                                baseline=item.baseline,
                                target=item.target, before=before_value, after=item.value)


def _sorted_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Action codes in the Initiative's order: A.i, A.ii, ..., A.iv, B.i ..."""
    from apec_tracker.domain.framework import ROMAN

    def key(code: str) -> tuple[str, int, str]:
        goal, _, number = code.partition(".")
        return (goal, ROMAN.index(number) if number in ROMAN else len(ROMAN), code)

    return tuple(sorted(codes, key=key))
