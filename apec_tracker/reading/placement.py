"""Where a record may live: the one rule that says which files under data/ are
records, and what to say about everything else there.

A record of an economy lives in ``data/economies/<CODE>/<id>.yaml``, a record of
a forum in ``data/fora/<CODE>/<id>.yaml``, a record of another APEC body
(Leaders, a ministerial, the Secretariat, ABAC, ...) in
``data/bodies/<CODE>/<id>.yaml``, a nil return in
``data/returns/<YEAR>/<CODE>.yaml``. :func:`place` judges a listing of
data/ against that rule. The listing comes from a folder walk of the working
tree or from git's list of the files at a revision (apec_tracker.reading.sources):
both are told the same way, so a tree gives the same diagnostics whether it is
checked out or read from history.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import CodeList, Framework
from apec_tracker.domain.layout import (
    BODIES_DIR,
    DATA_DIR,
    ECONOMIES_DIR,
    FORA_DIR,
    RECORD_SUFFIX,
    REFERENCE_DIR,
    RETURNS_DIR,
    is_staging_file,
    is_system_file,
)

# Git keeps no empty folders; a .gitkeep file is how a new reporter's folder
# exists before its first record. Placement passes over it, the staging files
# of an interrupted write, and the files an operating system makes on its own
# (apec_tracker.domain.layout.is_system_file).
PLACEHOLDER = ".gitkeep"


class ReporterKind(StrEnum):
    ECONOMY = "economy"
    FORUM = "forum"
    BODY = "body"

    def codes(self, framework: Framework) -> Mapping[str, object]:
        """The reference data's codes of this kind of reporter: the folders it may have."""
        if self is ReporterKind.ECONOMY:
            return framework.economies
        return framework.fora if self is ReporterKind.FORUM else framework.bodies

    @staticmethod
    def of(code: str, framework: Framework) -> ReporterKind | None:
        """Which kind of reporter ``code`` is, if any."""
        for kind in ReporterKind:
            if code in kind.codes(framework):
                return kind
        return None


class RecordFile(NamedTuple):
    """A file that sits where a record belongs: ``<kind folder>/<code>/<id>.yaml``.

    A named tuple: one is made for every file of the repository."""

    path: str  # relative to the repository root, with forward slashes
    kind: ReporterKind
    folder_code: str

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(RECORD_SUFFIX)


class ReturnFile(NamedTuple):
    """A file that sits where a nil return belongs: ``data/returns/<year>/<code>.yaml``."""

    path: str
    year: int  # the folder's
    code: str  # the file's name


