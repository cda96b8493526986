"""The annual progress review as data: everything the report says, computed here.

Python counts, sorts and groups; the templates in apec_tracker/templates/ only lay out what
``build_report`` returns. Every figure in the report is a field of these models,
so a test can assert it without reading Markdown or HTML.

Years before the Initiative's start (the framework's baseline) are context:
activities that belong only to them are listed as the baseline and never counted
as progress under the Initiative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apec_tracker.domain import standing
from apec_tracker.domain.framework import Action, Framework, Term
from apec_tracker.domain.record import Activity, Indicator, Level, Role, Status
from apec_tracker.domain.standing import History, YearFigures, year_figures
from apec_tracker.errors import UsageError
from apec_tracker.reporting.cycle import ReportingSection
from apec_tracker.reporting.diff_layout import Section, render_markdown, sections, sources_sentence
from apec_tracker.reporting.indicators import IndicatorReport, indicator_report
from apec_tracker.reporting.year_diff import YearDiff, diff_years

# Statuses in the order a reader scans them: what happened first.
STATUS_ORDER = (Status.COMPLETED, Status.ONGOING, Status.SUSPENDED, Status.PLANNED, Status.CANCELLED)
MATRIX_LEVELS = 4


class ScopeKind(StrEnum):
    APEC = "apec"
    ECONOMY = "economy"
    FORUM = "forum"


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose activities the report covers: APEC-wide, or one economy or forum."""

    kind: ScopeKind = ScopeKind.APEC
    code: str | None = None
    name: str | None = None

    def covers(self, activity: Activity) -> bool:
        if self.kind is ScopeKind.ECONOMY:
            return self.code in economies_of(activity)
        if self.kind is ScopeKind.FORUM:
            return self.code in fora_of(activity)
        return True


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the records came from: the commit, and whether files differed from it."""

    commit: str | None
    dirty: bool
    date: date | None
    date_source: str  # "commit", "SOURCE_DATE_EPOCH" or "none"
    tool_version: str

    @property
    def short_commit(self) -> str | None:
        return self.commit[:12] if self.commit else None


@dataclass(frozen=True, slots=True)
class Validity:
    errors: int = 0
    warnings: int = 0

    @property
    def invalid(self) -> bool:
        return self.errors > 0


@dataclass(frozen=True, slots=True)
class RecordInput:
    """A valid record with the path it was read from, as the report needs it."""

    path: str
    activity: Activity


# -- what the report shows ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorView:
    id: str | None  # the standard indicator's, or None for one of the activity's own
    name: str  # the record's name for it, else the standard indicator's
    unit: str | None
    baseline: float | None
    target: float | None
    value: float | None

    @property
    def percent_of_target(self) -> int | None:
        """How far from baseline to target the value has come, in whole per cent."""
        if self.value is None or self.target is None:
            return None
        start = self.baseline or 0.0
        if self.target == start:
            return None
        return round((self.value - start) / (self.target - start) * 100)

    @property
    def progress_bar(self) -> int | None:
        """The per cent of the way to the target, held within 0-100 for drawing."""
        percent = self.percent_of_target
        return None if percent is None else min(max(percent, 0), 100)


@dataclass(frozen=True, slots=True)
class ActivityView:
    id: str
    path: str
    title: str
    summary: str
    reporter: str
    reporter_name: str
    reporter_is_economy: bool
    level: Level  # economy-level or APEC-wide (the record's, or its reporter's)
    host_economy: str | None  # the host's name
    leads: tuple[str, ...]
    co_sponsors: tuple[str, ...]
    partner_fora: tuple[str, ...]
    partners: tuple[str, ...]
    economies: tuple[str, ...]  # codes of every economy involved: reporter, leads, co-sponsors
    fora: tuple[str, ...]  # codes of every forum involved: reporter, partner fora
    target_groups: tuple[str, ...]
    aider_focus_areas: tuple[str, ...]
    principal_actions: tuple[str, ...]
    significant_actions: tuple[str, ...]
    activity_type: str
    status: Status | None  # in the report's year (or latest year of a cumulative review)
    record_status: Status
    start: date | None
    end: date | None
    narrative: str | None
    indicators: tuple[IndicatorView, ...]
    apec_project: str | None
    funding_source: str | None
    funding_usd: float | None
    links: tuple[str, ...]
    active: bool  # active in the year (in any year of a cumulative review): counted as progress
    new: bool
    completed: bool


@dataclass(frozen=True, slots=True)
class ActionSection:
    code: str
    title: str
    text: str
    principal: tuple[ActivityView, ...]
    significant: tuple[ActivityView, ...]

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def covered(self) -> bool:
        return any(view.active for view in self.principal)

    @property
    def principal_active(self) -> int:
        return sum(1 for view in self.principal if view.active)

    @property
    def significant_active(self) -> int:
        return sum(1 for view in self.significant if view.active)


@dataclass(frozen=True, slots=True)
class GoalSection:
    code: str
    title: str
    text: str
    actions: tuple[ActionSection, ...]
    principal_active: int  # distinct active activities with a principal action in the goal
    significant_only_active: int  # distinct active activities that touch the goal only as significant


@dataclass(frozen=True, slots=True)
class MatrixCell:
    principal: int
    significant: int
    level: int  # 0 (nothing) to MATRIX_LEVELS, for the colour scale


@dataclass(frozen=True, slots=True)
class MatrixRow:
    code: str
    name: str
    cells: tuple[MatrixCell, ...]
    principal_total: int  # distinct activities with any principal action

    @property
    def empty(self) -> bool:
        return all(cell.principal == 0 and cell.significant == 0 for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Matrix:
    """Reporters (rows) by actions (columns): active activities, principal and significant apart."""

    rows: tuple[MatrixRow, ...]
    columns: tuple[str, ...]
    column_principal: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Count:
    code: str
    name: str
    count: int
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Collaboration:
    fora_pairs: tuple[Count, ...]  # "DESG + TELWG" and the activities they share
    partners: tuple[Count, ...]  # ABAC, PECC ...: activities that name them
    target_groups: tuple[Count, ...]
    multi_economy: int  # active activities involving two or more economies


@dataclass(frozen=True, slots=True)
class AiderRow:
    code: str
    name: str
    count: int
    by_goal: tuple[int, ...]  # active activities per goal (principal actions), in goal order
    actions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Project:
    number: str
    activity_id: str
    title: str
    reporter: str
    status: Status | None
    funding_source: str | None
    amount_usd: float | None


@dataclass(frozen=True, slots=True)
class Projects:
    rows: tuple[Project, ...]
    total_usd: float


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the year before: `tracker diff PRIOR YEAR`, to the word."""

    prior_year: int
    prior_is_baseline: bool
    prior_source: str | None  # "the published review review-2026", or None: the same records
    diff: YearDiff
    sections: tuple[Section, ...]
    markdown: str  # exactly what `tracker diff --format md` prints

    @property
    def empty(self) -> bool:
        return self.diff.is_empty


