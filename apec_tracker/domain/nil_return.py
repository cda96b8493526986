"""A nil return: an economy or forum saying it has nothing to report for a year.

Without it, a reporter that did nothing under the Initiative and one that has
not yet answered look the same. A nil return is a small record of its own kind,
filed at ``data/returns/<YEAR>/<CODE>.yaml`` (apec_tracker.domain.layout) and
validated like an activity record: its shape here, its place by the placement
rule, its agreement with the records by the rules in apec_tracker.checks.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from apec_tracker.domain.record import CalendarDate, Code, Text, Year

# The order the tool writes the fields in, and documents them.
NIL_RETURN_FIELDS = ("reporter", "year", "nothing_to_report", "note", "date")


class NilReturn(BaseModel):
    """One reporter's "nothing to report" for one year."""

    # As for an activity: values are what the file says, nothing coerced.
    model_config = ConfigDict(extra="forbid", frozen=True)

    reporter: Code = Field(description="The economy or forum that has nothing to report; the file's name.")
    year: Year = Field(description="The reporting year; the folder the file lives in.")
    nothing_to_report: Literal[True] = Field(
        description="Always true: the file says that the reporter has nothing to report for the year.")
    note: Text = Field(description="A sentence of context for the review: why there is nothing this year.")
    date: CalendarDate = Field(description="The day the return was made.")
