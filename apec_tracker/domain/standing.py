"""Where an activity stood in a given year, read from its progress entries and dates.

A record carries one progress entry per reporting year; where a year has no
entry, its dates tell whether the activity was running then. Reports, trends
and the year-to-year comparison all ask the same question through
``status_in``, so they never disagree about a year.
"""

from __future__ import annotations

from collections.abc import Mapping

from apec_tracker.domain.record import Activity, Progress, Status

# Statuses that mean work went on during the year: what the report counts as
# activity under the Initiative.
ACTIVE = frozenset({Status.ONGOING, Status.COMPLETED})


def status_in(activity: Activity, year: int, entries: Mapping[int, Progress] | None = None) -> Status | None:
    """The activity's status in ``year``, or None if it had nothing to do with that year.

    The year's progress entry decides when there is one. Otherwise the dates do:
    an activity whose span covers the year was running (or, if it has ended
    since, was still running then); one that has not started yet is planned.
    ``entries`` are the activity's progress entries by year, if the caller has them.
    """
    entry = entries.get(year) if entries is not None else activity.progress_for(year)
    if entry is not None:
        return entry.status
    start, end = activity.start, activity.end
    if start is None:
        return None
    if start.year > year:
        return None
    if end is not None and end.year < year:
        return None
    status = activity.status
    if status.has_ended:
        if end is None:
            # Ended at an unknown date: only its latest reported year can say
            # when; without one, the start year is the only year we know of.
            latest = max((p.year for p in activity.progress), default=start.year)
            if year > latest:
                return None
            return status if year == latest else Status.ONGOING
        return status if end.year == year else Status.ONGOING
    return status


def first_year(activity: Activity) -> int | None:
    """The year the activity started, from its dates or else its earliest progress entry."""
    if activity.start is not None:
        return activity.start.year
    return min((entry.year for entry in activity.progress), default=None)


def is_active(activity: Activity, year: int) -> bool:
    return status_in(activity, year) in ACTIVE


def is_new(activity: Activity, year: int) -> bool:
    """Active in ``year`` and started in it."""
    return is_active(activity, year) and first_year(activity) == year


def completed_in(activity: Activity, year: int) -> bool:
    return status_in(activity, year) is Status.COMPLETED and status_in(activity, year - 1) is not Status.COMPLETED


class Timeline:
    """The same questions, each answered once per activity and year.

    A report asks them many times over (summary, sections, trend, changes);
    on ten thousand records that repetition was most of the building time.
    Keyed by object identity: ids may repeat in data built with --allow-invalid.
    """

    def __init__(self, years: range = range(0)) -> None:
        # id(activity) -> its status in each of ``years``, worked out together
        # at its first question: kept as a tuple, a report of 50,000 records
        # holds them in 5 MB.
        self._years = years
        self._statuses: dict[int, tuple[Status | None, ...]] = {}
        self._first: dict[int, int | None] = {}

    def status_in(self, activity: Activity, year: int) -> Status | None:
        index = year - self._years.start
        if not 0 <= index < len(self._years):
            return status_in(activity, year)
        statuses = self._statuses.get(id(activity))
        if statuses is None:
            entries = {entry.year: entry for entry in activity.progress}
            statuses = self._statuses[id(activity)] = tuple(status_in(activity, y, entries) for y in self._years)
        return statuses[index]

    def first_year(self, activity: Activity) -> int | None:
        key = id(activity)
        try:
            return self._first[key]
        except KeyError:
            found = self._first[key] = first_year(activity)
            return found

    def is_active(self, activity: Activity, year: int) -> bool:
        return self.status_in(activity, year) in ACTIVE

    def is_new(self, activity: Activity, year: int) -> bool:
        return self.is_active(activity, year) and self.first_year(activity) == year

    def completed_in(self, activity: Activity, year: int) -> bool:
        return (self.status_in(activity, year) is Status.COMPLETED
                and self.status_in(activity, year - 1) is not Status.COMPLETED)
