"""The reviews: `tracker report`, `tracker diff` and `tracker publish`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from apec_tracker import git
from apec_tracker.authoring.atomic_files import write_together
from apec_tracker.checks.registry import facts_fields
from apec_tracker.checks.validation import validate_repository
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework, ReviewState
from apec_tracker.domain.layout import TEMPLATES_DIR as TEMPLATE_DIR
from apec_tracker.domain.standing import latest_reporting_year
from apec_tracker.errors import DataError, SetupError, UsageError
from apec_tracker.reading.records import LoadedRecord, Locator, read_records
from apec_tracker.reading.sources import Revision
from apec_tracker.reporting import export
from apec_tracker.reporting.comparison import Comparison, compare
from apec_tracker.reporting.cycle import reporting_section
from apec_tracker.reporting.diff_layout import published_source
from apec_tracker.reporting.diff_layout import render_markdown as render_diff_markdown
from apec_tracker.reporting.diff_layout import render_text as render_diff_text
from apec_tracker.reporting.provenance import report_provenance
from apec_tracker.reporting.render import Format, render_detail, render_pieces
from apec_tracker.reporting.review import RecordInput, Report, Scope, ScopeKind, Validity, build_report
from apec_tracker.reporting.selection import usable_records
from apec_tracker.services.context import Workspace, fact_store, records_at
from apec_tracker.services.cycle import status_of
from apec_tracker.services.validation import validate

__all__ = ["BuiltReview", "Comparison", "Format", "Report", "ReportRefused", "ReportRequest", "Scope",
           "render_diff_markdown", "render_diff_text"]


def compare_years(ws: Workspace, from_year: int, to_year: int, *, as_of: str | None = None) -> Comparison:
    """What changed between two reporting years (`tracker diff`). The earlier year
    is read as it was published, when its review's tag is in the history."""
    period = ws.framework.period
    for year in (from_year, to_year):
        refused = period.not_a_year(year, baseline=True)
        if refused is not None:
            raise UsageError(refused)
    if from_year > to_year:
        raise UsageError(f"FROM ({from_year}) is after TO ({to_year}): the earlier year comes first, "
                         f"`tracker diff {to_year} {from_year}`")
    with records_at(ws, as_of) as (source, framework):
        store = fact_store(ws, framework)
        after = read_records(source, framework, facts_fields=facts_fields(), store=store)
        store.save()
        origin = source.provenance if isinstance(source, Revision) else git.provenance(ws.repo.root)
        tip = source.commit if isinstance(source, Revision) else "HEAD"
        published = {item.year: item for item in git.publications(ws.repo.root, reachable_from=tip)
                     if item.year in (from_year, to_year)}
        held: dict[int, list[LoadedRecord]] = {}
        for year, publication in sorted(published.items()):
            held[year] = _published_records(ws, framework, publication.tag, after.records)
        return compare(after, held, published, from_year, to_year, framework=framework, provenance=origin,
                       after_label=source.label, locator=Locator(source))


def _published_records(ws: Workspace, framework: Framework, tag: str,
                       current: Sequence[LoadedRecord]) -> list[LoadedRecord]:
    """The records a published review held; files unchanged since are not read again."""
    with Revision(ws.repo.root, tag) as published:
        return read_records(published, framework, reuse=current).records


@dataclass(frozen=True)
class ReportRequest:
    year: int | None  # None: the latest reporting year of the records (domain.standing)
    scopes: tuple[Scope, ...] = (Scope(),)  # one review for each
    formats: tuple[Format, ...] = (Format.MD, Format.HTML, Format.DOCX)
    folder: Path | None = None  # default: reports/<year>/ in the repository
    templates: Path | None = None
    as_of: str | None = None
    cumulative: bool = False
    allow_invalid: bool = False


class ReportRefused(DataError):
    """The records have errors and the report was not asked for anyway."""

    def __init__(self, diagnostics: Sequence[Diagnostic], errors: int):
        noun = "error" if errors == 1 else "errors"
        super().__init__(f"the records have {errors} {noun}; fix them, or build anyway with --allow-invalid")
        self.diagnostics = tuple(diagnostics)
        self.errors = errors


