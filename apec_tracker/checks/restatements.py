"""Restatements: what has changed in a year's entries since its review was published.

A published review is an annotated tag (`tracker publish`). Records may still
change afterwards (a late correction is normal), but the Secretariat must know:
a changed or late entry for a published year is a warning naming the record and
the fields (H601, H603); deleting a record the published review contained is an
error (H602) — the record stays, with its status, so the history adds up.

:func:`restatements` is pure; :class:`PublishedReviews` reads the tags.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import LoadedRecord
from apec_tracker.domain.record import Indicator, Progress


def restatements(published: Sequence[LoadedRecord], current: Sequence[LoadedRecord], current_paths: set[str],
                 year: int, tag: str) -> Iterator[Diagnostic]:
    """How the entries for ``year`` in ``current`` differ from ``published``.

    Records are matched by id, so a record moved to another file is not
    "deleted". ``current_paths`` are all record files now, loaded or not: a
    file that is there but broken is reported by validation, not as deleted.
    """
    now = {record.keys.id: record for record in current}
    then_ids = set()
    for old in published:
        record_id = old.keys.id
        then_ids.add(record_id)
        new = now.get(record_id)
        if new is None:
            if old.file.path not in current_paths:
                yield Diagnostic(old.file.path, 1, 1, "H602",
                                 f"{record_id} was in the {year} review published as {tag}, and has been deleted",
                                 "restore the file; an activity that stopped is marked cancelled or completed")
            continue
        if _same_bytes(old, new):
            continue
        old_entry = old.activity.progress_for(year)
        new_index, new_entry = _entry(new, year)
        if old_entry is None and new_entry is not None:
            yield _at(new, ("progress", new_index, "year"), "H603",
                      f"progress for {year} was added after the {year} review was published ({tag})")
        elif old_entry is not None and new_entry is None:
            yield _at(new, ("progress",), "H601",
                      f"the {year} progress entry published in {tag} has been removed", key=True)
        elif old_entry is not None and new_entry is not None:
            changed = changed_fields(old_entry, new_entry)
            if changed:
                yield _at(new, ("progress", new_index), "H601",
                          f"the {year} entry differs from the review published as {tag}: {'; '.join(changed)}",
                          "a correction to a published year is fine; say why in the commit message")
    for record_id, new in now.items():
        if record_id in then_ids:
            continue
        new_index, new_entry = _entry(new, year)
        if new_entry is not None:
            yield _at(new, ("progress", new_index, "year"), "H603",
                      f"progress for {year} was added after the {year} review was published ({tag})")


def changed_fields(old: Progress, new: Progress) -> list[str]:
    """The fields of a progress entry that differ, each as a short phrase."""
    changes: list[str] = []
    if old.status is not new.status:
        changes.append(f"status {old.status} → {new.status}")
    if old.narrative != new.narrative:
        changes.append("narrative")
    before = {item.name: item for item in old.indicators}
    after = {item.name: item for item in new.indicators}
    for name in sorted(before.keys() - after.keys()):
        changes.append(f"indicator {name!r} removed")
    for name in sorted(after.keys() - before.keys()):
        changes.append(f"indicator {name!r} added")
    for name in sorted(before.keys() & after.keys()):
        changes += [f"indicator {name!r} {field}" for field in _indicator_fields(before[name], after[name])]
    return changes


def _indicator_fields(old: Indicator, new: Indicator) -> Iterator[str]:
    for field in ("unit", "baseline", "target", "value"):
        then, now = getattr(old, field), getattr(new, field)
        if then != now:
            yield f"{field} {_shown(then)} → {_shown(now)}"


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "none" if value is None else str(value)


def _entry(record: LoadedRecord, year: int) -> tuple[int, Progress | None]:
    for index, entry in enumerate(record.activity.progress):
        if entry.year == year:
            return index, entry
    return 0, None


def _same_bytes(old: LoadedRecord, new: LoadedRecord) -> bool:
    return old.blob == new.blob  # git's blob ids: equal ids, equal bytes


def _at(record: LoadedRecord, path: tuple[str | int, ...], code: str, message: str, hint: str | None = None,
        *, key: bool = False) -> Diagnostic:
    position = record.position(path, key=key)
    return Diagnostic(record.file.path, position.line, position.column, code, message, hint)


@dataclass
class PublishedReviews:
    """The restatement checks against every review published in the history of
    the state being checked (HEAD for the working tree, or ``revision``).

    Called with the records validation loaded, as an extra rule; only reads git
    when there is a publication to compare with.
    """

    root: Path
    framework: Framework
    revision: str | None = None

    def __call__(self, records: Sequence[LoadedRecord], paths: set[str]) -> list[Diagnostic]:
        from apec_tracker.git import publications

        found: list[Diagnostic] = []
        for publication in publications(self.root, reachable_from=self.revision or "HEAD"):
            published = load_published(self.root, self.framework, publication.tag, records)
            found += restatements(published, records, paths, publication.year, publication.tag)
        return found


def load_published(root: Path, framework: Framework, revision: str,
                   unchanged_from: Sequence[LoadedRecord] = ()) -> list[LoadedRecord]:
    """The records a published review held. A file whose bytes are the same as
    one of ``unchanged_from`` is not parsed again."""
    from apec_tracker.git import Snapshot
    from apec_tracker.reading.records import load_files

    known = {(record.file.path, record.blob): record for record in unchanged_from}
    with Snapshot(root, revision) as snapshot:
        files, _ = snapshot.discover(framework)
        same = [known[key] for key in ((f.path, snapshot.entries[f.path].sha) for f in files) if key in known]
        same_paths = {record.file.path for record in same}
        rest = [record_file for record_file in files if record_file.path not in same_paths]
        return same + load_files(rest, snapshot, framework).records