class EntryKind(StrEnum):
    FILE = "file"
    FOLDER = "folder"
    LINK = "link"  # a symbolic link, wherever it points
    OTHER = "other"  # a pipe, a device, a socket; in git, a submodule


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing in data/, one or two levels down: ``data/<top>``,
    ``data/<top>/<folder>`` or ``data/<top>/<folder>/<name>``."""

    path: str  # relative to the repository root, forward slashes
    kind: EntryKind


@dataclass(frozen=True, slots=True)
class Placement:
    """What a listing holds: the record files, in a stable order, and a
    diagnostic for each entry that is not where a record can be."""

    files: list[RecordFile]
    problems: list[Diagnostic]
    returns: list[ReturnFile]


_TOPS = {ECONOMIES_DIR.name: ReporterKind.ECONOMY, FORA_DIR.name: ReporterKind.FORUM,
         BODIES_DIR.name: ReporterKind.BODY}
TOP_FOLDER = {kind: f"{DATA_DIR.name}/{name}" for name, kind in _TOPS.items()}
_RETURNS = RETURNS_DIR.name
_KNOWN_UNDER_DATA = (ECONOMIES_DIR.name, FORA_DIR.name, BODIES_DIR.name, REFERENCE_DIR.name, _RETURNS)
_RECORD_FOLDERS = "data/economies/<CODE>/, data/fora/<CODE>/ or data/bodies/<CODE>/"
_WHERE_RETURNS_GO = f"nil returns go in {RETURNS_DIR.as_posix()}/<YEAR>/<CODE>.yaml"


def place(entries: Iterable[Entry], framework: Framework) -> Placement:
    """Judge every entry of data/ (its own entries, those of data/economies/,
    data/fora/, data/bodies/ and data/returns/, and those of each reporter's
    and year's folder; deeper ones are not needed: a folder inside one of those
    is itself the problem)."""
    files: list[RecordFile] = []
    returns: list[ReturnFile] = []
    problems: list[Diagnostic] = []
    prefix = DATA_DIR.as_posix() + "/"
    for entry in sorted(entries, key=lambda e: e.path):
        if not entry.path.startswith(prefix):
            continue
        parts = entry.path[len(prefix):].split("/")
        if entry.kind is not EntryKind.FOLDER and is_system_file(parts[-1]):
            # .DS_Store, Thumbs.db and the like, which Finder or Explorer leave
            # in any folder they show or copy into: nobody's to report on.
            continue
        if len(parts) == 1:
            problem = _data_entry(entry, parts[0])
        elif parts[0] == _RETURNS and len(parts) <= 3:
            found_return = _returns_entry(entry, parts[1:], framework)
            if isinstance(found_return, ReturnFile):
                returns.append(found_return)
                continue
            problem = found_return
        elif parts[0] not in _TOPS:
            continue
        elif len(parts) == 2:
            problem = _reporter_folder(entry, _TOPS[parts[0]], parts[1], framework)
        elif len(parts) == 3:
            found = _in_reporter_folder(entry, _TOPS[parts[0]], parts[1], parts[2], framework)
            if isinstance(found, RecordFile):
                files.append(found)
                continue
            problem = found
        else:
            continue
        if problem is not None:
            problems.append(problem)
    return Placement(files, problems, returns)


def _data_entry(entry: Entry, name: str) -> Diagnostic | None:
    """An entry of data/ itself: the record folders, the reference data, or a
    folder nobody reads (data/economy/ for data/economies/, say)."""
    if name in _KNOWN_UNDER_DATA:
        if (name in _TOPS or name == _RETURNS) and entry.kind is EntryKind.LINK:
            # data/economies linked elsewhere: its files are not the repository's.
            return _problem(entry.path, "F106", "this folder is a link, not a folder of the repository",
                            "keep the records in the repository itself")
        return None
    if entry.kind is EntryKind.FOLDER:
        close = difflib.get_close_matches(name, _KNOWN_UNDER_DATA, n=1, cutoff=0.5)
        hint = (f"did you mean data/{close[0]}/? " if close else "") + f"records go in {_RECORD_FOLDERS}"
        return _problem(entry.path, "F110", f"data/{name}/ is not a folder the tracker reads", hint)
    if name.endswith((RECORD_SUFFIX, ".yml")):
        return _problem(entry.path, "F103", f"{name} is not inside an economy's, a forum's or a body's folder",
                        f"move it to {_RECORD_FOLDERS}")
    return None  # a README or the like beside the folders


def _reporter_folder(entry: Entry, kind: ReporterKind, name: str, framework: Framework) -> Diagnostic | None:
    top = entry.path.rsplit("/", 1)[0]
    if entry.kind is EntryKind.LINK:
        return _problem(entry.path, "F106", f"{name} is a link, not a folder or a record",
                        "keep reporters' folders and records as real folders and files")
    if entry.kind is not EntryKind.FOLDER:
        if name == PLACEHOLDER:
            return None
        return _problem(entry.path, "F103", f"{name} is not inside an economy's, a forum's or a body's folder",
                        f"move it to {top}/<CODE>/")
    if name in kind.codes(framework):
        return None
    # A reporter's code in another kind's folder: say where its records go.
    elsewhere = ReporterKind.of(name, framework)
    moved = (f"{name} is {_A[elsewhere]}: its records go in {TOP_FOLDER[elsewhere]}/{name}/"
             if elsewhere is not None else None)
    if kind is ReporterKind.ECONOMY:
        return _problem(entry.path, "F104", f"{name!r} is not an economy code", moved or framework.economy_hint(name))
    if kind is ReporterKind.FORUM:
        return _problem(entry.path, "F105", f"{name!r} is not a forum code",
                        moved or framework.forum_hint(name) + "; a new forum is added in data/reference/fora.yaml")
    return _problem(entry.path, "F111", f"{name!r} is not a body code",
                    moved or framework.body_hint(name) + "; a new body is added in data/reference/bodies.yaml")


_A = {ReporterKind.ECONOMY: "an economy", ReporterKind.FORUM: "an APEC forum", ReporterKind.BODY: "an APEC body"}


def _in_reporter_folder(entry: Entry, kind: ReporterKind, code: str, name: str,
                        framework: Framework) -> RecordFile | Diagnostic | None:
    """What an entry of a reporter's folder is: a record, nothing to check (the
    placeholder), or a misplaced file or folder. The folder itself, if it is
    not a reporter's, has its own diagnostic, and its entries none."""
    if code not in kind.codes(framework):
        return None
    if name == PLACEHOLDER or is_staging_file(name):
        # A write interrupted at the wrong moment can leave its staging file;
        # it is not a record, and the next write in the folder removes it.
        return None
    if entry.kind is EntryKind.FOLDER:
        return _problem(entry.path, "F103" if not name.endswith(RECORD_SUFFIX) else "F106",
                        f"{name} is a folder; records sit directly in the reporter's folder",
                        "move the records it holds up one level")
    if name.endswith(".yml"):
        return _problem(entry.path, "F101", f"{name} has the extension .yml",
                        f"rename it to {name[:-4]}{RECORD_SUFFIX}")
    if not name.endswith(RECORD_SUFFIX):
        return _problem(entry.path, "F102", f"{name} is not a record: only {RECORD_SUFFIX} files belong here",
                        "move it out of data/, or rename it if it is a record")
    # A link or a special file named like a record is still where a record
    # belongs: reading it says what is wrong with it.
    return RecordFile(entry.path, kind, code)


