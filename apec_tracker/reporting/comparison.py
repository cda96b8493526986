"""Two reporting years compared: which records stand for each year, the diff
between them, and the restatements of published years they show.

The later year is read from the working tree, or from a revision with
``as_of``. The earlier year is read as it was published (its review's tag) when
there is one in the history, so what changed since publication shows — the
actions an activity serves, for one, are not kept per year in a record.
Otherwise both years come from the same records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from apec_tracker.checks.registry import Finding, to_diagnostic
from apec_tracker.checks.restatements import deletions, restated
from apec_tracker.domain.diagnostics import Diagnostic, Severity
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.printable import printable
from apec_tracker.git import Provenance, Publication
from apec_tracker.reading.records import LoadedRecord, Locator, ReadResult
from apec_tracker.reporting.diff_layout import published_source, sources_sentence
from apec_tracker.reporting.year_diff import YearDiff, diff_years


@dataclass(frozen=True)
class Comparison:
    diff: YearDiff
    provenance: Provenance  # of the later year's records
    after_label: str  # "the working tree" or "commit 1a2b3c4 (v1)"
    before_label: str  # where the earlier year was read from
    problems: tuple[Diagnostic, ...]  # record files that could not be read as records (left out)
    restatements: tuple[Diagnostic, ...]  # H6xx: published years that have changed since

    @property
    def warnings(self) -> list[str]:
        lines = [diagnostic.as_text() for diagnostic in self.restatements]
        if self.problems:
            paths = sorted({diagnostic.path for diagnostic in self.problems})
            files = "1 file" if len(paths) == 1 else f"{len(paths)} files"
            lines.append(f"{files} left out because they are not valid records "
                         f"(first: {printable(paths[0])}); run `tracker validate` for details")
        return lines

    def describe(self) -> str:
        return sources_sentence(self.diff, self.before_label, self.after_label)

    def to_json(self, version: int) -> dict[str, Any]:
        source = self.provenance
        return {
            "version": version,
            **self.diff.to_json(),
            "source": {
                "before": self.before_label,
                "after": self.after_label,
                "commit": source.commit,
                "committed_at": source.committed_at.isoformat() if source.committed_at else None,
                "dirty": source.dirty,
            },
            "restatements": [_diagnostic(d) for d in self.restatements],
            "problems": [_diagnostic(d) for d in self.problems],
        }


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"path": d.path, "line": d.line, "column": d.column, "code": d.code, "severity": d.severity.value,
            "message": d.message, "hint": d.hint}


def compare(after: ReadResult, held: Mapping[int, Sequence[LoadedRecord]],
            published: Mapping[int, Publication], from_year: int, to_year: int, *, framework: Framework,
            provenance: Provenance, after_label: str, locator: Locator) -> Comparison:
    """The comparison of ``from_year`` with ``to_year``: ``after`` holds the records
    now; ``held`` the records of the published reviews of either year (by year),
    the earlier of which stands for ``from_year`` when there is one."""
    before_records: Sequence[LoadedRecord] = after.records
    before_label = after_label
    paths = {record_file.path for record_file in after.files}
    ids_now = {record.activity.id for record in after.records} | {record["id"] for record in after.facts}
    found: list[Finding] = []
    for year, records in sorted(held.items()):
        publication = published[year]
        by_id = {record.activity.id: record for record in records}
        found += deletions({record_id: record.file.path for record_id, record in by_id.items()}, ids_now, paths,
                           publication)
        for record in after.records:
            old = by_id.get(record.activity.id)
            if old is None or old.blob != record.blob:
                found += restated(record, old.activity if old is not None else None, publication)
        if year == from_year:
            before_records, before_label = records, published_source(publication.tag)
    diff = diff_years([r.activity for r in before_records], [r.activity for r in after.records], from_year, to_year,
                      framework=framework)
    errors = tuple(sorted(d for d in after.diagnostics if d.severity is Severity.ERROR))
    return Comparison(diff=diff, provenance=provenance, after_label=after_label, before_label=before_label,
                      problems=errors, restatements=tuple(sorted(to_diagnostic(f, locator) for f in found)))
