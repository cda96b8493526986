"""The activity record: what one YAML file under data/ says.

Codes (economies, fora, partners, actions, vocabularies) are checked against the
reference data passed as validation context (``{"framework": Framework}``);
without that context only the shape is checked, which is what the JSON Schema
export and other tools see.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from apec_tracker.domain.framework import Framework

# Fields in the order the tool writes them and documents them.
FIELD_ORDER = (
    "id",
    "title",
    "summary",
    "reporter",
    "lead_economies",
    "co_sponsors",
    "partner_fora",
    "partners",
    "actions",
    "activity_type",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "target_groups",
    "aider_focus_areas",
    "apec_project",
    "shares_project_with",
    "funding",
    "links",
    "sources",
    "progress",
)


class Status(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"

    @property
    def is_open(self) -> bool:
        return self in (Status.PLANNED, Status.ONGOING, Status.SUSPENDED)

    @property
    def has_ended(self) -> bool:
        return self in (Status.COMPLETED, Status.CANCELLED)


class Role(StrEnum):
    """How much of an activity serves an action (the OECD DAC marker convention)."""

    PRINCIPAL = "principal"
    SIGNIFICANT = "significant"


# -- codes checked against the reference data --------------------------------


def _framework(info: ValidationInfo) -> Framework | None:
    context = info.context
    return context.get("framework") if isinstance(context, dict) else None


def _unknown(kind: str, value: str, hint: str) -> PydanticCustomError:
    # The hint travels in the error's context so that diagnostics can show it
    # apart from the message.
    return PydanticCustomError("unknown_code", "'{value}' is not {kind}", {"value": value, "kind": kind, "hint": hint})


def _code_in(
    kind: Callable[[Framework, str], str],
    codes: Callable[[Framework], Container[str]],
    hint: Callable[[Framework, str], str],
) -> AfterValidator:
    """A check that a code is one of the reference data's, with a hint if not."""

    def check(value: str, info: ValidationInfo) -> str:
        framework = _framework(info)
        if framework is None:
            return value
        if value not in codes(framework):
            raise _unknown(kind(framework, value), value, hint(framework, value))
        return framework.codes.get(value, value)  # the one string object of that code

    return AfterValidator(check)


def _reporter_hint(framework: Framework, value: str) -> str:
    hint = framework.economy_hint(value)
    return hint if hint.startswith("did you mean") else framework.forum_hint(value)


def _action_kind(framework: Framework, value: str) -> str:
    goal = framework.goals_by_code.get(value.partition(".")[0])
    return f"an action of goal {goal.code}" if goal else "an action of the Initiative"


def _named(kind: str) -> Callable[[Framework, str], str]:
    return lambda framework, value: kind


Text = Annotated[str, Field(min_length=1)]
EconomyCode = Annotated[
    str, _code_in(_named("an economy code"), lambda f: f.economies, Framework.economy_hint)
]
ForumCode = Annotated[str, _code_in(_named("an APEC forum code"), lambda f: f.fora, Framework.forum_hint)]
ReporterCode = Annotated[
    str, _code_in(_named("an economy or forum code"), lambda f: f.reporters, _reporter_hint)
]
PartnerCode = Annotated[str, _code_in(_named("a partner code"), lambda f: f.partners, Framework.partner_hint)]
ActionCode = Annotated[str, _code_in(_action_kind, lambda f: f.actions, Framework.action_hint)]
TargetGroup = Annotated[
    str,
    _code_in(_named("a target group"), lambda f: f.target_groups,
             lambda f, value: f.term_hint(value, f.target_groups)),
]
ActivityType = Annotated[
    str,
    _code_in(_named("an activity type"), lambda f: f.activity_types,
             lambda f, value: f.term_hint(value, f.activity_types)),
]
AiderArea = Annotated[
    str,
    _code_in(_named("an AIDER focus area"), lambda f: f.aider_focus_areas,
             lambda f, value: f.term_hint(value, f.aider_focus_areas)),
]

RECORD_ID = r"^[a-z0-9][a-z0-9-]{2,99}$"
RecordId = Annotated[
    str,
    Field(
        pattern=RECORD_ID,
        description="Stable id: the file name without .yaml; lower-case letters, digits and hyphens.",
    ),
]

