"""Standard indicators added up: each indicator's total for a year, by action,
goal, economy and forum, its series over the Initiative's years, the values
that are not added up, and whether each action is on track.

Pure functions from records and the framework to typed results; nothing here
reads files. docs/indicators.md gives the same rules in words, so that anyone
can recompute a figure by hand:

* The activities counted in a year are those **active** in it, by the one
  definition of a year's standing (apec_tracker.domain.standing); an
  activity's value is the one its progress entry **for that year** gives (a
  value is never carried forward from an earlier year).
* A standard indicator's values combine as its catalogue entry says: ``sum``
  adds them; ``distinct`` (economies) counts the economies the activities name
  (reporter, leads, co-sponsors) once each, and is at least the largest single
  value; ``none`` lists them, never adds them. Values of an indicator of an
  activity's own (a name, no id), or in a unit other than the catalogue's, are
  listed, never added.
* By action and by goal, an activity counts under the actions it serves as
  principal; by economy and by forum, under each economy or forum it involves.
  An activity can count under several, so these totals can add up to more than
  the total of all.
* An action is on track when its measures (values of standard indicators with
  a target, from its principal activities) have come on average at least 75 %
  of the way from baseline to target; see :func:`on_track`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from apec_tracker.domain.framework import Combine, Direction, Framework, StandardIndicator
from apec_tracker.domain.record import Activity, Indicator, Role
from apec_tracker.domain.standing import economies_of, fora_of, history

ON_TRACK_AT = 0.75
SOME_PROGRESS_AT = 0.25


class TrackStatus(StrEnum):
    ON_TRACK = "on track"
    SOME_PROGRESS = "some progress"
    OFF_TRACK = "off track"
    NO_DATA = "no data"


class NotAdded(StrEnum):
    """Why a value is listed and not added up."""

    BY_DEFINITION = "not added up by its definition"  # combine: none (a share)
    OWN_INDICATOR = "not a standard indicator"  # a name, no id
    UNIT_DIFFERS = "unit differs from the standard indicator's"


@dataclass(frozen=True, slots=True)
class Total:
    """One total and the activities behind it (their ids, sorted)."""

    code: str  # "all", an action, goal, economy or forum code
    label: str
    value: float | None  # None: the indicator's values are not added up
    activities: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.activities)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    year: int
    value: float | None
    activities: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.activities)


@dataclass(frozen=True, slots=True)
class IndicatorTotals:
    """A standard indicator in the year: its total, its totals by group, its series."""

    indicator: StandardIndicator
    total: Total
    by_action: tuple[Total, ...]  # every action, in the Initiative's order
    by_goal: tuple[Total, ...]  # every goal
    by_economy: tuple[Total, ...]  # economies with at least one activity, in the reference data's order
    by_forum: tuple[Total, ...]  # fora with at least one activity
    series: tuple[SeriesPoint, ...]  # the Initiative's first year to the year

    @property
    def added_up(self) -> bool:
        return self.indicator.combine is not Combine.NONE

    @property
    def floor(self) -> bool:
        """The total is a floor ("at least"): economies counted once, which the
        values alone cannot tell apart."""
        return self.indicator.combine is Combine.DISTINCT and self.total.count > 0


@dataclass(frozen=True, slots=True)
class ListedValue:
    """A value that is listed and not added up."""

    activity: str
    key: str  # the standard indicator's id, or the record's name for its own indicator
    id: str | None
    name: str
    unit: str | None
    value: float
    baseline: float | None
    target: float | None
    reason: NotAdded


@dataclass(frozen=True, slots=True)
class Measure:
    """One activity's value of one standard indicator against its target."""

    activity: str
    indicator: str
    baseline: float
    target: float
    value: float

    @property
    def achievement(self) -> float:
        """The share of the way from baseline to target the value has come, held within 0 and 1."""
        return min(max((self.value - self.baseline) / (self.target - self.baseline), 0.0), 1.0)