def _returns_entry(entry: Entry, parts: list[str], framework: Framework) -> ReturnFile | Diagnostic | None:
    """An entry of data/returns/ (a year's folder) or of a year's folder (a nil return)."""
    years = framework.period.years
    folder = parts[0]
    year = int(folder) if len(folder) == 4 and folder.isdigit() else None
    if len(parts) == 1:
        if entry.kind is EntryKind.LINK:
            return _problem(entry.path, "F106", f"{folder} is a link, not a folder or a nil return",
                            "keep nil returns as real folders and files")
        if entry.kind is not EntryKind.FOLDER:
            if folder == PLACEHOLDER or is_staging_file(folder):
                return None
            return _problem(entry.path, "F113", f"{folder} is not inside a reporting year's folder",
                            _WHERE_RETURNS_GO)
        if year is None or year not in years:
            return _problem(entry.path, "F113", f"{RETURNS_DIR.as_posix()}/{folder}/ is not a reporting year's folder",
                            f"the folders here are the reporting years {years.start}–{years.stop - 1}; "
                            + _WHERE_RETURNS_GO)
        return None
    name = parts[1]
    if year is None or year not in years:
        return None  # the folder has its own diagnostic
    if name == PLACEHOLDER or is_staging_file(name):
        return None
    if entry.kind is EntryKind.FOLDER:
        return _problem(entry.path, "F113", f"{name} is a folder; nil returns sit directly in the year's folder",
                        _WHERE_RETURNS_GO)
    if name.endswith(".yml"):
        return _problem(entry.path, "F101", f"{name} has the extension .yml",
                        f"rename it to {name[:-4]}{RECORD_SUFFIX}")
    if not name.endswith(RECORD_SUFFIX):
        return _problem(entry.path, "F102", f"{name} is not a nil return: only {RECORD_SUFFIX} files belong here",
                        "move it out of data/, or rename it if it is a nil return")
    code = name.removesuffix(RECORD_SUFFIX)
    if code not in framework.reporters:
        return _problem(entry.path, "F112", f"{name} is not named after an economy's or a forum's code",
                        _reporter_hint(code, framework))
    return ReturnFile(entry.path, year, code)


def _reporter_hint(name: str, framework: Framework) -> str:
    """How to name a nil return file whose name is no reporter's code: by the
    words a reporter is known by (its code in any case, its name, an alias)."""
    code = framework.lookup(CodeList.REPORTER, name)
    if code is not None and code.casefold() == name.strip().casefold():
        return f"name it {code}.yaml: codes are written in capitals"
    if code is not None:
        return f"name it {code}.yaml ({framework.reporter_name(code)})"
    close = difflib.get_close_matches(name, sorted(framework.reporters), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]}.yaml?"
    return "name it after the code of an economy or forum (data/reference/economies.yaml, fora.yaml), e.g. PNG.yaml"


def _problem(path: str, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path=path, line=1, column=1, code=code, message=message, hint=hint)
