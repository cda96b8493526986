"""Files to records: find every file under the record folders, read it safely,
parse it and check it against the record model.

Nothing here raises for a bad file: each problem becomes a diagnostic and the
next file is read, so one broken record never hides another.
"""

from __future__ import annotations

import gc
import operator
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, ValidationError

from apec_tracker._speed import checked_tree
from apec_tracker.reading import syntax
from apec_tracker._speed.cache import CachedRecord, RecordCache, blob_id
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.errors import RecordChanged
from apec_tracker.domain.framework import Framework
from apec_tracker._speed.helper import Helper
from apec_tracker.domain.record import Activity, RecordKeys
from apec_tracker.domain.layout import ECONOMIES_DIR, FORA_DIR, Repository

MAX_RECORD_BYTES = 1024 * 1024
RECORD_SUFFIX = ".yaml"
# Git keeps no empty folders; a .gitkeep file is how a new reporter's folder
# exists before its first record. It is the one file validation passes over.
PLACEHOLDER = ".gitkeep"


class ReporterKind(StrEnum):
    ECONOMY = "economy"
    FORUM = "forum"


class RecordFile(NamedTuple):
    """A file that sits where a record belongs: ``<kind folder>/<code>/<id>.yaml``.

    A named tuple, not a frozen dataclass: one is made for every file of the
    repository, and a tuple is made three times as fast."""

    path: str  # relative to the repository root, with forward slashes
    kind: ReporterKind
    folder_code: str

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(RECORD_SUFFIX)


class LoadedRecord:
    """A record file that checked to an activity.

    Its ``keys`` (what the rules across records compare) and its git ``blob`` id
    are at hand at once; the activity itself, when the record comes from the
    cache, and the file's text, which only the position of a problem needs,
    are loaded when first asked for. `validate --changed-since` on 50,000
    records so loads the few that changed, and a report does not keep every
    file's text.
    """

    __slots__ = ("_activity", "_load", "_read", "blob", "file", "keys")

    def __init__(self, file: RecordFile, blob: str, keys: RecordKeys, *, activity: Activity | None = None,
                 load: Callable[[], Activity] | None = None, read: Callable[[str], bytes]):
        self.file = file
        self.blob = blob
        self.keys = keys
        self._activity = activity
        self._load = load
        self._read = read

    @property
    def activity(self) -> Activity:
        if self._activity is None:
            assert self._load is not None, "a record has its activity or a way to load it"
            self._activity = self._load()
            self._load = None
        return self._activity

    @property
    def text(self) -> str:
        """The file's text, read again (the record's bytes are not kept)."""
        return syntax.decode(self._read(self.file.path))

    def position(self, path: tuple[str | int, ...], *, key: bool = False) -> syntax.Position:
        try:
            text = self.text
        except (UnreadableFile, syntax.YamlProblem):  # gone or changed since it was checked
            return syntax.Position(1, 1)
        return syntax.locate(text, path, key=key) or syntax.Position(1, 1)


# What a file loads to: its record, or None and the diagnostics that stopped it.
Outcome = tuple[LoadedRecord | None, Sequence[Diagnostic]]


@dataclass
class LoadResult:
    records: list[LoadedRecord] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    outcomes: list[Outcome] = field(default_factory=list)  # one a file, in the order given


# -- where records live --------------------------------------------------------


