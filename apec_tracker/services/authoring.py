"""Writing records: `tracker add-activity`, `tracker progress` and `tracker nil-return`."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from apec_tracker import git
from apec_tracker.authoring import form_answers, new_record, nil_return, progress_entry
from apec_tracker.authoring import user_input as answers
from apec_tracker.authoring.checking import FieldProblem, ids_in_use
from apec_tracker.authoring.fields import FIELDS, FIELDS_BY_NAME, PROGRESS_FIELDS_BY_NAME, FieldSpec
from apec_tracker.authoring.form_answers import AnswersRefused, Problem
from apec_tracker.authoring.forms import activity_form, progress_form
from apec_tracker.authoring.new_record import Draft, Planned, RecordRefused, describe_diagnostics, field_at
from apec_tracker.authoring.nil_return import PlannedReturn
from apec_tracker.authoring.progress_entry import (
    ClosingDate,
    IndicatorValue,
    Part,
    ProgressChange,
    RecordText,
    Updated,
)
from apec_tracker.domain.layout import nil_return_path
from apec_tracker.domain.record import Status
from apec_tracker.errors import SetupError, UsageError
from apec_tracker.services.context import Workspace, fact_store

__all__ = ["FIELDS", "FIELDS_BY_NAME", "PROGRESS_FIELDS_BY_NAME", "AnswersRefused", "ClosingDate", "Draft",
           "FieldProblem", "FieldSpec", "FileState", "IndicatorValue", "Part", "Planned", "PlannedReturn",
           "ProgressChange", "RecordRefused", "RecordText", "Status", "Updated", "answers", "describe_diagnostics",
           "field_at"]

FileState = git.FileState


def read_draft_file(ws: Workspace, path: Path) -> Draft:
    """A partly filled record for `add-activity --from`: YAML as records are
    written, or JSON (a file named .json), as another tool writes it."""
    from apec_tracker.reading import record_yaml

    try:
        raw = path.read_bytes()
        data = json.loads(raw) if path.suffix.lower() == ".json" else record_yaml.parse(record_yaml.decode(raw).text)
    except OSError as error:
        raise UsageError(f"--from {path}: cannot read it: {error.strerror or error}") from None
    except record_yaml.YamlProblem as problem:
        raise UsageError(f"--from {path}:{problem.line}:{problem.column}: {problem.message}") from None
    except ValueError as error:  # JSON that does not parse (UnicodeDecodeError is one too)
        raise UsageError(f"--from {path}: not JSON: {error}") from None
    try:
        return new_record.draft_from_file(data)
    except new_record.DraftError as error:
        raise UsageError(f"--from {path}: {error}") from None


def model_problems(ws: Workspace, draft: Draft) -> list[str]:
    return new_record.model_problems(draft, ws.framework)


def check_answer(ws: Workspace, draft: Draft, name: str, value: Any) -> None:
    """AnswerError if validation would refuse ``value`` for the field ``name`` of the draft."""
    new_record.check_answer(ws.framework, draft, name, value, ws.today)


def given_problems(ws: Workspace, draft: Draft) -> list[tuple[FieldSpec, FieldProblem]]:
    """What validation refuses in the fields the draft has before any question."""
    return new_record.given_problems(ws.framework, draft, ws.today)


def plan_activity(ws: Workspace, draft: Draft) -> Planned:
    """The record a draft would make, where it would go, and validation's verdict."""
    store = fact_store(ws, ws.framework)
    taken = ids_in_use(ws.repo, ws.framework, store)
    planned = new_record.plan(ws.repo, ws.framework, draft, today=ws.today,
                              record_id=new_record.choose_id(draft, taken, ws.today), store=store)
    store.save()
    if planned.verdict.errors:
        raise RecordRefused(planned.record_file.path, planned.verdict)
    return planned


def add_activity(ws: Workspace, draft: Draft, *, dry_run: bool = False) -> Planned:
    """Write the draft as a new record, never over another; RecordRefused (exit 1)
    if it would not pass validation."""
    store = fact_store(ws, ws.framework)
    try:
        planned = new_record.create(ws.repo, ws.framework, draft, today=ws.today, store=store, dry_run=dry_run)
    except OSError as error:
        raise SetupError(f"cannot write the record: {error.strerror or error}") from None
    store.save()
    return planned


def file_nil_return(ws: Workspace, year: int, reporter: str, note: str, *, day: date | None = None,
                    dry_run: bool = False) -> PlannedReturn:
    """Write a reporter's nil return for ``year`` (`tracker nil-return`): checked
    by validation before it is written, never over one already filed;
    NilReturnRefused (exit 1) if it would not pass validation."""
    period = ws.framework.period
    refused = period.not_a_year(year)
    if refused is not None:
        raise UsageError(refused)
    if year > ws.today.year:
        raise UsageError(f"{year} has not begun: a nil return for it can be filed once it has")
    day = day or ws.today
    relative = nil_return_path(year, reporter)
    if (ws.repo.root / relative).exists():
        raise nil_return.NilReturnExists(f"{relative} exists already: {reporter} has filed its nil return for "
                                         f"{year}; nothing was written")
    store = fact_store(ws, ws.framework)
    planned = nil_return.plan(ws.repo, ws.framework, reporter=reporter, year=year, note=note, day=day,
                              today=ws.today, store=store)
    store.save()
    if planned.verdict.errors or not dry_run:
        try:
            nil_return.create(planned)
        except OSError as error:
            raise SetupError(f"cannot write {relative}: {error.strerror or error}") from None
    return planned


