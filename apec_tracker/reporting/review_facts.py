"""What the review counts: every activity's standing in the years it covers,
worked out once (apec_tracker.domain.standing), and every list a figure of the
review counts, each on the page and at the anchor its figure links to.

A figure is never computed apart from its list: the main document shows a
list's ``count`` and links to it, the detail pages show its items. So the
number an official reads and the activities behind it cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Role, Status
from apec_tracker.domain.standing import History, YearFigures, first_year, history, years_figures
from apec_tracker.reporting import review_files as files
from apec_tracker.reporting.cycle import ReportingLine, ReportingSection
from apec_tracker.reporting.highlights import highlighted
from apec_tracker.reporting.indicators import ActionTrack, IndicatorReport, IndicatorTotals
from apec_tracker.reporting.review_model import (
    ActivityView,
    Changes,
    Highlight,
    Listing,
    Named,
    RecordInput,
    Scope,
)
from apec_tracker.reporting.wording import Link
from apec_tracker.reporting.year_diff import ActivityRef


def _order(view: ActivityView) -> tuple[str, str]:
    return view.title.casefold(), view.id


@dataclass(frozen=True, slots=True)
class GoalLists:
    active: Listing  # active with a principal action under the goal
    new: Listing
    completed: Listing
    significant_only: Listing  # active, serving the goal only as significant
    highlights: tuple[ActivityView, ...]  # highlighted, told under this goal


@dataclass(frozen=True, slots=True)
class ActionLists:
    principal: Listing  # active, serving it as principal
    new: Listing
    completed: Listing
    significant: Listing
    economies: Listing  # economies taking part in its principal activities
    other: Listing  # serving it as principal, but planned, suspended or cancelled in the period


class PartyKind(StrEnum):
    ECONOMY = "economy"
    FORUM = "forum"
    BODY = "body"  # an APEC body that is neither: Leaders, a ministerial, ABAC, ...


@dataclass(frozen=True, slots=True)
class PartyLists:
    """What an economy, a forum or another APEC body took part in."""

    code: str
    name: str
    kind: PartyKind
    page: str  # its page's file name
    all: Listing  # the union of ``own`` and ``joined``
    own: Listing  # reported by it
    joined: Listing  # economies: led or co-sponsored; fora: partner forum; bodies: partner; reported by another
    new: Listing
    by_action: Listing  # one child per action it serves as principal
    other: Listing  # not active in the period

    def action(self, code: str) -> Listing | None:
        return next((child for child in self.by_action.children if child.anchor == files.slug(code)), None)


@dataclass(frozen=True, slots=True)
class TrendLists:
    year: int
    begun: bool
    active: Listing
    new: Listing
    completed: Listing
    economies: Listing
    actions: Listing


class Facts:
    """Every figure's list for one review, built once."""

    def __init__(self, framework: Framework, records: Sequence[RecordInput], year: int, *, scope: Scope,
                 cumulative: bool, today: date | None) -> None:
        period = framework.period
        self.framework = framework
        self.scope = scope
        self.year = year
        self.first = period.start if cumulative else year
        self.years = range(self.first, year + 1)
        self.today = today
        self.economy_index = {code: index for index, code in enumerate(framework.economies)}
        self.forum_index = {code: index for index, code in enumerate(framework.fora)}
        self.body_index = {code: index for index, code in enumerate(framework.bodies)}
        # From the year before the baseline: whether an activity is new in the
        # baseline year looks at the year before it.
        span = range(period.baseline - 1, period.end + 1)
        self.histories: list[tuple[RecordInput, History]] = [
            (record, history(record.activity, span)) for record in records if scope.covers(record.activity)]
        self.figures: dict[int, YearFigures] = years_figures(
            [h for _, h in self.histories], range(period.baseline, year + 1), economies=list(framework.economies),
            fora=list(framework.fora), bodies=list(framework.bodies), actions=list(framework.actions))
        # Whether an activity is active, new or completed in the period is read
        # off the year figures, so that a view and a figure cannot disagree.
        self._id_sets: dict[tuple[str, int], frozenset[str]] = {}
        self.active_ids = self.union("active")
        self.new_ids = self.union("new")
        self.completed_ids = self.union("completed")
        self.views = sorted(self._views(), key=_order)
        self.by_id = {view.id: view for view in self.views}
        self.in_period = [view for view in self.views if view.status is not None]
        self.active = [view for view in self.in_period if view.active]
        self.before = [view for view in self.views if view.before_initiative]

    # -- the activities --------------------------------------------------------------

    def begun(self, year: int) -> bool:
        """Whether ``year`` has begun on the workspace's date (no date: every year has)."""
        return self.today is None or year <= self.today.year

    def _views(self) -> Iterable[ActivityView]:
        framework = self.framework
        period = framework.period
        known_years = range(period.baseline, self.year + 1)
        initiative_years = range(period.start, self.year + 1)
        for record, item in self.histories:
            status = next((s for s in (item.status(y) for y in reversed(self.years)) if s is not None), None)
            started = first_year(record.activity)
            before = (status is None and started is not None and started <= period.baseline
                      and all(item.status(y) is None for y in initiative_years))
            if status is None and not before and all(item.status(y) is None for y in known_years):
                continue  # in none of the years the review shows
            yield self._view(record, item, status, before)

    def _view(self, record: RecordInput, item: History, status: Status | None, before: bool) -> ActivityView:
        activity = record.activity
        framework = self.framework
        years = self.years
        principal = tuple(activity.action_codes(Role.PRINCIPAL))
        economies = sorted({activity.reporter, *activity.lead_economies, *activity.co_sponsors}
                           & self.economy_index.keys(), key=self.economy_index.__getitem__)
        fora = sorted({activity.reporter, *activity.partner_fora} & self.forum_index.keys(),
                      key=self.forum_index.__getitem__)
        bodies = sorted({activity.reporter, *activity.partners} & self.body_index.keys(),
                        key=self.body_index.__getitem__)
        highlight = narrative = None
        narrative_year = None
        for year in reversed(years):
            entry = activity.progress_for(year)
            if entry is None:
                continue
            if narrative is None:
                narrative, narrative_year = entry.narrative, year
            if highlight is None and entry.highlight:
                highlight = Highlight(year, entry.highlight)
        if before and narrative is None:
            latest = max(activity.progress, key=lambda entry: entry.year, default=None)
            if latest is not None:
                narrative, narrative_year = latest.narrative, latest.year
        funding = activity.funding
        present = status is not None
        return ActivityView(
            id=activity.id, title=activity.title, reporter=activity.reporter,
            reporter_name=framework.reporter_name(activity.reporter),
            link=Link(files.activities_page(activity.reporter), activity.id),
            level=activity.level_in(self.economy_index),
            host_economy=framework.reporter_name(activity.host_economy) if activity.host_economy else None,
            status=status,
            active=present and activity.id in self.active_ids,
            new=present and activity.id in self.new_ids,
            completed=present and activity.id in self.completed_ids,
            new_in=self._first_year_in("new", activity.id) if present else None,
            completed_in=self._first_year_in("completed", activity.id) if present else None,
            economies=tuple(economies), fora=tuple(fora), bodies=tuple(bodies),
            principal_actions=principal, significant_actions=tuple(activity.action_codes(Role.SIGNIFICANT)),
            goal=principal[0].split(".", 1)[0] if principal else None,
            apec_project=activity.apec_project, funding_usd=funding.amount_usd if funding else None,
            highlight=highlight, narrative=narrative, narrative_year=narrative_year,
            before_initiative=before, path=record.path, activity=activity,
        )

    def _first_year_in(self, name: str, key: str) -> int | None:
        """The first of the review's years whose figure ``name`` (new, completed) holds the activity."""
        return next((year for year in self.years if key in self._sets(name, year)), None)

    def _sets(self, name: str, year: int) -> frozenset[str]:
        # The year figures' ids as sets, made once each: asked for every activity.
        found = self._id_sets.get((name, year))
        if found is None:
            found = self._id_sets[(name, year)] = frozenset(getattr(self.figures[year], name))
        return found

    # -- lists -------------------------------------------------------------------------

    def union(self, name: str) -> set[str]:
        """The codes or ids of one of the year figures, over the years covered."""
        found: set[str] = set()
        for year in self.years:
            found.update(getattr(self.figures[year], name))
        return found

    def listed(self, ids: Iterable[str]) -> tuple[ActivityView, ...]:
        """The activities of ``ids``, in the review's order (by title)."""
        wanted = set(ids)
        return tuple(view for view in self.views if view.id in wanted)

    def economy(self, code: str, note: str = "") -> Named:
        return Named(code, self.framework.economies[code].name, Link(files.economy_page(code)), note)

    def forum(self, code: str, note: str = "") -> Named:
        return Named(code, self.framework.fora[code].name, Link(files.forum_page(code)), note)

    def action(self, code: str, note: str = "") -> Named:
        return Named(code, self.framework.actions[code].label, Link(files.action_page(code)), note)

    def body(self, code: str, note: str = "") -> Named:
        return Named(code, self.framework.bodies[code].name, Link(files.body_page(code)), note)

    def reporter(self, code: str) -> Named:
        if code in self.framework.economies:
            return self.economy(code)
        if code in self.framework.fora:
            return self.forum(code)
        if code in self.framework.bodies:
            return self.body(code)
        return Named(code, self.framework.reporter_name(code))

    def party_page(self, code: str) -> str | None:
        """The page of an economy, forum or body; None for a code the reference data does not know."""
        if code in self.framework.economies:
            return files.economy_page(code)
        if code in self.framework.fora:
            return files.forum_page(code)
        if code in self.framework.bodies:
            return files.body_page(code)
        return None


