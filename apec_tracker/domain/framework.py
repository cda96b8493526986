"""The Initiative's framework and APEC's reference data: the goals and actions,
the period, the economies, fora and partners, and the vocabularies records use.

The Secretariat amends data/reference/ (a new forum, an economy's owners)
without a code change; apec_tracker.reading.reference reads and checks it into
the :class:`Framework` here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class Partner(_Strict):
    code: Code
    name: str
    role: str | None = None
    aliases: list[str] = []


class Secretariat(_Strict):
    """Who may approve changes anywhere in the repository."""

    owners: list[Owner] = []


class EconomiesFile(_Strict):
    economies: list[Economy]


class ForaFile(_Strict):
    fora: list[Forum]
    partners: list[Partner] = []
    secretariat: Secretariat = field(default_factory=Secretariat)


class CodeList(StrEnum):
    """A list of codes in the reference data."""

    REPORTER = "reporter"  # an economy or a forum
    ECONOMY = "economy"
    FORUM = "forum"
    PARTNER = "partner"
    ACTION = "action"
    ACTIVITY_TYPE = "activity type"
    TARGET_GROUP = "target group"
    AIDER_AREA = "AIDER focus area"


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
    partners: dict[str, Partner]
    secretariat: Secretariat = field(default_factory=Secretariat)
    # A hash of the reference files' bytes: what a stored answer checked
    # against these codes is keyed by (apec_tracker._speed).
    digest: str = ""

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {action.code: action for goal in self.goals for action in goal.actions}

    @cached_property
    def reporters(self) -> frozenset[str]:
        """Who may report: every economy and every forum."""
        return frozenset(self.economies) | frozenset(self.fora)

    @cached_property
    def goals_by_code(self) -> dict[str, Goal]:
        return {goal.code: goal for goal in self.goals}

    def codes(self, kind: CodeList) -> Mapping[str, object]:
        """The codes of one list, in the reference data's order."""
        match kind:
            case CodeList.REPORTER:
                return {**self.economies, **self.fora}
            case CodeList.ECONOMY:
                return self.economies
            case CodeList.FORUM:
                return self.fora
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

    @cached_property
    def known_codes(self) -> dict[CodeList, frozenset[str]]:
        return {kind: frozenset(self.codes(kind)) for kind in CodeList}

    def reporter_name(self, code: str) -> str:
        if code in self.economies:
            return self.economies[code].name
        if code in self.fora:
            return self.fora[code].name
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
            return self.lookup(CodeList.ECONOMY, text) or self.lookup(CodeList.FORUM, text)
        found = self._words(kind).get(_folded(text))
        return found.code if found else None

    def hint(self, kind: CodeList, value: str) -> str:
        """How to mend ``value``, which is no code of ``kind``: a did-you-mean, or where the codes are."""
        value = value.strip()
        if kind is CodeList.ECONOMY and value in self.fora:
            return f"{value} is a forum, not an economy"
        if kind is CodeList.FORUM and value in self.partners:
            return f"{value} is a partner, not an APEC forum: list it under partners"
        if kind is CodeList.FORUM and value in self.economies:
            return f"{value} is an economy, not a forum"
        if kind is CodeList.PARTNER and value in self.fora:
            return f"{value} is an APEC forum: list it under partner_fora"
        found = self.suggestion(kind, value)
        if found is not None:
            return found
        match kind:
            case CodeList.REPORTER:
                return "economy codes are listed in data/reference/economies.yaml, forum codes in " \
                    "data/reference/fora.yaml"
            case CodeList.ECONOMY:
                return "economy codes are listed in data/reference/economies.yaml"
            case CodeList.FORUM:
                return "forum codes are listed in data/reference/fora.yaml"
            case CodeList.PARTNER:
                return "partners are listed in data/reference/fora.yaml"
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
            return self._suggestion(CodeList.ECONOMY, value) or self._suggestion(CodeList.FORUM, value)
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

    def action_hint(self, value: str) -> str:
        return self.hint(CodeList.ACTION, value)

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


_KIND_WORDS = {
    CodeList.REPORTER: "an economy or APEC forum code",
    CodeList.ECONOMY: "an economy code",
    CodeList.FORUM: "an APEC forum code",
    CodeList.PARTNER: "a partner code",
    CodeList.ACTION: "an action of the Initiative",
    CodeList.ACTIVITY_TYPE: "an activity type",
    CodeList.TARGET_GROUP: "a target group",
    CodeList.AIDER_AREA: "an AIDER focus area",
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
