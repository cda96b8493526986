"""Files to records: find every record file of a source, read it safely, parse
it and check it against the record model.

Nothing here raises for a bad file: each problem becomes a diagnostic and the
next file is read, so one broken record never hides another. What a file means
is decided once, by :func:`check_file`: validation, the commands that read
records and the commands that write them all go through it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from apec_tracker import _speed
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.nil_return import NilReturn
from apec_tracker.domain.record import RECORD_ID, Activity, id_differs_from_file_name
from apec_tracker.reading import record_yaml
from apec_tracker.reading.placement import RecordFile, ReturnFile, place
from apec_tracker.reading.schema_problems import Described, nil_return_from, record_from
from apec_tracker.reading.sources import RecordSource, UnreadableFile


@dataclass(frozen=True, slots=True)
class LoadedRecord:
    """A record file that checked to an activity."""

    file: RecordFile
    blob: str  # git's id of the file's bytes: equal ids, equal bytes
    activity: Activity


@dataclass(frozen=True, slots=True)
class LoadedReturn:
    """A nil return file that checked to a nil return."""

    file: ReturnFile
    nil_return: NilReturn


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the rules across records read of one record: the fields they
    declare (apec_tracker.checks.registry), as plain values. A run that reports
    on a few files (`validate --changed-since`) has these, and no more, for the
    others."""

    file: RecordFile
    values: Mapping[str, Any]

    def __getitem__(self, field_name: str) -> Any:
        try:
            return self.values[field_name]
        except KeyError:
            raise KeyError(f"{field_name!r} is not among the fields rules across records declare they read; "
                           "add it to the rule's reads=") from None


@dataclass
class ReadResult:
    """Every record file of a source, read."""

    files: list[RecordFile] = field(default_factory=list)
    records: list[LoadedRecord] = field(default_factory=list)  # the files read whole that are records
    facts: list[RecordFacts] = field(default_factory=list)  # every file that is a record, in file order
    diagnostics: list[Diagnostic] = field(default_factory=list)  # placement, and files read whole
    return_files: list[ReturnFile] = field(default_factory=list)
    returns: list[LoadedReturn] = field(default_factory=list)  # every nil return file that checked