@dataclass(frozen=True, slots=True)
class Gaps:
    actions_without_principal: tuple[str, ...]  # labels
    economies_without_activity: tuple[str, ...]  # names
    fora_without_activity: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    active: int
    new: int
    completed: int
    economies: int
    actions_covered: int


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    fraction: float  # of the chart's largest value, 0..1
    group: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]

    @property
    def maximum(self) -> int:
        return max((bar.value for bar in self.bars), default=0)


@dataclass(frozen=True, slots=True)
class Summary:
    in_scope: int  # records with anything to say about the period covered
    active: int
    new: int
    completed: int
    planned: int
    suspended: int
    cancelled: int
    economies_taking_part: int
    economies_total: int
    fora_taking_part: tuple[str, ...]
    bodies_taking_part: tuple[str, ...]  # Leaders, ministerials, ABAC, ...: codes, in the reference data's order
    economy_level: int  # active activities at the economy level
    apec_wide: int  # active APEC-wide activities
    actions_with_principal: int
    actions_total: int
    apec_projects: int
    records: int  # every valid record in the repository, whatever its years
    reporters: int


@dataclass(frozen=True, slots=True)
class AnnexRow:
    id: str
    title: str
    reporter: str
    actions: str  # "B.i (principal), B.iii (significant)"
    status: Status | None
    record_status: Status
    years: str  # "2026-2027"
    part: str  # "counted", "baseline" or "outside" the period covered
    path: str