def discover(repo: Repository, framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]:
    """Every record file under data/economies/ and data/fora/, and a diagnostic
    for each entry that is not where a record can be."""
    files: list[RecordFile] = []
    problems: list[Diagnostic] = []
    for kind, top, known in (
        (ReporterKind.ECONOMY, repo.economies_dir, framework.economies),
        (ReporterKind.FORUM, repo.fora_dir, framework.fora),
    ):
        if not top.is_dir():
            continue
        if not top.resolve().is_relative_to(repo.root.resolve()):
            # data/ or data/economies/ linked elsewhere: its files are not the
            # repository's, and reading them would leave it.
            problems.append(_file_diagnostic(
                repo.relative(top), "F106", "this folder is a link to a place outside the repository",
                "keep the records in the repository itself",
            ))
            continue
        for entry in _sorted_entries(top):
            rel = repo.relative(Path(entry.path))
            if entry.is_symlink():
                problems.append(_file_diagnostic(
                    rel, "F106", f"{entry.name} is a link, not a folder or a record",
                    "keep reporters' folders and records as real folders and files",
                ))
                continue
            if not entry.is_dir(follow_symlinks=False):
                if entry.name != PLACEHOLDER:
                    problems.append(_file_diagnostic(
                        rel, "F103", f"{entry.name} is not inside an economy's or a forum's folder",
                        f"move it to {repo.relative(top)}/<CODE>/",
                    ))
                continue
            if entry.name not in known:
                problems.append(_unknown_folder(rel, kind, entry.name, framework))
                continue
            code = entry.name
            for record_entry in _sorted_entries(Path(entry.path)):
                name = record_entry.name
                # Joined as strings: pathlib would cost a second per 50,000 files.
                if name.endswith(RECORD_SUFFIX) and not record_entry.is_dir(follow_symlinks=False):
                    files.append(RecordFile(f"{rel}/{name}", kind, code))  # the common case, first
                    continue
                files_or_problem = _classify(f"{rel}/{name}", record_entry, kind, code)
                if isinstance(files_or_problem, RecordFile):
                    files.append(files_or_problem)
                elif files_or_problem is not None:
                    problems.append(files_or_problem)
    return files, problems


def _sorted_entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=_name)


_name = operator.attrgetter("name")


def _unknown_folder(rel: str, kind: ReporterKind, name: str, framework: Framework) -> Diagnostic:
    if kind is ReporterKind.ECONOMY:
        return _file_diagnostic(rel, "F104", f"{name!r} is not an economy code", framework.economy_hint(name))
    return _file_diagnostic(
        rel, "F105", f"{name!r} is not a forum code",
        framework.forum_hint(name) + "; a new forum is added in data/reference/fora.yaml",
    )


def _classify(rel: str, entry: os.DirEntry[str], kind: ReporterKind, code: str) -> RecordFile | Diagnostic | None:
    return _classify_name(rel, entry.name, entry.is_dir(follow_symlinks=False), kind, code)


def _classify_name(rel: str, name: str, is_dir: bool, kind: ReporterKind, code: str) -> RecordFile | Diagnostic | None:
    """What an entry of a reporter's folder is, from its name alone: a record,
    nothing to check (the placeholder), or a misplaced file or folder."""
    if name == PLACEHOLDER:
        return None
    if is_dir:
        return _file_diagnostic(
            rel, "F103" if not name.endswith(RECORD_SUFFIX) else "F106",
            f"{name} is a folder; records sit directly in the reporter's folder",
            "move the records it holds up one level",
        )
    if name.endswith(".yml"):
        return _file_diagnostic(rel, "F101", f"{name} has the extension .yml",
                                f"rename it to {name[:-4]}{RECORD_SUFFIX}")
    if not name.endswith(RECORD_SUFFIX):
        return _file_diagnostic(rel, "F102", f"{name} is not a record: only {RECORD_SUFFIX} files belong here",
                                "move it out of data/, or rename it if it is a record")
    return RecordFile(path=rel, kind=kind, folder_code=code)


def discover_changed(repo: Repository, framework: Framework,
                     paths: Iterable[str]) -> tuple[list[RecordFile], list[Diagnostic]]:
    """What :func:`discover` finds of the given paths (files that git lists as
    changed; a path no longer there is passed over), looking at those entries
    alone: each is judged by what is on disk, as discover() judges it."""
    tops = ((ReporterKind.ECONOMY, ECONOMIES_DIR.as_posix(), framework.economies),
            (ReporterKind.FORUM, FORA_DIR.as_posix(), framework.fora))
    files: list[RecordFile] = []
    problems: dict[tuple[str, str], Diagnostic] = {}  # each entry's problem once
    for path in sorted(set(paths)):
        found = next((t for t in tops if path.startswith(t[1] + "/")), None)
        if found is None:
            continue
        kind, top, known = found
        parts = path[len(top) + 1:].split("/")
        folder = f"{top}/{parts[0]}"
        if len(parts) == 1 and os.path.isdir(repo.root / folder) and not os.path.islink(repo.root / folder):
            continue  # a folder git lists as one entry (a submodule): not a record
        try:
            folder_mode = os.lstat(repo.root / folder).st_mode
        except OSError:
            continue  # gone
        if stat.S_ISLNK(folder_mode):
            problem: Diagnostic | RecordFile | None = _file_diagnostic(
                folder, "F106", f"{parts[0]} is a link, not a folder or a record",
                "keep reporters' folders and records as real folders and files")
        elif not stat.S_ISDIR(folder_mode):
            problem = None if parts[0] == PLACEHOLDER else _file_diagnostic(
                folder, "F103", f"{parts[0]} is not inside an economy's or a forum's folder",
                f"move it to {top}/<CODE>/")
        elif parts[0] not in known:
            problem = _unknown_folder(folder, kind, parts[0], framework)
        else:
            entry = f"{folder}/{parts[1]}"
            try:
                is_dir = stat.S_ISDIR(os.lstat(repo.root / entry).st_mode)
            except OSError:
                continue
            problem = _classify_name(entry, parts[1], is_dir, kind, parts[0])
        if isinstance(problem, RecordFile):
            files.append(problem)
        elif problem is not None:
            problems.setdefault((problem.path, problem.code), problem)
    return files, list(problems.values())