@dataclass(frozen=True, slots=True)
class ActionTrack:
    code: str
    title: str
    measures: tuple[Measure, ...]

    @property
    def mean(self) -> float | None:
        """The measures' average achievement (0 to 1), or None without a measure."""
        if not self.measures:
            return None
        return math.fsum(m.achievement for m in self.measures) / len(self.measures)

    @property
    def status(self) -> TrackStatus:
        mean = self.mean
        if mean is None:
            return TrackStatus.NO_DATA
        if mean >= ON_TRACK_AT:
            return TrackStatus.ON_TRACK
        if mean >= SOME_PROGRESS_AT:
            return TrackStatus.SOME_PROGRESS
        return TrackStatus.OFF_TRACK

    @property
    def percent(self) -> int | None:
        """The average achievement in whole per cent, rounded down, so that the
        per cent shown and the status always agree (74.9 % shows 74 %, some progress)."""
        mean = self.mean
        return None if mean is None else math.floor(mean * 100 + 1e-9)

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(sorted({m.activity for m in self.measures}))

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


@dataclass(frozen=True, slots=True)
class GroupedValues:
    """The listed values of one indicator, unit and reason, summed up for people."""

    key: str
    name: str
    unit: str | None
    reason: NotAdded
    values: tuple[ListedValue, ...]

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(sorted({v.activity for v in self.values}))

    @property
    def least(self) -> float:
        return min(v.value for v in self.values)

    @property
    def most(self) -> float:
        return max(v.value for v in self.values)

    @property
    def median(self) -> float:
        return float(statistics.median(v.value for v in self.values))


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    year: int
    years: tuple[int, ...]  # the series' years: the Initiative's first year to ``year``
    indicators: tuple[IndicatorTotals, ...]  # in the catalogue's order
    not_added: tuple[ListedValue, ...]  # sorted by indicator, then activity
    on_track: tuple[ActionTrack, ...]  # every action, in the Initiative's order
    active: tuple[str, ...]  # the activities active in the year
    errors: int = 0  # validation's count for the records behind the report
    warnings: int = 0

    @property
    def grouped_not_added(self) -> tuple[GroupedValues, ...]:
        groups: dict[tuple[str, str | None, NotAdded], list[ListedValue]] = {}
        for item in self.not_added:
            groups.setdefault((item.key, item.unit, item.reason), []).append(item)
        return tuple(GroupedValues(key, values[0].name, unit, reason, tuple(values))
                     for (key, unit, reason), values in groups.items())

    def to_json(self, version: int) -> dict[str, Any]:
        """The stable JSON shape (documented in docs/indicators.md)."""
        return {
            "version": version,
            "year": self.year,
            "years": list(self.years),
            "validation": {"errors": self.errors, "warnings": self.warnings},
            "active_activities": len(self.active),
            "indicators": [_indicator_json(item) for item in self.indicators],
            "not_added": [
                {"activity": v.activity, "id": v.id, "name": v.name, "unit": v.unit, "value": v.value,
                 "baseline": v.baseline, "target": v.target, "reason": v.reason.value}
                for v in self.not_added
            ],
            "on_track": [
                {"action": t.code, "title": t.title, "status": t.status.value, "mean": t.mean,
                 "activities": len(t.activities), "ids": list(t.activities),
                 "measures": [{"activity": m.activity, "indicator": m.indicator, "baseline": m.baseline,
                               "target": m.target, "value": m.value, "achievement": m.achievement}
                              for m in t.measures]}
                for t in self.on_track
            ],
        }


def _indicator_json(item: IndicatorTotals) -> dict[str, Any]:
    indicator = item.indicator

    def total(found: Total) -> dict[str, Any]:
        return {"code": found.code, "label": found.label, "value": found.value, "activities": found.count,
                "ids": list(found.activities)}

    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit.value,
        "combine": indicator.combine.value,
        "direction": indicator.direction.value,
        "total": total(item.total),
        "by_action": [total(t) for t in item.by_action],
        "by_goal": [total(t) for t in item.by_goal],
        "by_economy": [total(t) for t in item.by_economy],
        "by_forum": [total(t) for t in item.by_forum],
        "series": [{"year": p.year, "value": p.value, "activities": p.count, "ids": list(p.activities)}
                   for p in item.series],
    }


# -- the rules ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reported:
    """One standard indicator's value from one active activity's entry for the year."""

    activity: Activity
    indicator: Indicator
    standard: StandardIndicator


@dataclass
class _Year:
    reported: list[_Reported]
    not_added: list[ListedValue]
    active: list[Activity]


