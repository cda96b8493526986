"""A cache of checked record files, so that unchanged files are not parsed and
validated again on the next run.

What a file checks to (its record, or its diagnostics) depends only on its path,
its bytes, the reference data and the tool's own code. The cache is keyed by
all four: the path and git's blob id of the bytes (a SHA-1), in a cache
folder named after a hash of the reference data, the package's source and the
versions of the libraries that parse and validate. Change any of them and the
entry is simply not found, so the cache cannot make validation answer
differently from a run without it. Keying by blob id lets a file that git
already knows unchanged be found without reading it.

Each entry keeps, beside the record, what the rules across records compare
(:class:`~apec_tracker.domain.record.RecordKeys`). Those small keys are read at start;
the records themselves, pickled 25 to a chunk, are unpickled only when
something asks for one. `validate --changed-since` on a large repository so
touches the few records that changed, not all of them.

The cache lives outside the repository, in ``$TRACKER_CACHE_DIR`` or
``$XDG_CACHE_HOME/apec-tracker`` (``~/.cache/apec-tracker``): a pull request can
neither ship a cache nor poison one. Deleting it at any time is safe; an
unreadable or damaged part of it is treated as missing and replaced.

On disk, one folder per fingerprint holds segment files, each written whole
(to a temporary name, then renamed) and never changed after: a run that
checked new files adds a segment with just those, so concurrent runs never
write the same file. When segments pile up, or most entries are of files that
are gone, the next run of the whole working tree that adds to the cache writes
one segment with what it used and removes the rest (a run at a git revision,
or one that read only the files a pull request changed, never judges what is
gone). A segment is a pickle of the objects its records
share, then its chunks of records, then its index (a pickle), then the index's
offset in 8 bytes.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from apec_tracker._speed.checked_tree import CheckedTree
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker._speed.helper import Helper
from apec_tracker.domain.record import Activity, RecordKeys

CACHE_FORMAT = "2"
SEGMENT_MAGIC = "apec-tracker records " + CACHE_FORMAT
# Cache folders of other tool versions or reference data are removed once they
# have not been used for this long.
STALE_SECONDS = 14 * 24 * 3600
# Records a chunk: what one lazy load unpickles. Small enough that a record
# asked for costs little; large enough that a full load is not slowed by it.
CHUNK = 25
# Chunks refer to the objects of the segment's first pickle by their place in
# pickle's memo. Protocols 4 and 5 number memo entries implicitly, and the C
# unpickler, given a memo, counts its own entries from 0 again; protocol 3
# writes each entry's number. It costs a tenth more time and a fifth more space.
CHUNK_PROTOCOL = 3
# More segments than this, and the next run that writes merges them into one;
# so does one that finds more than twice as many entries, and this many more,
# as files it used.
MAX_SEGMENTS = 8
UNUSED_SLACK = 1000
NO_CHUNK = -1  # the chunk offset of an entry that is diagnostics, not a record
# Checked trees (apec_tracker._speed.checked_tree) live in this subfolder; the most
# recently used few are kept: main's, and those of a few branches.
TREES = "trees"
TREE_MAGIC = "apec-tracker checked tree " + CACHE_FORMAT
MAX_TREES = 4

# An entry of a segment's index: where its record's chunk starts (or NO_CHUNK),
# and its summary: the record's keys, or the diagnostics that stopped the file.
IndexEntry = tuple[int, RecordKeys | tuple[Diagnostic, ...]]
# A file's key: its path and its blob id, joined by a NUL.
Key = str


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Pickling and unpickling a repository's records touches millions of
    # objects; with the cyclic collector running alongside, it takes several
    # times as long (5 s instead of about 1.2 s to write 50,000 records).
    # What was unpickled lives as long as the command: frozen, the collector
    # never scans it again (records read a chunk at a time would otherwise
    # set off collection after collection: 1.9 s over 50,000 records).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def default_directory() -> Path:
    chosen = os.environ.get("TRACKER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "apec-tracker"


def fingerprint(reference_dir: Path) -> str:
    """A hash of everything besides a file's path and bytes that its outcome depends on."""
    import pydantic
    import pydantic_core
    import ruamel.yaml
    import yaml_rs

    versions = (CACHE_FORMAT, sys.version, pydantic.VERSION, pydantic_core.__version__,
                ruamel.yaml.__version__, getattr(yaml_rs, "__version__", ""))
    digest = hashlib.sha1("|".join(versions).encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    for reference in sorted(reference_dir.iterdir()) if reference_dir.is_dir() else ():
        if reference.is_file():
            digest.update(reference.name.encode() + b"\0" + reference.read_bytes())
    return digest.hexdigest()


def blob_id(data: bytes) -> str:
    """Git's id of a file's contents: what git already knows of a file stands in
    for reading it, and a published revision's unchanged files are matched by it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class _Segment:
    """One segment file, open for the chunks asked for later."""

    def __init__(self, path: Path):
        self.path = path
        self.handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - kept open for lazy reads, closed by close()
        self.chunks: dict[int, dict[Key, Activity]] = {}
        self._shared: pickle.Unpickler | None = None
        self.shared: list[object] = []  # once a chunk is read
        try:
            self.index = self._read_index()
        except BaseException:
            self.handle.close()
            raise

    def _read_index(self) -> dict[Key, IndexEntry]:
        size = os.fstat(self.handle.fileno()).st_size
        self.handle.seek(size - 8)
        offset = int.from_bytes(self.handle.read(8), "little")
        if not 0 <= offset < size - 8:
            raise ValueError("not a segment")
        self.handle.seek(offset)
        with _collector_paused():
            magic, index = pickle.load(self.handle)
        if magic != SEGMENT_MAGIC or not isinstance(index, dict):
            raise ValueError("not a segment of this format")
        return index

    def record(self, offset: int, key: Key) -> Activity | None:
        """The record of ``key`` from the chunk at ``offset``; None if that part of
        the file is damaged."""
        chunk = self.chunks.get(offset)
        if chunk is None:
            try:
                with _collector_paused():
                    shared = self._shared_objects()
                    self.handle.seek(offset)
                    unpickler = pickle.Unpickler(self.handle)
                    unpickler.memo = shared.memo
                    loaded = unpickler.load()
            except Exception:  # damage found late is a miss, like damage found early
                loaded = None
            chunk = loaded if isinstance(loaded, dict) else {}
            self.chunks[offset] = chunk
        record = chunk.get(key)
        return record if isinstance(record, Activity) else None

    def _shared_objects(self) -> pickle.Unpickler:
        """The unpickler of the segment's first pickle, the objects its chunks share."""
        if self._shared is None:
            self.handle.seek(0)
            unpickler = pickle.Unpickler(self.handle)
            shared = unpickler.load()
            if not isinstance(shared, list):
                raise ValueError("not a segment")
            self._shared, self.shared = unpickler, shared
        return self._shared

    def close(self) -> None:
        self.handle.close()


class CachedRecord(NamedTuple):
    """A cache hit for a file that checked to a record: its keys now, the record
    when :meth:`load` is called (None if the cache turns out damaged there).
    A named tuple: one is made for every file of the repository."""

    keys: RecordKeys
    segment: _Segment
    offset: int
    key: Key

    def load(self) -> Activity | None:
        return self.segment.record(self.offset, self.key)


Hit = CachedRecord | tuple[Diagnostic, ...]


@dataclass
class RecordCache:
    """Outcomes of checked files, read from and written back to one cache folder."""

    folder: Path | None  # None: a cache that remembers nothing (--no-cache)
    _segments: list[_Segment] | None = None  # read on first use
    added: dict[Key, Activity | tuple[Diagnostic, ...]] = field(default_factory=dict)
    used: set[Key] = field(default_factory=set)
    shared: list[object] = field(default_factory=list)
    _entries_kept: int = 0
    # Set when every file of the working tree was looked up here (not a git
    # revision, nor the few files `--changed-since` reads): see save().
    saw_working_tree: bool = False
    _saving: Helper[None] | None = None  # a save under way in a helper process
    _where: dict[Key, _Segment] = field(default_factory=dict)  # the segment of each key, while indexed

    @classmethod
    def for_new_segment(cls, folder: Path) -> RecordCache:
        """A cache that reads nothing and, when saved, adds one segment to ``folder``."""
        return cls(folder, _segments=[])

    @property
    def segments(self) -> list[_Segment]:
        if self._segments is None:
            self.read_index()
        assert self._segments is not None
        return self._segments

    def read_index(self) -> None:
        """Read what the cache holds (the keys, not the records). Done on first
        use, not on opening: a command can have git at work meanwhile."""
        if self._segments is None:
            self._segments = _read_segments(self.folder) if self.folder is not None else []
            self._entries_kept = sum(len(segment.index) for segment in self._segments)
            self._find_entries(self._segments)

    def read_added_segments(self) -> None:
        """Read the index of the segments written since :meth:`read_index` (by a
        helper process that checked some of the files: apec_tracker.reading.records)."""
        if self._segments is None or self.folder is None:
            self.read_index()
            return
        known = {segment.path for segment in self._segments}
        added = _read_segments(self.folder, skip=known)
        self._segments.extend(added)
        self._entries_kept += sum(len(segment.index) for segment in added)
        self._find_entries(added)

    def _find_entries(self, segments: Iterable[_Segment]) -> None:
        # Which segment holds each key, in one dict: a lookup per file, not one
        # per segment (a first run writes two). Where two segments hold a
        # key, the newer is taken; they never disagree.
        for segment in segments:  # oldest first
            self._where.update(dict.fromkeys(segment.index, segment))

    def forget_index(self) -> None:
        """Drop the index once every file has been looked up (25 MB for 50,000
        records): records found already still load, and :meth:`save` reads
        the index again in the rare case it merges segments."""
        for segment in self._segments or ():
            segment.index = {}
        self._where = {}

    @staticmethod
    def key(path: str, blob: str) -> Key:
        return f"{path}\0{blob}"

    def get(self, key: Key) -> Hit | None:
        if self._segments is None:
            self.read_index()
        segment = self._where.get(key)
        if segment is None:
            return None
        entry = segment.index.get(key)
        # A damaged entry of the wrong type is a miss, never an answer. Types
        # are compared exactly: this runs for every file of the repository.
        if type(entry) is not tuple or len(entry) != 2:
            return None
        offset, summary = entry
        if type(summary) is RecordKeys and type(offset) is int and offset >= 0:  # a record: the common case
            self.used.add(key)
            return CachedRecord(summary, segment, offset, key)
        if offset != NO_CHUNK or type(summary) is not tuple:
            return None
        diagnostics = tuple(item for item in summary if isinstance(item, Diagnostic))
        if not diagnostics or len(diagnostics) != len(summary):
            return None
        self.used.add(key)
        return diagnostics

    def share(self, objects: Iterable[object]) -> None:
        """Objects the records put here refer to many times: written once."""
        self.shared.extend(objects)

    def put(self, key: Key, outcome: Activity | tuple[Diagnostic, ...]) -> None:
        if self.folder is not None:
            self.added[key] = outcome
            self.used.add(key)

    def save(self, *, meanwhile: bool = False) -> None:
        """Write what this run added, if anything; never fails a command.

        ``meanwhile``: in a helper process while the command goes on, when
        one can be had (apec_tracker._speed.helper); :meth:`close` waits for it.
        """
        if self.folder is None or not self.added:
            return
        if meanwhile:
            self._saving = Helper.start(self.save)
            if self._saving is not None:
                self.added = {}  # the helper writes them
                return
        # A merge keeps only what this run used: only a run that looked up every
        # file of the working tree may decide what is no longer needed.
        merge = self.saw_working_tree and (
            len(self.segments) >= MAX_SEGMENTS or self._entries_kept > 2 * len(self.used) + UNUSED_SLACK)
        entries: dict[Key, Activity | tuple[Diagnostic, ...]] = {}
        shared = list(self.shared)
        if merge:
            entries, kept_shared = self._used_entries()
            shared += kept_shared
        entries.update(self.added)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            written = _write_segment(self.folder, entries, shared)
            if merge:
                for segment in self.segments:
                    if segment.path != written:
                        segment.path.unlink(missing_ok=True)
            os.utime(self.folder)  # the folder's time is when it was last used
            _remove_stale(self.folder.parent, self.folder)
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed

    def _used_entries(self) -> tuple[dict[Key, Activity | tuple[Diagnostic, ...]], list[object]]:
        """What the cache holds of the files this run used, from the index read
        again, and the objects those records share (to be written once again)."""
        assert self.folder is not None
        reread = RecordCache(self.folder)
        kept: dict[Key, Activity | tuple[Diagnostic, ...]] = {}
        for key in self.used - self.added.keys():
            hit = reread.get(key)
            if isinstance(hit, CachedRecord):
                record = hit.load()
                if record is not None:
                    kept[key] = record
            elif hit is not None:
                kept[key] = hit
        shared = [item for segment in reread.segments for item in segment.shared]
        reread.close()
        return kept, shared

    def checked_tree(self, key: str) -> CheckedTree | None:
        """The checked tree kept under ``key`` (apec_tracker._speed.checked_tree), if any."""
        if self.folder is None:
            return None
        try:
            with open(self.folder / TREES / _tree_name(key), "rb") as handle, _collector_paused():
                found = pickle.load(handle)
        except Exception:  # missing, unreadable or damaged: as if never kept
            return None
        if not (isinstance(found, tuple) and len(found) == 2 and found[0] == TREE_MAGIC
                and isinstance(found[1], CheckedTree)):
            return None
        tree = found[1]
        if not (len(tree.files) == len(tree.outcomes) and isinstance(tree.files, list)
                and isinstance(tree.placement, list)):
            return None
        return tree

    def has_checked_tree(self, key: str | None = None) -> bool:
        """Whether the cache keeps the checked tree of ``key``; without a key, any."""
        if self.folder is None:
            return False
        if key is not None:
            return (self.folder / TREES / _tree_name(key)).is_file()
        try:
            return any(name.endswith(".tree") for name in os.listdir(self.folder / TREES))
        except OSError:
            return False

    def keep_checked_tree(self, key: str, tree: CheckedTree) -> None:
        """Keep ``tree`` under ``key``, unless it is kept already; never fails a command."""
        if self.folder is None:
            return
        folder = self.folder / TREES
        path = folder / _tree_name(key)
        try:
            if path.exists():
                os.utime(path)  # used now: pruned last
                return
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tree-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out, _collector_paused():
                    pickle.dump((TREE_MAGIC, tree), out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            kept = sorted(folder.glob("*.tree"), key=lambda tree_file: tree_file.stat().st_mtime, reverse=True)
            for old in kept[MAX_TREES:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full disk only costs a later run its speed

    def close(self) -> None:
        """Let go of the cache's files and index once the records are loaded (a
        record not loaded by then is checked afresh if it is asked for), once
        a save begun in a helper process is done."""
        if self._saving is not None:
            with suppress(Exception):  # a save that failed costs the next run its speed, as in save()
                self._saving.result()
            self._saving = None
        for segment in self._segments or ():
            segment.close()
        self._segments = []
        self._where = {}


def open_cache(reference_dir: Path, directory: Path | None = None) -> RecordCache:
    """The cache for this tool and this reference data; empty if there is none
    yet or it cannot be read."""
    directory = directory or default_directory()
    return RecordCache(folder=directory / f"records-{fingerprint(reference_dir)[:20]}")


def _read_segments(folder: Path, skip: Collection[Path] = ()) -> list[_Segment]:
    """The segments of a cache folder but ``skip``, oldest first; each that
    cannot be read is left out."""
    try:
        paths = sorted(folder.glob("*.segment"))
    except OSError:
        return []
    segments = []
    for path in paths:
        if path in skip:
            continue
        try:
            segments.append(_Segment(path))
        except Exception:  # missing (removed by a concurrent run), unreadable or damaged
            continue
    return segments


def _write_segment(folder: Path, entries: dict[Key, Activity | tuple[Diagnostic, ...]],
                   shared: Iterable[object] = ()) -> Path:
    """One new segment file holding ``entries``, written whole under a temporary
    name and then renamed into place.

    ``shared`` are objects many records refer to (the sets of fields given
    that records share: see apec_tracker.reading.records). Pickled once, first, and
    referred to from every chunk, they are shared again when chunks are
    unpickled: 65 MB less for 50,000 records than one copy per chunk.
    """
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".segment-", suffix=".tmp")
    # Named so that a sorted listing gives the oldest first: later segments win.
    final = folder / f"{time.time_ns():020d}-{os.getpid()}.segment"
    try:
        with os.fdopen(handle, "wb") as out, _collector_paused():
            first = pickle.Pickler(out, protocol=CHUNK_PROTOCOL)
            first.dump(list(shared))
            index: dict[Key, IndexEntry] = {}
            records = [(key, outcome) for key, outcome in entries.items() if isinstance(outcome, Activity)]
            for start in range(0, len(records), CHUNK):
                chunk = dict(records[start:start + CHUNK])
                offset = out.tell()
                # One pickle per chunk, each starting from the first one's memo:
                # a memo of every object seen would grow with the whole cache.
                pickler = pickle.Pickler(out, protocol=CHUNK_PROTOCOL)
                pickler.memo = first.memo
                pickler.dump(chunk)
                for key, record in chunk.items():
                    index[key] = (offset, record.keys())
            for key, outcome in entries.items():
                if not isinstance(outcome, Activity):
                    index[key] = (NO_CHUNK, outcome)
            index_offset = out.tell()
            pickle.dump((SEGMENT_MAGIC, index), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.write(index_offset.to_bytes(8, "little"))
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return final


def _tree_name(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", errors="surrogateescape")).hexdigest() + ".tree"


def no_cache() -> RecordCache:
    return RecordCache(folder=None)


def _remove_stale(directory: Path, current: Path) -> None:
    """Remove cache folders of other versions or reference data unused for
    STALE_SECONDS, and files of the cache's earlier format."""
    cutoff = time.time() - STALE_SECONDS
    for other in directory.glob("records-*"):
        try:
            if other == current or other.stat().st_mtime >= cutoff:
                continue
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink()
        except OSError:
            pass