def discover_paths(paths: Iterable[str], framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]:
    """The same as :func:`discover`, for a list of file paths (relative to the
    repository root, forward slashes) such as git lists at a revision.

    Git stores files, not folders, so a folder shows up as the paths beneath
    it; each misplaced folder is reported once, as :func:`discover` does.
    """
    tops = ((ReporterKind.ECONOMY, ECONOMIES_DIR.as_posix(), framework.economies),
            (ReporterKind.FORUM, FORA_DIR.as_posix(), framework.fora))
    files: list[RecordFile] = []
    problems: list[Diagnostic] = []
    chosen = sorted(set(paths))
    for kind, top, known in tops:
        # (reporter folder or top-level file name) -> entries beneath it, in the
        # order os.scandir sorting gives in discover(): by name at each level.
        beneath: dict[str, set[tuple[str, bool]]] = {}
        top_files: set[str] = set()
        for path in chosen:
            if not path.startswith(top + "/"):
                continue
            parts = path[len(top) + 1:].split("/")
            if len(parts) == 1:
                top_files.add(parts[0])
            else:
                beneath.setdefault(parts[0], set()).add((parts[1], len(parts) > 2))
        for name in sorted(top_files | beneath.keys()):
            rel = f"{top}/{name}"
            if name not in beneath:
                if name != PLACEHOLDER:
                    problems.append(_file_diagnostic(
                        rel, "F103", f"{name} is not inside an economy's or a forum's folder",
                        f"move it to {top}/<CODE>/",
                    ))
                continue
            if name not in known:
                problems.append(_unknown_folder(rel, kind, name, framework))
                continue
            for entry_name, is_dir in sorted(beneath[name]):
                file_or_problem = _classify_name(f"{rel}/{entry_name}", entry_name, is_dir, kind, name)
                if isinstance(file_or_problem, RecordFile):
                    files.append(file_or_problem)
                elif file_or_problem is not None:
                    problems.append(file_or_problem)
    return files, problems


def _file_diagnostic(path: str, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path=path, line=1, column=1, code=code, message=message, hint=hint)


# -- where records are read from --------------------------------------------


class RecordSource(Protocol):
    """Where records come from: the working tree, or a git revision
    (apec_tracker.git.Snapshot). Validation, diffs and reports take either."""

    def discover(self, framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]: ...

    def read(self, path: str) -> bytes: ...

    def known_blobs(self) -> dict[str, str]:
        """Git's blob ids of the record files whose bytes git already knows
        (path -> id): each is found in the cache without being read."""
        ...


@dataclass(frozen=True)
class WorkingTree:
    """The record files as they are on disk now."""

    repo: Repository

    def discover(self, framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]:
        return discover(self.repo, framework)

    def read(self, path: str) -> bytes:
        return read_record_bytes(self.repo, path)

    def known_blobs(self) -> dict[str, str]:
        from apec_tracker.git import unchanged_blob_ids

        return unchanged_blob_ids(self.repo.root)


# -- reading -------------------------------------------------------------------