def indicator_report(activities: Sequence[Activity], framework: Framework, year: int, *,
                     errors: int = 0, warnings: int = 0) -> IndicatorReport:
    """Every standard indicator's totals for ``year`` and their series from the
    Initiative's first year, what is not added up, and each action's track."""
    period = framework.period
    if not period.start <= year <= period.end:
        raise ValueError(f"{year} is outside the Initiative's years {period.start}–{period.end}")
    years = tuple(range(period.start, year + 1))
    histories = [history(activity, range(period.start, year + 1)) for activity in activities]
    by_year = {y: _year(framework, [h.activity for h in histories if h.active(y)], y) for y in years}
    # Each year's values by indicator, each activity's groups: worked out once.
    reported_by_year = {y: _by_indicator(by_year[y].reported) for y in years}
    groups = _Memberships(framework)
    found = by_year[year]
    totals = []
    for standard in framework.indicators.values():
        reported = reported_by_year[year].get(standard.id, [])
        grouped: dict[str, dict[str, list[_Reported]]] = {kind: {} for kind in _Memberships.KINDS}
        for item in reported:
            for kind, codes in groups.of(item.activity).items():
                for code in codes:
                    grouped[kind].setdefault(code, []).append(item)

        series = []
        for y in years:
            point = _total(standard, framework, reported_by_year[y].get(standard.id, []), "all", "All activities")
            series.append(SeriesPoint(y, point.value, point.activities))
        totals.append(IndicatorTotals(
            indicator=standard,
            total=_total(standard, framework, reported, "all", "All activities"),
            by_action=_totals(standard, framework, grouped["action"],
                              [(code, action.label) for code, action in framework.actions.items()], every=True),
            by_goal=_totals(standard, framework, grouped["goal"],
                            [(goal.code, f"{goal.code}. {goal.title}") for goal in framework.goals], every=True),
            by_economy=_totals(standard, framework, grouped["economy"],
                               [(code, item.name) for code, item in framework.economies.items()], every=False),
            by_forum=_totals(standard, framework, grouped["forum"],
                             [(code, item.name) for code, item in framework.fora.items()], every=False),
            series=tuple(series),
        ))
    return IndicatorReport(
        year=year,
        years=years,
        indicators=tuple(totals),
        not_added=tuple(sorted(found.not_added, key=lambda v: (v.key, v.activity))),
        on_track=on_track(found.active, framework, year),
        active=tuple(sorted(a.id for a in found.active)),
        errors=errors,
        warnings=warnings,
    )


def _totals(standard: StandardIndicator, framework: Framework, grouped: dict[str, list[_Reported]],
            known: Sequence[tuple[str, str]], *, every: bool) -> tuple[Total, ...]:
    """The totals of the groups ``known`` (code, label), in that order: all of
    them with ``every``, else those with at least one activity."""
    return tuple(_total(standard, framework, grouped.get(code, []), code, label)
                 for code, label in known if every or code in grouped)


def _by_indicator(reported: Sequence[_Reported]) -> dict[str, list[_Reported]]:
    found: dict[str, list[_Reported]] = {}
    for item in reported:
        found.setdefault(item.standard.id, []).append(item)
    return found


class _Memberships:
    """The groups an activity counts in: the actions it serves as principal,
    their goals, the economies and fora it involves; each activity's once."""

    KINDS = ("action", "goal", "economy", "forum")

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._known: dict[int, dict[str, tuple[str, ...]]] = {}

    def of(self, activity: Activity) -> dict[str, tuple[str, ...]]:
        found = self._known.get(id(activity))
        if found is None:
            framework = self.framework
            actions = tuple(code for code in activity.action_codes(Role.PRINCIPAL) if code in framework.actions)
            found = {
                "action": tuple(dict.fromkeys(actions)),
                "goal": tuple(dict.fromkeys(framework.actions[code].goal_code for code in actions)),
                "economy": tuple(code for code in economies_of(activity) if code in framework.economies),
                "forum": tuple(code for code in fora_of(activity) if code in framework.fora),
            }
            self._known[id(activity)] = found
        return found


