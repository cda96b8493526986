"""A record checked before it is written, by `tracker validate` itself: the
repository is validated as it would be with the new text in place, and what
validation says of that one file is the verdict. A record that would fail is
never written; its warnings are shown before anything is.

Each answer at a prompt is checked as it is given, by the same checks on one
record (the record model, its codes, the rules on one record): an answer
validation would refuse is refused at once and asked again, and the answers
given before it stay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from apec_tracker.checks.registry import RuleContext, facts_fields, record_findings
from apec_tracker.checks.validation import validate_repository
from apec_tracker.domain.diagnostics import CHECKS, Diagnostic, Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.placement import Entry, EntryKind, RecordFile
from apec_tracker.reading.records import FactStore, LoadedRecord, read_records
from apec_tracker.reading.schema_problems import record_from
from apec_tracker.reading.sources import WorkingTree


@dataclass(frozen=True)
class Verdict:
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


@dataclass(frozen=True)
class _WithCandidate:
    """The working tree as it would be with ``path`` holding ``data``."""

    tree: WorkingTree
    path: str
    data: bytes

    @property
    def label(self) -> str:
        return self.tree.label

    def entries(self) -> list[Entry]:
        return [*(entry for entry in self.tree.entries() if entry.path != self.path), Entry(self.path, EntryKind.FILE)]

    def read(self, path: str) -> bytes:
        return self.data if path == self.path else self.tree.read(path)

    def blob_of(self, path: str) -> str | None:
        return None


def check_candidate(repo: Repository, framework: Framework, record_file: RecordFile, text: str, *,
                    today: date, store: FactStore) -> Verdict:
    """What `tracker validate` would report about ``record_file`` if it held ``text``."""
    return check_file_candidate(repo, framework, record_file.path, text, today=today, store=store)


def check_file_candidate(repo: Repository, framework: Framework, path: str, text: str, *, today: date,
                         store: FactStore) -> Verdict:
    """What `tracker validate` would report about the file at ``path`` (a record
    or a nil return, relative to the repository) if it held ``text``."""
    source = _WithCandidate(WorkingTree(repo), path, text.encode("utf-8"))
    result = validate_repository(repo, framework, source, today=today, report_on=[path], store=store)
    return Verdict(result.diagnostics)


def ids_in_use(repo: Repository, framework: Framework, store: FactStore) -> set[str]:
    """Every id a record holds or a record file's name claims, readable or not."""
    read = read_records(WorkingTree(repo), framework, facts_fields=facts_fields(), whole=lambda path: False,
                        store=store)
    return {facts["id"] for facts in read.facts} | {record_file.stem for record_file in read.files}


# -- one record, checked while it is being written ------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    """What validation says of a record's data, at a place in it (keys and indices)."""

    code: str
    where: tuple[str | int, ...]
    message: str
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        return CHECKS[self.code].severity

    def told(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def record_problems(framework: Framework, record_file: RecordFile, data: Mapping[str, Any], *,
                    today: date) -> list[FieldProblem]:
    """What `tracker validate` says of ``data`` as the record in ``record_file``,
    by the checks of one record alone (no other file is read)."""
    activity, described = record_from(dict(data), framework)
    if activity is None:
        return [FieldProblem(problem.code, problem.loc, problem.message, problem.hint) for problem in described]
    findings = record_findings(LoadedRecord(record_file, "", activity), RuleContext(framework=framework, today=today))
    return [FieldProblem(finding.code, finding.where, finding.message, finding.hint) for finding in findings]


def brought_by_answer(before: Sequence[FieldProblem], after: Sequence[FieldProblem],
                      places: Sequence[tuple[str | int, ...]]) -> list[FieldProblem]:
    """The errors an answer brings: those at the places it fills, and those it
    makes appear anywhere else (an end date that leaves a progress entry after
    the end). Errors that were there before it are not its doing."""
    known = {(problem.code, problem.message) for problem in before}
    return [problem for problem in after if problem.severity is Severity.ERROR
            and (any(problem.where[:len(place)] == place for place in places)
                 or (problem.code, problem.message) not in known)]
