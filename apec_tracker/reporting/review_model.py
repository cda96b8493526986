"""What the review says, as typed values: the main document's sections, the
detail pages and the lists behind every figure. apec_tracker.reporting.review
builds them; the templates and the Word writer only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import ClassVar

from apec_tracker.domain.record import Activity, Level, Status
from apec_tracker.errors import UsageError
from apec_tracker.reporting.cycle import ReportingSection
from apec_tracker.reporting.diff_layout import Section as DiffSection
from apec_tracker.reporting.indicators import IndicatorReport
from apec_tracker.reporting.review_state import CoverState
from apec_tracker.reporting.wording import Link, Prose, in_sentence
from apec_tracker.reporting.year_diff import YearDiff


class ReportProblem(UsageError):
    """The report cannot be built as asked (a year outside the period, an unknown code)."""


class ScopeKind(StrEnum):
    APEC = "apec"
    ECONOMY = "economy"
    FORUM = "forum"


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose activities the review covers: APEC-wide, or one economy or forum."""

    kind: ScopeKind = ScopeKind.APEC
    code: str | None = None
    name: str | None = None

    def covers(self, activity: Activity) -> bool:
        if self.kind is ScopeKind.ECONOMY:
            return self.code in {activity.reporter, *activity.lead_economies, *activity.co_sponsors}
        if self.kind is ScopeKind.FORUM:
            return self.code in {activity.reporter, *activity.partner_fora}
        return True

    @property
    def apec_wide(self) -> bool:
        return self.kind is ScopeKind.APEC

    @property
    def in_sentence(self) -> str | None:
        """The economy or forum as a sentence names it: "Japan", "the Philippines", "the Digital Economy
        Steering Group"."""
        if self.name is None:
            return None
        return in_sentence(self.name, economy=self.kind is ScopeKind.ECONOMY)


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


# -- activities ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Highlight:
    year: int
    text: str


@dataclass(frozen=True, slots=True)
class ActivityView:
    """An activity as the review names it and counts it."""

    id: str
    title: str
    reporter: str
    reporter_name: str
    link: Link  # its anchor on the page of its reporter's activities
    level: Level  # economy-level or APEC-wide: Activity.level_in, the one place that decides it
    host_economy: str | None  # the name of the economy that hosted it, if one did
    status: Status | None  # in the review's year (for several years: the latest that has one)
    active: bool  # in the year, or in any of the years
    new: bool
    completed: bool
    new_in: int | None  # the year of the review it was new in
    completed_in: int | None  # the year of the review it was completed in
    economies: tuple[str, ...]  # economy codes involved (reporter, leads, co-sponsors), reference order
    fora: tuple[str, ...]  # forum codes involved (reporter, partner fora)
    bodies: tuple[str, ...]  # other APEC bodies involved (reporter, partners), reference order
    principal_actions: tuple[str, ...]
    significant_actions: tuple[str, ...]
    goal: str | None  # the goal of its (first) principal action: where its highlight is told
    apec_project: str | None
    funding_usd: float | None
    highlight: Highlight | None  # the latest highlight of the years covered
    narrative: str | None  # of the latest year covered with a progress entry
    narrative_year: int | None
    before_initiative: bool  # its work lies before the Initiative's first year
    path: str
    activity: Activity


@dataclass(frozen=True, slots=True)
class Named:
    """An item of a list that is not an activity: an economy, forum, action or project."""

    key: str
    name: str
    link: Link | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    """A list the review's figures count: on page ``page``, at ``anchor``. A
    listing with children is their union (an item in two children counts once)."""

    page: str
    anchor: str
    heading: str
    activities: tuple[ActivityView, ...] = ()
    named: tuple[Named, ...] = ()
    children: tuple[Listing, ...] = ()
    note: str = ""
    detailed: bool = False  # activities shown with their status, reporter and progress
    count: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        # The items of a list without children are distinct; children may share some.
        count = len(self.keys()) if self.children else len(self.activities) + len({i.key for i in self.named})
        object.__setattr__(self, "count", count)

    def keys(self) -> set[str]:
        keys = {view.id for view in self.activities} | {item.key for item in self.named}
        for child in self.children:
            keys |= child.keys()
        return keys

    @property
    def link(self) -> Link:
        return Link(self.page, self.anchor)


# -- blocks of text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    link: Link | None = None
    count: int | None = None  # a figure: the list at ``link`` holds this many items
    header: bool = False  # the row's header
    numeric: bool = False
    keep: bool = False  # a code or a date: never broken across lines
    note: str = ""  # a second, smaller line
    span: int = 1
    tone: str = ""  # a state shown by colour as well as in words: one of TONES, or none


@dataclass(frozen=True, slots=True)
class Paragraph:
    prose: Prose
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Prose, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True, slots=True)
class Subheading:
    text: str
    anchor: str
    kind: ClassVar[str] = "subheading"


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    foot: tuple[tuple[Cell, ...], ...] = ()
    compact: bool = False  # many narrow columns of figures (the coverage tables)
    kind: ClassVar[str] = "table"


# The states a cell shows by colour too (an action's way to its targets), by the
# name the HTML's style sheet and the Word document give their colours.
TONES = ("on-track", "some-progress", "off-track", "no-data")


