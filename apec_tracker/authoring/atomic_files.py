"""The one module that writes files: atomically, and never over a user's file
unless asked to replace it."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from itertools import islice
from pathlib import Path


class TargetExists(Exception):
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
                raise TargetExists(path) from None
            os.unlink(staged)
    except BaseException:
        discard(staged)
        raise


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
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(descriptor, _mode_for(path))  # mkstemp makes the file private (0600)
    except BaseException:
        os.close(descriptor)
        discard(Path(temporary))
        raise
    os.close(descriptor)
    return Path(temporary)


def write_staged(staged: Path, text: str | Iterable[str]) -> None:
    """Fill a staging file with ``text`` and flush it to the disk. A text given in
    pieces is never held whole: a report of 50,000 records is 70 MB of HTML.
    On failure the file is left for the caller to discard."""
    with open(staged, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as handle:
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
