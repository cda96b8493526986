"""A new record from answers: the id, the text tracker writes, and writing it
without ever taking another record's place. The fields people are asked for
are in apec_tracker.authoring.fields (FIELDS, re-exported here).

The command line (cli/add_activity.py) asks or reads options; everything it
then does with the answers is here.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from apec_tracker.authoring import user_input as answers
from apec_tracker.authoring.atomic_files import TargetExists, write_text_atomically
from apec_tracker.authoring.checking import (
    FieldProblem,
    Verdict,
    brought_by_answer,
    check_candidate,
    ids_in_use,
    record_problems,
)
from apec_tracker.authoring.document import new_document
from apec_tracker.authoring.fields import FIELDS as FIELDS  # re-exported: the fields of a new record
from apec_tracker.authoring.fields import FIELDS_BY_NAME as FIELDS_BY_NAME
from apec_tracker.authoring.fields import FieldSpec as FieldSpec
from apec_tracker.authoring.roundtrip import dump_document
from apec_tracker.domain.diagnostics import Diagnostic, Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import BODIES_DIR, ECONOMIES_DIR, FORA_DIR, RECORD_SUFFIX, Repository
from apec_tracker.domain.record import FIELD_ORDER, Activity
from apec_tracker.errors import DataError, UsageError
from apec_tracker.reading.placement import RecordFile, ReporterKind
from apec_tracker.reading.records import FactStore
from apec_tracker.reading.schema_problems import record_from


class DraftError(UsageError):
    """The answers cannot make a record; the message names the field or option."""


class RecordRefused(DataError):
    """The record would fail validation; nothing was written."""

    def __init__(self, path: str, verdict: Verdict, text: str = ""):
        # A problem with a value given as an option is named by the option (the
        # file was never written, so its lines are nowhere to be seen); any
        # other, by its place in the record that would have been written.
        lines = []
        for diagnostic in verdict.diagnostics:
            # R517 (no date, no progress) is shown at the status, but is about no one field.
            spec = field_at(diagnostic) if diagnostic.code != "R517" else None
            if spec is None:
                lines += describe_diagnostics([diagnostic])
            else:
                lines.append(f"{spec.option}: {diagnostic.message}"
                             + (f" ({diagnostic.hint})" if diagnostic.hint else ""))
        super().__init__(f"{path} would not pass validation; nothing was written:\n  " + "\n  ".join(lines))
        self.path = path
        self.verdict = verdict
        self.text = text  # the record refused, which the diagnostics' lines point into


@dataclass
class Draft:
    """Record values gathered so far, in record form, from a file, options and prompts."""

    values: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None  # only when the user gave one

    def get(self, name: str) -> Any:
        if name.startswith("funding."):
            return (self.values.get("funding") or {}).get(name.partition(".")[2])
        return self.values.get(name)

    def set(self, name: str, value: Any) -> None:
        if value is None or value == []:
            return
        if name.startswith("funding."):
            self.values.setdefault("funding", {})[name.partition(".")[2]] = value
        else:
            self.values[name] = value

    def unset(self, name: str) -> None:
        if name.startswith("funding."):
            funding = self.values.get("funding") or {}
            funding.pop(name.partition(".")[2], None)
            if not funding:
                self.values.pop("funding", None)
        else:
            self.values.pop(name, None)

    def copy(self) -> Draft:
        values = {name: dict(value) if isinstance(value, dict) else value for name, value in self.values.items()}
        return Draft(values, self.record_id)

    def has(self, name: str) -> bool:
        return self.get(name) not in (None, [], "")

    def missing(self) -> list[FieldSpec]:
        return [spec for spec in FIELDS if spec.required and not self.has(spec.name)]


def draft_from_file(data: Any) -> Draft:
    """A draft from a partly filled record (YAML or JSON, already parsed)."""
    if not isinstance(data, dict):
        raise DraftError("the file does not hold a mapping of record fields")
    unknown = [key for key in data if key not in FIELD_ORDER]
    if unknown:
        raise DraftError(f"the file has the unknown field {unknown[0]!r}; record fields are "
                         + ", ".join(FIELD_ORDER))
    draft = Draft()
    for key, value in data.items():
        if key == "id":
            draft.record_id = str(value)
        elif key == "actions" and isinstance(value, list):
            # The actions may be listed as bare codes: the first is the principal one.
            draft.values[key] = [{"code": item, "role": "principal" if index == 0 else "significant"}
                                 if isinstance(item, str) else item for index, item in enumerate(value)]
        elif value not in (None, []):
            draft.values[key] = value
    return draft


# -- the id ----------------------------------------------------------------------------

# An id is short enough to read, type and show beside a title in `tracker
# list`: the reporter, the year and the first words of the title, at most 40
# characters with the -2, -3 ... that keeps it unique.
MAX_ID_LENGTH = 40


def slug(title: str, limit: int = MAX_ID_LENGTH) -> str:
    """The title as lower-case ASCII words joined by hyphens, cut at a word to
    at most ``limit`` characters (a first word longer than that is cut)."""
    # Punctuation separates words (l’IA is two); accents fall away (é is e).
    spaced = "".join(" " if unicodedata.category(char)[0] in "PSZ" else char for char in title)
    ascii_title = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            # A title cut short does not end on "on" or "the".
            while len(kept) > 1 and kept[-1] in _SMALL_WORDS:
                kept.pop()
            break
        kept.append(word[:limit])
    return "-".join(kept) or "activity"


_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                          "with"})


def base_id(reporter: str, year: int, title: str) -> str:
    prefix = f"{reporter.lower()}-{year}-"
    return prefix + slug(title, MAX_ID_LENGTH - len(prefix))


def free_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever is not taken, the base
    cut at a word where the number would make it longer than MAX_ID_LENGTH."""
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = _cut(base, MAX_ID_LENGTH - len(suffix)) + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    at_word = text[:limit + 1].rpartition("-")[0]
    # Keep a word of the title at least: reporter-year-word.
    return at_word if at_word.count("-") >= 2 else text[:limit].rstrip("-")