@dataclass(frozen=True, slots=True)
class ReportingLists:
    """Who reported for the review's year, as of its records (apec_tracker.reporting.cycle)."""

    year: int
    asked: int  # the economies and fora asked to report (in a scoped review, the one)
    reported: Listing
    nil_returns: Listing
    missing: Listing


@dataclass(frozen=True, slots=True)
class IndicatorLists:
    """The standard indicators added up (apec_tracker.reporting.indicators), each
    total and each action's track with the list of the activities behind it."""

    report: IndicatorReport
    totals: tuple[tuple[IndicatorTotals, Listing], ...]  # in the catalogue's order
    tracks: tuple[tuple[ActionTrack, Listing], ...]  # every action, in the Initiative's order


class Lists:
    """The lists behind every figure of one review."""

    def __init__(self, facts: Facts, changes: Changes, reporting: ReportingSection | None = None,
                 indicators: IndicatorReport | None = None) -> None:
        self.facts = facts
        framework = facts.framework
        f = facts
        page = files.FIGURES
        active = f.active
        period = "in " + (str(f.year) if f.first == f.year else f"{f.first}–{f.year}")
        # The activities active in the period are the new ones and those begun
        # earlier: one list holding the two.
        self.new = Listing(page, "new", f"New {period}", tuple(v for v in active if v.new))
        self.continuing = Listing(page, "continuing", f"Active {period}, begun earlier",
                                  tuple(v for v in active if not v.new))
        self.active = Listing(page, "active", f"Activities active {period}", children=(self.new, self.continuing))
        self.completed = Listing(page, "completed", f"Completed {period}", f.listed(f.union("completed")))
        self.cancelled = Listing(page, "cancelled", f"Cancelled {period}", f.listed(f.union("cancelled")))
        self.planned = Listing(page, "planned", f"Planned, not yet begun, {period}",
                               tuple(v for v in f.in_period if v.status is Status.PLANNED))
        self.suspended = Listing(page, "suspended", f"Suspended {period}",
                                 tuple(v for v in f.in_period if v.status is Status.SUSPENDED))
        # The split is the year figures' (domain.standing), which ask each
        # activity's level of Activity.level_in.
        self.economy_level = Listing(page, "economy-level", f"Active {period} at the economy level",
                                     f.listed(f.union("economy_level")),
                                     note="An economy's own initiative, as its record says or, when the record "
                                          "says nothing, because a member economy reports it.")
        self.apec_wide = Listing(page, "apec-wide", f"Active {period} APEC-wide",
                                 f.listed(f.union("apec_wide")),
                                 note="Work of APEC as a whole, as the record says or, when it says nothing, "
                                      "because an APEC forum or another APEC body reports it.")
        economies = f.union("economies")
        fora = f.union("fora")
        bodies = f.union("bodies")
        covered = f.union("covered_actions")
        self.economies = Listing(page, "economies", f"Economies taking part {period}",
                                 named=tuple(f.economy(c) for c in framework.economies if c in economies),
                                 note="As reporter, lead or co-sponsor of an active activity.")
        self.fora = Listing(page, "fora", f"APEC fora taking part {period}",
                            named=tuple(f.forum(c) for c in framework.fora if c in fora),
                            note="As reporter or partner forum of an active activity.")
        self.bodies = Listing(page, "bodies", f"Other APEC bodies taking part {period}",
                              named=tuple(f.body(c) for c in framework.bodies if c in bodies),
                              note="Leaders, ministerial meetings, senior officials, the Secretariat and partners "
                                   "such as ABAC and PECC, as reporter or partner of an active activity.")
        self.covered = Listing(page, "actions-covered", f"Actions served as a principal objective {period}",
                               named=tuple(f.action(c) for c in framework.actions if c in covered))
        self.not_covered = Listing(page, "actions-not-covered",
                                   f"Actions no activity active {period} served as a principal objective",
                                   named=tuple(f.action(c) for c in framework.actions if c not in covered))
        self.economies_absent = Listing(
            page, "economies-absent", f"Economies taking part in no activity active {period}",
            named=tuple(f.economy(c) for c in framework.economies if c not in economies))
        self.fora_absent = Listing(page, "fora-absent", f"APEC fora taking part in no activity active {period}",
                                   named=tuple(f.forum(c) for c in framework.fora if c not in fora))
        self._index()
        self.goals = {goal.code: self._goal(goal.code) for goal in framework.goals}
        self.objectives = {objective.code: self._objective(objective.code) for objective in framework.objectives}
        self.actions = {code: self._action(code) for code in framework.actions}
        self.economy_parties = {code: self._party(code, PartyKind.ECONOMY) for code in framework.economies}
        self.forum_parties = {code: self._party(code, PartyKind.FORUM) for code in framework.fora}
        self.body_parties = {code: self._party(code, PartyKind.BODY) for code in framework.bodies}
        self._partnerships()
        self._aider()
        self._projects()
        self.trend = tuple(self._trend(year) for year in range(framework.period.baseline, f.year + 1))
        self.before = Listing(files.BEFORE, "before", f"Activities before {framework.period.start}", tuple(f.before),
                              detailed=True)
        self.changes = self._changes(changes)
        self.reporting = self._reporting(reporting) if reporting is not None else None
        self.indicators = self._indicators(indicators) if indicators is not None else None

    def figure_lists(self) -> Iterable[Listing]:
        """The summary's own lists, in the order the figures page shows them."""
        yield from (self.active, self.completed, self.planned, self.suspended,
                    self.cancelled, self.economy_level, self.apec_wide, self.economies, self.fora, self.bodies,
                    self.covered, self.not_covered)
        if self.facts.scope.apec_wide:
            yield from (self.economies_absent, self.fora_absent)

    def _index(self) -> None:
        """Who and what each activity of the period involves, in one pass (in the
        review's order), for the lists by goal, action, economy and forum."""
        f = self.facts
        framework = f.framework

        def table(codes: Iterable[str]) -> dict[str, list[ActivityView]]:
            return {code: [] for code in codes}

        self.principal_by_action = table(framework.actions)
        self.significant_by_action = table(framework.actions)
        self.other_by_action = table(framework.actions)
        self.active_by_party = table([*framework.economies, *framework.fora, *framework.bodies])
        self.other_by_party = table([*framework.economies, *framework.fora, *framework.bodies])
        for view in f.in_period:
            parties = (*view.economies, *view.fora, *view.bodies)
            if view.active:
                for code in view.principal_actions:
                    self.principal_by_action.setdefault(code, []).append(view)
                for code in view.significant_actions:
                    self.significant_by_action.setdefault(code, []).append(view)
                for code in parties:
                    self.active_by_party[code].append(view)
            else:
                for code in view.principal_actions:
                    self.other_by_action.setdefault(code, []).append(view)
                for code in parties:
                    self.other_by_party[code].append(view)

    # -- goals and actions ----------------------------------------------------------

    def _goal(self, code: str) -> GoalLists:
        f = self.facts
        goal = f.framework.goals_by_code[code]
        codes = {action.code for action in goal.actions}
        page = files.goal_page(code)
        principal = tuple(v for v in f.active if not codes.isdisjoint(v.principal_actions))
        significant = tuple(v for v in f.active if not codes.isdisjoint(v.significant_actions)
                            and codes.isdisjoint(v.principal_actions))
        return GoalLists(
            active=Listing(page, "active", "Active, with a principal action under the goal", principal),
            new=Listing(page, "new", "New", tuple(v for v in principal if v.new)),
            completed=Listing(page, "completed", "Completed", tuple(v for v in principal if v.completed)),
            significant_only=Listing(page, "significant-only", "Serving the goal as a significant objective only",
                                     significant),
            highlights=tuple(highlighted(v for v in f.in_period if v.goal == code)),
        )

    def _objective(self, code: str) -> Listing:
        """The activities serving an objective: those of its goal, or of its goals together."""
        f = self.facts
        goals = next(objective.goals for objective in f.framework.objectives if objective.code == code)
        if len(goals) == 1:
            return self.goals[goals[0]].active
        codes = {action.code for goal in goals for action in f.framework.goals_by_code[goal].actions}
        return Listing(files.FIGURES, f"objective-{files.slug(code)}", f"Serving objective {code}",
                       tuple(v for v in f.active if codes.intersection(v.principal_actions)))

    def _action(self, code: str) -> ActionLists:
        f = self.facts
        page = files.action_page(code)
        principal = tuple(self.principal_by_action[code])
        economies = {economy for v in principal for economy in v.economies}
        return ActionLists(
            principal=Listing(page, "principal", "Active, serving it as a principal objective", principal,
                              detailed=True),
            new=Listing(page, "new", "New", tuple(v for v in principal if v.new)),
            completed=Listing(page, "completed", "Completed", tuple(v for v in principal if v.completed)),
            significant=Listing(page, "significant", "Active, serving it as a significant objective",
                                tuple(self.significant_by_action[code]), detailed=True),
            economies=Listing(page, "economies", "Economies taking part in its principal activities",
                              named=tuple(f.economy(c) for c in f.framework.economies if c in economies)),
            other=Listing(page, "other", "Serving it as a principal objective, not active",
                          tuple(self.other_by_action[code]), detailed=True),
        )

    # -- economies and fora -------------------------------------------------------------

    def _party(self, code: str, kind: PartyKind) -> PartyLists:
        f = self.facts
        framework = f.framework
        name = framework.reporter_name(code)
        page = {PartyKind.ECONOMY: files.economy_page, PartyKind.FORUM: files.forum_page,
                PartyKind.BODY: files.body_page}[kind](code)

        taking_part = tuple(self.active_by_party[code])
        own = Listing(page, "own", f"Reported by {name}", tuple(v for v in taking_part if v.reporter == code))
        joined_heading = {PartyKind.ECONOMY: f"Led or co-sponsored by {name}, reported by others",
                          PartyKind.FORUM: f"With {name} as a partner forum, reported by others",
                          PartyKind.BODY: f"With {name} as a partner, reported by others"}[kind]
        joined = Listing(page, "joined", joined_heading, tuple(v for v in taking_part if v.reporter != code))
        by_action: dict[str, list[ActivityView]] = {}
        for view in taking_part:
            for action in view.principal_actions:
                by_action.setdefault(action, []).append(view)
        labels = {action.code: action.label for action in f.framework.actions.values()}
        return PartyLists(
            code=code, name=name, kind=kind, page=page,
            all=Listing(page, "all", f"Activities {name} took part in", children=(own, joined)),
            own=own, joined=joined,
            new=Listing(page, "new", "New", tuple(v for v in taking_part if v.new)),
            by_action=Listing(page, "by-action", "By action served as a principal objective", children=tuple(
                Listing(page, files.slug(action), labels.get(action, action), tuple(by_action[action]))
                for action in f.framework.actions if action in by_action)),
            other=Listing(page, "other", "Planned, suspended or cancelled", tuple(self.other_by_party[code])),
        )

    # -- partnerships, AIDER, projects ----------------------------------------------------

    def _partnerships(self) -> None:
        f = self.facts
        page = files.PARTNERSHIPS
        self.partners = tuple(
            Listing(page, files.slug(code), f"Involving the {partner.name} ({code})",
                    tuple(v for v in f.active if code in v.activity.partners or v.reporter == code))
            for code, partner in f.framework.partners.items())
        self.cross_fora = Listing(page, "cross-fora", "Involving two or more APEC fora",
                                  tuple(v for v in f.active if len(v.fora) >= 2))
        pairs: dict[tuple[str, str], list[ActivityView]] = {}
        for view in self.cross_fora.activities:
            for index, first in enumerate(view.fora):
                for second in view.fora[index + 1:]:
                    pairs.setdefault((first, second), []).append(view)
        self.pairs = tuple(
            Listing(page, f"pair-{files.slug(a)}-{files.slug(b)}", f"{a} and {b}", tuple(views))
            for (a, b), views in sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0])))
        self.multi_economy = Listing(page, "multi-economy", "Involving two or more economies",
                                     tuple(v for v in f.active if len(v.economies) >= 2))
        self.target_groups = tuple(
            Listing(page, f"group-{files.slug(code)}", term.name[:1].upper() + term.name[1:],
                    tuple(v for v in f.active if code in v.activity.target_groups))
            for code, term in f.framework.target_groups.items())

    def _aider(self) -> None:
        f = self.facts
        goals = f.framework.goals
        goal_of = {action.code: goal.code for goal in goals for action in goal.actions}
        mapped: dict[str, list[ActivityView]] = {code: [] for code in f.framework.aider_focus_areas}
        for view in f.active:
            for code in view.activity.aider_focus_areas:
                mapped.setdefault(code, []).append(view)
        rows = []
        for code, term in f.framework.aider_focus_areas.items():
            by_goal: dict[str | None, list[ActivityView]] = {}
            for view in mapped[code]:
                for goal in {goal_of.get(action) for action in view.principal_actions} or {None}:
                    by_goal.setdefault(goal, []).append(view)
            children = [Listing(files.AIDER, f"{files.slug(code)}-{files.slug(goal.code)}", f"Goal {goal.code}",
                                tuple(by_goal.get(goal.code, ()))) for goal in goals]
            if None in by_goal:
                children.append(Listing(files.AIDER, f"{files.slug(code)}-none", "With no principal action",
                                        tuple(by_goal[None])))
            rows.append(Listing(files.AIDER, files.slug(code), term.name, children=tuple(children)))
        self.aider = tuple(rows)

    def _projects(self) -> None:
        f = self.facts
        funded = sorted((v for v in f.in_period if v.apec_project), key=lambda v: (v.apec_project or "", v.id))
        amounts: dict[str, float] = {}
        for view in funded:
            # Records that share one project (shares_project_with) carry its funding each: count it once.
            if view.funding_usd is not None and view.apec_project is not None:
                amounts.setdefault(view.apec_project, view.funding_usd)
        self.funding_usd = sum(amounts.values())
        self.projects = Listing(files.PROJECTS, "projects", "APEC-funded projects", named=tuple(
            Named(view.apec_project or "", view.title, view.link,
                  " · ".join(part for part in (view.apec_project, view.reporter_name,
                                               view.status.value if view.status else "",
                                               f"USD {view.funding_usd:,.0f}" if view.funding_usd is not None
                                               else "") if part))
            for view in funded))

    # -- years ------------------------------------------------------------------------

    def _trend(self, year: int) -> TrendLists:
        f = self.facts
        if f.first == f.year == year:
            # The review's own year: its lists are the summary's.
            return TrendLists(year, f.begun(year), self.active, self.new, self.completed, self.economies, self.covered)
        figures = f.figures[year]
        page = files.TREND
        anchor = f"y{year}"

        def views(ids: Iterable[str]) -> tuple[ActivityView, ...]:
            return f.listed(ids)

        return TrendLists(
            year=year, begun=f.begun(year),
            active=Listing(page, f"{anchor}-active", f"Active in {year}", views(figures.active)),
            new=Listing(page, f"{anchor}-new", f"New in {year}", views(figures.new)),
            completed=Listing(page, f"{anchor}-completed", f"Completed in {year}", views(figures.completed)),
            economies=Listing(page, f"{anchor}-economies", f"Economies taking part in {year}",
                              named=tuple(f.economy(code) for code in figures.economies)),
            actions=Listing(page, f"{anchor}-actions", f"Actions served as a principal objective in {year}",
                            named=tuple(f.action(code) for code in figures.covered_actions)),
        )

    # -- standard indicators -------------------------------------------------------------

    def _indicators(self, report: IndicatorReport) -> IndicatorLists:
        f = self.facts
        page = files.INDICATORS
        totals = tuple(
            (item, Listing(page, files.slug(item.indicator.id),
                           f"{item.indicator.name}: the activities behind the {report.year} total",
                           f.listed(item.total.activities), detailed=True))
            for item in report.indicators)
        tracks = tuple(
            (track, Listing(page, f"track-{files.slug(track.code)}",
                            f"{track.label}: activities with a target for a standard indicator",
                            f.listed(track.activities)))
            for track in report.on_track)
        return IndicatorLists(report, totals, tracks)

    # -- reporting ---------------------------------------------------------------------

    def _reporting(self, section: ReportingSection) -> ReportingLists:
        f = self.facts
        page = files.REPORTING

        def named(lines: Iterable[ReportingLine]) -> tuple[Named, ...]:
            # The note: "2 activities" reported, or what a nil return says.
            return tuple(Named(line.code, f.reporter(line.code).name, f.reporter(line.code).link, line.detail)
                         for line in lines)

        year = section.year
        return ReportingLists(
            year=year, asked=section.reporters,
            reported=Listing(page, "reported", f"Reported progress for {year}", named=named(section.reported)),
            nil_returns=Listing(page, "nil-returns", f"Said they had nothing to report for {year}",
                                named=named(section.nil_returns),
                                note="A nil return: the economy or forum said it had nothing to report for the year."),
            missing=Listing(page, "not-reported", f"Had not reported for {year}", named=named(section.missing)),
        )

    # -- changes ---------------------------------------------------------------------

    def _changes(self, changes: Changes) -> dict[str, Listing]:
        """One list per section of `tracker diff`, each item as the diff words it."""
        f = self.facts
        diff = changes.diff
        shown = {c for kind in (diff.regressions, diff.completed, diff.cancelled, diff.suspended) for c in kind}
        refs: dict[str, Sequence[ActivityRef | str]] = {
            "new": diff.new,
            "regressions": [c.activity for c in diff.regressions],
            "completed": [c.activity for c in diff.completed if not c.is_regression],
            "cancelled": [c.activity for c in diff.cancelled if not c.is_regression],
            "suspended": [c.activity for c in diff.suspended if not c.is_regression],
            "status_changes": [c.activity for c in diff.status_changes if c not in shown],
            "stalled": diff.stalled,
            "action_changes": [c.activity for c in diff.action_changes],
            "newly_covered": diff.newly_covered,
            "no_longer_covered": diff.no_longer_covered,
            "reporters_only_after": diff.reporters_only_after,
            "reporters_only_before": diff.reporters_only_before,
            "gone": diff.gone,
        }
        found: dict[str, Listing] = {}
        for section in changes.sections:
            items = []
            for ref, text in zip(refs[section.key], section.items, strict=True):
                if isinstance(ref, ActivityRef):
                    view = f.by_id.get(ref.id)
                    items.append(Named(ref.id, text, view.link if view else None))
                elif section.key.endswith("covered"):
                    items.append(Named(ref, text, f.action(ref).link))
                else:
                    items.append(Named(ref, text, f.reporter(ref).link))
            found[section.key] = Listing(files.CHANGES, section.key.replace("_", "-"), section.title,
                                         named=tuple(items))
        if diff.indicators:
            found["indicators"] = Listing(files.CHANGES, "indicators", "Indicators", named=tuple(
                Named(f"{item.activity.id}/{item.key}",
                      f"{item.activity.id}: {f.framework.indicator_name(item.id, item.name)}",
                      f.by_id[item.activity.id].link if item.activity.id in f.by_id else None)
                for item in diff.indicators))
        return found
