"""A new nil return: its text, checked by validation itself before it is
written, and written without ever taking another file's place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from apec_tracker.authoring.atomic_files import TargetExists, write_text_atomically
from apec_tracker.authoring.checking import Verdict, check_file_candidate
from apec_tracker.authoring.document import new_small_document
from apec_tracker.authoring.roundtrip import dump_document
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import Repository, nil_return_path
from apec_tracker.domain.nil_return import NIL_RETURN_FIELDS, NilReturn
from apec_tracker.errors import DataError, UsageError
from apec_tracker.reading.records import FactStore
from apec_tracker.reading.schema_problems import nil_return_from


class NilReturnRefused(DataError):
    """The nil return would fail validation; nothing was written."""

    def __init__(self, path: str, verdict: Verdict):
        lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" + (f" ({d.hint})" if d.hint else "")
                 for d in verdict.errors]
        super().__init__(f"{path} would not pass validation; nothing was written:\n  " + "\n  ".join(lines))
        self.verdict = verdict


class NilReturnExists(UsageError):
    """The reporter has filed a nil return for the year already."""


@dataclass(frozen=True)
class PlannedReturn:
    """A nil return ready to be written: where, what, and what validation said."""

    relative: str
    path: Path
    nil_return: NilReturn
    text: str
    verdict: Verdict


def plan(repo: Repository, framework: Framework, *, reporter: str, year: int, note: str, day: date, today: date,
         store: FactStore) -> PlannedReturn:
    """The nil return's text and place, checked as `tracker validate` would
    check it there; UsageError if the values cannot make one."""
    values = {"reporter": reporter, "year": year, "nothing_to_report": True, "note": note, "date": day}
    nil_return, problems = nil_return_from(values, framework)
    if nil_return is None:
        raise UsageError("the nil return would not be valid: " + "; ".join(
            problem.message + (f" ({problem.hint})" if problem.hint else "") for problem in problems))
    relative = nil_return_path(year, reporter)
    comment = (f"A nil return: {framework.reporter_name(reporter)} has nothing to report under the APEC AI "
               f"Initiative for {year}.\nWritten by `tracker nil-return`; see docs/reporting-cycle.md.")
    text = dump_document(new_small_document(nil_return.model_dump(mode="python"), NIL_RETURN_FIELDS, comment))
    verdict = check_file_candidate(repo, framework, relative, text, today=today, store=store)
    return PlannedReturn(relative, repo.root / relative, nil_return, text, verdict)


def create(planned: PlannedReturn) -> None:
    """Write the planned nil return, never over a file already there."""
    if planned.verdict.errors:
        raise NilReturnRefused(planned.relative, planned.verdict)
    try:
        write_text_atomically(planned.path, planned.text, overwrite=False)
    except TargetExists:
        raise NilReturnExists(f"{planned.relative} exists already: {planned.nil_return.reporter} has filed its nil "
                              f"return for {planned.nil_return.year}; nothing was written") from None