# APEC project numbers: 'PPSTI 02 2020A' (older) and 'HRDWG_204_2023A' (since
# 2023); concept notes 'CN_HRDWG_207_2023'.
PROJECT_NUMBER = r"^(?:[A-Z]+ \d{2,3} \d{4}[A-Z]?|[A-Z]+_\d{3}_\d{4}[A-Z]|CN_[A-Z]+_\d{3}_\d{4})$"
ProjectNumber = Annotated[
    str,
    Field(
        pattern=PROJECT_NUMBER,
        description="APEC project number: 'PPSTI 02 2020A', 'HRDWG_204_2023A' or a concept note "
        "'CN_HRDWG_207_2023'.",
    ),
]


def _calendar_date(value: Any) -> Any:
    # A date is written 2026-03-01. Refuse numbers, which pydantic would read as
    # Unix timestamps, and anything but the ISO form.
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError as error:
            # pydantic's own wording ("Input should be a valid date or datetime")
            # says neither the form expected nor what is off: 2027-13-01, 2026-02-30.
            raise PydanticCustomError(
                "date_form", "expected a date written YYYY-MM-DD, got {value}: {reason}",
                {"value": repr(value), "reason": str(error)},
            ) from None
        return value
    # pydantic fills in {value} with str(); repr() keeps a number apart from text.
    raise PydanticCustomError("date_form", "expected a date written YYYY-MM-DD, got {value}", {"value": repr(value)})


CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
# Strict: YAML's true/false must not pass as 1.0/0.0, nor quoted text as a number.
Measure = Annotated[StrictFloat, Field(allow_inf_nan=False)]
Amount = Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]
Year = Annotated[StrictInt, Field(ge=1990, le=2100)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", description="An http(s) address.")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ActionLink(_Record):
    code: ActionCode = Field(description="An action of the Initiative, such as B.iii.")
    role: Role = Field(
        description="principal: the action is a main objective of the activity; "
        "significant: an important but secondary objective."
    )


class Indicator(_Record):
    name: Text
    unit: str | None = None
    baseline: Measure | None = None
    target: Measure | None = None
    value: Measure | None = Field(default=None, description="The value reached in the reporting year.")


class Progress(_Record):
    year: Year = Field(description="Reporting year.")
    status: Status = Field(description="The activity's status at the end of that year.")
    narrative: Text = Field(description="What happened that year, in a few sentences.")
    indicators: list[Indicator] = []


class Funding(_Record):
    source: Text = Field(description="For example: APEC Support Fund (General Fund), self-funded.")
    amount_usd: Amount | None = None
    co_funding_usd: Amount | None = None


class RecordKeys(NamedTuple):
    """What the rules across records compare of a record. Kept beside each cached
    record, so that those rules can run over a whole repository without loading
    every record (`tracker validate --changed-since`)."""

    id: str
    apec_project: str | None
    shares_project_with: tuple[str, ...]


class Activity(_Record):
    """One activity reported under the Initiative."""

    id: RecordId
    title: Text
    summary: Text
    reporter: ReporterCode = Field(
        description="The economy or forum that reports the activity; the folder the file lives in."
    )
    lead_economies: list[EconomyCode] = []
    co_sponsors: list[EconomyCode] = []
    partner_fora: list[ForumCode] = []
    partners: list[PartnerCode] = Field(default=[], description="Partners that are not fora: ABAC, PECC.")
    actions: list[ActionLink] = Field(min_length=1)
    activity_type: ActivityType
    status: Status
    planned_start: CalendarDate | None = None
    planned_end: CalendarDate | None = None
    actual_start: CalendarDate | None = None
    actual_end: CalendarDate | None = None
    target_groups: list[TargetGroup] = []
    aider_focus_areas: list[AiderArea] = []
    apec_project: ProjectNumber | None = None
    shares_project_with: list[RecordId] = Field(
        default=[], description="Ids of other records that report the same APEC project."
    )
    funding: Funding | None = None
    links: list[Url] = []
    sources: list[Url] = Field(default=[], description="Public pages the record's facts come from.")
    progress: list[Progress] = []

    def keys(self) -> RecordKeys:
        return RecordKeys(self.id, self.apec_project, tuple(self.shares_project_with))

    def progress_for(self, year: int) -> Progress | None:
        for entry in self.progress:
            if entry.year == year:
                return entry
        return None

    @property
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end

    def action_codes(self, role: Role | None = None) -> list[str]:
        return [link.code for link in self.actions if role is None or link.role is role]
