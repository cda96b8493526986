"""The Initiative's framework and APEC's reference data, read from data/reference/.

The Secretariat amends these files (a new forum, an economy's owners) without a
code change. They are checked when a command starts: a broken reference file
stops the command with exit 2, since nothing can be validated against it.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from apec_tracker.reading import syntax

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


class ReferenceDataError(Exception):
    """A reference file is missing, unreadable or not what it should be."""


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
    owners: list[Owner] = []


class Partner(_Strict):
    code: Code
    name: str
    role: str | None = None


class Secretariat(_Strict):
    """Who may approve changes anywhere in the repository."""

    owners: list[Owner] = []


class EconomiesFile(_Strict):
    economies: list[Economy]


class ForaFile(_Strict):
    fora: list[Forum]
    partners: list[Partner] = []
    secretariat: Secretariat = field(default_factory=Secretariat)


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

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {action.code: action for goal in self.goals for action in goal.actions}

    @cached_property
    def reporters(self) -> frozenset[str]:
        """Who may report: every economy and every forum."""
        return frozenset(self.economies) | frozenset(self.fora)

    @cached_property
    def codes(self) -> dict[str, str]:
        """Every code a record may hold (economies, fora, partners, actions and
        terms), each mapped to one string object: records keep that object,
        not a copy of their own (about 40 MB less for 50,000 records)."""
        found: dict[str, str] = {}
        for table in (self.economies, self.fora, self.partners, self.actions, self.target_groups,
                      self.activity_types, self.aider_focus_areas):
            for code in table:
                found.setdefault(code, sys.intern(code))
        return found

    @cached_property
    def goals_by_code(self) -> dict[str, Goal]:
        return {goal.code: goal for goal in self.goals}

    @cached_property
    def _economy_aliases(self) -> dict[str, str]:
        aliases: dict[str, str] = {}
        for economy in self.economies.values():
            for name in (economy.code, economy.name, *economy.aliases):
                aliases[name.casefold()] = economy.code
        return aliases

    def reporter_name(self, code: str) -> str:
        if code in self.economies:
            return self.economies[code].name
        if code in self.fora:
            return self.fora[code].name
        return code

    # -- hints ---------------------------------------------------------------

    def economy_hint(self, value: str) -> str:
        exact = self._economy_aliases.get(value.strip().casefold())
        if exact:
            return f"did you mean {exact} ({self.economies[exact].name})?"
        if value in self.fora:
            return f"{value} is a forum, not an economy"
        return _closest(value, self.economies) or "economy codes are listed in data/reference/economies.yaml"

    def forum_hint(self, value: str) -> str:
        if value in self.partners:
            return f"{value} is a partner, not an APEC forum: list it under partners"
        if value in self.economies:
            return f"{value} is an economy, not a forum"
        upper = value.strip().upper()
        if upper in self.fora:
            return f"did you mean {upper}?"
        return _closest(value, self.fora) or "forum codes are listed in data/reference/fora.yaml"

    def partner_hint(self, value: str) -> str:
        if value in self.fora:
            return f"{value} is an APEC forum: list it under partner_fora"
        return _closest(value, self.partners) or "partners are listed in data/reference/fora.yaml"

    def action_hint(self, value: str) -> str:
        goal_code, _, number = value.strip().partition(".")
        goal = self.goals_by_code.get(goal_code.upper())
        if goal is None:
            goals = ", ".join(g.code for g in self.goals)
            return f"actions are written <goal>.<roman numeral>, with goal one of {goals}"
        normalised = f"{goal.code}.{number.lower()}"
        if normalised in self.actions:
            return f"did you mean {normalised}?"
        first, last = goal.actions[0].code, goal.actions[-1].code
        return f"goal {goal.code} has the actions {first}–{last}"

    def term_hint(self, value: str, terms: dict[str, Term]) -> str:
        return _closest(value, terms) or "one of: " + ", ".join(terms)


def _closest(value: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not matches:
        folded = {c.casefold(): c for c in choices}
        match = folded.get(value.casefold())
        matches = [match] if match else []
    return f"did you mean {matches[0]}?" if matches else None


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", Term, Economy, Forum, Partner)


def load_framework(reference_dir: Path) -> Framework:
    """Read and check the reference data; raise ReferenceDataError on any problem."""
    framework_file = _read(reference_dir / "framework.yaml", FrameworkFile)
    economies_file = _read(reference_dir / "economies.yaml", EconomiesFile)
    fora_file = _read(reference_dir / "fora.yaml", ForaFile)

    economies = _unique(economies_file.economies, "economies.yaml", reference_dir)
    fora = _unique(fora_file.fora, "fora.yaml", reference_dir)
    partners = _unique(fora_file.partners, "fora.yaml", reference_dir)
    clash = (economies.keys() & fora.keys()) | (partners.keys() & (fora.keys() | economies.keys()))
    if clash:
        raise ReferenceDataError(
            f"{reference_dir / 'fora.yaml'}: codes used twice across economies, fora and "
            f"partners: {', '.join(sorted(clash))}"
        )
    for forum in fora.values():
        if forum.parent is not None and forum.parent not in fora:
            raise ReferenceDataError(
                f"{reference_dir / 'fora.yaml'}: forum {forum.code} has the unknown parent "
                f"{forum.parent!r}"
            )
    return Framework(
        title=framework_file.title,
        period=framework_file.period,
        objectives=tuple(framework_file.objectives),
        goals=tuple(framework_file.goals),
        target_groups=_unique(framework_file.target_groups, "framework.yaml", reference_dir),
        activity_types=_unique(framework_file.activity_types, "framework.yaml", reference_dir),
        aider_focus_areas=_unique(framework_file.aider_focus_areas, "framework.yaml", reference_dir),
        economies=economies,
        fora=fora,
        partners=partners,
        secretariat=fora_file.secretariat,
    )


def _read(path: Path, model: type[M]) -> M:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReferenceDataError(f"{path}: cannot read reference data: {error.strerror or error}") from None
    try:
        # The same checks as a record's bytes: a BOM, NUL bytes or invalid
        # UTF-8 get their own message, not a puzzling YAML error.
        text = syntax.decode(raw)
        data = syntax.parse(text)
    except syntax.YamlProblem as problem:
        raise ReferenceDataError(f"{path}:{problem.line}:{problem.column}: {problem.message}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        position = syntax.locate(text, first["loc"])
        line = f":{position.line}:{position.column}" if position else ""
        raise ReferenceDataError(
            f"{path}{line}: {where}: {first['msg']} ({error.error_count()} problem(s) in all)"
        ) from None


def _unique(items: list[T], file_name: str, reference_dir: Path) -> dict[str, T]:
    found: dict[str, T] = {}
    for item in items:
        if item.code in found:
            raise ReferenceDataError(f"{reference_dir / file_name}: code {item.code!r} appears twice")
        found[item.code] = item
    return found

