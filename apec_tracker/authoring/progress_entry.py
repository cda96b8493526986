"""One year's progress in an existing record, changing only the lines that
must change: the user's comments, key order, quoting and blank lines stay.

The command line (cli/progress.py) gathers the change; this module applies it
to the file's text, checks the result as `tracker validate` would, and writes it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from apec_tracker.authoring import user_input as answers
from apec_tracker.authoring.atomic_files import write_text_atomically
from apec_tracker.authoring.checking import FieldProblem, Verdict, brought_by_answer, check_candidate, record_problems
from apec_tracker.authoring.document import set_field, set_progress
from apec_tracker.authoring.roundtrip import WRITTEN, detect_layout, dump_document, load_document
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import RECORD_SUFFIX, Repository
from apec_tracker.domain.record import NotADate, Status, calendar_date
from apec_tracker.errors import DataError, UsageError
from apec_tracker.reading import record_yaml
from apec_tracker.reading.placement import RecordFile, ReporterKind
from apec_tracker.reading.records import FactStore
from apec_tracker.reading.sources import UnreadableFile, read_file


class UpdateError(UsageError):
    """The change cannot be made; the message says why. Nothing was written."""


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's value for the year: a standard indicator (``id``) or one
    of the activity's own (``name``)."""

    value: float
    id: str | None = None
    name: str | None = None

    @property
    def key(self) -> str:
        return self.id if self.id is not None else str(self.name)


@dataclass(frozen=True)
class ProgressChange:
    year: int
    status: Status | None = None
    narrative: str | None = None
    highlight: str | None = None  # the year's highlight for the review's summary
    indicators: tuple[IndicatorValue, ...] = ()
    # Close the activity: status completed, and actual_end this date.
    closed_on: date | None = None


@dataclass(frozen=True)
class RecordText:
    """A record file as it is now, and what its progress says, for defaults."""

    record_file: RecordFile
    path: Path
    text: str  # as ruamel.yaml edits it: no byte-order mark, LF line breaks
    data: dict[str, Any]
    form: record_yaml.Text  # how the file writes it: its byte-order mark and line breaks, which a write keeps

    def entry(self, year: int) -> Mapping[str, Any] | None:
        return next((item for item in self._entries() if item.get("year") == year), None)

    def date_of(self, name: str) -> date | None:
        """The date a field holds, or None when it holds none (or no date)."""
        value = self.data.get(name)
        if isinstance(value, date):
            return value
        try:
            return calendar_date(value) if isinstance(value, str) else None
        except NotADate:
            return None

    def indicators_before(self, year: int) -> list[Mapping[str, Any]]:
        """The indicators of the latest entry before ``year``: what this year reports against."""
        earlier = [item for item in self._entries() if isinstance(item.get("year"), int) and item["year"] < year]
        if not earlier:
            return []
        latest = max(earlier, key=lambda item: item["year"])
        return [item for item in latest.get("indicators") or [] if indicator_key(item) is not None]

    def own_indicator_names(self) -> list[str]:
        """The names of the indicators of the activity's own (a name, no id) its entries give."""
        return sorted({str(item["name"]) for entry in self._entries() for item in entry.get("indicators") or []
                       if isinstance(item, Mapping) and item.get("id") is None and isinstance(item.get("name"), str)})

    def _entries(self) -> list[Mapping[str, Any]]:
        progress = self.data.get("progress")
        return [item for item in progress if isinstance(item, Mapping)] if isinstance(progress, list) else []


def indicator_key(item: object) -> str | None:
    """What tells an indicator of a record's text apart: its id, else its name
    (None for what is not an indicator at all)."""
    if not isinstance(item, Mapping):
        return None
    for field in ("id", "name"):
        if isinstance(item.get(field), str):
            return str(item[field])
    return None


@dataclass(frozen=True)
class Updated:
    record: RecordText
    text: str  # the new text, as ``record.text`` is
    verdict: Verdict
    layout_kept: bool
    new_entry: bool
    # The narrative written for a new entry no narrative was given for (closing alone).
    standard_narrative: str | None = None

    @property
    def written(self) -> str:
        """The new text as the file will hold it: with the old file's byte-order
        mark, line breaks and final line break, whatever ruamel.yaml wrote."""
        return in_form(self.text, self.record.form)

    @property
    def changed(self) -> bool:
        return self.text != self.record.text

    def diff(self) -> str:
        path = self.record.record_file.path
        return "".join(difflib.unified_diff(
            self.record.text.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}",
        ))


