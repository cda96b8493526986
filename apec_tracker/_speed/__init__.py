"""Everything that exists only for speed, behind one door: the store of record
facts, and reading many records without the garbage collector's rescans.

`tracker validate --changed-since` reports on the few files a pull request
changed, but the rules across records (one id per record, one record per APEC
project...) must still see every record. Reading and checking 10,000 unchanged
files for that would cost a full validation; instead, the facts those rules
read of each file (apec_tracker.reading.records.RecordFacts) are kept here,
keyed by the file's path and git's blob id of its bytes, and a file whose bytes
the store knows is not parsed again.

What a file's facts are depends only on its path, its bytes, the reference
data, the fields the rules read, the tool's own code and the libraries it runs
on (Python, the YAML parsers, pydantic: every runtime dependency, at its
version); the store's fingerprint covers all of them, so it cannot make an answer differ from a run
without it. It lives outside the repository (``$TRACKER_CACHE_DIR``, else
``$XDG_CACHE_HOME/apec-tracker``, else ``~/.cache/apec-tracker``), one file per
repository, written whole and renamed into place. Its contents carry a
checksum: a file that is damaged, truncated or of another fingerprint is read
as empty and replaced, so damage costs time, never an answer. Deleting it is
always safe.

Reading 10,000 records makes millions of small objects and frees none of them;
Python's cyclic garbage collector would scan them again and again for nothing
(a quarter of `tracker validate`'s time). :func:`many_objects` pauses it while
records are read, and moves what was read out of its sight.

Records that set the same fields share one set of them
(:class:`SharedFieldSets`), which keeps 50,000 records within 500 MB.

Only apec_tracker.reading uses this package.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Final

STORE_FORMAT = 1
UNKNOWN: Final = object()  # what get() gives for a file the store does not know


class FactsStore:
    """Facts of record files by (path, blob id): a mapping of field to value for a
    record, None for a file that is not a valid record."""

    def __init__(self, file: Path | None, fingerprint: str, entries: dict[str, Any] | None = None):
        self.file = file
        self.fingerprint = fingerprint
        self._entries: dict[str, Any] = entries or {}
        self._added: dict[str, Any] = {}

    def get(self, path: str, blob: str) -> Any:
        """The facts stored for the file, None if it is not a record, or UNKNOWN."""
        return self._entries.get(f"{path}\0{blob}", UNKNOWN)

    def put(self, path: str, blob: str, values: Mapping[str, Any] | None) -> None:
        key = f"{path}\0{blob}"
        if self._entries.get(key, UNKNOWN) != values:
            self._added[key] = values
            self._entries[key] = values

    def save(self) -> None:
        """Write what this run added; a store that cannot be written is left as it was."""
        if self.file is None or not self._added:
            return
        # One blob per path: the newest replaces what the path held before.
        renewed = {key.split("\0", 1)[0] for key in self._added}
        kept = {key: value for key, value in self._entries.items()
                if key in self._added or key.split("\0", 1)[0] not in renewed}
        # surrogatepass: a file name that is not UTF-8 is held as lone surrogates
        # (os.fsdecode); json.loads reads them back so.
        body = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
            "utf-8", "surrogatepass")
        header = json.dumps({"format": STORE_FORMAT, "fingerprint": self.fingerprint,
                             "checksum": hashlib.sha256(body).hexdigest()}).encode("utf-8")
        with suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            descriptor, staged = tempfile.mkstemp(dir=self.file.parent, prefix=".facts-", suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(header + b"\n" + body)
                os.replace(staged, self.file)
            except BaseException:
                with suppress(OSError):
                    os.unlink(staged)
                raise
        self._added.clear()


def open_store(repository_root: Path, inputs: Sequence[bytes]) -> FactsStore:
    """The store of the repository at ``repository_root``, for answers that depend
    on ``inputs`` (the reference data's bytes, the fields the rules read); empty
    if there is none yet, or it is damaged, or of another fingerprint."""
    fingerprint = _fingerprint(inputs)
    name = hashlib.sha256(os.fsencode(_home(repository_root))).hexdigest()[:24]
    file = cache_directory() / "facts" / f"{name}.json"
    return FactsStore(file, fingerprint, _read(file, fingerprint))


def _home(repository_root: Path) -> Path:
    """Where git keeps the repository: one folder for all its worktrees, so that a
    worktree of main, validated, fills the store a branch's checkout reads (as
    CI's run on main fills it for pull requests). Read from ``.git``, without
    running git; a repository git does not hold is its own folder."""
    root = repository_root.resolve()
    for folder in (root, *root.parents):
        dot = folder / ".git"
        try:
            if dot.is_dir():
                return dot
            if dot.is_file():  # a worktree: "gitdir: <repository>/.git/worktrees/<name>"
                gitdir = dot.read_text(encoding="utf-8").strip().removeprefix("gitdir:").strip()
                worktree = (folder / gitdir).resolve()
                common = worktree / "commondir"
                if not common.is_file():
                    return worktree
                return (worktree / common.read_text(encoding="utf-8").strip()).resolve()
        except (OSError, UnicodeDecodeError):
            break
    return root


class SharedFieldSets:
    """Records that set the same fields share one ``__pydantic_fields_set__``.

    pydantic keeps a set of the fields given for every model instance: over 2 KB
    for a record and more for its progress entries and indicators, a third of a
    loaded repository's memory (at 50,000 records, 650 MB against 440 MB).
    Records set a few combinations of fields, so one set per combination serves
    them all. The record models are frozen (nothing adds to the set), and
    pydantic copies the set when it copies a model."""

    def __init__(self) -> None:
        self._known: dict[frozenset[str], set[str]] = {}

    def share(self, model: Any) -> None:
        fields_set = model.__pydantic_fields_set__
        known = self._known.setdefault(frozenset(fields_set), fields_set)
        if known is not fields_set:
            object.__setattr__(model, "__pydantic_fields_set__", known)
        for value in model.__dict__.values():
            if hasattr(value, "__pydantic_fields_set__"):
                self.share(value)
            elif type(value) is list and value and hasattr(value[0], "__pydantic_fields_set__"):
                for item in value:
                    self.share(item)


def no_store() -> FactsStore:
    """A store that remembers nothing and writes nothing (`--no-cache`)."""
    return FactsStore(None, "")


@contextmanager
def many_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.
    Records hold no reference cycles, so nothing is left uncollected; once
    made, they are frozen, so later collections do not scan them either."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def cache_directory() -> Path:
    chosen = os.environ.get("TRACKER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "apec-tracker"


def _read(file: Path, fingerprint: str) -> dict[str, Any]:
    try:
        header_line, _, body = file.read_bytes().partition(b"\n")
        header = json.loads(header_line)
        if (not isinstance(header, dict) or header.get("format") != STORE_FORMAT
                or header.get("fingerprint") != fingerprint
                or header.get("checksum") != hashlib.sha256(body).hexdigest()):
            return {}
        entries = json.loads(body)
    except (OSError, ValueError, RecursionError):  # RecursionError: a header damaged into [[[[...
        return {}
    return entries if isinstance(entries, dict) else {}


def _fingerprint(inputs: Sequence[bytes]) -> str:
    digest = hashlib.sha256()
    for part in (str(STORE_FORMAT).encode(), sys.version.encode(), *map(str.encode, library_versions()), *inputs):
        digest.update(len(part).to_bytes(8, "big") + part)
    # The tool's own code: a rule or the parser changed in a checkout changes
    # what files check to, whatever its version number says.
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        data = source.read_bytes()
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


PROJECT = "apec-tracker"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def library_versions() -> list[str]:
    """``name==version`` of every library the tool runs on: its runtime
    dependencies and theirs. Any of them can change what a file checks to (a
    YAML parser's positions, pydantic's errors), so each one's version is part
    of the store's key; naming them by hand would miss the next one added."""
    found: dict[str, str] = {}
    wanted = [PROJECT]
    while wanted:
        name = _normalized(wanted.pop())
        if name in found:
            continue
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            if name == PROJECT:  # run from a source tree, not installed: every library there is
                return sorted(f"{_normalized(d.metadata['Name'] or '')}=={d.version}"
                              for d in importlib.metadata.distributions())
            found[name] = "absent"
            continue
        # The headers read directly: the email parser importlib.metadata uses
        # would cost more than the rest of a small run.
        # (PKG-INFO: the same headers, in an .egg-info folder of a source tree.)
        text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or ""
        headers = text.split("\n\n", 1)[0].splitlines()
        found[name] = next((line[8:].strip() for line in headers if line.startswith("Version:")), "unknown")
        for line in headers:
            if not line.startswith("Requires-Dist:"):
                continue
            named, _, marker = line[14:].partition(";")
            match = _NAME.match(named.strip())
            if match and "extra" not in marker:  # test and benchmark extras change no answer
                wanted.append(match.group())
    return sorted(f"{name}=={version}" for name, version in found.items())


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