@dataclass(frozen=True, slots=True)
class Report:
    initiative: str
    year: int
    first_year: int
    cumulative: bool
    final_review: bool
    period_start: int
    period_end: int
    baseline_year: int
    scope: Scope
    provenance: Provenance
    validity: Validity
    summary: Summary
    goals: tuple[GoalSection, ...]
    economy_matrix: Matrix
    forum_matrix: Matrix
    collaboration: Collaboration
    aider: tuple[AiderRow, ...]
    projects: Projects
    changes: Changes
    gaps: Gaps
    trend: tuple[TrendPoint, ...]
    indicators: IndicatorReport  # the standard indicators added up (docs/indicators.md), as `tracker indicators`
    charts: tuple[Chart, ...]
    status_chart: Chart
    baseline: tuple[ActivityView, ...]
    annex: tuple[AnnexRow, ...]
    # Who reported for the year, filed a nil return or did not, and the
    # review's own state, as of the records' commit (apec_tracker.reporting.cycle).
    reporting: ReportingSection | None = None

    @property
    def heading(self) -> str:
        if self.cumulative:
            kind = "Final review" if self.final_review else "Cumulative review"
            return f"{kind} {self.first_year}–{self.year}"
        return f"Progress review {self.year}"

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.year}" if self.cumulative else str(self.year)


class ReportProblem(UsageError):
    """The report cannot be built as asked (a year outside the period, an unknown code)."""


# -- who took part ----------------------------------------------------------------


def economies_of(activity: Activity) -> set[str]:
    """The economies an activity involves: its reporter, leads and co-sponsors.

    A forum's code can be among them (the reporter); callers keep the codes
    that are economies."""
    return {activity.reporter, *activity.lead_economies, *activity.co_sponsors}


def _in_order(known: Iterable[str], codes: set[str]) -> tuple[str, ...]:
    """``codes`` that are ``known``, in the reference data's order."""
    return tuple(code for code in known if code in codes)


def fora_of(activity: Activity) -> set[str]:
    """The fora an activity involves: its reporter and partner fora (an economy's
    code can be among them; callers keep the codes that are fora)."""
    return {activity.reporter, *activity.partner_fora}


# -- building ----------------------------------------------------------------------


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
    reporting: ReportingSection | None = None,
) -> Report:
    """Everything the report for ``year`` says, from the valid records.

    The changes since the prior year compare the records' prior year with
    this one; a caller holding the records as published for the prior year
    passes them as ``prior``, and says where they came from in ``prior_source``.

    """
    period = framework.period
    if not period.start <= year <= period.end:
        raise ReportProblem(
            f"{year} is outside the Initiative's period {period.start}–{period.end} "
            f"({period.baseline} is the baseline, shown as context in the {period.start} report)"
        )
    scope = scope or Scope()
    first = period.start if cumulative else year
    years = range(first, year + 1)
    builder = _Builder(framework, [r for r in records if scope.covers(r.activity)], years, year)
    changes = _changes(framework, builder.records, year, prior, prior_source, source_label)
    figures = {y: builder.figures(y) for y in framework.period.years_with_baseline if y <= year}
    views = builder.views()
    active = [view for view in views if view.active]
    goals = builder.goal_sections(views)
    economy_matrix = _matrix(framework, active, [(e.code, e.name) for e in framework.economies.values()],
                             lambda view: view.economies)
    forum_matrix = _matrix(framework, active, [(f.code, f.name) for f in framework.fora.values()],
                           lambda view: view.fora)
    baseline, annex = builder.baseline_views(), builder.annex()
    return Report(
        initiative=framework.title,
        year=year,
        first_year=first,
        cumulative=cumulative,
        final_review=cumulative and year == period.final_review,
        period_start=period.start,
        period_end=period.end,
        baseline_year=period.baseline,
        scope=scope,
        provenance=provenance,
        validity=validity or Validity(),
        summary=_summary(framework, records, views, [figures[y] for y in years], goals),
        goals=goals,
        economy_matrix=economy_matrix,
        forum_matrix=forum_matrix,
        collaboration=_collaboration(framework, active),
        aider=_aider(framework, active),
        projects=_projects(views),
        changes=changes,
        gaps=_gaps(framework, goals, [figures[y] for y in years], scope),
        trend=tuple(_trend_point(figures[y]) for y in framework.period.years if y <= year),
        indicators=indicator_report([r.activity for r in builder.records], framework, year),
        charts=_charts(goals),
        status_chart=_status_chart(views),
        baseline=baseline,
        annex=annex,
        reporting=reporting,
    )


