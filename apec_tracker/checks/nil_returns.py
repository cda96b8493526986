"""Rules on nil returns: a nil return agrees with where it is filed, is not
dated ahead of today, and does not deny a progress entry of the same reporter
for the same year."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from apec_tracker.checks.registry import Finding, RuleContext, cross_record_rule, return_rule
from apec_tracker.reading.records import LoadedReturn, RecordFacts


@return_rule
def nil_return_matches_its_place(item: LoadedReturn, context: RuleContext) -> Iterator[Finding]:
    nil_return, file = item.nil_return, item.file
    if nil_return.reporter != file.code:
        yield Finding(file.path, ("reporter",), "R520",
                      f"the nil return says reporter {nil_return.reporter} but is filed as {file.code}.yaml",
                      f"a reporter's nil return is data/returns/<YEAR>/<CODE>.yaml: rename the file to "
                      f"{nil_return.reporter}.yaml, or correct the reporter")
    if nil_return.year != file.year:
        yield Finding(file.path, ("year",), "R520",
                      f"the nil return is for {nil_return.year} but is filed under {file.year}",
                      f"move it to data/returns/{nil_return.year}/, or correct the year")


@return_rule
def nil_return_not_ahead(item: LoadedReturn, context: RuleContext) -> Iterator[Finding]:
    nil_return, path = item.nil_return, item.file.path
    if nil_return.year > context.today.year:
        yield Finding(path, ("year",), "R507",
                      f"{nil_return.year} has not begun: nobody can say yet that it had nothing to report",
                      "file the nil return once the year has begun")
    if nil_return.date > context.today:
        yield Finding(path, ("date",), "R507", f"{nil_return.date} has not come yet",
                      "the date is the day the return was made: today or earlier")


@cross_record_rule(reads=("reporter", "progress_years"))
def nil_return_beside_progress(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
    """A reporter that says it has nothing for a year, yet reports progress for it."""
    if not context.returns:
        return
    wanted = {(item.nil_return.reporter, item.nil_return.year) for item in context.returns}
    reported: dict[tuple[str, int], list[str]] = {}
    for record in records:
        for year in record["progress_years"]:
            if (record["reporter"], year) in wanted:
                reported.setdefault((record["reporter"], year), []).append(record.file.stem)
    for item in context.returns:
        nil_return = item.nil_return
        ids = reported.get((nil_return.reporter, nil_return.year))
        if ids:
            count = f"{len(ids)} record{'s' if len(ids) != 1 else ''}"
            yield Finding(item.file.path, ("nothing_to_report",), "R519",
                          f"{nil_return.reporter} says it has nothing to report for {nil_return.year}, but "
                          f"reports {nil_return.year} progress in {count}: " + ", ".join(sorted(ids)),
                          "delete the nil return if there was something to report after all")
