"""The annual progress review as data: everything the review says, computed here.

Python counts, sorts, groups and words it; the templates (apec_tracker/templates/) and the
Word writer only lay out what :func:`build_report` returns. Every figure is a
list's count (apec_tracker.reporting.review_facts), so a test can follow each
figure's link to the activities behind it.

Years before the Initiative's start are context: activities that belong only to
them are listed as work before the Initiative and never counted as progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Activity
from apec_tracker.reporting import review_files as files
from apec_tracker.reporting.cycle import ReportingSection
from apec_tracker.reporting.diff_layout import render_markdown, sections, sources_sentence
from apec_tracker.reporting.indicators import indicator_report
from apec_tracker.reporting.review_detail import build_detail
from apec_tracker.reporting.review_facts import Facts, Lists
from apec_tracker.reporting.review_model import (
    ActivityView,
    Changes,
    Downloads,
    Provenance,
    RecordInput,
    Report,
    ReportProblem,
    Scope,
    ScopeKind,
    Summary,
    TrendPoint,
    Validity,
)
from apec_tracker.reporting.review_state import state_of
from apec_tracker.reporting.review_text import Writer
from apec_tracker.reporting.year_diff import diff_years

__all__ = ["ActivityView", "Provenance", "RecordInput", "Report", "ReportProblem", "Scope", "ScopeKind", "Validity",
           "build_report"]


def build_report(
    records: Sequence[RecordInput],
    framework: Framework,
    year: int,
    *,
    provenance: Provenance,
    validity: Validity | None = None,
    scope: Scope | None = None,
    cumulative: bool = False,
    prior: Sequence[Activity] | None = None,
    prior_source: str | None = None,
    source_label: str = "the working tree",
    today: date | None = None,
    detail: bool = True,
    reporting: ReportingSection | None = None,
) -> Report:
    """Everything the review of ``year`` says, from the valid records.

    A review of several years (``cumulative``) covers the Initiative's first
    year to ``year``; its changes compare ``year`` with the year before the
    Initiative. The changes read the prior year from ``prior`` when a caller
    holds the records as published for it, and say where they came from in
    ``prior_source``. ``today`` is the workspace's date: a review of a year
    not over by then is a draft (no date: none is). ``detail`` builds the detail
    pages too; without it, the main document's figures and links are the same.
    ``reporting`` says who reported for ``year`` (apec_tracker.reporting.cycle):
    the review's section "Reporting for YEAR".
    """
    period = framework.period
    refused = period.not_a_year(year)
    if refused is not None:
        raise ReportProblem(refused)
    scope = scope or Scope()
    facts = Facts(framework, records, year, scope=scope, cumulative=cumulative, today=today)
    first = facts.first
    final = cumulative and year == period.final_review
    if prior is not None:
        prior = [activity for activity in prior if scope.covers(activity)]
    changes = _changes(framework, facts, first - 1, year, prior, prior_source, source_label)
    downloads = Downloads(files.CSV, files.JSON, files.changes_download(first - 1))
    # The standard indicators added up over the review's activities, as `tracker indicators` adds them.
    indicators = indicator_report([record.activity for record, _ in facts.histories], framework, year)
    lists = Lists(facts, changes, reporting, indicators)
    state = state_of(year, cumulative=cumulative, final=final, today=today or date(period.end + 1, 1, 1),
                     records_date=provenance.date, calendar=framework.calendar.year(year))
    writer = Writer(facts, lists, changes, downloads, state_step=state.step)
    reporters = len({record.activity.reporter for record in records})
    contents = (writer.executive(), *writer.body(provenance, validity or Validity(), len(records), reporters))
    return Report(
        initiative=framework.title,
        year=year,
        first_year=first,
        cumulative=cumulative,
        final_review=final,
        period_start=period.start,
        period_end=period.end,
        baseline_year=period.baseline,
        scope=scope,
        state=state,
        provenance=provenance,
        validity=validity or Validity(),
        stem=files.stem(first, year, cumulative=cumulative, final=final, scope_code=scope.code),
        summary=Summary(
            in_scope=len(facts.in_period),
            active=lists.active.count,
            new=lists.new.count,
            completed=lists.completed.count,
            planned=lists.planned.count,
            suspended=lists.suspended.count,
            cancelled=lists.cancelled.count,
            economies_taking_part=lists.economies.count,
            economies_total=len(framework.economies),
            fora_taking_part=tuple(item.key for item in lists.fora.named),
            bodies_taking_part=tuple(item.key for item in lists.bodies.named),
            actions_with_principal=lists.covered.count,
            actions_total=len(framework.actions),
            apec_projects=lists.projects.count,
            economy_level=lists.economy_level.count,
            apec_wide=lists.apec_wide.count,
            records=len(records),
            reporters=reporters,
        ),
        trend=tuple(TrendPoint(point.year, point.begun, point.active.count, point.new.count, point.completed.count,
                               point.economies.count, point.actions.count) for point in lists.trend),
        contents=contents,
        changes=changes,
        downloads=downloads,
        year_activities=tuple(sorted(view.id for view in facts.active)),
        detail=build_detail(facts, lists, writer) if detail else None,
        reporting=reporting,
        indicators=indicators,
    )


def _changes(framework: Framework, facts: Facts, prior_year: int, year: int, prior: Sequence[Activity] | None,
             prior_source: str | None, source_label: str) -> Changes:
    """The changes since ``prior_year``, as `tracker diff PRIOR YEAR` gives them."""
    activities = [record.activity for record, _ in facts.histories]
    diff = diff_years(activities if prior is None else prior, activities, prior_year, year, framework=framework,
                      histories=[item for _, item in facts.histories])
    sources = sources_sentence(diff, prior_source or source_label, source_label)
    return Changes(prior_year=prior_year, prior_is_baseline=prior_year <= framework.period.baseline,
                   prior_source=prior_source, sources=sources, diff=diff, sections=tuple(sections(diff, framework)),
                   markdown=render_markdown(diff, framework, heading_level=2, sources=sources))
