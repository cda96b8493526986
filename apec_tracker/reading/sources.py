"""Where records are read from: the working tree, or a git revision.

Both give the same two things: a listing of data/ for the placement rule
(apec_tracker.reading.placement) and a file's bytes. A file that cannot be
read raises :class:`UnreadableFile`, which the reader turns into that file's
diagnostic; nothing here can end a run because of one file. Nothing is ever
opened in a way that could block (a pipe, a device) or leave the repository.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from apec_tracker import git
from apec_tracker.domain.layout import DATA_DIR, RECORD_DIRS, RETURNS_DIR, Repository
from apec_tracker.reading.placement import Entry, EntryKind

MAX_RECORD_BYTES = 1024 * 1024
_RECORD_TOPS = tuple(folder.as_posix() for folder in RECORD_DIRS)
# The folders listed two levels down: the reporters' folders and the years' folders of nil returns.
_LISTED_TOPS = (*_RECORD_TOPS, RETURNS_DIR.as_posix())



# How the working tree is named where a source is (the JSON outputs' "source").
WORKING_TREE = "the working tree"

class UnreadableFile(Exception):
    """A record file whose bytes cannot be had; becomes the file's diagnostic."""

    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class RecordSource(Protocol):
    """What the reader reads records from."""

    @property
    def label(self) -> str:
        """How the source is named to a user: "the working tree", "commit 1a2b3c4d (review-2026)"."""
        ...

    def entries(self) -> list[Entry]: ...

    def read(self, path: str) -> bytes: ...

    def blob_of(self, path: str) -> str | None:
        """Git's blob id of a file, when the source knows it without reading it."""
        ...


@dataclass(frozen=True)
class WorkingTree:
    """The record files as they are on disk now."""

    repo: Repository

    @property
    def label(self) -> str:
        return WORKING_TREE

    def entries(self) -> list[Entry]:
        """data/'s own entries, those of the record folders and of data/returns/,
        and those of each reporter's and year's folder, as the placement rule
        judges them."""
        found: list[Entry] = []
        data = self.repo.root / DATA_DIR
        for top in _scan(data, DATA_DIR.as_posix(), found):
            if top.path not in _LISTED_TOPS or top.kind is not EntryKind.FOLDER:
                continue
            for folder in _scan(self.repo.root / top.path, top.path, found):
                if folder.kind is EntryKind.FOLDER:
                    _scan(self.repo.root / folder.path, folder.path, found)
        return found

    def read(self, path: str) -> bytes:
        return read_file(self.repo.root, path)

    def blob_of(self, path: str) -> str | None:
        return None


def _scan(folder: Path, relative: str, found: list[Entry]) -> list[Entry]:
    """The entries of one folder, added to ``found`` and returned; none if it
    cannot be listed."""
    listed: list[Entry] = []
    try:
        with os.scandir(folder) as scanned:
            for item in scanned:
                # Joined as strings: pathlib would cost a second per 50,000 files.
                listed.append(Entry(f"{relative}/{item.name}", _kind(item)))
    except OSError:
        return []
    found.extend(listed)
    return listed


def _kind(item: os.DirEntry[str]) -> EntryKind:
    try:
        if item.is_symlink():
            return EntryKind.LINK
        if item.is_dir(follow_symlinks=False):
            return EntryKind.FOLDER
        if item.is_file(follow_symlinks=False):
            return EntryKind.FILE
    except OSError:
        pass
    return EntryKind.OTHER


def read_file(root: Path, relative: str) -> bytes:
    """The bytes of a record file, read only if it is a regular file of a sane
    size inside the repository (a link is followed only to a file inside it).
    A pipe or device is never opened for reading, so nothing can block."""
    path = os.path.join(root, relative)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            # resolve() raises RuntimeError on a loop of links in some Python
            # versions and OSError in others: either way, the file is unreadable.
            target = Path(path).resolve(strict=True)
            if not target.is_relative_to(root.resolve()):
                raise UnreadableFile("F106", "the file is a link to a place outside the repository",
                                     "replace the link with the record itself")
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("F106", "this is not a regular file (a pipe, device or socket)",
                                 "records are plain text files")
        if info.st_size > MAX_RECORD_BYTES:
            raise _too_large(info.st_size)
        # O_NONBLOCK: should the file be swapped for a pipe after the check,
        # open still returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                raise UnreadableFile("F106", "this is not a regular file", "records are plain text files")
            return read_to_limit(descriptor, opened.st_size)
        finally:
            os.close(descriptor)
    except UnreadableFile:
        raise
    except RuntimeError:
        raise UnreadableFile("F108", "the file cannot be read: it is a link in a loop of links",
                             "replace the link with the record itself") from None
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == 40:  # ELOOP
            reason = "it is a link in a loop of links"
        raise UnreadableFile("F108", f"the file cannot be read: {reason}") from None