def _year(framework: Framework, active: list[Activity], year: int) -> _Year:
    found = _Year([], [], active)
    for activity in active:
        entry = activity.progress_for(year)
        if entry is None:
            continue
        seen: set[str] = set()
        for indicator in entry.indicators:
            if indicator.value is None or indicator.key in seen:
                continue  # an indicator listed twice (I808) counts once
            seen.add(indicator.key)
            standard = framework.indicators.get(indicator.id) if indicator.id is not None else None
            reason = _not_added(indicator, standard)
            if standard is not None and reason is not NotAdded.UNIT_DIFFERS:
                found.reported.append(_Reported(activity, indicator, standard))
            if reason is not None:
                found.not_added.append(ListedValue(
                    activity=activity.id, key=indicator.key, id=indicator.id,
                    name=framework.indicator_name(indicator.id, indicator.name),
                    unit=framework.indicator_unit(indicator.id, indicator.unit), value=indicator.value,
                    baseline=indicator.baseline, target=indicator.target, reason=reason))
    return found


def _not_added(indicator: Indicator, standard: StandardIndicator | None) -> NotAdded | None:
    if standard is None:
        return NotAdded.OWN_INDICATOR
    if indicator.unit is not None and indicator.unit != standard.unit.value:
        return NotAdded.UNIT_DIFFERS
    if standard.combine is Combine.NONE:
        return NotAdded.BY_DEFINITION
    return None


def _total(standard: StandardIndicator, framework: Framework, reported: Sequence[_Reported], code: str,
           label: str) -> Total:
    ids = tuple(sorted({item.activity.id for item in reported}))
    values = [item.indicator.value for item in reported if item.indicator.value is not None]
    value: float | None
    if standard.combine is Combine.SUM:
        value = math.fsum(values)
    elif standard.combine is Combine.DISTINCT:
        value = float(_distinct_economies(standard, framework, reported, values))
    else:
        value = None
    return Total(code, label, value, ids)


def _distinct_economies(standard: StandardIndicator, framework: Framework, reported: Sequence[_Reported],
                        values: Sequence[float]) -> float:
    """Economies counted once across activities. The values are counts, which
    cannot be told apart; the records name some of the economies (reporter,
    leads, co-sponsors). So the total is the larger of the economies the
    activities name and the largest single value: a floor, never a double count."""
    named = {code for item in reported for code in economies_of(item.activity) if code in framework.economies}
    total = max(float(len(named)), max(values, default=0.0))
    return min(total, standard.max) if standard.max is not None else total


def on_track(active: Sequence[Activity], framework: Framework, year: int) -> tuple[ActionTrack, ...]:
    """Each action's track in ``year``, from the measures of the activities
    active in it that serve the action as principal.

    A measure is a standard indicator's value in the activity's entry for the
    year (in the catalogue's unit) that has a target; a missing baseline counts
    as 0. It is left out when the target equals the baseline (no way to go) or
    lies on the side of the baseline the indicator should not move to (I806).
    Its achievement is (value - baseline) / (target - baseline), held within 0
    and 1. The action's status follows the average achievement of its
    measures: on track from 0.75, some progress from 0.25, off track below,
    no data without a measure.
    """
    measures: dict[str, list[Measure]] = {code: [] for code in framework.actions}
    for activity in active:
        entry = activity.progress_for(year)
        if entry is None:
            continue
        found = _measures(activity.id, entry.indicators, framework)
        for code in activity.action_codes(Role.PRINCIPAL):
            if code in measures:
                measures[code].extend(found)
    return tuple(ActionTrack(code, action.title, tuple(measures[code]))
                 for code, action in framework.actions.items())


def _measures(activity_id: str, indicators: Sequence[Indicator], framework: Framework) -> list[Measure]:
    found: list[Measure] = []
    seen: set[str] = set()
    for indicator in indicators:
        standard = framework.indicators.get(indicator.id) if indicator.id is not None else None
        if (standard is None or indicator.key in seen or indicator.value is None or indicator.target is None
                or _not_added(indicator, standard) is NotAdded.UNIT_DIFFERS):
            continue
        seen.add(indicator.key)
        baseline = indicator.baseline if indicator.baseline is not None else 0.0
        way = indicator.target - baseline
        if way == 0 or (way < 0) != (standard.direction is Direction.DECREASE):
            continue
        found.append(Measure(activity_id, standard.id, baseline, indicator.target, indicator.value))
    return found
