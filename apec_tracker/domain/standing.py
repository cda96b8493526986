"""How an activity stands in a reporting year, and a year's figures: the one
definition every output uses (the review's summary, its changes section and
trend, `tracker diff` in every format, `tracker list --year`, `tracker export
--year`, `tracker status`). docs/standing.md gives the same rules as a table to check by hand.

An activity's **status in a year**:

1. its progress entry for that year, if there is one (the year is *reported*);
2. otherwise, if the activity had ended before the year, none: it is not in
   the year (see :func:`last_year`);
3. otherwise its latest earlier progress entry's status, carried forward;
4. otherwise, once the year has reached its start (actual, else planned), what
   its dates say: the record's final status in the year it ended, ongoing once
   it has actually started, planned before;
5. before its start, none.

In a year an activity is **active** when its status that year is ongoing or
completed (work went on); **new** when it is active and was active in no
earlier year; **continuing** when it is active and not new; **completed**,
**cancelled** when its status turned so that year; **suspended** and
**planned only** by its status that year; **stalled** when it is open that
year (planned, ongoing or suspended), has no progress entry for it, and was
in the year before.

An action is **covered** in a year when an active activity serves it as
principal. An economy **takes part** in a year when it reports, leads or
co-sponsors an active activity; a forum when it reports one or is its partner
forum; another APEC body when it reports one or is one of its partners. An
active activity is **economy-level** or **APEC-wide** by its level (the
record's, or else its reporter's: see Activity.level_in). A reporter
**reported** for a year when one of its records has a progress entry for that
year.

The **latest reporting year** is the last year of the Initiative's period that
some record reports progress for (a progress entry of that year); before any
is reported, the period's first year. It is the year `tracker report --latest`
reviews: it moves on with the first report of a new year, not with the
calendar (a review of a year that has barely begun would be empty), and never
past the period (from 2031 it stays 2030).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from apec_tracker.domain.record import Activity, Level, Role, Status

# Statuses that mean work went on during the year.
ACTIVE = frozenset({Status.ONGOING, Status.COMPLETED})
OPEN = frozenset({Status.PLANNED, Status.ONGOING, Status.SUSPENDED})


@dataclass(frozen=True, slots=True)
class Standing:
    """An activity's situation in one reporting year."""

    status: Status
    reported: bool  # a progress entry for exactly that year exists


def latest_reporting_year(activities: Iterable[Activity], period_years: range) -> int:
    """The last year of ``period_years`` some activity reports progress for,
    else the period's first year (see the module's docstring)."""
    reported = {entry.year for activity in activities for entry in activity.progress if entry.year in period_years}
    return max(reported, default=period_years[0])


def first_year(activity: Activity) -> int | None:
    """The first year the activity is in: its start (actual, else planned), or,
    for a record that gives only an end (a meeting a source says "concluded on
    15 August"), that end; or its earliest progress entry if that is earlier or
    there is no date."""
    years = [entry.year for entry in activity.progress]
    start = activity.actual_start or activity.planned_start or activity.actual_end or activity.planned_end
    if start is not None:
        years.append(start.year)
    return min(years, default=None)


def last_year(activity: Activity) -> int | None:
    """The last year an activity that has ended is in (None while it has not
    ended): the year of its actual end; else, for a record completed or
    cancelled, the first year a progress entry says it ended, else its planned
    end or latest entry, whichever is later, else its first year."""
    if activity.actual_end is not None:
        return activity.actual_end.year
    if not activity.status.has_ended:
        return None
    ended = [entry.year for entry in activity.progress if entry.status.has_ended]
    if ended:
        return min(ended)
    ends = [entry.year for entry in activity.progress]
    if activity.planned_end is not None:
        ends.append(activity.planned_end.year)
    return max(ends, default=first_year(activity))


def standing(activity: Activity, year: int) -> Standing | None:
    """How the activity stands in ``year``, or None if it is not in that year."""
    return _Dates.of(activity).standing(year)


