"""The one module that writes files: atomically, and never over a user's file
unless asked to replace it.

Every file is written whole to a staging file beside its place, flushed to the
disk, then renamed into place, so readers see the old file or the new one,
never half of one. A staging file is named so that validation knows it for
what it is (apec_tracker.domain.layout.is_staging_file); one that a killed
write left behind is removed by the next write in its folder.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from itertools import islice
from pathlib import Path

from apec_tracker.domain.layout import STAGING_PREFIX, STAGING_SUFFIX, is_staging_file
from apec_tracker.errors import SetupError, UsageError

# A staging file older than this is what a killed write left behind: no write
# takes anywhere near as long.
STALE_STAGING_SECONDS = 600


class TargetExists(UsageError):
    """The file to create is already there; nothing was written."""


def write_text_atomically(path: Path, text: str | Iterable[str], *, overwrite: bool = True) -> None:
    """Write ``text`` (a string, or the pieces of one) to ``path`` so that readers
    see the old file or the new one, never a half-written one. With
    ``overwrite=False`` an existing file is left alone and TargetExists is
    raised, even if it appears while we write."""
    staged = stage_text(path, text)
    try:
        if overwrite:
            os.replace(staged, path)
        else:
            # link() fails if the name exists: two writers of the same new file
            # cannot both win, and neither replaces the other's file.
            try:
                os.link(staged, path)
            except FileExistsError:
                raise TargetExists(f"{path} exists already; nothing was written") from None
            os.unlink(staged)
    except BaseException:
        discard(staged)
        raise


def append_text(path: Path, text: str) -> None:
    """Add ``text`` at the end of a file another program keeps for us to add to
    (GitHub's step summary, $GITHUB_STEP_SUMMARY), in one write: never a
    user's file, never anything before its end. A file that cannot be written
    is a SetupError naming it."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise SetupError(f"cannot add to {path}: {error.strerror or error}") from None


def write_together(files: Mapping[Path, Iterable[str] | bytes], *, prune: Sequence[Path] = ()) -> None:
    """Write several files, each from pieces of text as they come (a report's
    formats as they render) or from bytes, moving them all into place only once
    every one is complete: if one fails (a broken template, a full disk, an
    interrupted run), the files there before are left as they were, with no
    staging file or new empty folder behind.

    Each folder in ``prune`` is the tool's own (a review's detail pages): once
    the new files are in place, the files directly in it that this write did not
    make are removed, so that no page of an earlier build lingers."""
    new_folders: list[Path] = []
    for path in files:
        for folder in (path.parent, *path.parent.parents):
            if folder.exists():
                break
            if folder not in new_folders:
                new_folders.append(folder)
    new_folders.sort(key=lambda folder: len(folder.parts), reverse=True)  # deepest first
    staged: dict[Path, Path] = {}
    try:
        for path, pieces in files.items():
            staged[path] = staging_file(path)
            write_staged(staged[path], pieces)
        for path, temporary in staged.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in staged.values():
            discard(temporary)
        for created in new_folders:  # made for the files that were not written
            with suppress(OSError):
                created.rmdir()
        raise
    written = set(files)
    for folder in prune:
        with suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and Path(entry.path) not in written:
                    with suppress(OSError):
                        os.unlink(entry.path)


def stage_text(path: Path, text: str | Iterable[str]) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and return it, for the
    caller to move into place with os.replace (or :func:`discard`). If writing
    fails, nothing is left behind."""
    staged = staging_file(path)
    try:
        write_staged(staged, text)
    except BaseException:
        discard(staged)
        raise
    return staged


def staging_file(path: Path) -> Path:
    """A new, empty temporary file beside ``path`` (its folder made if need be),
    with the mode a plain open() would give ``path``: the old file's, or the umask's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging_files(path.parent)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{STAGING_PREFIX}{path.name}.",
                                             suffix=STAGING_SUFFIX)
    try:
        os.fchmod(descriptor, _mode_for(path))  # mkstemp makes the file private (0600)
    except BaseException:
        os.close(descriptor)
        discard(Path(temporary))
        raise
    os.close(descriptor)
    return Path(temporary)


def write_staged(staged: Path, text: str | Iterable[str] | bytes) -> None:
    """Fill a staging file with ``text`` (or bytes) and flush it to the disk. A text
    given in pieces is never held whole: a report of 50,000 records is 70 MB of HTML.
    Line endings are written as the text has them. On failure the file is left
    for the caller to discard."""
    if isinstance(text, bytes):
        with open(staged, "wb") as binary:
            binary.write(text)
            binary.flush()
            os.fsync(binary.fileno())
        return
    with open(staged, "w", encoding="utf-8", newline="", buffering=1 << 20) as handle:
        if isinstance(text, str):
            handle.write(text)
        else:
            # Joined a few thousand pieces at a time: writing each of a
            # template's millions of small pieces costs a third more.
            pieces = iter(text)
            while batch := list(islice(pieces, 4096)):  # empty pieces are not the end
                handle.write("".join(batch))
        handle.flush()
        os.fsync(handle.fileno())


def remove_stale_staging_files(folder: Path) -> None:
    """Remove the staging files a killed write left in ``folder``; a write going
    on now keeps its own (it is younger than STALE_STAGING_SECONDS)."""
    now = time.time()
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if is_staging_file(entry.name) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_STAGING_SECONDS:
                        os.unlink(entry.path)


def discard(staged: Path) -> None:
    """Remove a staged file that will not be used."""
    staged.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