def _changes(framework: Framework, records: Sequence[RecordInput], year: int,
             prior: Sequence[Activity] | None, prior_source: str | None, source_label: str) -> Changes:
    """The changes since the prior year, as `tracker diff PRIOR YEAR` gives them."""
    activities = [r.activity for r in records]
    diff = diff_years(activities if prior is None else prior, activities, year - 1, year)
    sources = sources_sentence(diff, prior_source or source_label, source_label)
    return Changes(prior_year=year - 1, prior_is_baseline=year - 1 <= framework.period.baseline,
                   prior_source=prior_source, diff=diff, sections=tuple(sections(diff, framework)),
                   markdown=render_markdown(diff, framework, heading_level=2, sources=sources))


class _Builder:
    def __init__(self, framework: Framework, records: list[RecordInput], years: range, year: int) -> None:
        self.framework = framework
        self.records = sorted(records, key=lambda r: (r.activity.title.casefold(), r.activity.id))
        self.years = years
        self.year = year
        span = framework.period.years_with_baseline
        self.histories = {id(record.activity): standing.history(record.activity, span) for record in self.records}

    def history(self, activity: Activity) -> History:
        return self.histories[id(activity)]

    def figures(self, year: int) -> YearFigures:
        framework = self.framework
        return year_figures(list(self.histories.values()), year, economies=list(framework.economies),
                            fora=list(framework.fora), bodies=list(framework.bodies),
                            actions=list(framework.actions))

    def status(self, activity: Activity) -> Status | None:
        """The status in the latest year covered that has one."""
        for year in reversed(self.years):
            status = self.history(activity).status(year)
            if status is not None:
                return status
        return None

    def narrative_year(self, activity: Activity) -> int | None:
        for year in reversed(self.years):
            if activity.progress_for(year) is not None:
                return year
        return None

    def view(self, record: RecordInput, status: Status | None) -> ActivityView:
        activity = record.activity
        framework = self.framework
        narrative_year = self.narrative_year(activity)
        entry = activity.progress_for(narrative_year) if narrative_year is not None else None
        funding = activity.funding
        return ActivityView(
            id=activity.id,
            path=record.path,
            title=activity.title,
            summary=activity.summary,
            reporter=activity.reporter,
            reporter_name=framework.reporter_name(activity.reporter),
            reporter_is_economy=activity.reporter in framework.economies,
            level=activity.level_in(framework.economies),
            host_economy=framework.reporter_name(activity.host_economy) if activity.host_economy else None,
            leads=tuple(framework.reporter_name(code) for code in activity.lead_economies),
            co_sponsors=tuple(framework.reporter_name(code) for code in activity.co_sponsors),
            partner_fora=tuple(activity.partner_fora),
            partners=tuple(activity.partners),
            economies=_in_order(framework.economies, economies_of(activity)),
            fora=_in_order(framework.fora, fora_of(activity)),
            target_groups=tuple(activity.target_groups),
            aider_focus_areas=tuple(activity.aider_focus_areas),
            principal_actions=tuple(activity.action_codes(Role.PRINCIPAL)),
            significant_actions=tuple(activity.action_codes(Role.SIGNIFICANT)),
            activity_type=_term(framework.activity_types, activity.activity_type),
            status=status,
            record_status=activity.status,
            start=activity.start,
            end=activity.end,
            narrative=entry.narrative if entry else None,
            indicators=tuple(_indicator(i, framework) for i in entry.indicators) if entry else (),
            apec_project=activity.apec_project,
            funding_source=funding.source if funding else None,
            funding_usd=funding.amount_usd if funding else None,
            links=tuple(activity.links),
            active=any(self.history(activity).active(y) for y in self.years),
            new=any(self.history(activity).new(y) for y in self.years),
            completed=any(self.history(activity).turned(Status.COMPLETED, y) for y in self.years),
        )

    def views(self) -> list[ActivityView]:
        found = []
        for record in self.records:
            status = self.status(record.activity)
            if status is not None:
                found.append(self.view(record, status))
        return found

    def baseline_views(self) -> tuple[ActivityView, ...]:
        baseline = self.framework.period.baseline
        return tuple(
            self.view(record, record.activity.status)
            for record in self.records
            if self._is_baseline(record.activity, baseline)
        )

    def _is_baseline(self, activity: Activity, baseline: int) -> bool:
        started = standing.first_year(activity)
        if started is None or started > baseline:
            return False
        initiative_years = range(self.framework.period.start, self.year + 1)
        return all(self.history(activity).status(y) is None for y in initiative_years)

    def goal_sections(self, views: list[ActivityView]) -> tuple[GoalSection, ...]:
        sections = []
        for goal in self.framework.goals:
            actions = tuple(self._action_section(action, views) for action in goal.actions)
            codes = {action.code for action in goal.actions}
            principal = {v.id for v in views if v.active and codes & set(v.principal_actions)}
            touching = {v.id for v in views if v.active and codes & set(v.significant_actions)}
            sections.append(GoalSection(
                code=goal.code, title=goal.title, text=goal.text, actions=actions,
                principal_active=len(principal), significant_only_active=len(touching - principal),
            ))
        return tuple(sections)

    def _action_section(self, action: Action, views: list[ActivityView]) -> ActionSection:
        def ordered(selected: Iterable[ActivityView]) -> tuple[ActivityView, ...]:
            return tuple(sorted(selected, key=lambda v: (_status_rank(v.status), v.title.casefold(), v.id)))

        return ActionSection(
            code=action.code, title=action.title, text=action.text,
            principal=ordered(v for v in views if action.code in v.principal_actions),
            significant=ordered(v for v in views if action.code in v.significant_actions),
        )

    def annex(self) -> tuple[AnnexRow, ...]:
        rows = []
        baseline = self.framework.period.baseline
        for record in sorted(self.records, key=lambda r: r.activity.id):
            activity = record.activity
            status = self.status(activity)
            if status is not None:
                part = "counted" if any(self.history(activity).active(y) for y in self.years) else "listed"
            elif self._is_baseline(activity, baseline):
                part = "baseline"
            else:
                part = "outside"
            rows.append(AnnexRow(
                id=activity.id, title=activity.title, reporter=activity.reporter,
                actions=", ".join(f"{link.code} ({link.role})" for link in activity.actions),
                status=status, record_status=activity.status, years=_years(activity), part=part,
                path=record.path,
            ))
        return tuple(rows)