def id_year(values: Mapping[str, Any], today: date) -> int:
    """The year in the id: when the activity starts, or this year."""
    for name in ("actual_start", "planned_start"):
        value = values.get(name)
        if isinstance(value, date):
            return value.year
        if isinstance(value, str) and re.match(r"^\d{4}-", value):
            return int(value[:4])
    return today.year


# -- the record and its file -------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A record ready to be written: where, what, and what validation said."""

    record_file: RecordFile
    path: Path
    activity: Activity
    text: str
    verdict: Verdict


def record_file_for(repo: Repository, framework: Framework, reporter: str, record_id: str) -> RecordFile:
    kind = ReporterKind.of(reporter, framework) or ReporterKind.FORUM
    folder = {ReporterKind.ECONOMY: repo.economies_dir, ReporterKind.FORUM: repo.fora_dir,
              ReporterKind.BODY: repo.bodies_dir}[kind]
    return RecordFile(path=repo.relative(folder / reporter / f"{record_id}{RECORD_SUFFIX}"), kind=kind,
                      folder_code=reporter)


def model_problems(draft: Draft, framework: Framework) -> list[str]:
    """The record model's complaints about the draft, one line each, naming the field."""
    _, problems = record_from({"id": "placeholder-id", **draft.values}, framework)
    return [problem.message + (f" ({problem.hint})" if problem.hint else "") for problem in problems]


def plan(
    repo: Repository, framework: Framework, draft: Draft, *, today: date, record_id: str, store: FactStore
) -> Planned:
    """The record's text and where it goes, checked as `tracker validate` would."""
    activity = Activity.model_validate({"id": record_id, **draft.values})
    record_file = record_file_for(repo, framework, activity.reporter, record_id)
    path = repo.root / record_file.path
    schema_path = Path(os.path.relpath(repo.schema_file, path.parent)).as_posix()
    record = activity.model_dump(mode="python", exclude_defaults=True)
    text = dump_document(new_document(record, schema_path))
    verdict = check_candidate(repo, framework, record_file, text, today=today, store=store)
    return Planned(record_file, path, activity, text, verdict)


def choose_id(draft: Draft, taken: set[str], today: date) -> str:
    if draft.record_id is not None:
        return draft.record_id
    return free_id(base_id(draft.values["reporter"], id_year(draft.values, today), draft.values["title"]), taken)


_ATTEMPTS = 50