@dataclass(frozen=True, slots=True)
class Column:
    """One year's column of a chart: its label, its value as printed, and its
    height as a share of the chart's tallest (0 for no value)."""

    label: str
    text: str
    height: float


@dataclass(frozen=True, slots=True)
class ColumnChart:
    title: str
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class Charts:
    """Small column charts side by side: a picture of figures a table beside
    them gives in full (so Markdown and Word, which have the table, leave them out)."""

    caption: str
    charts: tuple[ColumnChart, ...]
    kind: ClassVar[str] = "charts"


Block = Paragraph | Bullets | Subheading | Table | Charts


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str
    title: str
    blocks: tuple[Block, ...]


# -- the set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordNames:
    """The names an activity's page shows for the codes its record holds, looked
    up once for every page (records hold codes; readers want names): the
    templates write them with the filter ``named``."""

    reporters_names: dict[str, str]
    partners_names: dict[str, str]
    types_names: dict[str, str]
    groups_names: dict[str, str]
    aider_names: dict[str, str]
    actions_names: dict[str, str]
    indicator_names: dict[str, str]  # the standard indicators', by id
    indicator_units: dict[str, str]
    reporter_pages: dict[str, str]
    action_pages: dict[str, str]
    period: str  # "2027" or "2026–2030": the years the review covers


@dataclass(frozen=True, slots=True)
class DetailPage:
    name: str  # the file name in the detail folder
    kicker: str  # "Economy", "Strategic goal", ...
    title: str
    intro: tuple[Block, ...]
    lists: tuple[Listing, ...]

    def listing(self, anchor: str) -> Listing:
        """The list at ``anchor`` on this page, however deep; KeyError if none."""
        pending = list(self.lists)
        while pending:
            found = pending.pop()
            if found.anchor == anchor:
                return found
            pending.extend(found.children)
        raise KeyError(f"{self.name}#{anchor}")


@dataclass(frozen=True, slots=True)
class ActivityPage:
    name: str
    title: str
    views: tuple[ActivityView, ...]  # each with its record, shown whole


@dataclass(frozen=True, slots=True)
class Detail:
    pages: tuple[DetailPage, ...]
    activity_pages: tuple[ActivityPage, ...]
    names: RecordNames

    def page(self, name: str) -> DetailPage:
        """The page of that file name; KeyError if there is none."""
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the year before the period: `tracker diff PRIOR YEAR`, to the word."""

    prior_year: int
    prior_is_baseline: bool
    prior_source: str | None  # "the published review review-2026", or None: the same records
    sources: str  # which records each year is told from, in a sentence (diff_layout.sources_sentence)
    diff: YearDiff
    sections: tuple[DiffSection, ...]
    markdown: str  # exactly what `tracker diff --format md` prints

    @property
    def empty(self) -> bool:
        return self.diff.is_empty


@dataclass(frozen=True, slots=True)
class Summary:
    """The review's headline figures, for templates and tests."""

    in_scope: int  # activities with a status in the period covered
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
    actions_with_principal: int
    actions_total: int
    apec_projects: int
    economy_level: int
    apec_wide: int
    records: int  # every valid record in the repository, whatever its years
    reporters: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    begun: bool  # False: the year has not begun, nothing is reported yet
    active: int
    new: int
    completed: int
    economies: int
    actions_covered: int


@dataclass(frozen=True, slots=True)
class Downloads:
    csv: str
    json: str
    changes: str  # `tracker diff --format md`, as a file


@dataclass(frozen=True)
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
    state: CoverState
    provenance: Provenance
    validity: Validity
    stem: str  # the main document's file name without extension; its detail folder's name
    summary: Summary
    trend: tuple[TrendPoint, ...]
    contents: tuple[Section, ...]  # every section of the main document, the summary first
    changes: Changes
    downloads: Downloads
    year_activities: tuple[str, ...]  # ids of the activities in the downloads, as `tracker export --year` finds them
    detail: Detail | None  # the detail pages, when they were asked for
    # Who reported for the review's year, filed a nil return or did not, as of
    # the records it is built from (apec_tracker.reporting.cycle).
    reporting: ReportingSection | None = None
    # The standard indicators added up over the review's activities, as `tracker indicators` gives them.
    indicators: IndicatorReport | None = None

    @property
    def heading(self) -> str:
        if self.cumulative:
            kind = "Final review" if self.final_review else "Cumulative review"
            return f"{kind} {self.period_label}"
        return f"Progress review {self.year}"

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.year}" if self.cumulative and self.first_year != self.year else str(self.year)

    @property
    def title(self) -> str:
        """The heading with the scope: "Progress review 2027: Japan"."""
        return f"{self.heading}: {self.scope.name}" if self.scope.name else self.heading

    @property
    def executive(self) -> Section:
        return self.contents[0]

    def section(self, anchor: str) -> Section:
        """The main document's section at ``anchor``; KeyError if none."""
        for section in self.contents:
            if section.anchor == anchor:
                return section
        raise KeyError(anchor)

    def listing(self, link: Link) -> Listing:
        """The list a figure's link points at."""
        if self.detail is None:
            raise KeyError(f"{link.href}: the review was built without its detail pages")
        return self.detail.page(link.page).listing(link.anchor)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The body after the executive summary, the colophon last."""
        return self.contents[1:]