def _too_large(size: int) -> UnreadableFile:
    return UnreadableFile("F107", f"the file has {size:,} bytes; a record has at most {MAX_RECORD_BYTES:,}",
                          "a record describes one activity in a few pages")


def read_to_limit(descriptor: int, size: int) -> bytes:
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
    data = b"".join(parts)
    if len(data) > MAX_RECORD_BYTES:
        raise _too_large(len(data))
    return data


class Revision:
    """The record files as they were at one commit, read from git's object store
    (apec_tracker.git.Tree): the working tree and the index are never touched.
    Close it (or use it as a context manager) to end git's reader process."""

    def __init__(self, root: Path, revision: str):
        self.revision = revision
        self._tree = git.Tree(root, revision, [DATA_DIR.as_posix()])
        self.commit = self._tree.commit

    def __enter__(self) -> Revision:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._tree.close()

    @property
    def label(self) -> str:
        named = "" if self.commit.startswith(self.revision) else f" ({self.revision})"
        return f"commit {self.commit[:12]}{named}"

    @property
    def provenance(self) -> git.Provenance:
        return self._tree.provenance()

    def entries(self) -> list[Entry]:
        """What a folder walk of data/ would list at the revision. Git stores
        files, not folders: a folder shows as the paths beneath it."""
        found: dict[str, EntryKind] = {}
        prefix = DATA_DIR.as_posix() + "/"
        for path, item in self._tree.files.items():
            parts = path[len(prefix):].split("/")
            for depth in range(1, min(len(parts), 3)):
                found.setdefault(prefix + "/".join(parts[:depth]), EntryKind.FOLDER)
            if len(parts) <= 3:
                found[path] = _git_kind(item)
            else:
                found.setdefault(prefix + "/".join(parts[:3]), EntryKind.FOLDER)
        return [Entry(path, kind) for path, kind in found.items()]

    def read(self, path: str) -> bytes:
        """A record file's bytes at the revision, following a link only to another
        file of the record folders at that revision."""
        item = self._tree.files.get(path)
        if item is not None and item.is_link:
            target = _link_target(path, self._tree.blob(item.sha).decode("utf-8", errors="surrogateescape"))
            item = self._tree.files.get(target) if target is not None else None
            if item is None or item.is_link or not target or not target.startswith(_RECORD_TOPS):
                raise UnreadableFile("F106", "the file is a link to a place outside the record folders",
                                     "replace the link with the record itself")
        if item is None or item.size is None:
            raise UnreadableFile("F106", "this is not a regular file at that revision",
                                 "records are plain text files")
        if item.size > MAX_RECORD_BYTES:
            raise _too_large(item.size)
        try:
            return self._tree.blob(item.sha)
        except git.HistoryError as error:
            raise UnreadableFile("F108", f"git cannot read the file at this revision: {error}") from None

    def blob_of(self, path: str) -> str | None:
        item = self._tree.files.get(path)
        return item.sha if item is not None and not item.is_link and item.size is not None else None

    def file(self, path: str) -> bytes | None:
        """Any file of the repository at the revision (reference data, a template)."""
        return self._tree.file(path)


def _git_kind(item: git.TreeFile) -> EntryKind:
    if item.is_link:
        return EntryKind.LINK
    return EntryKind.FILE if item.size is not None else EntryKind.OTHER


def _link_target(path: str, target: str) -> str | None:
    if target.startswith("/"):
        return None
    parts: list[str] = []
    for part in (*PurePosixPath(path).parent.parts, *PurePosixPath(target).parts):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
