"""The activity record: what one YAML file under data/ says, as a Pydantic model.

The model checks a record's shape: its fields, their types and forms. Whether
its codes (economies, fora, partners, actions, vocabularies) are ones the
reference data knows is checked beside it, from one table of the fields that
hold codes (apec_tracker.domain.codes), which the JSON Schema's lists of codes
come from too.
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    model_validator,
)
from pydantic_core import PydanticCustomError

# Dates: the one reading of YYYY-MM-DD, which the reference data's calendar uses too.
from apec_tracker.domain.dates import CalendarDate as CalendarDate
from apec_tracker.domain.dates import NotADate as NotADate
from apec_tracker.domain.dates import calendar_date as calendar_date
from apec_tracker.domain.framework import did_you_mean

# Fields in the order the tool writes them and documents them.
FIELD_ORDER = (
    "id",
    "title",
    "summary",
    "reporter",
    "level",
    "host_economy",
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


# Words people use for a status, told as a did-you-mean (at the prompts of
# add-activity and progress, and by validation): never read as the status itself.
_STATUS_WORDS = {
    "not started": Status.PLANNED, "upcoming": Status.PLANNED, "scheduled": Status.PLANNED,
    "started": Status.ONGOING, "in progress": Status.ONGOING, "active": Status.ONGOING, "running": Status.ONGOING,
    "finished": Status.COMPLETED, "done": Status.COMPLETED, "complete": Status.COMPLETED, "ended": Status.COMPLETED,
    "closed": Status.COMPLETED, "canceled": Status.CANCELLED, "dropped": Status.CANCELLED,
    "on hold": Status.SUSPENDED, "paused": Status.SUSPENDED, "postponed": Status.SUSPENDED,
}


def status_meant(value: str) -> Status | None:
    """The status someone who wrote ``value`` probably meant, or None."""
    word = " ".join(value.replace("-", " ").replace("_", " ").split()).casefold()
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word]
    meant = did_you_mean(value, [status.value for status in Status])
    return Status(meant) if meant else None


class Level(StrEnum):
    """At which level an activity sits (paragraph 5 of the Initiative: "at the
    economy and APEC-wide level")."""

    ECONOMY = "economy"  # an economy's own initiative
    APEC_WIDE = "apec-wide"  # work of a forum, Leaders, Ministers, the Secretariat, ABAC, ...


class Role(StrEnum):
    """How much of an activity serves an action (the OECD DAC marker convention)."""

    PRINCIPAL = "principal"
    SIGNIFICANT = "significant"


Text = Annotated[str, Field(min_length=1)]
# A highlight is one sentence on a one-page summary.
HIGHLIGHT_LENGTH = 300
# Codes are plain text to the model; which codes a field takes, and the check
# that the reference data knows them, are in apec_tracker.domain.codes.
Code = Annotated[str, Field(min_length=1)]

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


# Strict: YAML's true/false must not pass as 1.0/0.0, nor quoted text as a number.
Measure = Annotated[StrictFloat, Field(allow_inf_nan=False)]
Amount = Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]
Year = Annotated[StrictInt, Field(ge=1990, le=2100)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", description="An http(s) address.")]


class _Record(BaseModel):
    # Values are what the file says: no stripping, no coercion of text to numbers.
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActionLink(_Record):
    code: Code = Field(description="An action of the Initiative, such as B.iii.")
    role: Role = Field(
        description="principal: the action is a main objective of the activity; "
        "significant: an important but secondary objective."
    )


class Indicator(_Record):
    """A figure of one progress entry: a standard indicator (its id, from the
    catalogue in data/reference/indicators.yaml), or one of the activity's own
    (a name alone)."""

    id: Code | None = Field(
        default=None, description="A standard indicator of data/reference/indicators.yaml, such as "
        "participants-trained; its name and unit come from there.")
    name: Text | None = Field(default=None, description="The indicator's name: required for an indicator "
                              "that is not a standard one (no id); optional beside an id.")
    unit: str | None = None
    baseline: Measure | None = None
    target: Measure | None = None
    value: Measure | None = Field(default=None, description="The value reached in the reporting year.")

    @model_validator(mode="after")
    def _named(self) -> Indicator:
        if self.id is None and self.name is None:
            raise PydanticCustomError(
                "indicator_unnamed", "an indicator needs an id (a standard indicator) or a name")
        return self

    @property
    def key(self) -> str:
        """What tells the indicator apart within an entry and across years: its
        id, or for one of the activity's own, its name."""
        return self.id if self.id is not None else str(self.name)


class Progress(_Record):
    year: Year = Field(description="Reporting year.")
    status: Status = Field(description="The activity's status at the end of that year.")
    narrative: Text = Field(description="What happened that year, in a few sentences.")
    # The review's executive summary quotes it under the goal of the activity's
    # principal action (docs/report.md: how highlights are chosen).
    highlight: Annotated[str, Field(min_length=1, max_length=HIGHLIGHT_LENGTH)] | None = Field(
        default=None,
        description="One sentence for the year's progress review: the result an official would quote. "
        f"At most {HIGHLIGHT_LENGTH} characters.",
    )
    indicators: list[Indicator] = Field(default_factory=list)


class Funding(_Record):
    source: Text = Field(description="For example: APEC Support Fund (General Fund), self-funded.")
    amount_usd: Amount | None = None
    co_funding_usd: Amount | None = None


class Activity(_Record):
    """One activity reported under the Initiative."""

    id: RecordId
    title: Text
    summary: Text
    reporter: Code = Field(
        description="The economy, forum or body that reports the activity; the folder the file lives in."
    )
    level: Level | None = Field(
        default=None,
        description="economy: an economy's own initiative; apec-wide: work of a forum, a ministerial, Leaders, "
        "the Secretariat or a partner. Left out, it follows from the reporter: an economy's record is "
        "economy-level, a forum's or body's APEC-wide.",
    )
    host_economy: Code | None = Field(
        default=None, description="The economy that hosted the meeting or event, if an economy hosted it."
    )
    lead_economies: list[Code] = Field(default_factory=list)
    co_sponsors: list[Code] = Field(default_factory=list)
    partner_fora: list[Code] = Field(default_factory=list)
    partners: list[Code] = Field(default_factory=list, description="Partners that are not fora: ABAC, PECC.")
    actions: list[ActionLink] = Field(min_length=1)
    activity_type: Code
    status: Status
    planned_start: CalendarDate | None = None
    planned_end: CalendarDate | None = None
    actual_start: CalendarDate | None = None
    actual_end: CalendarDate | None = None
    target_groups: list[Code] = Field(default_factory=list)
    aider_focus_areas: list[Code] = Field(default_factory=list)
    apec_project: ProjectNumber | None = None
    shares_project_with: list[RecordId] = Field(
        default_factory=list, description="Ids of other records that report the same APEC project."
    )
    funding: Funding | None = None
    links: list[Url] = Field(default_factory=list)
    sources: list[Url] = Field(default_factory=list, description="Public pages the record's facts come from.")
    progress: list[Progress] = Field(default_factory=list)

    def progress_for(self, year: int) -> Progress | None:
        for entry in self.progress:
            if entry.year == year:
                return entry
        return None

    @property
    def progress_years(self) -> list[int]:
        """The years the record has a progress entry for (a fact the rules
        across records can read: see apec_tracker.checks.registry)."""
        return [entry.year for entry in self.progress]

    @property
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end

    def level_in(self, economies: Container[str]) -> Level:
        """The activity's level: as the record says, or else from its reporter
        (``economies``: the economy codes of the reference data): an economy's
        record is economy-level, a forum's or body's APEC-wide.

        A method, not a property: whether the reporter is an economy is the
        reference data's to say, not the record's."""
        if self.level is not None:
            return self.level
        return Level.ECONOMY if self.reporter in economies else Level.APEC_WIDE

    def action_codes(self, role: Role | None = None) -> list[str]:
        return [link.code for link in self.actions if role is None or link.role is role]


def id_differs_from_file_name(record_id: str, stem: str) -> tuple[str, str] | None:
    """R501's message and hint when a record's id is not its file's name; None
    when it is. (Told by the rule on a valid record, and by the reader beside a
    record's schema problems, so that it is not left for a second round.)"""
    if record_id == stem:
        return None
    # A file name that is no id ('AI skills') can only be fixed by renaming the file.
    fix = (f"set `id: {stem}` or rename the file to {record_id}.yaml" if re.match(RECORD_ID, stem)
           else f"rename the file to {record_id}.yaml")
    return f"the id {record_id!r} differs from the file name {stem!r}", f"the id is the file name: {fix}"
