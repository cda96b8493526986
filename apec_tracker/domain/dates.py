"""Dates as records, options, prompts and the reference data's calendar write
them: YYYY-MM-DD, read by one function with one message."""

from __future__ import annotations

import calendar
import contextlib
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from apec_tracker.domain.shown import shown


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
        raise NotADate(f"expected a date written YYYY-MM-DD, got {shown(text)}", _read_otherwise(text))
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
        as_number = NotADate(f"expected a date written YYYY-MM-DD, got {shown(value)}", _read_otherwise(str(value)))
        raise PydanticCustomError("date_form", "{message}", _problem_context(as_number))
    # As the file writes it: true, [a, b], {a: b}; text in quotes, apart from a number.
    raise PydanticCustomError("date_form", "{message}",
                              {"message": f"expected a date written YYYY-MM-DD, got {shown(value)}"})


def _problem_context(problem: NotADate) -> dict[str, Any]:
    context: dict[str, Any] = {"message": problem.message}
    if problem.suggestion is not None:
        context["suggestion"] = problem.suggestion.isoformat()
    return context


CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
