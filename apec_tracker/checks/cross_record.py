"""Rules that look across records: what no single file can be judged on alone.

Each declares the fields it reads (see apec_tracker.checks.registry) and is
given every record's facts: the whole repository, even when only a few files
are reported on, since a change to one file can break a rule whose other party
nobody touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from apec_tracker.checks.registry import Finding, RuleContext, cross_record_rule
from apec_tracker.reading.records import RecordFacts


@cross_record_rule(reads=("id",))
def ids_unique(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
    by_id: dict[str, list[RecordFacts]] = defaultdict(list)
    for record in records:
        by_id[record["id"]].append(record)
    for record_id, holders in by_id.items():
        if len(holders) < 2:
            continue
        for record in holders:
            others = ", ".join(other.file.path for other in holders if other is not record)
            yield Finding(record.file.path, ("id",), "R502", f"the id {record_id!r} is also used by {others}",
                          "each activity has one file; give the other activity its own id")


@cross_record_rule(reads=("id", "apec_project", "shares_project_with"))
def project_numbers(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
    by_number: dict[str, list[RecordFacts]] = defaultdict(list)
    ids = {record["id"]: record for record in records}
    for record in records:
        if record["apec_project"]:
            by_number[record["apec_project"]].append(record)
    for record in records:
        number = record["apec_project"]
        for index, other_id in enumerate(record["shares_project_with"]):
            other = ids.get(other_id)
            if number is None:
                # Two records without a number would otherwise "share" None.
                yield Finding(record.file.path, ("shares_project_with", index), "R516",
                              f"the record shares a project with {other_id!r} but has no apec_project",
                              "add the APEC project number both records report, or remove shares_project_with")
            elif other is None or other["apec_project"] != number:
                yield Finding(record.file.path, ("shares_project_with", index), "R516",
                              f"{other_id!r} is not a record of the project {number}")
    for number, holders in by_number.items():
        if len(holders) < 2:
            continue
        for record in holders:
            for other in holders:
                if other is record or _say_same_project(record, other):
                    continue
                yield Finding(record.file.path, ("apec_project",), "R510",
                              f"the project {number} is also claimed by {other.file.path}",
                              f"if both report the same project, add `shares_project_with: [{other['id']}]`")


def _say_same_project(first: RecordFacts, second: RecordFacts) -> bool:
    return second["id"] in first["shares_project_with"] or first["id"] in second["shares_project_with"]


@cross_record_rule(reads=("reporter", "title", "planned_start", "actual_start"))
def same_title_and_year(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
    """Two records of one reporter, one title, one start year: most likely one
    activity added twice (the same `add-activity` run again), which every
    review would count twice."""
    by_activity: dict[tuple[str, str, str], list[RecordFacts]] = defaultdict(list)
    for record in records:
        start = record["actual_start"] or record["planned_start"]
        if start is None:
            continue
        title = " ".join(str(record["title"]).split()).casefold()
        by_activity[(record["reporter"], title, str(start)[:4])].append(record)
    for (reporter, _, year), holders in by_activity.items():
        if len(holders) < 2:
            continue
        for record in holders:
            others = [other.file.path for other in holders if other is not record]
            # One other named: a record copied a hundred times is not told a hundred names.
            said = (f"{others[0]} is also an activity" if len(others) == 1
                    else f"{others[0]} and {len(others) - 1} other record{'s' if len(others) > 2 else ''} are also "
                         "activities")
            yield Finding(record.file.path, ("title",), "R513",
                          f"{said} of {reporter} with this title, starting in {year}",
                          f"if it is the same activity, keep one of the {'two' if len(others) == 1 else 'records'}"
                          ": next year's progress goes in the same file; if not, give each a title that tells them "
                          "apart")
