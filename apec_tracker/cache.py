"""A cache of checked record files, so that unchanged files are not parsed and
validated again on the next run.

What a file checks to (its record, or its diagnostics) depends only on its path,
its bytes, the reference data and the tool's own code. The cache is keyed by
all four: a SHA-1 of the path and bytes, in a cache file named after a hash of
the reference data, the package's source and the versions of the libraries that
parse and validate. Change any of them and the entry is simply not found, so
the cache cannot make validation answer differently from a run without it.

It lives outside the repository, in ``$TRACKER_CACHE_DIR`` or
``$XDG_CACHE_HOME/apec-tracker`` (``~/.cache/apec-tracker``): a pull request can
neither ship a cache nor poison one. Deleting it at any time is safe; an
unreadable or damaged cache file is treated as empty and replaced.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from apec_tracker.diagnostics import Diagnostic
from apec_tracker.model import Activity

# What checking one file gives: its record, or the diagnostics that stopped it.
Outcome = Activity | tuple[Diagnostic, ...]

CACHE_FORMAT = "1"
# Cache files of other tool versions or reference data are removed once they
# have not been used for this long.
STALE_SECONDS = 14 * 24 * 3600


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Pickling and unpickling a repository's records touches millions of
    # objects; with the cyclic collector running alongside, it takes several
    # times as long (5 s instead of about 1.2 s to write 50,000 records).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
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


@dataclass
class RecordCache:
    """Outcomes of checked files, read from and written back to one cache file."""

    file: Path | None  # None: a cache that remembers nothing (--no-cache)
    entries: dict[bytes, Outcome] = field(default_factory=dict)
    used: set[bytes] = field(default_factory=set)
    added: int = 0

    @staticmethod
    def key(path: str, data: bytes) -> bytes:
        return hashlib.sha1(path.encode() + b"\0" + data).digest()

    def get(self, key: bytes) -> Outcome | None:
        outcome = self.entries.get(key)
        # A damaged entry of the wrong type is a miss, never an answer.
        if isinstance(outcome, Activity) or (
            isinstance(outcome, tuple) and all(isinstance(item, Diagnostic) for item in outcome)
        ):
            self.used.add(key)
            return outcome
        return None

    def put(self, key: bytes, outcome: Outcome) -> None:
        if self.file is not None:
            self.entries[key] = outcome
            self.used.add(key)
            self.added += 1

    def save(self) -> None:
        """Write the cache back if this run added to it; never fails a command."""
        if self.file is None or not self.added:
            return
        keep = self.entries
        if len(keep) > 2 * len(self.used) + 1000:
            # Mostly entries for files that are gone: keep what this run used.
            keep = {key: self.entries[key] for key in self.used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".records-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out, _collector_paused():
                    _dump_in_chunks(keep, out)
                os.replace(temporary, self.file)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            _remove_stale(self.file.parent, self.file)
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed


def open_cache(reference_dir: Path, directory: Path | None = None) -> RecordCache:
    """The cache for this tool and this reference data; empty if there is none
    yet or it cannot be read."""
    directory = directory or default_directory()
    file = directory / f"records-{fingerprint(reference_dir)[:20]}.pickle"
    entries: dict[bytes, Outcome] = {}
    try:
        with open(file, "rb") as handle, _collector_paused():
            entries = _load_chunks(handle)
        gc.freeze()  # kept for the whole command: no collection need scan them again
    except FileNotFoundError:
        pass
    except Exception:  # a damaged cache file, whatever the damage, is an empty cache
        entries = {}
    return RecordCache(file=file, entries=entries)


# Entries are pickled a thousand at a time: the memo pickle keeps of every object
# it has seen would otherwise add a third to the memory of a 50,000-record run.
CHUNK = 1000


def _dump_in_chunks(entries: dict[bytes, Outcome], out: BinaryIO) -> None:
    items = list(entries.items())
    for start in range(0, len(items), CHUNK):
        pickle.dump(dict(items[start:start + CHUNK]), out, protocol=pickle.HIGHEST_PROTOCOL)


def _load_chunks(handle: BinaryIO) -> dict[bytes, Outcome]:
    entries: dict[bytes, Outcome] = {}
    while True:
        try:
            chunk = pickle.load(handle)
        except EOFError:
            return entries
        if not isinstance(chunk, dict):
            raise ValueError("not a cache file")
        entries.update(chunk)


def no_cache() -> RecordCache:
    return RecordCache(file=None)


def _remove_stale(directory: Path, current: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for other in directory.glob("records-*.pickle"):
        try:
            if other != current and other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            pass
