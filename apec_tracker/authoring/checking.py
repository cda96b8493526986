"""A record checked before it is written, by `tracker validate` itself: the
repository is validated as it would be with the new text in place, and what
validation says of that one file is the verdict. A record that would fail is
never written; its warnings are shown before anything is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apec_tracker.checks.registry import facts_fields
from apec_tracker.checks.validation import validate_repository
from apec_tracker.domain.diagnostics import Diagnostic, Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.placement import Entry, EntryKind, RecordFile
from apec_tracker.reading.records import FactStore, read_records
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