def create(repo: Repository, framework: Framework, draft: Draft, *, today: date, store: FactStore,
           dry_run: bool = False) -> Planned:
    """Write the draft as a new record and return what was written.

    The id is the first free one; should another run write a record of that id
    between our check and our write, the link()-based write refuses to replace
    it and the next id is tried. A record that would fail validation raises
    RecordRefused and nothing is written.
    """
    tried: set[str] = set()
    for _ in range(_ATTEMPTS):
        record_id = choose_id(draft, ids_in_use(repo, framework, store) | tried, today)
        tried.add(record_id)
        planned = plan(repo, framework, draft, today=today, record_id=record_id, store=store)
        if planned.verdict.errors:
            raise RecordRefused(planned.record_file.path, planned.verdict, planned.text)
        if dry_run:
            return planned
        try:
            write_text_atomically(planned.path, planned.text, overwrite=False)
        except TargetExists:
            if draft.record_id is not None:
                raise DraftError(f"a record with the id {draft.record_id} already exists at "
                                 f"{planned.record_file.path}") from None
            continue
        return planned
    raise DraftError("could not find a free id for the record; try again")


def describe_diagnostics(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" + (f" ({d.hint})" if d.hint else "")
            for d in diagnostics]


# -- each answer checked as it is given ---------------------------------------------------


def check_answer(framework: Framework, draft: Draft, name: str, value: Any, today: date) -> None:
    """Refuse at once an answer `tracker validate` would refuse, by its checks
    of one record run on the answers so far: dates out of order, an actual date
    still to come, a status the dates contradict."""
    refused = answer_problems(framework, draft, name, value, today)
    if refused:
        raise answers.AnswerError("; ".join(problem.told() for problem in refused))


def answer_problems(framework: Framework, draft: Draft, name: str, value: Any, today: date) -> list[FieldProblem]:
    """The errors validation's checks of one record find that the answer
    ``value`` for the field ``name`` brings to the draft."""
    trial = draft.copy()
    trial.unset(name)
    before = _problems(framework, trial, today)
    trial.set(name, value)
    return brought_by_answer(before, _problems(framework, trial, today), [_place(name)])


def given_problems(framework: Framework, draft: Draft, today: date) -> list[tuple[FieldSpec, FieldProblem]]:
    """The errors validation finds in the fields a draft already has (from
    options or a file), each with its field: said before any question is asked."""
    found = []
    for problem in _problems(framework, draft, today):
        spec = _field_at(problem.where)
        if problem.severity is Severity.ERROR and spec is not None and draft.has(spec.name):
            found.append((spec, problem))
    return found


def field_at(diagnostic: Diagnostic) -> FieldSpec | None:
    """The field a diagnostic of the new record is about, if it is one people are asked for."""
    return _field_at(diagnostic.where)


def _field_at(where: tuple[str | int, ...]) -> FieldSpec | None:
    if not where:
        return None
    if where[0] == "funding" and len(where) > 1:
        return FIELDS_BY_NAME.get(f"funding.{where[1]}")
    return FIELDS_BY_NAME.get(str(where[0]))


def _place(name: str) -> tuple[str, ...]:
    return tuple(name.split("."))


def _problems(framework: Framework, draft: Draft, today: date) -> list[FieldProblem]:
    # Fields not answered yet are filled with values validation accepts, so
    # that what it says is about the answers alone.
    values: dict[str, Any] = {
        "reporter": next(iter(framework.economies)),
        "title": "-",
        "summary": "-",
        "actions": [{"code": next(iter(framework.actions)), "role": "principal"}],
        "activity_type": next(iter(framework.activity_types)),
        "status": "planned",
        **draft.values,
    }
    reporter = str(values["reporter"])
    record_id = draft.record_id or f"{reporter.lower()}-answers"
    values["id"] = record_id
    kind = ReporterKind.of(reporter, framework) or ReporterKind.ECONOMY
    folder = {ReporterKind.ECONOMY: ECONOMIES_DIR, ReporterKind.FORUM: FORA_DIR, ReporterKind.BODY: BODIES_DIR}[kind]
    record_file = RecordFile(path=f"{folder.as_posix()}/{reporter}/{record_id}{RECORD_SUFFIX}", kind=kind,
                             folder_code=reporter)
    return record_problems(framework, record_file, values, today=today)