def _term(terms: dict[str, Term], code: str) -> str:
    term = terms.get(code)
    return term.name if term else code


def _indicator(indicator: Indicator, framework: Framework) -> IndicatorView:
    return IndicatorView(indicator.id, framework.indicator_name(indicator.id, indicator.name),
                         framework.indicator_unit(indicator.id, indicator.unit), indicator.baseline, indicator.target,
                         indicator.value)


def _status_rank(status: Status | None) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _years(activity: Activity) -> str:
    start = activity.start.year if activity.start else standing.first_year(activity)
    end = activity.end.year if activity.end else None
    if start is None:
        return ""
    if end is None:
        return f"{start}–"
    return str(start) if start == end else f"{start}–{end}"


def _summary(
    framework: Framework,
    records: Sequence[RecordInput],
    views: list[ActivityView],
    figures: Sequence[YearFigures],
    goals: tuple[GoalSection, ...],
) -> Summary:
    """The summary's counts: a year's figures, or for a cumulative review those of
    its years together (an activity counted once, however many years it is in)."""

    def union(name: str) -> set[str]:
        return {code for item in figures for code in getattr(item, name)}

    return Summary(
        in_scope=len(views),
        active=len(union("active")),
        new=len(union("new")),
        completed=len(union("completed")),
        planned=len({v.id for v in views if v.status is Status.PLANNED}),
        suspended=len({v.id for v in views if v.status is Status.SUSPENDED}),
        cancelled=len(union("cancelled")),
        economies_taking_part=len(union("economies")),
        economies_total=len(framework.economies),
        fora_taking_part=tuple(code for code in framework.fora if code in union("fora")),
        bodies_taking_part=tuple(code for code in framework.bodies if code in union("bodies")),
        economy_level=len(union("economy_level")),
        apec_wide=len(union("apec_wide")),
        actions_with_principal=len(union("covered_actions")),
        actions_total=len(framework.actions),
        apec_projects=len({v.apec_project for v in views if v.apec_project}),
        records=len(records),
        reporters=len({r.activity.reporter for r in records}),
    )