def report_scopes(ws: Workspace, economies: Sequence[str], fora: Sequence[str]) -> tuple[Scope, ...]:
    """The reviews asked for: APEC-wide when no economy or forum is given, else
    one for each economy and each forum, in the order given."""
    framework = ws.framework
    scopes: list[Scope] = []
    for economy in economies:
        if economy not in framework.economies:
            raise UsageError(f"{economy!r} is not an economy code ({framework.economy_hint(economy)})")
        scopes.append(Scope(ScopeKind.ECONOMY, economy, framework.economies[economy].name))
    for forum in fora:
        if forum not in framework.fora:
            raise UsageError(f"{forum!r} is not an APEC forum code ({framework.forum_hint(forum)})")
        scopes.append(Scope(ScopeKind.FORUM, forum, framework.fora[forum].name))
    seen: set[str | None] = set()
    unique = []
    for scope in scopes:
        if scope.code not in seen:
            seen.add(scope.code)
            unique.append(scope)
    return tuple(unique) or (Scope(),)


@dataclass(frozen=True)
class BuiltReview:
    """One review as it is written: the report, and its downloads."""

    report: Report
    usable: Sequence[LoadedRecord]  # the records without errors, by id, as `tracker export` reads them
    framework: Framework

    def exported(self) -> list[LoadedRecord]:
        """The records of the activities the review counts as active: what
        `tracker export --year` gives for its years and scope (tests/test_one_answer.py
        holds them to it)."""
        wanted = set(self.report.year_activities)
        return [record for record in self.usable if record.activity.id in wanted]

    def csv(self) -> str:
        return export.to_csv(self.exported(), self.framework, for_spreadsheets=True)

    def json(self) -> str:
        return export.to_json(self.exported(), compact=True)


def review(ws: Workspace, request: ReportRequest) -> Report:
    """What the progress review says (of the request's first scope): every figure,
    section and list, before it is rendered; ReportRefused if the records have
    errors and the request does not allow them."""
    return reviews(ws, request)[0].report


def reviews(ws: Workspace, request: ReportRequest, *, detail: bool = True) -> list[BuiltReview]:
    """Each review the request asks for, from the records validated once."""
    with records_at(ws, request.as_of) as (source, framework):
        store = fact_store(ws, framework)
        result = validate_repository(ws.repo, framework, source, today=ws.today, store=store)
        store.save()
        summary = result.summary
        if summary.errors and not request.allow_invalid:
            raise ReportRefused(result.diagnostics, summary.errors)
        year = request.year if request.year is not None else latest_reporting_year(
            (record.activity for record in result.records), framework.period.years)
        origin = source.provenance if isinstance(source, Revision) else git.provenance(ws.repo.root)
        # The year before the period as it was published, when it was: what
        # changed since then shows, as `tracker diff` shows it.
        prior_year = framework.period.start - 1 if request.cumulative else year - 1
        tip = origin.commit or "HEAD"
        prior = next((p for p in git.publications(ws.repo.root, reachable_from=tip) if p.year == prior_year), None)
        prior_records, prior_source = None, None
        if prior is not None:
            prior_records = [r.activity for r in _published_records(ws, framework, prior.tag, result.records)]
            prior_source = published_source(prior.tag)
        records = [RecordInput(r.file.path, r.activity) for r in result.records]
        usable = usable_records(result).records
        provenance = report_provenance(origin)
        cycle = status_of(framework, year, result, on=provenance.date or ws.today, source=source.label,
                          commit=origin.commit)
        built = []
        for scope in request.scopes:
            report = build_report(
                records, framework, year, provenance=provenance,
                validity=Validity(summary.errors, summary.warnings), scope=scope, cumulative=request.cumulative,
                prior=prior_records, prior_source=prior_source, source_label=source.label, today=ws.today,
                detail=detail, reporting=reporting_section(cycle, scope.code))
            built.append(BuiltReview(report, usable, framework))
        return built


