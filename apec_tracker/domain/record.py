"""The activity record: what one YAML file under data/ says, as a Pydantic model.

The model checks a record's shape: its fields, their types and forms. Whether
its codes (economies, fora, partners, actions, vocabularies) are ones the
reference data knows is checked beside it, from one table of the fields that
hold codes (apec_tracker.domain.codes), which the JSON Schema's lists of codes
come from too.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
)
from pydantic_core import PydanticCustomError

from apec_tracker.domain.framework import did_you_mean

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


class Role(StrEnum):
    """How much of an activity serves an action (the OECD DAC marker convention)."""

    PRINCIPAL = "principal"
    SIGNIFICANT = "significant"


Text = Annotated[str, Field(min_length=1)]
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


class NotADate(ValueError):
    """Text that is not a date written YYYY-MM-DD, or names a day the calendar has not."""

    def __init__(self, message: str, suggestion: date | None = None):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion  # the day meant, when Python reads it in another form


_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def calendar_date(text: str) -> date:
    """The day ``text`` names, written YYYY-MM-DD: the one form records, options
    and prompts take, read by this one function.

    Python's date.fromisoformat also takes 20260302, 2026-W10-1 and more; people
    reading the record would not, so those are refused too (the day they name is
    offered as a suggestion).
    """
    if not _DATE_FORM.fullmatch(text):
        raise NotADate(f"expected a date written YYYY-MM-DD, got {text!r}", _read_otherwise(text))
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise NotADate(f"there is no {text}: months run from 01 to 12")
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        raise NotADate(f"there is no {text}: {_MONTHS[month - 1]} {year} has {days} days")
    try:
        return date(year, month, day)
    except ValueError:  # year 0000
        raise NotADate(f"there is no {text}: years start at 0001") from None


def _read_otherwise(text: str) -> date | None:
    with contextlib.suppress(ValueError):
        return date.fromisoformat(text)
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text).date()
    return None


def _calendar_date(value: Any) -> Any:
    # Refuse numbers, which pydantic would read as Unix timestamps, and any text
    # but YYYY-MM-DD, which pydantic would read in forms of its own (2026-W10-1)
    # or refuse in its own words ("invalid character in month").
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return calendar_date(value)
        except NotADate as problem:
            raise PydanticCustomError("date_form", "{message}", _problem_context(problem)) from None
    if isinstance(value, int) and not isinstance(value, bool):
        # An unquoted 20260302 is a number to YAML: say what it would be as a date.
        as_number = NotADate(f"expected a date written YYYY-MM-DD, got {value!r}", _read_otherwise(str(value)))
        raise PydanticCustomError("date_form", "{message}", _problem_context(as_number))
    # pydantic fills in {value} with str(); repr() keeps a number apart from text.
    raise PydanticCustomError("date_form", "expected a date written YYYY-MM-DD, got {value}", {"value": repr(value)})


def _problem_context(problem: NotADate) -> dict[str, Any]:
    context: dict[str, Any] = {"message": problem.message}
    if problem.suggestion is not None:
        context["suggestion"] = problem.suggestion.isoformat()
    return context


CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
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
    name: Text
    unit: str | None = None
    baseline: Measure | None = None
    target: Measure | None = None
    value: Measure | None = Field(default=None, description="The value reached in the reporting year.")


class Progress(_Record):
    year: Year = Field(description="Reporting year.")
    status: Status = Field(description="The activity's status at the end of that year.")
    narrative: Text = Field(description="What happened that year, in a few sentences.")
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
        description="The economy or forum that reports the activity; the folder the file lives in."
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
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end

    def action_codes(self, role: Role | None = None) -> list[str]:
        return [link.code for link in self.actions if role is None or link.role is role]