def _level(count: float, maximum: float) -> int:
    if count == 0 or maximum == 0:
        return 0
    return max(1, math.ceil(MATRIX_LEVELS * count / maximum))


def _matrix(
    framework: Framework,
    active: list[ActivityView],
    rows: list[tuple[str, str]],
    members: Callable[[ActivityView], tuple[str, ...]],
) -> Matrix:
    """Rows by actions: in each cell, the active activities a row takes part in
    with the action as principal, and as significant."""
    columns = tuple(framework.actions)
    principal: dict[tuple[str, str], int] = {}
    significant: dict[tuple[str, str], int] = {}
    for view in active:
        for code in members(view):
            for action in view.principal_actions:
                principal[code, action] = principal.get((code, action), 0) + 1
            for action in view.significant_actions:
                significant[code, action] = significant.get((code, action), 0) + 1
    # A significant contribution weighs half a principal one in the colour scale,
    # so a cell of principal work always reads darker than one of side effects.
    def weight(key: tuple[str, str]) -> float:
        return principal.get(key, 0) + significant.get(key, 0) / 2

    maximum = max((weight(key) for key in {*principal, *significant}), default=0.0)
    matrix_rows = []
    for code, name in rows:
        cells = []
        for action in columns:
            p, s = principal.get((code, action), 0), significant.get((code, action), 0)
            cells.append(MatrixCell(p, s, _level(weight((code, action)), maximum)))
        total = sum(1 for v in active if code in members(v) and v.principal_actions)
        matrix_rows.append(MatrixRow(code, name, tuple(cells), total))
    column_principal = tuple(
        sum(1 for v in active if action in v.principal_actions and members(v)) for action in columns
    )
    return Matrix(rows=tuple(matrix_rows), columns=columns, column_principal=column_principal)