def commit_file(ws: Workspace, path: Path, message: str) -> str:
    """Commit one file (and only it); its commit id."""
    try:
        return git.commit_file(ws.repo.root, path, message)
    except git.GitProblem as error:
        raise SetupError(f"the record was written but not committed: {error}") from None


def find_record_text(ws: Workspace, record_id: str) -> RecordText:
    return progress_entry.find_record(ws.repo, ws.framework, record_id)


def plan_progress(ws: Workspace, record: RecordText, change: ProgressChange) -> Updated:
    """The record's new text with one year's progress changed, and validation's verdict."""
    store = fact_store(ws, ws.framework)
    updated = progress_entry.apply(ws.framework, ws.repo, record, change, today=ws.today, store=store)
    store.save()
    return updated


def check_progress_answer(ws: Workspace, record: RecordText, before: ProgressChange | None, after: ProgressChange,
                          part: Part) -> None:
    """AnswerError if validation would refuse the record with ``after`` made
    for what the answer to ``part`` brings (``before``: the change without it)."""
    progress_entry.check_answer(ws.framework, record, before, after, part, today=ws.today)


def standard_narrative(closed_on: date) -> str:
    """What a new entry says when closing is all that is asked."""
    return progress_entry.standard_narrative(closed_on)


def closing_date(ws: Workspace, record: RecordText, year: int) -> ClosingDate:
    """The day an activity closed in ``year`` ended, when nobody says, and why that day."""
    return progress_entry.closing_date(record, year, ws.today)


def file_state(ws: Workspace, path: Path) -> FileState:
    """Where a record file stands with git: what shows a change to it."""
    return git.file_state(ws.repo.root, path)


def save_progress(updated: Updated) -> None:
    try:
        progress_entry.save(updated)
    except OSError as error:
        raise SetupError(f"cannot write {updated.record.record_file.path}: {error.strerror or error}") from None


# -- from a submitted issue form (`--from-issue`) -----------------------------------------

# GitHub keeps an issue's text to 65,536 characters; a file far larger is not one.
_MAX_ISSUE_BYTES = 1 << 20


def _issue_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_ISSUE_BYTES + 1)
    except OSError as error:
        raise UsageError(f"--from-issue {path}: cannot read it: {error.strerror or error}") from None
    if len(data) > _MAX_ISSUE_BYTES:
        raise UsageError(f"--from-issue {path}: larger than an issue can be ({_MAX_ISSUE_BYTES:,} bytes at most)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"--from-issue {path}: not UTF-8 text (byte {error.start + 1})") from None


def add_activity_from_issue(ws: Workspace, path: Path, *, dry_run: bool = False) -> Planned:
    """Write the record the answers of a submitted new-activity form make, as
    `add-activity` writes any record; AnswersRefused (exit 1) names each
    problem by the form's question."""
    draft = form_answers.activity_draft(_issue_text(path), ws.framework, ws.today)
    try:
        return add_activity(ws, draft, dry_run=dry_run)
    except new_record.RecordRefused as refused:
        form = activity_form(ws.framework)
        raise AnswersRefused(form_answers.problems_in_record(refused.verdict.errors, refused.text, form)) from None


@dataclass(frozen=True)
class ProgressFromIssue:
    updated: Updated
    change: ProgressChange
    warnings: tuple[str, ...]  # validation's warnings, named by the form's questions


def activity_warnings_from_issue(ws: Workspace, planned: Planned) -> list[str]:
    """The warnings on a record made from a new-activity form, each named by the
    form's question (as its problems are), for the contact who answered it."""
    form = activity_form(ws.framework)
    return [str(problem) for problem in form_answers.problems_in_record(planned.verdict.warnings, planned.text, form)]


def progress_from_issue(ws: Workspace, path: Path, record_id: str | None = None) -> ProgressFromIssue:
    """The change the answers of a submitted progress form make to their
    record, checked as `progress` checks any change; AnswersRefused (exit 1)
    names each problem by the form's question. ``record_id``, when given, must
    be the record the form names."""
    framework = ws.framework
    form = progress_form(framework)
    body = _issue_text(path)
    own: list[str] = []
    named = form_answers.answered_record_id(body, framework)
    # An unknown record is told below, after the answers' own problems.
    if named is not None:
        with contextlib.suppress(progress_entry.UpdateError):
            own = find_record_text(ws, named).own_indicator_names()
    given = form_answers.progress_answers(body, framework, ws.today, own)
    record_label = form.question("record_id").label
    if record_id is not None and record_id != given.record_id:
        raise UsageError(f"the issue is about the record {given.record_id}, not {record_id}")
    try:
        record = find_record_text(ws, given.record_id)
    except progress_entry.UpdateError as error:
        raise AnswersRefused([Problem(record_label, error.message)], "update the record") from None
    try:
        updated = plan_progress(ws, record, given.change)
    except progress_entry.UpdateError as error:
        raise AnswersRefused([Problem(None, error.message)], "update the record") from None
    if updated.verdict.errors:
        raise AnswersRefused(form_answers.problems_in_record(updated.verdict.errors, updated.text, form),
                             "update the record")
    warnings = tuple(str(problem) for problem in form_answers.problems_in_record(updated.verdict.warnings,
                                                                                  updated.text, form))
    return ProgressFromIssue(updated, given.change, warnings)
