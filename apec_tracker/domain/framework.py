"""The Initiative's framework and APEC's reference data: the goals and actions,
the period, the economies, fora and other bodies (partners among them), the
vocabularies records use, the catalogue of standard indicators
(docs/indicators.md), and the reporting calendar (when contributions are due,
the joint DESG-TELWG review, CSOM, and the steps each year's review has taken).

The Secretariat amends data/reference/ (a new forum, an economy's owners)
without a code change; apec_tracker.reading.reference reads and checks it into
the :class:`Framework` here.
"""

from __future__ import annotations

import datetime
import difflib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from apec_tracker.domain.dates import CalendarDate

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Code = Annotated[str, Field(min_length=1, pattern=r"^\S+$")]
# A GitHub user (@name), team (@org/team) or e-mail address, as CODEOWNERS takes
# them: GitHub silently ignores a malformed owner, so it is refused here.
Owner = Annotated[
    str, Field(pattern=r"^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")
]


class Objective(_Strict):
    code: Code
    text: str
    # The goals that serve the objective: the Secretariat's reading of
    # paragraphs 2 and 4, not the Leaders' words (see framework.yaml).
    goals: list[Code] = []


class Action(_Strict):
    code: Code
    title: str
    text: str

    @property
    def goal_code(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


class Goal(_Strict):
    code: Code
    title: str
    text: str
    actions: list[Action] = Field(min_length=1)

    @model_validator(mode="after")
    def _actions_numbered_under_goal(self) -> Goal:
        for number, action in enumerate(self.actions):
            expected = f"{self.code}.{ROMAN[number]}"
            if action.code != expected:
                raise ValueError(f"action {action.code!r} should be {expected!r} (goal {self.code}, "
                                 f"action {number + 1})")
        return self


class Period(_Strict):
    start: int
    end: int
    baseline: int
    final_review: int

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if not self.baseline < self.start <= self.final_review <= self.end:
            raise ValueError("expected baseline < start <= final_review <= end")
        return self

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    @property
    def years_with_baseline(self) -> range:
        return range(self.baseline, self.end + 1)

    def not_a_year(self, year: int, *, baseline: bool = False, called: str = "") -> str | None:
        """Why ``year`` is not one a command takes, in the words every command
        uses; None if it is. ``baseline``: the year before the Initiative began
        is taken too, as the year to compare with. ``called``: how to name the
        year, when the user did not type it."""
        if (self.baseline if baseline else self.start) <= year <= self.end:
            return None
        called = called or str(year)
        if year == self.baseline:
            return (f"{called} is the year before the Initiative began, not one of its reporting years "
                    f"({self.start}–{self.end})")
        also = f", and {self.baseline} to compare with" if baseline else ""
        return f"{called} is not a year of the Initiative ({self.start}–{self.end}{also})"


class Term(_Strict):
    """An entry of a controlled vocabulary: target groups, activity types, AIDER areas."""

    code: Code
    name: str
    # Other words people use for it ("training" for a workshop): understood at
    # prompts and options, and suggested by validation (never written in a record).
    aliases: list[str] = []


class FrameworkFile(_Strict):
    title: str
    period: Period
    objectives: list[Objective]
    goals: list[Goal]
    target_groups: list[Term]
    activity_types: list[Term]
    aider_focus_areas: list[Term]

    @model_validator(mode="after")
    def _objectives_name_goals(self) -> FrameworkFile:
        known = [goal.code for goal in self.goals]
        for objective in self.objectives:
            for code in objective.goals:
                if code not in known:
                    raise ValueError(f"objective {objective.code} names the goal {code!r}, which is not one of "
                                     f"{', '.join(known)}")
        return self


class Economy(_Strict):
    code: Code
    name: str
    aliases: list[str] = []
    owners: list[Owner] = []


class Forum(_Strict):
    code: Code
    name: str
    parent: str | None = None
    aliases: list[str] = []
    owners: list[Owner] = []


class Body(_Strict):
    """An APEC body that is neither an economy nor a forum: Leaders' and Ministers'
    meetings, the senior officials, the Secretariat and its Policy Support Unit,
    and partners such as ABAC and PECC. A body may report APEC-wide activities
    from its own folder, data/bodies/<code>/."""

    code: Code
    name: str
    kind: str = Field(min_length=1, description="leaders, ministerial, senior officials, secretariat, "
                      "business advisory council, observer, ...")
    # A partner of the Initiative (paragraph 5 names ABAC and PECC): records name
    # it under `partners`.
    partner: bool = False
    aliases: list[str] = []
    owners: list[Owner] = []


class Secretariat(_Strict):
    """Who may approve changes anywhere in the repository."""

    owners: list[Owner] = []


class EconomiesFile(_Strict):
    economies: list[Economy]


class ForaFile(_Strict):
    fora: list[Forum]
    secretariat: Secretariat = field(default_factory=Secretariat)


class BodiesFile(_Strict):
    bodies: list[Body]


class ReviewState(StrEnum):
    """The steps of a year's review, in the order paragraph 5 of the Initiative
    sets: reviewed at the annual joint DESG-TELWG meeting, then, after
    consultation with TELWG and other relevant fora, incorporated into DESG's
    annual report to CSOM."""

    DRAFT = "draft"
    DISCUSSED = "discussed"
    CONSULTATION = "consultation"
    ENDORSED = "endorsed"
    IN_CSOM_REPORT = "in-csom-report"

    @property
    def label(self) -> str:
        return _REVIEW_STATE_LABELS[self]


_REVIEW_STATE_LABELS = {
    ReviewState.DRAFT: "draft",
    ReviewState.DISCUSSED: "discussed at the joint DESG–TELWG meeting",
    ReviewState.CONSULTATION: "in consultation with TELWG and other fora",
    ReviewState.ENDORSED: "endorsed",
    ReviewState.IN_CSOM_REPORT: "included in DESG's report to CSOM",
}
REVIEW_STATES = tuple(ReviewState)


class ReviewStep(_Strict):
    """One recorded step of a year's review: what happened, when, and the
    document that shows it (an APEC document number or an address)."""

    state: ReviewState
    date: CalendarDate
    document: Annotated[str, Field(min_length=1)]


class YearCalendar(_Strict):
    """A reporting year's dates, and the steps its review has taken so far.
    A date not yet known is left out, never guessed."""

    year: StrictInt  # `year: true` or `year: "2026"` is no year
    contributions_due: CalendarDate | None = None
    joint_review: CalendarDate | None = None
    csom: CalendarDate | None = None
    review: list[ReviewStep] = []

    @model_validator(mode="after")
    def _in_order(self) -> YearCalendar:
        dates = [(name, value) for name, value in (("contributions_due", self.contributions_due),
                                                    ("joint_review", self.joint_review), ("csom", self.csom))
                 if value is not None]
        for (first, earlier), (second, later) in itertools.pairwise(dates):
            if later < earlier:
                raise ValueError(f"{second} ({later}) is before {first} ({earlier})")
        for before, after in itertools.pairwise(self.review):
            if REVIEW_STATES.index(after.state) <= REVIEW_STATES.index(before.state):
                order = ", ".join(REVIEW_STATES)
                raise ValueError(f"the review's step {after.state} comes after {before.state}: steps are "
                                 f"recorded once each, in the order {order}")
            if after.date < before.date:
                raise ValueError(f"the review's step {after.state} ({after.date}) is dated before the step "
                                 f"{before.state} ({before.date})")
        return self

    def step(self, state: ReviewState, *, on: datetime.date) -> ReviewStep | None:
        """The step ``state`` of the review as it stood on the day ``on``: a step
        is taken on its date, so one recorded with a date still to come is not
        taken yet (publishing does not count a consultation planned for later)."""
        return next((step for step in self.review if step.state is state and step.date <= on), None)

    def latest_step(self, *, on: datetime.date) -> ReviewStep | None:
        taken = [step for step in self.review if step.date <= on]
        return taken[-1] if taken else None


DEFAULT_MAIN_BRANCH = "main"


class CalendarFile(_Strict):
    # A git branch name: no spaces, no leading dash (it would read as an option).
    main_branch: Annotated[str, Field(pattern=r"^[^\s-][^\s]*$")] = DEFAULT_MAIN_BRANCH
    years: list[YearCalendar] = []


@dataclass(frozen=True)
class Calendar:
    """The reporting calendar: each year's dates and review steps, and the
    branch reviews are published from."""

    main_branch: str = DEFAULT_MAIN_BRANCH
    years: dict[int, YearCalendar] = field(default_factory=dict)

    def year(self, year: int) -> YearCalendar:
        """The year's calendar; an empty one (nothing recorded) if it has none."""
        return self.years.get(year) or YearCalendar(year=year)


class Unit(StrEnum):
    """What a standard indicator counts or measures: a closed list, so that two
    activities' values of one indicator are always in the same unit."""

    PEOPLE = "people"
    ECONOMIES = "economies"
    ORGANISATIONS = "organisations"
    ITEMS = "items"
    PERCENT = "percent"
    USD = "usd"

    @property
    def shown(self) -> str:
        """The unit as a reader's page writes it: "people", "USD"."""
        return "USD" if self is Unit.USD else self.value


class Combine(StrEnum):
    """How an indicator's values from several activities make one total."""

    SUM = "sum"  # added up
    DISTINCT = "distinct"  # economies counted once, however many activities name them
    NONE = "none"  # listed, never added (a share, an average)


class Direction(StrEnum):
    """Which way an indicator should move: a target on the other side of the
    baseline is suspect (I806)."""

    INCREASE = "increase"
    DECREASE = "decrease"


Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
INDICATOR_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class IndicatorSource(_Strict):
    """Where APEC defines or reports the indicator: in words, and the pages that say so."""

    text: str = Field(min_length=1)
    links: list[Url] = []


class StandardIndicator(_Strict):
    """An entry of the catalogue of standard indicators (data/reference/indicators.yaml)."""

    id: Annotated[str, Field(pattern=INDICATOR_ID)]
    name: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    unit: Unit
    combine: Combine
    min: float | None = None
    max: float | None = None
    whole: bool = False
    direction: Direction = Direction.INCREASE
    actions: list[Code] = Field(min_length=1)
    part_of: Annotated[str, Field(pattern=INDICATOR_ID)] | None = None
    source: IndicatorSource

    @model_validator(mode="after")
    def _coherent(self) -> StandardIndicator:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is more than max {self.max:g}")
        if self.combine is Combine.DISTINCT and self.unit is not Unit.ECONOMIES:
            # Only economies can be told apart from the records themselves (their
            # lead and co-sponsor fields); other counts cannot be de-duplicated.
            raise ValueError("combine: distinct counts economies; its unit must be economies")
        if self.part_of == self.id:
            raise ValueError("an indicator cannot be part of itself")
        return self

    @property
    def code(self) -> str:
        return self.id

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"

    def problem_with(self, value: float) -> str | None:
        """Why ``value`` cannot be a value of this indicator ("more than its
        maximum, 100"), or None."""
        if self.min is not None and value < self.min:
            return f"less than its minimum, {plain_number(self.min)}"
        if self.max is not None and value > self.max:
            return f"more than its maximum, {plain_number(self.max)}"
        if self.whole and not float(value).is_integer():
            return f"not a whole number ({self.unit} are counted in whole numbers)"
        return None

    @property
    def bounds(self) -> str:
        """The values it takes, in words: "from 0 to 100", "0 or more, in whole numbers"."""
        if self.min is not None and self.max is not None:
            text = f"from {plain_number(self.min)} to {plain_number(self.max)}"
        elif self.min is not None:
            text = f"{plain_number(self.min)} or more"
        elif self.max is not None:
            text = f"{plain_number(self.max)} or less"
        else:
            text = "any number"
        return text + (", in whole numbers" if self.whole else "")


class IndicatorsFile(_Strict):
    indicators: list[StandardIndicator]


def plain_number(value: float) -> str:
    """A number as people write it: 1,200 and 12.5, never 1200.0."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.10g}"


class CodeList(StrEnum):
    """A list of codes in the reference data."""

    REPORTER = "reporter"  # an economy, a forum or a body
    ECONOMY = "economy"
    FORUM = "forum"
    BODY = "body"  # an APEC body that is neither an economy nor a forum
    PARTNER = "partner"  # a body that is a partner
    ACTION = "action"
    ACTIVITY_TYPE = "activity type"
    TARGET_GROUP = "target group"
    AIDER_AREA = "AIDER focus area"
    INDICATOR = "standard indicator"


@dataclass(frozen=True)
class Framework:
    """Everything a record's codes are checked against."""

    title: str
    period: Period
    objectives: tuple[Objective, ...]
    goals: tuple[Goal, ...]
    target_groups: dict[str, Term]
    activity_types: dict[str, Term]
    aider_focus_areas: dict[str, Term]
    economies: dict[str, Economy]
    fora: dict[str, Forum]
    bodies: dict[str, Body]
    secretariat: Secretariat = field(default_factory=Secretariat)
    calendar: Calendar = field(default_factory=Calendar)
    # The catalogue of standard indicators, in its file's order.
    indicators: dict[str, StandardIndicator] = field(default_factory=dict)
    # A hash of the bytes of the reference files records are checked against
    # (not the calendar's): what a stored answer checked against these codes
    # is keyed by (apec_tracker._speed).
    digest: str = ""

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {action.code: action for goal in self.goals for action in goal.actions}

    @cached_property
    def partners(self) -> dict[str, Body]:
        """The bodies that are partners (ABAC, PECC): what a record's `partners` name."""
        return {code: body for code, body in self.bodies.items() if body.partner}

    @cached_property
    def reporters(self) -> frozenset[str]:
        """Who may report: every economy, forum and body."""
        return frozenset(self.economies) | frozenset(self.fora) | frozenset(self.bodies)

    @cached_property
    def goals_by_code(self) -> dict[str, Goal]:
        return {goal.code: goal for goal in self.goals}

    def codes(self, kind: CodeList) -> Mapping[str, object]:
        """The codes of one list, in the reference data's order."""
        match kind:
            case CodeList.REPORTER:
                return {**self.economies, **self.fora, **self.bodies}
            case CodeList.ECONOMY:
                return self.economies
            case CodeList.FORUM:
                return self.fora
            case CodeList.BODY:
                return self.bodies
            case CodeList.PARTNER:
                return self.partners
            case CodeList.ACTION:
                return self.actions
            case CodeList.ACTIVITY_TYPE:
                return self.activity_types
            case CodeList.TARGET_GROUP:
                return self.target_groups
            case CodeList.AIDER_AREA:
                return self.aider_focus_areas
            case CodeList.INDICATOR:
                return self.indicators

    @cached_property
    def known_codes(self) -> dict[CodeList, frozenset[str]]:
        return {kind: frozenset(self.codes(kind)) for kind in CodeList}

    def indicator_name(self, indicator_id: str | None, name: str | None) -> str:
        """What an indicator of a record is called: the name it gives, else its
        standard indicator's."""
        if name:
            return name
        standard = self.indicators.get(indicator_id) if indicator_id else None
        return standard.name if standard is not None else str(indicator_id)

    def indicator_unit(self, indicator_id: str | None, unit: str | None) -> str | None:
        """An indicator's unit: the one it gives, else its standard indicator's."""
        if unit:
            return unit
        standard = self.indicators.get(indicator_id) if indicator_id else None
        return standard.unit.value if standard is not None else None

    def reporter_name(self, code: str) -> str:
        if code in self.economies:
            return self.economies[code].name
        if code in self.fora:
            return self.fora[code].name
        if code in self.bodies:
            return self.bodies[code].name
        return code

    # -- the words people use for codes -------------------------------------
    #
    # One vocabulary for the prompts and options of add-activity and progress
    # (apec_tracker.authoring.user_input) and for validation's hints
    # (apec_tracker.domain.codes): a code, the name the reference data gives it
    # and its aliases all name it; what names nothing is answered with the
    # closest of them.

    def describe(self, kind: CodeList, value: str) -> str:
        """What a code of ``kind`` is, for "'x' is not ...": "an economy code"."""
        if kind is CodeList.ACTION:
            goal = self.goals_by_code.get(value.strip().partition(".")[0].upper())
            return f"an action of goal {goal.code}" if goal else "an action of the Initiative"
        return _KIND_WORDS[kind]

    def lookup(self, kind: CodeList, text: str) -> str | None:
        """The code ``text`` names (a code, a name or an alias, in any case), or None."""
        if kind is CodeList.REPORTER:
            return next(filter(None, (self.lookup(one, text) for one in _REPORTER_KINDS)), None)
        found = self._words(kind).get(_folded(text))
        return found.code if found else None

    def hint(self, kind: CodeList, value: str) -> str:
        """How to mend ``value``, which is no code of ``kind``: a did-you-mean, or where the codes are."""
        value = value.strip()
        if kind is CodeList.INDICATOR:
            return self.indicator_hint(value)
        if kind is CodeList.ECONOMY and value in self.fora:
            return f"{value} is a forum, not an economy"
        if kind is CodeList.ECONOMY and value in self.bodies:
            return f"{value} is an APEC body, not an economy"
        if kind is CodeList.FORUM and value in self.partners:
            return f"{value} is a partner, not an APEC forum: list it under partners"
        if kind is CodeList.FORUM and value in self.bodies:
            return f"{value} is an APEC body, not a forum: bodies are listed in data/reference/bodies.yaml"
        if kind is CodeList.FORUM and value in self.economies:
            return f"{value} is an economy, not a forum"
        if kind is CodeList.BODY and value in self.economies:
            return f"{value} is an economy, not a body"
        if kind is CodeList.BODY and value in self.fora:
            return f"{value} is a forum, not a body"
        if kind is CodeList.PARTNER and value in self.fora:
            return f"{value} is an APEC forum: list it under partner_fora"
        if kind is CodeList.PARTNER and value in self.bodies:
            return f"{value} is an APEC body but not a partner (partners are the bodies marked `partner: true`)"
        found = self.suggestion(kind, value)
        if found is not None:
            return found
        match kind:
            case CodeList.REPORTER:
                return "economy codes are listed in data/reference/economies.yaml, forum codes in " \
                    "data/reference/fora.yaml, other bodies' in data/reference/bodies.yaml"
            case CodeList.ECONOMY:
                return "economy codes are listed in data/reference/economies.yaml"
            case CodeList.FORUM:
                return "forum codes are listed in data/reference/fora.yaml"
            case CodeList.BODY:
                return "body codes are listed in data/reference/bodies.yaml"
            case CodeList.PARTNER:
                return "partners are the bodies marked `partner: true` in data/reference/bodies.yaml"
            case CodeList.ACTION:
                goal = self.goals_by_code.get(value.partition(".")[0].upper())
                if goal is None:
                    goals = ", ".join(g.code for g in self.goals)
                    return f"actions are written <goal>.<roman numeral>, with goal one of {goals}"
                return f"goal {goal.code} has the actions {goal.actions[0].code}–{goal.actions[-1].code}"
            case _:
                return "one of: " + ", ".join(self.codes(kind))

    def suggestion(self, kind: CodeList, value: str) -> str | None:
        """The code ``value`` was probably meant to be, as "did you mean ...?", or None."""
        value = value.strip()
        if kind is CodeList.REPORTER:
            return next(filter(None, (self._suggestion(one, value) for one in _REPORTER_KINDS)), None)
        if kind is CodeList.ACTION:
            goal_code, _, number = value.partition(".")
            goal = self.goals_by_code.get(goal_code.upper())
            if goal is None:  # perhaps the action's title
                return self._suggestion(kind, value) if not number else None
            normalised = f"{goal.code}.{number.lower()}"
            return f"did you mean {normalised}?" if normalised in self.actions else None
        return self._suggestion(kind, value)

    def economy_hint(self, value: str) -> str:
        return self.hint(CodeList.ECONOMY, value)

    def forum_hint(self, value: str) -> str:
        return self.hint(CodeList.FORUM, value)

    def body_hint(self, value: str) -> str:
        return self.hint(CodeList.BODY, value)

    def partner_hint(self, value: str) -> str:
        return self.hint(CodeList.PARTNER, value)

    def reporter_hint(self, value: str) -> str:
        return self.hint(CodeList.REPORTER, value)

    def action_hint(self, value: str) -> str:
        return self.hint(CodeList.ACTION, value)

    def indicator_hint(self, value: str) -> str:
        """For an indicator id the catalogue does not have: the id meant, whether
        it was written as a name ("Officials trained"), in capitals or with
        spaces, or misspelt."""
        found = self.standard_indicator_named(value)
        if found is not None:
            return f"did you mean {found.id} ({found.name})?"
        return (self._suggestion(CodeList.INDICATOR, value)
                or "standard indicators are listed in data/reference/indicators.yaml: " + ", ".join(self.indicators))

    def standard_indicator_named(self, text: str) -> StandardIndicator | None:
        """The standard indicator ``text`` names: its id or its name, whatever the
        case, with spaces or underscores for hyphens."""
        folded = " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()
        for indicator in self.indicators.values():
            if folded in (indicator.id.replace("-", " "), indicator.name.casefold()):
                return indicator
        return None

    def indicators_for(self, actions: Iterable[str]) -> list[StandardIndicator]:
        """The catalogue's indicators, those that fit ``actions`` first."""
        wanted = set(actions)
        fitting = [i for i in self.indicators.values() if wanted & set(i.actions)]
        return fitting + [i for i in self.indicators.values() if i not in fitting]

    def _suggestion(self, kind: CodeList, value: str) -> str | None:
        words = self._words(kind)
        found = words.get(_folded(value))
        if found is None:
            close = difflib.get_close_matches(_folded(value), list(words), n=1, cutoff=0.6)
            found = words[close[0]] if close else None
        if found is None:
            return None
        # A code alone where the code was mistyped (JPNN); the code and its name
        # where a name was (Korea: did you mean ROK (Korea)?).
        if found.by_code:
            return f"did you mean {found.code}?"
        return f"did you mean {found.code} ({found.name})?"

    def _words(self, kind: CodeList) -> dict[str, _Word]:
        return self._vocabulary[kind]

    @cached_property
    def _vocabulary(self) -> dict[CodeList, dict[str, _Word]]:
        """Per list of codes: each code, name and alias, case-folded, and the code it names."""
        vocabulary: dict[CodeList, dict[str, _Word]] = {}
        for kind in CodeList:
            if kind is CodeList.REPORTER:
                continue
            words: dict[str, _Word] = {}
            for code, item in self.codes(kind).items():
                name = str(getattr(item, "name", None) or getattr(item, "title", ""))
                aliases: list[str] = getattr(item, "aliases", [])
                # Codes first: a code is never taken for another item's alias.
                words.setdefault(_folded(code), _Word(code, name, by_code=True))
                for word in (name, name.removeprefix("the "), *aliases):
                    if word:
                        words.setdefault(_folded(word), _Word(code, name, by_code=False))
            vocabulary[kind] = words
        return vocabulary


@dataclass(frozen=True)
class _Word:
    code: str
    name: str
    by_code: bool  # the word is the code itself


# Who may report, in the order a word is looked up among them.
_REPORTER_KINDS = (CodeList.ECONOMY, CodeList.FORUM, CodeList.BODY)

_KIND_WORDS = {
    CodeList.REPORTER: "an economy, APEC forum or body code",
    CodeList.ECONOMY: "an economy code",
    CodeList.FORUM: "an APEC forum code",
    CodeList.BODY: "an APEC body code",
    CodeList.PARTNER: "a partner code",
    CodeList.ACTION: "an action of the Initiative",
    CodeList.ACTIVITY_TYPE: "an activity type",
    CodeList.TARGET_GROUP: "a target group",
    CodeList.AIDER_AREA: "an AIDER focus area",
    CodeList.INDICATOR: "a standard indicator",
}


def _folded(text: str) -> str:
    """A word as it is compared: case, surrounding spaces and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The choice ``value`` was probably meant to be: for the fixed lists of words
    the record model knows (statuses, roles), at prompts and in validation alike."""
    choices = list(choices)
    folded = {_folded(choice): choice for choice in choices}
    exact = folded.get(_folded(value))
    if exact is not None:
        return exact
    close = difflib.get_close_matches(_folded(value), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None