class UnreadableFile(Exception):
    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def read_record_bytes(repo: Repository, rel: str) -> bytes:
    """The bytes of a record file, read only if it is a regular file of a sane
    size inside the repository. A FIFO or device is never opened for reading,
    so nothing can block."""
    path = os.path.join(repo.root, rel)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = Path(path).resolve()
            if not target.is_relative_to(repo.root.resolve()):
                raise UnreadableFile("F106", "the file is a link to a place outside the repository",
                                     "replace the link with the record itself")
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("F106", "this is not a regular file (a pipe, device or socket)",
                                 "records are plain text files")
        if info.st_size > MAX_RECORD_BYTES:
            raise UnreadableFile("F107", f"the file has {info.st_size:,} bytes; a record has at most "
                                 f"{MAX_RECORD_BYTES:,}", "a record describes one activity in a few pages")
        # O_NONBLOCK: should the file be swapped for a FIFO after the check,
        # open still returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                raise UnreadableFile("F106", "this is not a regular file", "records are plain text files")
            return _read_to_limit(descriptor, opened.st_size)
        finally:
            os.close(descriptor)
    except UnreadableFile:
        raise
    except OSError as error:
        raise UnreadableFile("F108", f"the file cannot be read: {error.strerror or error}") from None


def _read_to_limit(descriptor: int, size: int) -> bytes:
    """The file's bytes, up to MAX_RECORD_BYTES + 1 (so that a file grown past
    the limit since it was measured still shows as too big). Read straight from
    the descriptor: a buffered file object made for each record took two
    thirds of the time of reading a repository."""
    limit = MAX_RECORD_BYTES + 1
    parts = [os.read(descriptor, min(size + 1, limit))]
    total = len(parts[0])
    while parts[-1] and total < limit:  # until the end of the file, however it was measured
        parts.append(os.read(descriptor, min(limit - total, 1 << 16)))
        total += len(parts[-1])
    return b"".join(parts)


def load_files(
    files: Sequence[RecordFile],
    source: RecordSource,
    framework: Framework,
    on_file: Callable[[], None] | None = None,
    cache: RecordCache | None = None,
    known_blobs: dict[str, str] | None = None,
    known_outcomes: dict[str, checked_tree.KeptOutcome] | None = None,
    before_helper: Callable[[], object] | None = None,
) -> LoadResult:
    """Parse and check each file of ``source`` (the working tree or a git
    revision); a file it cannot read is a diagnostic. With a ``cache``, a file
    whose path and bytes were checked before takes its outcome from there, and
    a file git knows unchanged (``known_blobs``, by default asked of the
    source) is not even read. ``known_outcomes`` are those of files known
    unchanged since a checked tree (apec_tracker._speed.checked_tree): taken as they are.

    When many files are missing from the cache (a first run), a helper
    process checks some of them into the cache meanwhile (apec_tracker._speed.helper);
    they are then taken from there. Should the helper fail, they are checked
    here like the rest. ``before_helper`` is called first: it ends any thread
    of the caller's, which a fork must not copy.
    """
    if cache is None:
        known_blobs = {}
    elif known_blobs is None:
        known_blobs = source.known_blobs()
    loader = _Loader(source, {"framework": framework}, cache, known_blobs, known_outcomes or {})
    # Loading allocates millions of small objects and frees none of them; the
    # cyclic garbage collector would scan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # First what the cache holds of the files git knows, found without reading them.
        outcomes = [loader.known_outcome(record_file) for record_file in files]
        helped = _share_for_helper(files, outcomes, source, cache, known_blobs)
        if helped and before_helper is not None:
            before_helper()
        helper = Helper.start(partial(_check_into_new_segment, [files[i] for i in helped], loader)) if helped else None
        with helper or nullcontext():
            for index, record_file in enumerate(files):
                if helper is not None and index in helped:
                    continue  # loaded below
                if outcomes[index] is None:
                    outcomes[index] = loader.load(record_file)
                if on_file is not None:
                    on_file()
            if helper is not None:
                assert cache is not None
                with suppress(Exception):  # whatever it did not check is checked here
                    helper.result()
                cache.read_added_segments()
                for index in sorted(helped):
                    outcomes[index] = loader.load(files[index])
                    if on_file is not None:
                        on_file()
        if cache is not None:
            cache.share([*loader.shared_sets.values(), *framework.codes.values()])
            cache.forget_index()
    finally:
        # The records live as long as the command: moved out of the
        # collector's sight, they no longer slow every later collection.
        gc.freeze()
        if collecting:
            gc.enable()
    result = LoadResult(files=len(files))
    for outcome in outcomes:
        assert outcome is not None, "every file is loaded"
        loaded, problems = outcome
        result.diagnostics.extend(problems)
        if loaded is not None:
            result.records.append(loaded)
        result.outcomes.append(outcome)
    return result


