"""Restatements: what has changed in a year's entries since its review was published.

A published review is an annotated tag (`tracker publish`). Records may still
change afterwards (a late correction is normal), but the Secretariat must know:
a changed or late entry for a published year is a warning naming the record and
the fields (H601, H603); deleting a record the published review contained is an
error (H602): the record stays, with its status, so the history adds up. A nil
return for a published year filed or withdrawn since is a warning (H604, H605):
the review's "Reporting" section said otherwise.

Records are matched by id. A published record was valid when it was published,
so its id is its file name; a record whose bytes are the ones published is
not read again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from apec_tracker import git
from apec_tracker.checks.registry import Finding
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Activity, Indicator, Progress
from apec_tracker.reading.placement import RecordFile, ReturnFile, place
from apec_tracker.reading.records import LoadedRecord, RecordFacts, blob_id, check_file
from apec_tracker.reading.sources import Revision, UnreadableFile


def restatements(root: Path, framework: Framework, records: Sequence[LoadedRecord], facts: Sequence[RecordFacts],
                 record_paths: set[str], return_files: Sequence[ReturnFile], *,
                 revision: str | None = None) -> list[Finding]:
    """The restatements of every review published in the history of the state
    checked (HEAD for the working tree, or ``revision``): for ``records`` (the
    records reported on), deletions among all of them (``facts``, the paths
    of every record file now), and the nil returns (``return_files``, every one
    filed now)."""
    found: list[Finding] = []
    for publication in git.publications(root, reachable_from=revision or "HEAD"):
        with Revision(root, publication.tag) as published:
            found += _against(published, framework, publication, records, facts, record_paths, return_files)
    return found


def _against(published: Revision, framework: Framework, publication: git.Publication, records: Sequence[LoadedRecord],
             facts: Sequence[RecordFacts], record_paths: set[str],
             return_files: Sequence[ReturnFile]) -> Iterator[Finding]:
    placed = place(published.entries(), framework)
    yield from nil_returns_since(placed.returns, return_files, publication)
    held = {record_file.stem: record_file for record_file in placed.files}
    yield from deletions({stem: record_file.path for stem, record_file in held.items()},
                         {record["id"] for record in facts}, record_paths, publication)
    for record in records:
        then_file = held.get(record.activity.id)
        if then_file is None:
            yield from restated(record, None, publication)
            continue
        old = _published_activity(published, then_file, record, framework)
        if isinstance(old, Activity):
            yield from restated(record, old, publication)
        # else the bytes are the ones published, or no record by today's rules
        # (validation says so where it matters)


def deletions(held: Mapping[str, str], ids_now: set[str], record_paths: set[str],
              publication: git.Publication) -> Iterator[Finding]:
    """H602 for each record a published review held (``held``: id -> path) that
    is gone. A file still there but broken is validation's to report, not a deletion."""
    for record_id, path in sorted(held.items()):
        if record_id not in ids_now and path not in record_paths:
            yield Finding(path, (), "H602",
                          f"{record_id} was in the {publication.year} review published as {publication.tag}, "
                          "and has been deleted",
                          "restore the file; an activity that stopped is marked cancelled or completed",
                          across=True)


def nil_returns_since(then: Sequence[ReturnFile], now: Sequence[ReturnFile],
                      publication: git.Publication) -> Iterator[Finding]:
    """H604 for a nil return for the published year filed since, H605 for one
    the published review counted that is gone. (A file still there but broken
    is validation's to report.)"""
    year, tag = publication.year, publication.tag
    before = {item.path: item for item in then if item.year == year}
    after = {item.path: item for item in now if item.year == year}
    for path in sorted(after.keys() - before.keys()):
        yield Finding(path, (), "H604",
                      f"{after[path].code}'s nil return for {year} was filed after the {year} review was "
                      f"published ({tag}), which did not count it",
                      "a late return is fine; say why in the commit message", across=True)
    for path in sorted(before.keys() - after.keys()):
        yield Finding(path, (), "H605",
                      f"{before[path].code}'s nil return for {year} was counted in the review published as {tag}, "
                      "and has been withdrawn",
                      "if the reporter did report for the year, say why in the commit message", across=True)


def restated(record: LoadedRecord, old: Activity | None, publication: git.Publication) -> Iterator[Finding]:
    """How the record's entry for the published year differs from what was
    published (``old``: the record as published, None if it was not)."""
    year, tag = publication.year, publication.tag
    index, entry = _entry(record.activity.progress, year)
    old_entry = _entry(old.progress, year)[1] if old is not None else None
    if old_entry is None and entry is not None:
        yield Finding(record.file.path, ("progress", index, "year"), "H603",
                      f"progress for {year} was added after the {year} review was published ({tag})")
    elif old_entry is not None and entry is None:
        yield Finding(record.file.path, ("progress",), "H601",
                      f"the {year} progress entry published in {tag} has been removed", at_key=True)
    elif old_entry is not None and entry is not None:
        changed = changed_fields(old_entry, entry)
        if changed:
            yield Finding(record.file.path, ("progress", index), "H601",
                          f"the {year} entry differs from the review published as {tag}: {'; '.join(changed)}",
                          "a correction to a published year is fine; say why in the commit message")


_UNCHANGED = object()


def _published_activity(published: Revision, record_file: RecordFile, now: LoadedRecord,
                        framework: Framework) -> object:
    """The record as published; _UNCHANGED if its bytes are the ones checked now."""
    try:
        data = published.read(record_file.path)
    except UnreadableFile:
        return None
    if record_file.path == now.file.path and blob_id(data) == now.blob:
        return _UNCHANGED
    activity, _ = check_file(record_file, data, framework)
    return activity


def changed_fields(old: Progress, new: Progress) -> list[str]:
    """The fields of a progress entry that differ, each as a short phrase."""
    changes: list[str] = []
    if old.status is not new.status:
        changes.append(f"status {old.status} → {new.status}")
    if old.narrative != new.narrative:
        changes.append("narrative")
    if old.highlight != new.highlight:
        changes.append("highlight")
    before = {item.key: item for item in old.indicators}
    after = {item.key: item for item in new.indicators}
    for name in sorted(before.keys() - after.keys()):
        changes.append(f"indicator {name!r} removed")
    for name in sorted(after.keys() - before.keys()):
        changes.append(f"indicator {name!r} added")
    for name in sorted(before.keys() & after.keys()):
        changes += [f"indicator {name!r} {field}" for field in _indicator_fields(before[name], after[name])]
    return changes


def _indicator_fields(old: Indicator, new: Indicator) -> Iterator[str]:
    for field in ("name", "unit", "baseline", "target", "value"):
        then, now = getattr(old, field), getattr(new, field)
        if then != now:
            yield f"{field} {_shown(then)} → {_shown(now)}"


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "none" if value is None else str(value)


def _entry(progress: Sequence[Progress], year: int) -> tuple[int, Progress | None]:
    for index, entry in enumerate(progress):
        if entry.year == year:
            return index, entry
    return 0, None