def build_review(ws: Workspace, request: ReportRequest) -> list[Path]:
    """Build each review asked for and write its formats: the main document
    (Markdown, HTML, Word) and, with the HTML, the folder of detail pages and
    downloads beside it. The paths written: each main document, then its
    folder. Every file is written whole, or none is."""
    with_html = Format.HTML in request.formats
    built = reviews(ws, request, detail=with_html)
    year = built[0].report.year
    folder = request.folder if request.folder is not None else ws.repo.root / "reports" / str(year)
    template_dirs = [d for d in (request.templates, ws.repo.root / TEMPLATE_DIR) if d is not None]
    files: dict[Path, Iterable[str] | bytes] = {}
    shown: list[Path] = []
    prune: list[Path] = []
    for item in built:
        report = item.report
        for fmt in request.formats:
            path = folder / f"{report.stem}.{fmt.value}"
            if fmt is Format.DOCX:
                from apec_tracker.reporting.word import to_docx  # python-docx only when Word is asked for

                files[path] = to_docx(report)
            else:
                files[path] = render_pieces(report, fmt, template_dirs)
            shown.append(path)
        if with_html:
            detail = folder / report.stem
            for name, pieces in render_detail(report, template_dirs).items():
                files[detail / name] = pieces
            files[detail / report.downloads.csv] = item.csv()
            files[detail / report.downloads.json] = item.json()
            files[detail / report.downloads.changes] = report.changes.markdown
            shown.append(detail)
            prune.append(detail)
    try:
        write_together(files, prune=prune)
    except OSError as error:
        raise SetupError(f"cannot write {error.filename or folder}: {error.strerror or error}") from None
    return shown


class ConsultationNotRecorded(DataError):
    """Paragraph 5: the reporting goes to CSOM after consultation with TELWG and
    other fora; a review published before that is recorded must say so."""


def publish(ws: Workspace, year: int, message: str | None, *, without_consultation: bool = False,
            from_branch: bool = False) -> git.Publication:
    """Record the publication of a year's review as an annotated tag (`tracker publish`).

    Refused, unless told otherwise, when the calendar records no consultation
    of the year's review with TELWG and other fora (``without_consultation``:
    published anyway, and the tag's message says so), and on a branch other than
    the calendar's main branch (``from_branch``: published from this one, and
    the tag's message says which)."""
    period = ws.framework.period
    refused = period.not_a_year(year, baseline=True)
    if refused is not None:
        raise UsageError(refused)
    if year > ws.today.year:
        raise UsageError(f"the review of {year} cannot be published before {year} has begun")
    # The baseline year is no review under the Initiative: nobody consults on it.
    reviewed = year >= period.start
    calendar = ws.framework.calendar.year(year)
    consulted = calendar.step(ReviewState.CONSULTATION, on=ws.today)
    if reviewed and consulted is None and not without_consultation:
        planned = calendar.step(ReviewState.CONSULTATION, on=datetime.date.max)
        what = (f"is dated {planned.date} in data/reference/calendar.yaml, which has not come yet: publish once it "
                "has taken place" if planned is not None else "is not recorded in data/reference/calendar.yaml: "
                "record it (state: consultation, with its date and document)")
        raise ConsultationNotRecorded(
            f"the consultation of the {year} review with TELWG and other fora {what}, or publish anyway with "
            "--without-consultation, which the tag's message will say")
    result = validate(ws)
    if result.summary.errors:
        errors = result.summary.errors
        raise DataError(f"the records have {errors} {'error' if errors == 1 else 'errors'}; run `tracker validate` "
                        "and fix them before publishing")
    main = ws.framework.calendar.main_branch
    text = message or f"APEC AI Initiative: progress review {year}, published with apec-tracker"
    notes = []
    if reviewed and consulted is None:
        notes.append(f"Published with --without-consultation: no consultation of the {year} review with TELWG "
                     "and other fora was recorded in data/reference/calendar.yaml.")
    elif consulted is not None:
        notes.append(f"Consultation with TELWG and other fora: {consulted.date}, {consulted.document}.")
    if from_branch:
        branch = git.provenance(ws.repo.root).branch
        if branch is not None and branch != main:
            notes.append(f"Published with --from-branch, from the branch {branch!r} rather than {main!r}.")
    return git.publish(ws.repo.root, year, "\n\n".join([text, *notes]), branch=None if from_branch else main)