# Fewer files than this to check from scratch, and a helper process costs
# more than it saves (it takes some 0.1 ms a file off a run's time).
HELPER_MIN_FILES = 1000


def _share_for_helper(files: Sequence[RecordFile], outcomes: Sequence[Outcome | None], source: RecordSource,
                      cache: RecordCache | None, known_blobs: dict[str, str]) -> set[int]:
    """Which files (by position) a helper process should check into the cache:
    about half of the work left (``outcomes`` holds what the cache answered
    already), taken from the files git knows and the cache does not hold. Only
    in the working tree: a git revision is read through one git process,
    which parent and helper cannot share."""
    if cache is None or cache.folder is None or not isinstance(source, WorkingTree):
        return set()
    if outcomes.count(None) < HELPER_MIN_FILES:  # the common case, a warm cache, at C speed
        return set()
    missing: list[int] = []
    unknown = 0  # files git does not know as they are: read and checked here, unless cached
    for index, (record_file, outcome) in enumerate(zip(files, outcomes, strict=True)):
        if outcome is None:
            if record_file.path in known_blobs:
                missing.append(index)
            else:
                unknown += 1
    # A little under half: the helper also writes what it checked to the cache.
    share = min(len(missing), (len(missing) + unknown) * 9 // 20)
    if share < HELPER_MIN_FILES:
        return set()
    return set(missing[-share:])  # from the end: this process starts at the beginning


def _check_into_new_segment(files: Sequence[RecordFile], loader: _Loader) -> int:
    """In a helper process: check ``files`` and write what they check to into a
    new segment of the cache, for the parent to find there."""
    assert loader.cache is not None and loader.cache.folder is not None
    cache = RecordCache.for_new_segment(loader.cache.folder)
    helping = _Loader(loader.source, loader.context, cache, loader.known_blobs)
    for record_file in files:
        helping.load(record_file)
    cache.share([*helping.shared_sets.values(), *loader.context["framework"].codes.values()])
    cache.save()
    return len(files)


def load_source(source: RecordSource, framework: Framework, cache: RecordCache | None = None) -> LoadResult:
    """Every record a source holds, with the problems of the files that are not
    records (misplaced, unreadable, invalid) as diagnostics."""
    files, placement = source.discover(framework)
    result = load_files(files, source, framework, cache=cache)
    result.diagnostics[:0] = placement
    return result


def _share_fields_sets(model: BaseModel, shared: dict[frozenset[str], set[str]]) -> None:
    """Let records that set the same fields share one ``__pydantic_fields_set__``.

    Pydantic keeps a set of the fields given for every model instance: over 2 KB
    for a record and more for its progress entries and indicators, 40% of a
    loaded repository's memory. Records set the same few combinations of
    fields, so one set object per combination serves them all. Frozen models
    never add to it, and pydantic copies the set when it copies a model.
    """
    fields_set = model.__pydantic_fields_set__
    key = frozenset(fields_set)
    known = shared.get(key)
    if known is None:
        shared[key] = fields_set
    elif known is not fields_set:
        object.__setattr__(model, "__pydantic_fields_set__", known)
    for value in model.__dict__.values():
        if isinstance(value, BaseModel):
            _share_fields_sets(value, shared)
        elif type(value) is list and value and isinstance(value[0], BaseModel):
            for item in value:
                _share_fields_sets(item, shared)


@dataclass
class _Loader:
    """Turns record files into records or diagnostics, through the cache when there is one."""

    source: RecordSource
    context: dict[str, Any]
    cache: RecordCache | None
    known_blobs: dict[str, str]
    known_outcomes: dict[str, checked_tree.KeptOutcome] = field(default_factory=dict)
    shared_sets: dict[frozenset[str], set[str]] = field(default_factory=dict)

    def known_outcome(self, record_file: RecordFile) -> Outcome | None:
        """The file's outcome from a checked tree, or from the cache, found by
        the blob id git knows for it, without reading it; None if git does not
        know the file as it is or the cache does not hold it."""
        path = record_file.path
        known = self.known_outcomes.get(path)
        if known is not None:
            return self._from_checked_tree(record_file, known)
        cache = self.cache
        blob = self.known_blobs.get(path)
        if cache is None or blob is None:
            return None
        hit = cache.get(f"{path}\0{blob}")  # cache.key(), inline: this runs for every file
        return None if hit is None else self._from_cache(record_file, blob, hit)

    def _from_checked_tree(self, record_file: RecordFile, known: checked_tree.KeptOutcome) -> Outcome:
        if isinstance(known[0], str):  # a record: its blob id and keys
            blob, keys = known
            return LoadedRecord(record_file, blob, keys, load=partial(self._load_cached, record_file, blob),
                                read=self.source.read), ()
        return None, known  # the diagnostics that stopped it

    def load(self, record_file: RecordFile) -> Outcome:
        found = self.known_outcome(record_file)
        if found is not None:
            return found
        path = record_file.path
        cache = self.cache
        try:
            data = self.source.read(path)
        except UnreadableFile as error:
            return None, [_file_diagnostic(path, error.code, error.message, error.hint)]
        blob = blob_id(data)
        if cache is None:
            return self._check(record_file, data, blob)
        key = cache.key(path, blob)
        hit = cache.get(key)
        if hit is not None:
            return self._from_cache(record_file, blob, hit)
        loaded, problems = self._check(record_file, data, blob)
        cache.put(key, loaded.activity if loaded is not None else tuple(problems))
        return loaded, problems

    def _from_cache(self, record_file: RecordFile, blob: str, hit: CachedRecord | tuple[Diagnostic, ...]) -> Outcome:
        if not isinstance(hit, CachedRecord):
            return None, hit
        return LoadedRecord(record_file, blob, hit.keys, load=lambda: self._load_cached(record_file, blob, hit),
                            read=self.source.read), ()

    def _load_cached(self, record_file: RecordFile, blob: str, hit: CachedRecord | None = None) -> Activity:
        """The record of a file known to check to one, from the cache if it holds it."""
        if hit is None and self.cache is not None:
            found = self.cache.get(f"{record_file.path}\0{blob}")
            hit = found if isinstance(found, CachedRecord) else None
        activity = hit.load() if hit is not None else None
        if activity is not None:
            return activity
        # Not in the cache, or that part of it is damaged: check the file afresh.
        # Its bytes are the ones known as a valid record, unless it changed meanwhile.
        data = self.source.read(record_file.path)
        loaded, _ = self._check(record_file, data, blob_id(data))
        if loaded is None or loaded.blob != blob:
            raise RecordChanged(f"{record_file.path} changed while the tracker was reading it; run it again")
        return loaded.activity

    def _check(self, record_file: RecordFile, data: bytes, blob: str) -> Outcome:
        path = record_file.path
        try:
            text = syntax.decode(data)
            value = syntax.parse(text)
        except syntax.YamlProblem as problem:
            return None, [Diagnostic(path, problem.line, problem.column, problem.code, problem.message, problem.hint)]
        if not isinstance(value, dict):
            return None, [_file_diagnostic(
                path, "Y306", f"the file holds a {_yaml_kind(value)}, not a mapping of fields",
                "a record is a list of `field: value` lines, starting with `id:`",
            )]
        try:
            activity = Activity.model_validate(value, context=self.context)
        except ValidationError as error:
            return None, list(schema_diagnostics(path, text, error))
        _share_fields_sets(activity, self.shared_sets)
        return LoadedRecord(record_file, blob, activity.keys(), activity=activity, read=self.source.read), []


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null value or nothing but comments"
    return f"single {type(value).__name__} value"


# -- schema errors as diagnostics -------------------------------------------------

def schema_diagnostics(path: str, text: str, error: ValidationError) -> Iterator[Diagnostic]:
    from apec_tracker.checks.schema_problems import describe  # kept apart: only needed on failure

    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        described = describe(item)
        position = syntax.locate(text, loc, key=described.at_key) or syntax.Position(1, 1)
        yield Diagnostic(path, position.line, position.column, described.code, described.message, described.hint)
