"""Validation of a whole repository: files, records and the rules across them."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from apec_tracker.cache import RecordCache
from apec_tracker.diagnostics import Diagnostic, Summary, summarize
from apec_tracker.framework import Framework
from apec_tracker.load import LoadedRecord, discover, load_files, read_record_bytes
from apec_tracker.repo import Repository
from apec_tracker.rules import RuleContext, check_records


@dataclass(frozen=True)
class ValidationResult:
    diagnostics: list[Diagnostic]
    records: list[LoadedRecord]
    files: int

    @property
    def summary(self) -> Summary:
        return summarize(self.diagnostics, self.files)


def validate_repository(
    repo: Repository,
    framework: Framework,
    *,
    today: date,
    only: Collection[str] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[], None] | None = None,
    cache: RecordCache | None = None,
) -> ValidationResult:
    """Check every record file, then every rule across records.

    ``only`` (repository-relative paths of files or folders) limits what is
    reported to the files at or under them;
    the rules across records still see every record, since a duplicate id or
    project number involves files nobody named. ``cache`` spares unchanged
    files their parse and check (see apec_tracker.cache).
    """
    files, placement = discover(repo, framework)
    if on_start is not None:
        on_start(len(files))
    loaded = load_files(files, lambda path: read_record_bytes(repo, path), framework, on_file, cache)
    diagnostics = placement + loaded.diagnostics
    selected = None if only is None else _selector(only)
    diagnostics += check_records(loaded.records, RuleContext(framework=framework, today=today), selected)
    paths = {record_file.path for record_file in files} | {d.path for d in placement}
    if selected is not None:
        diagnostics = [d for d in diagnostics if selected(d.path)]
        paths = {path for path in paths if selected(path)}
    return ValidationResult(diagnostics=sorted(diagnostics), records=loaded.records, files=len(paths))


def _selected(path: str, only: Collection[str]) -> bool:
    return _selector(only)(path)


def _selector(only: Collection[str]) -> Callable[[str], bool]:
    """Whether a path is one of ``only`` or under one of them; built once, since
    it is asked for every file of the repository."""
    if any(chosen in ("", ".") for chosen in only):
        return lambda path: True
    exact = frozenset(only)
    folders = tuple(chosen.rstrip("/") + "/" for chosen in only)
    return lambda path: path in exact or path.startswith(folders)
