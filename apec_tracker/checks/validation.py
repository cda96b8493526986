"""Validation of a whole repository: files, records and the rules across them."""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from apec_tracker._speed import checked_tree
from apec_tracker._speed.cache import RecordCache
from apec_tracker._speed.checked_tree import CheckedTree
from apec_tracker.domain.diagnostics import Diagnostic, Summary, summarize
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import (
    LoadedRecord,
    LoadResult,
    RecordFile,
    RecordSource,
    WorkingTree,
    discover_changed,
    load_files,
)
from apec_tracker.checks.ownership import codeowners_diagnostics
from apec_tracker.domain.layout import Repository
from apec_tracker.checks.rules import RuleContext, check_records

if TYPE_CHECKING:
    from apec_tracker.git import ChangedFiles, HeadTreeKey

# A check given by the caller, run over every loaded record and the paths of all
# record files (the history's restatement checks: apec_tracker.checks.restatements).
ExtraCheck = Callable[[Sequence[LoadedRecord], set[str]], list[Diagnostic]]

# Problems that involve several records: reported wherever they are, even when
# only some files are reported on (`validate --changed-since`), since a change
# to one file can break a rule whose other party nobody touched.
CROSS_RECORD_CODES = frozenset({"R502", "R510", "R516", "H602"})


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
    only: Collection[str] | Callable[[], Collection[str]] | None = None,
    source: RecordSource | None = None,
    extra_checks: Sequence[ExtraCheck] = (),
    cross_record_everywhere: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[], None] | None = None,
    cache: RecordCache | None = None,
    changes: Callable[[], ChangedFiles] | None = None,
) -> ValidationResult:
    """Check every record file, then every rule across records.

    ``only`` (repository-relative paths of files or folders) limits what is
    reported to the files at or under them;
    the rules across records still see every record, since a duplicate id or
    project number involves files nobody named. Given as a function, it is
    called once the records are read (git can list changed files meanwhile).

    ``source`` is where the records are read from: the working tree by default,
    or a git revision (``apec_tracker.git.Snapshot``). ``cache`` spares
    unchanged files their parse and check (see apec_tracker._speed.cache).

    ``changes``: the record files changed since a commit, as git lists them
    (`validate --changed-since`). If the cache holds the checked tree of that
    commit (apec_tracker._speed.checked_tree), the other files are taken from it
    without being listed or looked up; a full run of the working tree at a
    clean commit leaves its checked tree in the cache.
    """
    if source is None:
        source = WorkingTree(repo)
    from_tree = None
    if changes is not None and cache is not None and isinstance(source, WorkingTree) and cache.has_checked_tree():
        # git's list of changes is waited for here only when a tree may stand on it.
        from_tree = _unchanged_from_checked_tree(repo, framework, cache, changes())
    head_tree = None
    if from_tree is not None:
        files, placement, known = from_tree
        blobs: dict[str, str] | None = {}
    else:
        known = {}
        if cache is not None and isinstance(source, WorkingTree):
            from apec_tracker.git import HeadTreeKey

            head_tree = HeadTreeKey(repo.root)  # asked of git while the files are loaded
        with ThreadPoolExecutor(max_workers=1) as git:
            # What git knows of the files is asked of git while the cache's index
            # is read and the folders are listed here: two processes, two cores.
            known_blobs = git.submit(source.known_blobs) if cache is not None else None
            if cache is not None:
                cache.read_index()
            files, placement = source.discover(framework)
            blobs = known_blobs.result() if known_blobs is not None else None
    # The git thread is over: loading may start a helper process (a fork), which
    # must not copy a thread's state.
    if on_start is not None:
        on_start(len(files))
    # A helper process may be started only once git's thread (the changed files) has ended.
    loaded = load_files(files, source, framework, on_file, cache, blobs, known, before_helper=changes)
    if cache is not None and from_tree is None and isinstance(source, WorkingTree):
        cache.saw_working_tree = True  # every file was looked up: it may drop what no file uses
    if head_tree is not None and cache is not None and blobs is not None:
        _keep_checked_tree(cache, head_tree, files, placement, blobs, loaded)
    diagnostics = placement + loaded.diagnostics
    if callable(only):
        only = only()
    selected = None if only is None else _selector(only)
    diagnostics += check_records(loaded.records, RuleContext(framework=framework, today=today), selected)
    if isinstance(source, WorkingTree):
        # CODEOWNERS is read from the working tree; at a past revision it says nothing.
        diagnostics += codeowners_diagnostics(repo, framework)
    record_paths = {record_file.path for record_file in files}
    for extra in extra_checks:
        diagnostics += extra(loaded.records, record_paths)
    paths = record_paths.union(d.path for d in placement)
    if selected is not None:
        diagnostics = [d for d in diagnostics if selected(d.path)
                       or (cross_record_everywhere and d.code in CROSS_RECORD_CODES)]
        paths = set(filter(selected, paths))
    return ValidationResult(diagnostics=sorted(diagnostics), records=loaded.records, files=len(paths))


def _keep_checked_tree(cache: RecordCache, head_tree: HeadTreeKey, files: list[RecordFile],
                       placement: list[Diagnostic], blobs: dict[str, str], loaded: LoadResult) -> None:
    """Keep what the files checked to as HEAD's checked tree, if they are HEAD's
    files, each one as git knows it."""
    key = head_tree.result()
    if key is None or not all(record_file.path in blobs for record_file in files) or cache.has_checked_tree(key):
        return
    cache.keep_checked_tree(key, CheckedTree(files, placement, [
        (record.blob, record.keys) if record is not None else tuple(problems)
        for record, problems in loaded.outcomes]))


def _unchanged_from_checked_tree(
    repo: Repository, framework: Framework, cache: RecordCache, changes: ChangedFiles,
) -> tuple[list[RecordFile], list[Diagnostic], dict[str, checked_tree.KeptOutcome]] | None:
    """The record files, placement problems and known outcomes of the working
    tree, from a checked tree of a commit it changed from (HEAD or the base)
    and the files changed since; None if the cache holds neither tree."""
    if any(folder.is_symlink() for folder in (repo.economies_dir, repo.fora_dir)):
        return None  # discovery reports the link; the tree would not
    found = next(((tree, changed) for key, changed in changes.trees
                  if (tree := cache.checked_tree(key)) is not None), None)
    if found is None:
        return None
    tree, changed = found
    files, placement, known = tree.unchanged(changed)
    changed_files, changed_placement = discover_changed(repo, framework, changed)
    for record_file in changed_files:  # a few, into thousands already in order
        insort(files, record_file, key=lambda f: checked_tree.discovery_order(f.path))
    return files, placement + changed_placement, known


def _selector(only: Collection[str]) -> Callable[[str], bool]:
    """Whether a path is one of ``only`` or under one of them; built once, since
    it is asked for every file of the repository."""
    if any(chosen in ("", ".") for chosen in only):
        return lambda path: True
    exact = frozenset(only)
    folders = tuple(chosen.rstrip("/") + "/" for chosen in only)
    return lambda path: path in exact or path.startswith(folders)