@dataclass(frozen=True, slots=True)
class _Dates:
    """What the rules read of a record, worked out once for all its years."""

    activity: Activity
    entries: dict[int, Status]
    first: int | None
    last: int | None

    @classmethod
    def of(cls, activity: Activity) -> _Dates:
        return cls(activity, {entry.year: entry.status for entry in activity.progress}, first_year(activity),
                   last_year(activity))

    def standing(self, year: int) -> Standing | None:
        status = self.entries.get(year)
        if status is not None:
            return Standing(status, reported=True)
        first, last, activity = self.first, self.last, self.activity
        if first is None or year < first or (last is not None and year > last):
            return None
        if last == year and activity.status.has_ended:
            return Standing(activity.status, reported=False)
        earlier = [y for y in self.entries if y < year]
        if earlier:
            return Standing(self.entries[max(earlier)], reported=False)
        if activity.actual_start is not None:
            started = activity.actual_start.year <= year
        else:
            started = activity.status is not Status.PLANNED  # a record past planned has started, date unknown
        return Standing(Status.ONGOING if started else Status.PLANNED, reported=False)


@dataclass(frozen=True, slots=True)
class History:
    """An activity's standing in each year of a span, worked out once."""

    activity: Activity
    years: range
    standings: tuple[Standing | None, ...]
    first: int | None  # its first year (see first_year)

    def at(self, year: int) -> Standing | None:
        index = year - self.years.start
        if 0 <= index < len(self.standings):
            return self.standings[index]
        return standing(self.activity, year)

    def status(self, year: int) -> Status | None:
        found = self.at(year)
        return found.status if found is not None else None

    def active(self, year: int) -> bool:
        return self.status(year) in ACTIVE

    def new(self, year: int) -> bool:
        return self.active(year) and not self.active_by(year - 1)

    def active_by(self, year: int) -> bool:
        """Active in ``year`` or any year before it."""
        return self.first is not None and any(self.active(earlier) for earlier in range(self.first, year + 1))

    def turned(self, status: Status, year: int) -> bool:
        """Its status became ``status`` in ``year``."""
        return self.status(year) is status and self.status(year - 1) is not status

    def stalled(self, year: int) -> bool:
        found = self.at(year)
        return found is not None and is_stalled(self.activity, found, self.at(year - 1), year)


def is_stalled(activity: Activity, found: Standing, earlier: Standing | None, year: int) -> bool:
    """Still open in ``year`` with no progress entry for it, though it was there
    the year before. A planned activity only once its planned start has come:
    before that, no progress is due."""
    if found.status not in OPEN or found.reported or earlier is None:
        return False
    if found.status is Status.PLANNED:
        return activity.planned_start is not None and activity.planned_start.year <= year
    return True


def history(activity: Activity, years: range) -> History:
    dates = _Dates.of(activity)
    return History(activity, years, tuple(dates.standing(year) for year in years), dates.first)


def economies_of(activity: Activity) -> set[str]:
    """Codes that may be economies: the reporter, leads and co-sponsors (callers
    keep those that are)."""
    return {activity.reporter, *activity.lead_economies, *activity.co_sponsors}


def fora_of(activity: Activity) -> set[str]:
    """Codes that may be fora: the reporter and the partner fora."""
    return {activity.reporter, *activity.partner_fora}


def bodies_of(activity: Activity) -> set[str]:
    """Codes that may be other APEC bodies: the reporter and the partners."""
    return {activity.reporter, *activity.partners}


@dataclass(frozen=True, slots=True)
class YearFigures:
    """A reporting year's figures, each with the ids of the activities behind
    it (sorted), so that every count can be traced to its records."""

    year: int
    present: tuple[str, ...]  # in the year at all, whatever the status
    active: tuple[str, ...]
    new: tuple[str, ...]
    continuing: tuple[str, ...]
    completed: tuple[str, ...]
    cancelled: tuple[str, ...]
    suspended: tuple[str, ...]
    planned_only: tuple[str, ...]
    stalled: tuple[str, ...]
    covered_actions: tuple[str, ...]  # action codes, in the Initiative's order
    economies: tuple[str, ...]  # economy codes taking part, in the reference data's order
    fora: tuple[str, ...]
    bodies: tuple[str, ...]  # other APEC bodies taking part (ABAC, a ministerial, ...)
    economy_level: tuple[str, ...]  # ids of active activities at the economy level
    apec_wide: tuple[str, ...]  # ids of active APEC-wide activities
    # Economies and fora with a progress entry for the year: those asked to report
    # every year, as `tracker status` lists them (a ministerial or ABAC reports
    # when it meets, and is not missing in a year it did not).
    reporters: tuple[str, ...]


