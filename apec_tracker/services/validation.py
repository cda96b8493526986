"""`tracker validate`: every record file, every rule, as CI runs it on a pull request."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from apec_tracker import git
from apec_tracker.authoring.atomic_files import append_text
from apec_tracker.checks.validation import ValidationResult, validate_repository
from apec_tracker.domain.diagnostics import Diagnostic, Severity, Summary
from apec_tracker.domain.layout import checked_against_by_every_record
from apec_tracker.errors import UsageError
from apec_tracker.services.context import Workspace, fact_store, records_at

__all__ = ["Diagnostic", "Severity", "Summary", "ValidationResult", "add_to_step_summary", "validate"]


def validate(ws: Workspace, *, paths: Sequence[Path] = (), as_of: str | None = None,
             changed_since: str | None = None, use_cache: bool = True,
             progress: Callable[[int, int], None] | None = None) -> ValidationResult:
    """Check every record and every rule across records (`tracker validate`).

    ``paths`` limit what is reported to those files and folders; ``changed_since``
    to the files changed since that revision. The reference data or the schema
    of a record, named or changed, checks everything: every record is checked
    against them.
    """
    report_on = _selection(ws.repo.root, paths, must_exist=as_of is None) if paths else None
    everything = report_on is not None and any(map(checked_against_by_every_record, report_on))
    if everything:
        report_on = None
    unchanged_blobs: dict[str, str] = {}
    if changed_since is not None:
        changed = git.changed_since(ws.repo.root, changed_since, until=as_of)
        if not everything and not any(map(checked_against_by_every_record, changed.paths)):
            report_on = set(changed.paths) if report_on is None else {
                path for path in changed.paths if _under_any(path, report_on)}
        if use_cache:
            # A file unchanged since the base holds the base's bytes: its facts
            # are found in the store by the blob git knows, without reading it.
            unchanged_blobs = {path: blob for path, blob in git.blobs_at(ws.repo.root, changed.base, "data").items()
                               if path not in changed.paths}
    with records_at(ws, as_of) as (source, framework):
        store = fact_store(ws, framework, use_cache)
        result = validate_repository(ws.repo, framework, source, today=ws.today, report_on=report_on,
                                     cross_record_everywhere=changed_since is not None, store=store,
                                     known_blobs=unchanged_blobs, progress=progress)
        store.save()
    return result


def _selection(root: Path, paths: Sequence[Path], *, must_exist: bool = True) -> set[str]:
    """The named files and folders as repository-relative paths (with --as-of,
    they need only have existed at that revision)."""
    selected: set[str] = set()
    for path in paths:
        absolute = Path(os.path.abspath(path))  # also folds . and .. away
        if must_exist and not os.path.lexists(absolute):
            raise UsageError(f"{path}: no such file or folder")
        # The repository root is a resolved path; resolve the PATH's folder too,
        # so /link/to/repo/data works, but not its last part, which may itself
        # be a link that validation reports on.
        absolute = absolute.parent.resolve() / absolute.name if absolute.name else absolute
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            raise UsageError(f"{path} is not inside the repository {root}") from None
        selected.add(relative.as_posix())
    return selected


def _under_any(path: str, chosen: set[str]) -> bool:
    return any(path == folder or path.startswith(folder.rstrip("/") + "/") or folder in ("", ".")
               for folder in chosen)


def add_to_step_summary(path: Path, markdown: str) -> None:
    """Add a run's summary to the page of a GitHub Actions job step (the file
    GitHub names in $GITHUB_STEP_SUMMARY)."""
    append_text(path, markdown)
