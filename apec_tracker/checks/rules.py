"""Checks that look across fields of a record and across records.

Each rule is a function from the loaded records to diagnostics. Positions are
looked up only for what is reported, so a clean repository costs no re-parse.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import LoadedRecord, ReporterKind
from apec_tracker.domain.record import RECORD_ID, Role, Status


@dataclass(frozen=True)
class RuleContext:
    framework: Framework
    today: date


Rule = Callable[[Sequence[LoadedRecord], RuleContext], Iterator[Diagnostic]]


def _at(
    record: LoadedRecord, path: tuple[str | int, ...], code: str, message: str, hint: str | None = None,
    *, key: bool = False,
) -> Diagnostic:
    position = record.position(path, key=key)
    return Diagnostic(record.file.path, position.line, position.column, code, message, hint)


def _per_record(check: Callable[[LoadedRecord, RuleContext], Iterator[Diagnostic]]) -> Rule:
    def rule(records: Sequence[LoadedRecord], context: RuleContext) -> Iterator[Diagnostic]:
        for record in records:
            yield from check(record, context)

    rule.__name__ = check.__name__
    rule.__doc__ = check.__doc__
    PER_RECORD.add(rule)
    return rule


# Rules that look at one record at a time: what they say about a record is
# about its file alone, so they need not run on files nobody asked about.
PER_RECORD: set[Rule] = set()


@_per_record
def id_matches_file_name(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
    stem = record.file.stem
    if record.activity.id != stem:
        # A file name that is no id ('AI skills') can only be fixed by renaming the file.
        fix = (f"set `id: {stem}` or rename the file to {record.activity.id}.yaml" if re.match(RECORD_ID, stem)
               else f"rename the file to {record.activity.id}.yaml")
        yield _at(record, ("id",), "R501", f"the id {record.activity.id!r} differs from the file name {stem!r}",
                  f"the id is the file name: {fix}")


def ids_unique(records: Sequence[LoadedRecord], context: RuleContext) -> Iterator[Diagnostic]:
    # Counted first: this rule runs over every record, and ids are rarely shared.
    counts = Counter(record.keys.id for record in records)
    shared = {record_id for record_id, count in counts.items() if count > 1}
    if not shared:
        return
    by_id: dict[str, list[LoadedRecord]] = defaultdict(list)
    for record in records:
        if record.keys.id in shared:
            by_id[record.keys.id].append(record)
    for record_id, holders in by_id.items():
        if len(holders) > 1:
            for record in holders:
                others = ", ".join(other.file.path for other in holders if other is not record)
                yield _at(record, ("id",), "R502", f"the id {record_id!r} is also used by {others}",
                          "each activity has one file; give the other activity its own id")


@_per_record
def reporter_matches_folder(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
    reporter = record.activity.reporter
    folder = record.file.folder_code
    if reporter == folder:
        return
    kind = "economy" if record.file.kind is ReporterKind.ECONOMY else "forum"
    yield _at(record, ("reporter",), "R503",
              f"the record says it is reported by {reporter}, but it is filed in the {kind} folder {folder}",
              f"records of {reporter} go in their own folder; a record of {folder} says `reporter: {folder}`")


@_per_record
def progress_years(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
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


@_per_record
def dates_consistent(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
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


@_per_record
def status_consistent(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
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


@_per_record
def actions_and_partners(record: LoadedRecord, context: RuleContext) -> Iterator[Diagnostic]:
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


def project_numbers(records: Sequence[LoadedRecord], context: RuleContext) -> Iterator[Diagnostic]:
    # Only the records' keys: this rule runs over every record of the
    # repository, even when a few files are asked about.
    by_number: dict[str, list[LoadedRecord]] = defaultdict(list)
    ids = {record.keys.id: record for record in records}
    for record in records:
        if record.keys.apec_project:
            by_number[record.keys.apec_project].append(record)
    for record in records:
        number = record.keys.apec_project
        for index, other_id in enumerate(record.keys.shares_project_with):
            other = ids.get(other_id)
            if number is None:
                # Two records without a number would otherwise "share" None.
                yield _at(record, ("shares_project_with", index), "R516",
                          f"the record shares a project with {other_id!r} but has no apec_project",
                          "add the APEC project number both records report, or remove shares_project_with")
            elif other is None or other.keys.apec_project != number:
                yield _at(record, ("shares_project_with", index), "R516",
                          f"{other_id!r} is not a record of the project {number}")
    for number, holders in by_number.items():
        if len(holders) < 2:
            continue
        for record in holders:
            for other in holders:
                if other is record or _say_same_project(record, other):
                    continue
                yield _at(record, ("apec_project",), "R510",
                          f"the project {number} is also claimed by {other.file.path}",
                          f"if both report the same project, add `shares_project_with: [{other.keys.id}]`")


def _say_same_project(first: LoadedRecord, second: LoadedRecord) -> bool:
    return second.keys.id in first.keys.shares_project_with or first.keys.id in second.keys.shares_project_with


RULES: tuple[Rule, ...] = (
    id_matches_file_name,
    ids_unique,
    reporter_matches_folder,
    progress_years,
    dates_consistent,
    status_consistent,
    actions_and_partners,
    project_numbers,
)


def check_records(
    records: Sequence[LoadedRecord], context: RuleContext, selected: Callable[[str], bool] | None = None
) -> list[Diagnostic]:
    """Every rule's diagnostics; with ``selected``, the per-record rules run only
    on the selected files (the rules across records still see every record)."""
    chosen = records if selected is None else [record for record in records if selected(record.file.path)]
    return [diagnostic for rule in RULES
            for diagnostic in rule(chosen if rule in PER_RECORD else records, context)]