def find_record(repo: Repository, framework: Framework, record_id: str) -> RecordText:
    """The record whose file is ``<id>.yaml`` in an economy's, a forum's or a body's folder."""
    found: list[RecordFile] = []
    for kind, top in ((ReporterKind.ECONOMY, repo.economies_dir), (ReporterKind.FORUM, repo.fora_dir),
                      (ReporterKind.BODY, repo.bodies_dir)):
        for path in sorted(top.glob(f"*/{record_id}{RECORD_SUFFIX}")):
            found.append(RecordFile(path=repo.relative(path), kind=kind, folder_code=path.parent.name))
    if not found:
        import difflib

        # `tracker show` suggests the id meant; progress, which a contact runs more often, does too.
        known = sorted({record_id for record_id, _ in repo.record_ids()})
        close = difflib.get_close_matches(record_id, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UpdateError(f"no record has the id {record_id!r} (no data/economies/*/{record_id}.yaml, "
                          f"data/fora/*/{record_id}.yaml or data/bodies/*/{record_id}.yaml){hint}")
    if len(found) > 1:
        raise UpdateError(f"the id {record_id!r} is used by {' and '.join(f.path for f in found)}; "
                          "run `tracker validate` and give one of them another id")
    record_file = found[0]
    try:
        form = record_yaml.decode(read_file(repo.root, record_file.path))
        text = form.text
        data = record_yaml.parse(text)
    except UnreadableFile as error:
        raise UpdateError(f"{record_file.path}: {error.message}") from None
    except record_yaml.YamlProblem as problem:
        raise UpdateError(f"{record_file.path}:{problem.line}:{problem.column}: {problem.message}; "
                          "fix it first (`tracker validate` says how)") from None
    if not isinstance(data, dict):
        raise UpdateError(f"{record_file.path} does not hold a record")
    return RecordText(record_file, repo.root / record_file.path, text, data, form)


def apply(framework: Framework, repo: Repository, record: RecordText, change: ProgressChange, *,
          today: date, store: FactStore) -> Updated:
    """The record's new text with ``change`` made, and validation's verdict on it.

    A new entry needs a narrative; when the change only closes the activity,
    validation's need is met with a short standard one, which the result
    names so that the command can say so.
    """
    standard = None
    if record.entry(change.year) is None and not change.narrative:
        if change.closed_on is None:
            raise UpdateError(f"a new progress entry for {change.year} needs a narrative (--narrative): "
                              "what happened that year, in a few sentences")
        standard = standard_narrative(change.closed_on)
        change = replace(change, narrative=standard)
    edited = _edit(record, change)
    verdict = check_candidate(repo, framework, record.record_file, in_form(edited.text, record.form),
                              today=today, store=store)
    return Updated(record=record, text=edited.text, verdict=verdict, layout_kept=edited.layout_kept,
                   new_entry=edited.created, standard_narrative=standard)


def standard_narrative(closed_on: date) -> str:
    return f"The activity was completed on {closed_on.isoformat()}."


@dataclass(frozen=True)
class _Edited:
    text: str
    layout_kept: bool
    created: bool


def _edit(record: RecordText, change: ProgressChange) -> _Edited:
    """The record's text with ``change`` made, every other line as it was."""
    existing = record.entry(change.year)
    status = Status.COMPLETED if change.closed_on else change.status
    fields: dict[str, Any] = {}
    if existing is None:
        status = status or _record_status(record)
    if status is not None:
        fields["status"] = status
    if change.narrative:
        fields["narrative"] = change.narrative
    if change.highlight:
        fields["highlight"] = change.highlight

    carried = {indicator_key(item): item for item in record.indicators_before(change.year)}
    indicators = []
    for indicator in change.indicators:
        # A new year's entry reports against the targets of the year before.
        known = carried.get(indicator.key, {}) if existing is None else {}
        indicators.append({**{k: known.get(k) for k in ("unit", "baseline", "target")},
                           "id": indicator.id, "name": indicator.name, "value": indicator.value})

    layout = detect_layout(record.text)
    try:
        document = load_document(record.text)
    except record_yaml.YamlProblem as problem:
        raise UpdateError(f"{record.record_file.path}: {problem.message}") from None
    created = set_progress(document, change.year, fields, indicators)
    years: list[int] = [item["year"] for item in record._entries() if isinstance(item.get("year"), int)]
    if status is not None and all(change.year >= year for year in years):
        # The latest year's status is the record's status now.
        set_field(document, "status", status)
    if change.closed_on is not None:
        set_field(document, "actual_end", change.closed_on)
    text = dump_document(document, layout or WRITTEN)
    _only_what_was_asked(record, text, change.year, status_changed=status is not None,
                         end_changed=change.closed_on is not None)
    return _Edited(text, layout is not None, created)


# -- each answer checked as it is given ---------------------------------------------------


class Part(StrEnum):
    """A part of a progress change that is asked for on its own."""

    YEAR = "year"
    STATUS = "status"
    NARRATIVE = "narrative"
    INDICATORS = "indicators"
    END = "closed_on"


def check_answer(framework: Framework, record: RecordText, before: ProgressChange | None, after: ProgressChange,
                 part: Part, *, today: date) -> None:
    """Refuse at once an answer `tracker validate` would refuse, by its checks
    of one record: a year that has not begun (or lies after the activity's
    end), an end date before the start or still to come, ...

    ``before`` is the change without the answer (None: the record as it is),
    ``after`` with it; what is not answered yet is filled in as the command
    would fill it.
    """
    after_problems, index = _problems(framework, record, after, today)
    before_problems = (_problems(framework, record, before, today)[0] if before is not None
                       else record_problems(framework, record.record_file, record.data, today=today))
    entry: tuple[str | int, ...] = ("progress", index)
    places: dict[Part, list[tuple[str | int, ...]]] = {
        Part.YEAR: [(*entry, "year")],
        Part.STATUS: [(*entry, "status"), ("status",)],
        Part.NARRATIVE: [(*entry, "narrative")],
        Part.INDICATORS: [(*entry, "indicators")],
        Part.END: [("actual_end",), ("status",)],
    }
    refused = brought_by_answer(before_problems, after_problems, places[part])
    if refused:
        raise answers.AnswerError("; ".join(problem.told() for problem in refused))


def _problems(framework: Framework, record: RecordText, change: ProgressChange,
              today: date) -> tuple[list[FieldProblem], int]:
    if not change.narrative:
        change = replace(change, narrative="-")
    data = record_yaml.parse(_edit(record, change).text)
    entries = data.get("progress") if isinstance(data, dict) else None
    index = next((number for number, item in enumerate(entries or [])
                  if isinstance(item, Mapping) and item.get("year") == change.year), 0)
    return record_problems(framework, record.record_file, data, today=today), index


# -- the day an activity closed -----------------------------------------------------------


@dataclass(frozen=True)
class ClosingDate:
    day: date
    reason: str  # which day it is, in words: "the planned end", "the last day of 2025", "today"


def closing_date(record: RecordText, year: int, today: date) -> ClosingDate:
    """The day an activity closed in ``year`` most likely ended, when nobody says:
    its planned end if that falls in the year and has passed, else the last day
    of the year if that has passed, else today. Never a day after the year (the
    year's entry would come after the end) nor one still to come: a year that
    has not begun has no such day (UpdateError)."""
    if year > today.year:
        raise UpdateError(f"--close: {year} has not begun, so the activity cannot have ended in it; "
                          "close it with the year it ends in, once that day has come")
    planned_end = record.date_of("planned_end")
    if planned_end is not None and planned_end.year == year and planned_end <= today:
        return ClosingDate(planned_end, "the planned end")
    last_day = date(year, 12, 31)
    if last_day <= today:
        return ClosingDate(last_day, f"the last day of {year}")
    return ClosingDate(today, "today")


def _record_status(record: RecordText) -> Status | None:
    try:
        return Status(str(record.data.get("status")))
    except ValueError:
        return None


def save(updated: Updated) -> None:
    """Replace the record's file atomically: readers see the old file or the new one."""
    write_text_atomically(updated.record.path, updated.written, overwrite=True)


class UnsafeEdit(DataError):
    """The edit would change more of the file than was asked; nothing was written."""


def _only_what_was_asked(record: RecordText, text: str, year: int, *, status_changed: bool,
                         end_changed: bool) -> None:
    """Read the new text back with the validation reader: everything but the
    year's entry (and the status and end date, when they were asked to change)
    must mean what it meant before. ruamel.yaml writes the new text, and the
    two readers are held to agree (tests/test_yaml_agreement.py); this is the
    check that a write keeps that promise, file by file."""
    try:
        after = record_yaml.parse(text)
    except record_yaml.YamlProblem as problem:
        raise UnsafeEdit(f"{record.record_file.path}: the edited file would not read back "
                         f"({problem.code} at line {problem.line}: {problem.message}); nothing was written") from None
    before = record.data
    if not isinstance(after, dict):
        raise UnsafeEdit(f"{record.record_file.path}: the edited file would not hold a record; nothing was written")
    skipped = {"progress"} | ({"status"} if status_changed else set()) | ({"actual_end"} if end_changed else set())
    changed = sorted(key for key in before.keys() | after.keys()
                     if key not in skipped and before.get(key, _ABSENT) != after.get(key, _ABSENT))
    others_before = _other_entries(before, year)
    if others_before != _other_entries(after, year):
        changed.append(f"the progress entries of other years than {year}")
    if changed:
        raise UnsafeEdit(f"{record.record_file.path}: writing {year}'s entry would also change "
                         f"{', '.join(changed)}; nothing was written",)


_ABSENT = object()


def _other_entries(data: Mapping[str, Any], year: int) -> list[Any]:
    progress = data.get("progress")
    if progress is None:  # no progress yet: the first entry is the one being written
        return []
    if not isinstance(progress, list):
        return [progress]
    return [entry for entry in progress if not (isinstance(entry, Mapping) and entry.get("year") == year)]


def in_form(text: str, form: record_yaml.Text) -> str:
    """``text`` (LF line breaks, no byte-order mark) written as ``form`` writes its
    file: its line breaks, final line break and byte-order mark."""
    body = text.rstrip("\n") + ("\n" if form.final_newline else "")
    if form.newline == "\r\n":
        body = body.replace("\n", "\r\n")
    return ("\ufeff" if form.bom else "") + body

