"""What validation found of a whole committed tree of records, kept in the cache
so that `validate --changed-since` need not list, read or look up every file.

A pull request changes a few files of a repository of thousands. Its check
wants every record's keys (the rules across records compare them) but only
the changed files' own problems. When `tracker validate` last ran on the
commit the pull request starts from (in CI: the run on main, whose cache the
pull request's run restores), it left here the list of record files, the
problems of where files sit, and each file's outcome: its blob id and keys,
or its diagnostics. `--changed-since` takes the unchanged files from that and
checks the changed ones, as listed by git.

A checked tree is keyed by git's tree ids of the record folders (see
apec_tracker.git.HeadTreeKey and changed_since), so it describes exactly
those contents; it is kept in the cache folder of the tool version and reference
data that produced it, like the rest of the cache (apec_tracker._speed.cache).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.record import RecordKeys

if TYPE_CHECKING:
    from apec_tracker.reading.records import RecordFile

# What a file checked to, as a checked tree keeps it: its blob id and keys when
# it is a record, else the diagnostics that stopped it.
KeptOutcome = tuple[str, RecordKeys] | tuple[Diagnostic, ...]


@dataclass(frozen=True)
class CheckedTree:
    files: list[RecordFile]  # in the order discovery lists them
    placement: list[Diagnostic]  # entries that are not where a record can be
    outcomes: list[KeptOutcome]  # one a file

    def unchanged(self, changed: Collection[str]) -> tuple[list[RecordFile], list[Diagnostic], dict[str, KeptOutcome]]:
        """The files, placement problems and outcomes of the tree but for the ``changed`` paths."""
        changed = frozenset(changed)
        files: list[RecordFile] = []
        outcomes: dict[str, KeptOutcome] = {}
        for record_file, outcome in zip(self.files, self.outcomes, strict=True):
            if record_file.path not in changed:
                files.append(record_file)
                outcomes[record_file.path] = outcome
        return files, [d for d in self.placement if d.path not in changed], outcomes


def discovery_order(path: str) -> tuple[str, ...]:
    """The order discovery lists files in: by name at each level of folders."""
    return tuple(path.split("/"))
