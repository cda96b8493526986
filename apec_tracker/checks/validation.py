"""Validation of a whole repository: every file, every rule, every published
year, and the files generated from the reference data.

``report_on`` (repository-relative paths of files or folders) limits what is
reported to the files at or under them (`tracker validate PATH`,
`--changed-since`); the rules across records still see every record, since a
duplicate id or project number involves files nobody named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date

from apec_tracker.checks import (  # noqa: F401  (importing registers their rules)
    cross_record,
    indicator_rules,
    nil_returns,
    record_rules,
)
from apec_tracker.checks.generated_files import stale_generated_files
from apec_tracker.checks.registry import Finding, RuleContext, facts_fields, run_rules, to_diagnostic
from apec_tracker.checks.restatements import restatements
from apec_tracker.domain.diagnostics import MAX_PER_FILE, Diagnostic, Summary, capped, summarize
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.records import FactStore, LoadedRecord, LoadedReturn, Locator, read_records
from apec_tracker.reading.sources import RecordSource, Revision


@dataclass(frozen=True)
class ValidationResult:
    diagnostics: list[Diagnostic]
    records: list[LoadedRecord]  # the valid records of the files reported on
    files: int  # the files reported on
    returns: tuple[LoadedReturn, ...] = ()  # every nil return whose file checked, reported on or not

    @property
    def summary(self) -> Summary:
        return summarize(self.diagnostics, self.files)


def validate_repository(
    repo: Repository,
    framework: Framework,
    source: RecordSource,
    *,
    today: date,
    report_on: Collection[str] | None = None,
    cross_record_everywhere: bool = False,
    store: FactStore | None = None,
    known_blobs: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ValidationResult:
    """Check every record file of ``source`` and every rule across records.

    With ``report_on``, only the files at or under those paths are reported on;
    with ``cross_record_everywhere`` too, problems found by rules across records
    are reported wherever they are (a pull request that breaks a rule is told
    so even on files it did not touch). ``known_blobs`` are the blob ids of
    files known without reading them (see read_records).
    """
    selected = None if report_on is None else selector(report_on)
    read = read_records(source, framework, facts_fields=facts_fields(), whole=selected, store=store,
                        known_blobs=known_blobs, progress=progress)
    record_paths = {record_file.path for record_file in read.files}
    context = RuleContext(framework=framework, today=today, returns=read.returns)
    findings = run_rules(read.records, read.facts, context)
    revision = source.commit if isinstance(source, Revision) else None
    restated = restatements(repo.root, framework, read.records, read.facts, record_paths, read.return_files,
                            revision=revision)
    findings += restated
    generated = stale_generated_files(repo, framework) if revision is None else []
    # (The generated files are judged as they are on disk; at a past revision they say nothing.)
    paths = record_paths.union(d.path for d in read.diagnostics).union(f.path for f in read.return_files)
    problems = read.diagnostics + generated
    if selected is not None:
        findings = [f for f in findings if selected(f.path) or (cross_record_everywhere and f.across)]
        problems = [d for d in problems if selected(d.path)]
        paths = set(filter(selected, paths))
    locator = Locator(source)
    diagnostics = problems + [to_diagnostic(finding, locator) for finding in _few_per_file(findings)]
    return ValidationResult(diagnostics=capped(diagnostics), records=read.records, files=len(paths),
                            returns=tuple(read.returns))


def _few_per_file(findings: list[Finding]) -> list[Finding]:
    """At most one more finding per file than are listed (see capped): a record
    of 30,000 actions, each listed twice, is located 101 times, not 30,000."""
    counts: Counter[str] = Counter()
    kept = []
    for finding in findings:
        counts[finding.path] += 1
        if counts[finding.path] <= MAX_PER_FILE + 1:
            kept.append(finding)
    return kept


def selector(chosen: Collection[str]) -> Callable[[str], bool]:
    """Whether a path is one of ``chosen`` or under one of them; built once, since
    it is asked for every file of the repository."""
    if any(path in ("", ".") for path in chosen):
        return lambda path: True
    exact = frozenset(chosen)
    folders = tuple(path.rstrip("/") + "/" for path in chosen)
    return lambda path: path in exact or path.startswith(folders)