def year_figures(histories: Sequence[History], year: int, *, economies: Sequence[str] | None = None,
                 fora: Sequence[str] | None = None, bodies: Sequence[str] | None = None,
                 actions: Sequence[str] | None = None) -> YearFigures:
    """The figures of ``year`` over ``histories``. ``economies``, ``fora``,
    ``bodies`` and ``actions`` are the reference data's codes, in its order: the
    figures keep those codes only, in that order; without them, every code,
    sorted (and without ``economies``, every activity counts as APEC-wide)."""
    return years_figures(histories, [year], economies=economies, fora=fora, bodies=bodies, actions=actions)[year]


_PICKED = ("present", "active", "new", "continuing", "completed", "cancelled", "suspended", "planned_only", "stalled",
           "economy_level", "apec_wide")


def years_figures(histories: Sequence[History], years: Sequence[int], *, economies: Sequence[str] | None = None,
                  fora: Sequence[str] | None = None, bodies: Sequence[str] | None = None,
                  actions: Sequence[str] | None = None) -> dict[int, YearFigures]:
    """The figures of each of ``years`` over ``histories`` (see year_figures),
    reading each history once, its years in order: whether an activity was
    active before a year is carried from one year to the next."""
    if not years:
        return {}
    wanted = set(years)
    first, last = min(wanted), max(wanted)
    economy_codes = frozenset(economies or ())
    body_codes = frozenset(bodies or ())
    picked: dict[int, dict[str, list[str]]] = {year: {name: [] for name in _PICKED} for year in wanted}
    covered: dict[int, set[str]] = {year: set() for year in wanted}
    taking_part: dict[int, set[str]] = {year: set() for year in wanted}
    reporting: dict[int, set[str]] = {year: set() for year in wanted}
    for item in histories:
        activity = item.activity
        key = activity.id
        level = activity.level_in(economy_codes)
        earlier = item.at(first - 1)
        active_before = item.active_by(first - 1)
        for year in range(first, last + 1):
            found = item.at(year)
            active = found is not None and found.status in ACTIVE
            if year in wanted and found is not None:
                chosen = picked[year]
                chosen["present"].append(key)
                if found.reported:
                    reporting[year].add(activity.reporter)
                if active:
                    chosen["active"].append(key)
                    chosen["continuing" if active_before else "new"].append(key)
                    covered[year].update(activity.action_codes(Role.PRINCIPAL))
                    taking_part[year].update(economies_of(activity) | fora_of(activity) | bodies_of(activity))
                    chosen["economy_level" if level is Level.ECONOMY else "apec_wide"].append(key)
                before = earlier.status if earlier is not None else None
                if found.status is Status.COMPLETED and before is not Status.COMPLETED:
                    chosen["completed"].append(key)
                if found.status is Status.CANCELLED and before is not Status.CANCELLED:
                    chosen["cancelled"].append(key)
                if found.status is Status.SUSPENDED:
                    chosen["suspended"].append(key)
                if found.status is Status.PLANNED:
                    chosen["planned_only"].append(key)
                if is_stalled(activity, found, earlier, year):
                    chosen["stalled"].append(key)
            active_before = active_before or active
            earlier = found
    return {
        year: YearFigures(
            year=year,
            **{name: tuple(sorted(ids)) for name, ids in picked[year].items()},
            covered_actions=_kept(covered[year], actions),
            economies=_kept(taking_part[year], economies),
            fora=_kept(taking_part[year], fora),
            bodies=_kept(taking_part[year], bodies),
            reporters=_kept(reporting[year] - body_codes, None if economies is None or fora is None
                            else (*economies, *fora)),
        )
        for year in sorted(wanted)
    }


def _kept(codes: set[str], order: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(sorted(codes)) if order is None else tuple(code for code in order if code in codes)


def active_in(activity: Activity, year: int) -> bool:
    found = standing(activity, year)
    return found is not None and found.status in ACTIVE


def ended_by(activity: Activity, day: date) -> bool:
    """Whether the activity has ended by ``day`` (for defaults such as a closing date)."""
    end = activity.actual_end
    return end is not None and end <= day
