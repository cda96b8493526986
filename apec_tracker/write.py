"""The one module that writes files: atomically, and never over a user's file
unless asked to replace it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class TargetExists(Exception):
    """The file to create is already there; nothing was written."""


def write_text_atomically(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one,
    never a half-written one. With ``overwrite=False`` an existing file is left
    alone and TargetExists is raised, even if it appears while we write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); the file written gets the mode a
        # plain open() would give it: the old file's, or the umask's.
        os.fchmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            # link() fails if the name exists: two writers of the same new file
            # cannot both win, and neither replaces the other's file.
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise TargetExists(path) from None
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