def read_records(
    source: RecordSource,
    framework: Framework,
    *,
    facts_fields: Sequence[str] = (),
    whole: Callable[[str], bool] | None = None,
    store: FactStore | None = None,
    reuse: Sequence[LoadedRecord] = (),
    known_blobs: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadResult:
    """Read every record file of ``source``.

    Files for which ``whole(path)`` holds (all, by default) are read whole:
    their records and diagnostics are in the result. Of the others only their
    facts are needed, for the rules across records; those come from ``store``
    when it knows the file's bytes (by the blob id ``known_blobs`` give for its
    path, without reading it, or else by reading it), and are worked out afresh
    otherwise.

    A file that the source knows (without reading it) to hold the bytes of one
    of the records ``reuse`` at the same path is not read again: a published
    year's records are mostly those of today. ``progress`` is told of each file
    read (done, total).
    """
    with _speed.many_objects():
        return _read(source, framework, tuple(facts_fields), whole, store, reuse, known_blobs or {}, progress)


def _read(source: RecordSource, framework: Framework, fields: tuple[str, ...], whole: Callable[[str], bool] | None,
          store: FactStore | None, reuse: Sequence[LoadedRecord], known_blobs: Mapping[str, str],
          progress: Callable[[int, int], None] | None) -> ReadResult:
    placement = place(source.entries(), framework)
    result = ReadResult(files=placement.files, diagnostics=list(placement.problems), return_files=placement.returns)
    _read_returns(source, framework, whole, result)
    reusable = {(record.file.path, record.blob): record for record in reuse}
    shared = _speed.SharedFieldSets()
    for done, record_file in enumerate(placement.files, start=1):
        if progress is not None:
            progress(done, len(placement.files))
        path = record_file.path
        read_whole = whole is None or whole(path)
        if reusable and (same := reusable.get((path, source.blob_of(path) or ""))):
            result.facts.append(RecordFacts(record_file, facts_of(same.activity, fields)))
            if read_whole:
                result.records.append(same)
            continue
        if not read_whole and store is not None and path in known_blobs:
            stored = store.get(path, known_blobs[path])
            if stored is not _speed.UNKNOWN:
                if stored is not None:
                    result.facts.append(RecordFacts(record_file, stored))
                continue
        try:
            data = source.read(path)
        except UnreadableFile as error:
            if read_whole:
                result.diagnostics.append(Diagnostic(path, 1, 1, error.code, error.message, error.hint))
            continue
        blob = blob_id(data)
        if not read_whole and store is not None:
            stored = store.get(path, blob)
            if stored is not _speed.UNKNOWN:
                if stored is not None:
                    result.facts.append(RecordFacts(record_file, stored))
                continue
        activity, problems = check_file(record_file, data, framework)
        values = facts_of(activity, fields) if activity is not None else None
        if store is not None:
            store.put(path, blob, values)
        if values is not None:
            result.facts.append(RecordFacts(record_file, values))
        if read_whole:
            result.diagnostics.extend(problems)
            if activity is not None:
                shared.share(activity)
                result.records.append(LoadedRecord(record_file, blob, activity))
    return result


def _read_returns(source: RecordSource, framework: Framework, whole: Callable[[str], bool] | None,
                  result: ReadResult) -> None:
    """Every nil return, read whole whatever is reported on: there are a few
    dozen a year, and the rules across records and `tracker status` need them all."""
    for return_file in result.return_files:
        try:
            data = source.read(return_file.path)
        except UnreadableFile as error:
            problems = [Diagnostic(return_file.path, 1, 1, error.code, error.message, error.hint)]
            nil_return = None
        else:
            nil_return, problems = check_return_file(return_file, data, framework)
        if whole is None or whole(return_file.path):
            result.diagnostics.extend(problems)
        if nil_return is not None:
            result.returns.append(LoadedReturn(return_file, nil_return))


FactStore = _speed.FactsStore


def open_fact_store(repository_root: Path, framework: Framework, fields: Sequence[str], *,
                    use: bool = True) -> FactStore:
    """The store of the facts ``fields`` of the repository's records, as checked
    against ``framework``; with ``use`` false, one that remembers and writes nothing."""
    if not use:
        return _speed.no_store()
    return _speed.open_store(repository_root, [framework.digest.encode(), "\0".join(fields).encode()])


def check_file(record_file: RecordFile, data: bytes, framework: Framework) -> tuple[Activity | None, list[Diagnostic]]:
    """What a record file's bytes mean: its activity, or the diagnostics that
    stop it (encoding, YAML, the record model)."""
    read = _fields(record_file.path, data, "a record is a list of `field: value` lines, starting with `id:`")
    if isinstance(read, list):
        return None, read
    text, value = read
    activity, problems = record_from(value, framework)
    if activity is None:
        record_id = value.get("id")
        if isinstance(record_id, str) and re.match(RECORD_ID, record_id):
            # Said now, beside the schema's problems, not once they are fixed.
            differs = id_differs_from_file_name(record_id, record_file.stem)
            if differs is not None:
                problems = [*problems, Described("R501", *differs, at_key=False, loc=("id",))]
        return None, [_at_position(record_file.path, text, problem) for problem in problems]
    return activity, []


def check_return_file(return_file: ReturnFile, data: bytes,
                      framework: Framework) -> tuple[NilReturn | None, list[Diagnostic]]:
    """What a nil return file's bytes mean, told as for a record."""
    read = _fields(return_file.path, data, "a nil return is a list of `field: value` lines, starting with `reporter:`")
    if isinstance(read, list):
        return None, read
    text, value = read
    nil_return, problems = nil_return_from(value, framework)
    if nil_return is None:
        return None, [_at_position(return_file.path, text, problem) for problem in problems]
    return nil_return, []


def _fields(path: str, data: bytes, what_it_holds: str) -> tuple[str, dict[str, Any]] | list[Diagnostic]:
    """A file's text and its mapping of fields, or the diagnostic that says why
    there is none (its bytes, its YAML, or a top level that is not a mapping)."""
    try:
        text = record_yaml.decode(data).text
        value = record_yaml.parse(text)
    except record_yaml.YamlProblem as problem:
        return [Diagnostic(path, problem.line, problem.column, problem.code, problem.message, problem.hint)]
    if not isinstance(value, dict):
        return [Diagnostic(path, 1, 1, "Y306", f"the file holds a {_yaml_kind(value)}, not a mapping of fields",
                           what_it_holds)]
    return text, value


def facts_of(activity: Activity, fields: Sequence[str]) -> dict[str, Any]:
    """The record's values of ``fields``, as plain JSON values (what the store keeps)."""
    return {name: _plain(getattr(activity, name)) for name in fields}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"a record's {type(value).__name__} value cannot be a fact")


def blob_id(data: bytes) -> str:
    """Git's id of a file's contents (a SHA-1 of a short header and the bytes)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null value or nothing but comments"
    return f"single {type(value).__name__} value"


def _at_position(path: str, text: str, problem: Described) -> Diagnostic:
    position = record_yaml.locate(text, problem.loc, key=problem.at_key) or record_yaml.Position(1, 1)
    return Diagnostic(path, position.line, position.column, problem.code, problem.message, problem.hint,
                      where=problem.loc)


class Locator:
    """Where something stands in a record file, for a diagnostic: the file is
    read again and parsed with positions only when something is reported."""

    def __init__(self, source: RecordSource):
        self.source = source
        self._texts: dict[str, str | None] = {}

    def position(self, path: str, yaml_path: Sequence[str | int], *, key: bool = False) -> record_yaml.Position:
        if path not in self._texts:
            try:
                self._texts[path] = record_yaml.decode(self.source.read(path)).text
            except (UnreadableFile, record_yaml.YamlProblem):  # gone or changed since it was checked
                self._texts[path] = None
        text = self._texts[path]
        found = record_yaml.locate(text, yaml_path, key=key) if text is not None else None
        return found or record_yaml.Position(1, 1)
