"""Two reporting years compared: which records stand for each year, the diff
between them, and the restatements of published years they show.

The later year is read from the working tree, or from a revision with
``as_of``. The earlier year is read as it was published (its review's tag) when
there is one in the history, so what changed since publication shows — the
actions an activity serves, for one, are not kept per year in a record.
Otherwise both years come from the same records.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from apec_tracker._speed.cache import RecordCache
from apec_tracker.domain.diagnostics import Diagnostic, Severity
from apec_tracker.reporting.year_diff import YearDiff, diff_years
from apec_tracker.domain.framework import Framework
from apec_tracker.git import Provenance, Snapshot, provenance, publications
from apec_tracker.reading.records import LoadResult, RecordSource, WorkingTree, load_source
from apec_tracker.domain.layout import Repository
from apec_tracker.checks.restatements import load_published, restatements


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
            lines.append(f"{len(paths)} file(s) left out because they are not valid records (first: {paths[0]}); "
                         "run `tracker validate` for details")
        return lines

    def describe(self) -> str:
        if self.before_label == self.after_label:
            return f"Both years read from {self.after_label}."
        return f"{self.diff.from_year} read from {self.before_label}; {self.diff.to_year} from {self.after_label}."

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


def compare_years(repo: Repository, framework: Framework, from_year: int, to_year: int, *,
                  as_of: str | None = None, cache: RecordCache | None = None) -> Comparison:
    with ExitStack() as stack:
        source: RecordSource
        if as_of is not None:
            snapshot = stack.enter_context(Snapshot(repo.root, as_of))
            source, origin = snapshot, snapshot.provenance
            after_label = f"commit {origin.short}" + (f" ({as_of})" if not snapshot.commit.startswith(as_of) else "")
        else:
            source, origin = WorkingTree(repo), provenance(repo.root)
            after_label = "the working tree"
        after = load_source(source, framework, cache)
        before_records = after.records
        before_label = after_label
        found: list[Diagnostic] = []
        tip = snapshot.commit if as_of is not None else "HEAD"
        published = {item.year: item for item in publications(repo.root, reachable_from=tip)
                     if item.year in (from_year, to_year)}
        paths = {record.file.path for record in after.records} | _problem_paths(after)
        for year, publication in sorted(published.items()):
            held = load_published(repo.root, framework, publication.tag, after.records)
            found += restatements(held, after.records, paths, year, publication.tag)
            if year == from_year:
                before_records, before_label = held, f"the published review {publication.tag}"
        diff = diff_years([r.activity for r in before_records], [r.activity for r in after.records],
                          from_year, to_year)
        errors = tuple(sorted(d for d in after.diagnostics if d.severity is Severity.ERROR))
        return Comparison(diff=diff, provenance=origin, after_label=after_label, before_label=before_label,
                          problems=errors, restatements=tuple(sorted(found)))


def _problem_paths(result: LoadResult) -> set[str]:
    return {diagnostic.path for diagnostic in result.diagnostics}