def _collaboration(framework: Framework, active: list[ActivityView]) -> Collaboration:
    pairs: dict[tuple[str, str], list[str]] = {}
    for view in active:
        for i, first in enumerate(view.fora):
            for second in view.fora[i + 1:]:
                pairs.setdefault((first, second), []).append(view.id)
    fora_pairs = tuple(
        Count(f"{a}+{b}", f"{a} and {b}", len(ids), tuple(sorted(ids)))
        for (a, b), ids in sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
    )

    def naming(codes: Iterable[tuple[str, str]], has: Callable[[ActivityView, str], bool]) -> tuple[Count, ...]:
        counts = []
        for code, name in codes:
            ids = tuple(sorted(v.id for v in active if has(v, code)))
            counts.append(Count(code, name, len(ids), ids))
        return tuple(counts)

    return Collaboration(
        fora_pairs=fora_pairs,
        partners=naming(((c, p.name) for c, p in framework.partners.items()), lambda v, c: c in v.partners),
        target_groups=naming(((c, t.name) for c, t in framework.target_groups.items()),
                             lambda v, c: c in v.target_groups),
        multi_economy=sum(1 for v in active if len(v.economies) >= 2),
    )


def _aider(framework: Framework, active: list[ActivityView]) -> tuple[AiderRow, ...]:
    """Each AIDER focus area: the active activities mapped to it, by goal and action."""
    rows = []
    for code, term in framework.aider_focus_areas.items():
        mapped = [v for v in active if code in v.aider_focus_areas]
        actions = {a for v in mapped for a in v.principal_actions}
        rows.append(AiderRow(
            code=code,
            name=term.name,
            count=len(mapped),
            by_goal=tuple(
                sum(1 for v in mapped if {a.code for a in goal.actions} & set(v.principal_actions))
                for goal in framework.goals
            ),
            actions=tuple(a for a in framework.actions if a in actions),
        ))
    return tuple(rows)


def _projects(views: list[ActivityView]) -> Projects:
    rows = tuple(sorted(
        (Project(number=v.apec_project, activity_id=v.id, title=v.title, reporter=v.reporter, status=v.status,
                 funding_source=v.funding_source, amount_usd=v.funding_usd)
         for v in views if v.apec_project),
        key=lambda p: (p.number, p.activity_id),
    ))
    # Records that share one project (shares_project_with) carry the same
    # funding: count each project's amount once.
    amounts: dict[str, float] = {}
    for project in rows:
        if project.amount_usd is not None:
            amounts.setdefault(project.number, project.amount_usd)
    return Projects(rows=rows, total_usd=sum(amounts.values()))


def _gaps(framework: Framework, goals: tuple[GoalSection, ...], figures: Sequence[YearFigures],
          scope: Scope) -> Gaps:
    economies = {code for item in figures for code in item.economies}
    fora = {code for item in figures for code in item.fora}
    # A report on one economy or forum would list every other one as a gap.
    apec_wide = scope.kind is ScopeKind.APEC
    return Gaps(
        actions_without_principal=tuple(a.label for g in goals for a in g.actions if not a.covered),
        economies_without_activity=tuple(
            e.name for code, e in framework.economies.items() if code not in economies) if apec_wide else (),
        fora_without_activity=tuple(code for code in framework.fora if code not in fora) if apec_wide else (),
    )


def _trend_point(figures: YearFigures) -> TrendPoint:
    return TrendPoint(year=figures.year, active=len(figures.active), new=len(figures.new),
                      completed=len(figures.completed), economies=len(figures.economies),
                      actions_covered=len(figures.covered_actions))


def _charts(goals: tuple[GoalSection, ...]) -> tuple[Chart, ...]:
    def chart(title: str, items: list[tuple[str, int, str]]) -> Chart:
        top = max((value for _, value, _ in items), default=0)
        return Chart(title, tuple(Bar(label, value, value / top if top else 0.0, group)
                                  for label, value, group in items))

    return (
        chart("Active activities by strategic goal (principal)",
              [(f"{g.code}. {g.title}", g.principal_active, g.code) for g in goals]),
        chart("Active activities by action (principal)",
              [(a.label, a.principal_active, g.code) for g in goals for a in g.actions]),
    )


def _status_chart(views: list[ActivityView]) -> Chart:
    counts = [(status.value, sum(1 for v in views if v.status is status), status.value) for status in STATUS_ORDER]
    top = max((value for _, value, _ in counts), default=0)
    return Chart("Activities by status", tuple(Bar(label, value, value / top if top else 0.0, group)
                                               for label, value, group in counts))
