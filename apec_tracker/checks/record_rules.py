"""Rules that look at one record at a time: a record's fields against each other,
its dates against today, its file against its folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from apec_tracker.checks.registry import Finding, RuleContext, record_rule
from apec_tracker.domain.record import Level, Role, Status, id_differs_from_file_name
from apec_tracker.domain.standing import first_year
from apec_tracker.reading.records import LoadedRecord


def _at(record: LoadedRecord, where: tuple[str | int, ...], code: str, message: str, hint: str | None = None,
        *, key: bool = False) -> Finding:
    return Finding(record.file.path, where, code, message, hint, at_key=key)


@record_rule
def id_matches_file_name(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    differs = id_differs_from_file_name(record.activity.id, record.file.stem)
    if differs is not None:
        yield _at(record, ("id",), "R501", *differs)


@record_rule
def reporter_matches_folder(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    reporter = record.activity.reporter
    folder = record.file.folder_code
    if reporter == folder:
        return
    yield _at(record, ("reporter",), "R503",
              f"the record says it is reported by {reporter}, but it is filed in the {record.file.kind} folder "
              f"{folder}",
              f"records of {reporter} go in their own folder; a record of {folder} says `reporter: {folder}`")


@record_rule
def level_fits_reporter(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    """An economy's own initiative is reported by that economy: a forum or a
    body (a ministerial, Leaders, ABAC, ...) reports APEC-wide work."""
    activity = record.activity
    if activity.level is not Level.ECONOMY or activity.reporter in context.framework.economies:
        return
    economy = activity.host_economy or (activity.lead_economies[0] if activity.lead_economies else None)
    move = (f"file it in data/economies/{economy}/ with `reporter: {economy}`" if economy
            else "file it in the economy's own folder")
    yield _at(record, ("level",), "R518",
              f"the record is economy-level, but {activity.reporter} is not an economy: a forum or body "
              "reports APEC-wide work",
              f"set `level: apec-wide`, or if it is one economy's own initiative, {move}")


@record_rule
def progress_years(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    period = context.framework.period
    seen: set[int] = set()
    for index, entry in enumerate(record.activity.progress):
        where = ("progress", index, "year")
        if not period.baseline <= entry.year <= period.end:
            yield _at(record, where, "R504",
                      f"progress for {entry.year} is outside the Initiative's period {period.start}–{period.end}",
                      f"{period.baseline} may be reported as the baseline; earlier work goes in the summary")
        elif entry.year > context.today.year:
            yield _at(record, where, "R507", f"progress for {entry.year} is reported before that year has begun")
        if entry.year in seen:
            yield _at(record, where, "R505", f"a second progress entry for {entry.year}",
                      "one entry per year: merge the two")
        seen.add(entry.year)


@record_rule
def dates_consistent(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    activity = record.activity
    for start_field, end_field in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        start, end = getattr(activity, start_field), getattr(activity, end_field)
        if start is not None and end is not None and end < start:
            yield _at(record, (end_field,), "R506", f"{end_field} {end} is before {start_field} {start}")
    if (activity.actual_start is None and activity.actual_end is not None and activity.planned_start is not None
            and activity.actual_end < activity.planned_start):
        yield _at(record, ("actual_end",), "R506",
                  f"actual_end {activity.actual_end} is before planned_start {activity.planned_start}",
                  "if the activity started earlier than planned, give its actual_start")
    for field_name in ("actual_start", "actual_end"):
        value: date | None = getattr(activity, field_name)
        if value is not None and value > context.today:
            yield _at(record, (field_name,), "R507", f"{field_name} {value} is in the future",
                      f"a date still to come is planned: use planned_{field_name.removeprefix('actual_')}")


@record_rule
def status_consistent(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    activity = record.activity
    status = activity.status
    if activity.actual_end is not None and status in (Status.PLANNED, Status.ONGOING):
        yield _at(record, ("status",), "R508",
                  f"the status is {status} but the activity ended on {activity.actual_end}",
                  "set the status to completed, or remove actual_end")
    if status is Status.PLANNED and activity.actual_start is not None and activity.actual_start <= context.today:
        yield _at(record, ("status",), "R508",
                  f"the status is planned but the activity started on {activity.actual_start}",
                  "set the status to ongoing")
    if activity.actual_end is not None:
        for index, entry in enumerate(activity.progress):
            if entry.year > activity.actual_end.year:
                yield _at(record, ("progress", index, "year"), "R508",
                          f"progress is reported for {entry.year}, after the activity ended on {activity.actual_end}",
                          "correct actual_end, or the year of the entry")
    if activity.progress:
        latest_index, latest = max(enumerate(activity.progress), key=lambda pair: pair[1].year)
        if latest.status is not status:
            yield _at(record, ("progress", latest_index, "status"), "R509",
                      f"the latest progress entry ({latest.year}) says {latest.status}, the record says {status}",
                      "the record's status is its status now: make the two agree")


@record_rule
def actions_and_partners(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    activity = record.activity
    seen: set[str] = set()
    for index, link in enumerate(activity.actions):
        if link.code in seen:
            yield _at(record, ("actions", index, "code"), "R515", f"the action {link.code} is listed twice",
                      "list each action once, with its strongest role")
        seen.add(link.code)
    if activity.actions and not activity.action_codes(Role.PRINCIPAL):
        yield _at(record, ("actions",), "R512", "no action is marked principal",
                  "mark the action the activity mainly serves as `role: principal`", key=True)
    both = sorted(set(activity.lead_economies) & set(activity.co_sponsors))
    if both:
        yield _at(record, ("co_sponsors",), "R511", f"{', '.join(both)} listed as both lead and co-sponsor",
                  "a lead economy need not be listed again as co-sponsor", key=True)


@record_rule
def placed_in_some_year(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    """A record with no date and no progress entry is in no year, and one that
    starts after the Initiative's last year in none of its years: no review
    could count either (R517, R521)."""
    activity = record.activity
    first = first_year(activity)
    if first is None:
        yield _at(record, ("status",), "R517", "the record gives no date and no progress entry, so no year's "
                  "review can count it", "add planned_start (or actual_start), or a progress entry for a year",
                  key=True)
        return
    end = context.framework.period.end
    if first > end:
        dated = next((name for name in ("actual_start", "planned_start", "actual_end", "planned_end")
                      if getattr(activity, name) is not None), "progress")
        if not dated.startswith("planned_"):
            return  # an actual date or a progress year to come: R507 or R504 says so already
        yield _at(record, (dated,), "R521", f"the record starts in {first}, after the Initiative's last year "
                  f"({end}), so no review can count it", "check the year: a typing slip, such as 2032 for 2023, "
                  "is the usual cause", key=True)
