"""`tracker report YEAR`: the annual progress review as Markdown and self-contained HTML."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.app import EXIT_DATA, app, fail, open_repository
from apec_tracker.cli.app import today as current_date

if TYPE_CHECKING:
    from contextlib import ExitStack

    from apec_tracker.domain.framework import Framework
    from apec_tracker.reporting.render import Format
    from apec_tracker.domain.layout import Repository
    from apec_tracker.reporting.review import Report, Scope


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    ALL = "all"


@app.command()
def report(
    year: Annotated[int, typer.Argument(help="The reporting year, 2026–2030.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", file_okay=False,
                                     help="Folder to write to (default: reports/<YEAR>/ in the repository).")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, html, or all (both).")
    ] = ReportFormat.ALL,
    economy: Annotated[Optional[str], typer.Option("--economy", help="Report on one economy (its code).")] = None,
    forum: Annotated[Optional[str], typer.Option("--forum", help="Report on one APEC forum (its code).")] = None,
    cumulative: Annotated[
        bool, typer.Option("--cumulative", help="Cover every year from 2026 to YEAR: the final review for 2030.")
    ] = False,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", file_okay=False, exists=True,
                                     help="Folder of templates to use before the repository's templates/.")
    ] = None,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="REV",
                                    help="Build from the records as they were at this commit, tag or branch.")
    ] = None,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Build the report even if validation finds errors; the report "
                           "says it is based on invalid data.")
    ] = False,
) -> None:
    """Build the progress review for YEAR from the validated records and print the paths written."""
    from contextlib import ExitStack

    from apec_tracker.reporting.render import Format
    from apec_tracker.reporting.review import Scope, ScopeKind

    repo, framework = open_repository()
    if economy and forum:
        fail("give --economy or --forum, not both")
    scope = Scope()
    if economy is not None:
        if economy not in framework.economies:
            fail(f"{economy!r} is not an economy code ({framework.economy_hint(economy)})")
        scope = Scope(ScopeKind.ECONOMY, economy, framework.economies[economy].name)
    if forum is not None:
        if forum not in framework.fora:
            fail(f"{forum!r} is not an APEC forum code ({framework.forum_hint(forum)})")
        scope = Scope(ScopeKind.FORUM, forum, framework.fora[forum].name)

    with ExitStack() as resources:  # a revision's git reader, the cache: closed at the end
        built = _build(resources, repo, framework, year, scope, as_of=as_of, cumulative=cumulative,
                       allow_invalid=allow_invalid)
        template_dirs = [folder for folder in (templates, repo.root / "templates") if folder is not None]
        formats = [Format.MD, Format.HTML] if output_format is ReportFormat.ALL else [Format(output_format.value)]
        folder = output if output is not None else repo.root / "reports" / str(year)
        name = _base_name(built.year, built.first_year, cumulative, scope)
        paths = [folder / f"{name}.{fmt.value}" for fmt in formats]
        _write(built, dict(zip(formats, paths, strict=True)), template_dirs)
    for path in paths:
        typer.echo(_shown(path))


def _build(resources: ExitStack, repo: Repository, framework: Framework, year: int, scope: Scope, *,
           as_of: str | None, cumulative: bool, allow_invalid: bool) -> Report:
    """The report's content, from the records validated (at ``as_of``, if given);
    exit 1 if they have errors, unless ``allow_invalid``."""
    from apec_tracker import git as history
    from apec_tracker._speed.cache import no_cache, open_cache
    from apec_tracker.checks.validation import validate_repository
    from apec_tracker.reporting.provenance import BadSourceDate, report_provenance
    from apec_tracker.reporting.review import RecordInput, ReportProblem, Validity, build_report
    from apec_tracker.checks.restatements import load_published

    try:
        snapshot = resources.enter_context(history.records_at(repo.root, as_of)) if as_of is not None else None
        if snapshot is not None:
            # The reference data as it was then too: titles and codes match what was built from it.
            framework = snapshot.framework()
        # The cache holds outcomes checked against today's reference data: at a
        # revision, usable only if its reference data is the same.
        usable = snapshot is None or snapshot.same_reference_data(repo.reference_dir)
        cache = open_cache(repo.reference_dir) if usable else no_cache()
        resources.callback(cache.close)  # waits for the save begun below
        result = validate_repository(repo, framework, today=current_date(), source=snapshot, cache=cache)
        cache.save(meanwhile=True)  # in a helper process while the report is built, when one can be had
        source = snapshot.provenance if snapshot is not None else history.provenance(repo.root)
        # The prior year as it was published, when it was: what changed since
        # then shows, as `tracker diff` shows it. Files unchanged since the
        # publication are not read again.
        prior = next((p for p in history.publications(repo.root, reachable_from=source.commit or "HEAD")
                      if p.year == year - 1), None)
        prior_records, prior_source = None, None
        if prior is not None and not cumulative:
            prior_records = [r.activity for r in load_published(repo.root, framework, prior.tag, result.records)]
            prior_source = f"the published review {prior.tag}"
    except history.HistoryError as error:
        fail(str(error))
    summary = result.summary
    if summary.errors and not allow_invalid:
        for diagnostic in result.diagnostics:
            typer.echo(diagnostic.as_text(), err=True)
        fail(f"the records have {summary.errors} error(s); fix them, or build anyway with --allow-invalid",
             EXIT_DATA)
    try:
        return build_report(
            [RecordInput(r.file.path, r.activity) for r in result.records], framework, year,
            provenance=report_provenance(source), validity=Validity(summary.errors, summary.warnings), scope=scope,
            cumulative=cumulative, prior=prior_records, prior_source=prior_source,
        )
    except (ReportProblem, BadSourceDate) as error:
        fail(str(error))


def _write(built: Report, paths: dict[Format, Path], template_dirs: Sequence[Path]) -> None:
    """Render each format to its path. Each is written as it is rendered, to a
    temporary file; all are moved into place only once every one is
    complete, so a broken template leaves the earlier reports as they were.
    A helper process renders one format meanwhile, when one can be had
    (apec_tracker._speed.helper)."""
    from apec_tracker._speed.helper import Helper, HelperLost
    from apec_tracker.reporting.render import TemplateProblem
    from apec_tracker.authoring.atomic_files import discard, staging_file

    formats = list(paths)
    folder = paths[formats[0]].parent
    staged: dict[Format, Path] = {}
    new_folders = [f for f in (folder, *folder.parents) if not f.exists()]  # deepest first
    try:
        for fmt, path in paths.items():
            staged[fmt] = staging_file(path)
        # The helper takes the first format, Markdown, the smaller: it also pays
        # for copying the pages it touches.
        first = formats[0]
        helper = Helper.start(partial(_render, built, first, template_dirs, staged[first])) if formats[1:] else None
        with helper or contextlib.nullcontext():
            for fmt in formats if helper is None else formats[1:]:
                _render(built, fmt, template_dirs, staged[fmt])
            if helper is not None:
                try:
                    helper.result()
                except HelperLost:
                    _render(built, first, template_dirs, staged[first])
        for fmt, path in paths.items():
            os.replace(staged[fmt], path)
    except BaseException as error:  # an interrupted run, too, leaves nothing behind
        for temporary in staged.values():
            discard(temporary)
        for created in new_folders:  # made for the reports that were not written
            with contextlib.suppress(OSError):
                created.rmdir()
        if isinstance(error, TemplateProblem):
            fail(f"template error: {error}")
        if isinstance(error, OSError):
            fail(f"cannot write {error.filename or folder}: {error.strerror or error}")
        raise


def _render(built: Report, fmt: Format, template_dirs: Sequence[Path], staged: Path) -> None:
    """Render one format of the report into its staging file."""
    from apec_tracker.reporting.render import render_pieces
    from apec_tracker.authoring.atomic_files import write_staged

    write_staged(staged, render_pieces(built, fmt, template_dirs))


def _shown(path: Path) -> str:
    """The path as the user can type it: relative to where they stand when the
    report is beneath it, absolute otherwise."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _base_name(year: int, first_year: int, cumulative: bool, scope: Scope) -> str:
    name = f"apec-ai-initiative-{first_year}-{year}" if cumulative else f"apec-ai-initiative-{year}"
    return f"{name}-{scope.code.lower()}" if scope.code else name
