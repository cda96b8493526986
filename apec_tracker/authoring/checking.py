"""A record checked before it is written, with exactly the checks `tracker
validate` runs: the record model, then every rule across records with the
candidate in place of (or beside) what the repository holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apec_tracker.domain.diagnostics import CHECKS, Diagnostic, Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import LoadedRecord, RecordFile, WorkingTree, load_files
from apec_tracker.domain.layout import Repository
from apec_tracker.checks.rules import RuleContext, check_records


@dataclass(frozen=True)
class Snapshot:
    """The records a repository holds now, as validation reads them."""

    files: list[RecordFile]
    records: list[LoadedRecord]

    @property
    def ids(self) -> set[str]:
        """Every id in use or claimed by a file name, readable or not."""
        return {record.keys.id for record in self.records} | {file.stem for file in self.files}


def snapshot(repo: Repository, framework: Framework) -> Snapshot:
    tree = WorkingTree(repo)
    files, _ = tree.discover(framework)
    loaded = load_files(files, tree, framework)
    return Snapshot(files=files, records=loaded.records)


@dataclass(frozen=True)
class _Unwritten:
    """The candidate as a record source of one file that is not on disk yet."""

    record_file: RecordFile
    text: str

    def discover(self, framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]:
        return [self.record_file], []

    def read(self, path: str) -> bytes:
        return self.text.encode("utf-8")

    def known_blobs(self) -> dict[str, str]:
        return {}


@dataclass(frozen=True)
class Verdict:
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if _severity(d) is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if _severity(d) is Severity.WARNING]


def _severity(diagnostic: Diagnostic) -> Severity:
    check = CHECKS.get(diagnostic.code)
    return check.severity if check else Severity.ERROR


def check_candidate(
    current: Snapshot, framework: Framework, record_file: RecordFile, text: str, *, today: date
) -> Verdict:
    """What `tracker validate` would report about ``record_file`` if it held ``text``.

    Problems of other records are not the candidate's: only diagnostics on its
    own path are returned (a duplicate id is reported on both files).
    """
    loaded = load_files([record_file], _Unwritten(record_file, text), framework)
    others = [record for record in current.records if record.file.path != record_file.path]
    rules = check_records([*others, *loaded.records], RuleContext(framework=framework, today=today))
    mine = loaded.diagnostics + [d for d in rules if d.path == record_file.path]
    return Verdict(sorted(mine))
