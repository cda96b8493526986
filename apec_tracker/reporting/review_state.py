"""Where a review stands: a draft, or not; and the step of its path the
reporting calendar records.

This is the one place the cover's state is decided, and every page's DRAFT mark
follows it. A review is a draft while the year it reviews is not over (the final
review: until 2030 is over), unless the calendar (data/reference/calendar.yaml)
records it as endorsed or included in DESG's report to CSOM: the text officials
endorsed is no draft, though the year goes on. The latest step recorded (drafted,
discussed at the joint DESG-TELWG meeting, in consultation, endorsed, in the
report to CSOM) is told on the cover in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apec_tracker.domain.framework import ReviewState, YearCalendar

# The steps after which the review is the text officials agreed.
_AGREED = (ReviewState.ENDORSED, ReviewState.IN_CSOM_REPORT)

# Each step as the cover tells it, before its date.
_STEP_WORDS = {
    ReviewState.DRAFT: "Drafted on",
    ReviewState.DISCUSSED: "Discussed at the joint DESG–TELWG meeting on",
    ReviewState.CONSULTATION: "In consultation with TELWG and other fora since",
    ReviewState.ENDORSED: "Endorsed on",
    ReviewState.IN_CSOM_REPORT: "Included in DESG's report to CSOM on",
}


@dataclass(frozen=True, slots=True)
class CoverState:
    draft: bool
    date: date | None  # the date of the records the review is built from
    reason: str  # one sentence: why it is a draft, or what the review covers
    step: str  # the latest step of its path the calendar records, in a sentence; "" when none is

    @property
    def mark(self) -> str:
        """The mark every page carries while the review is a draft: "DRAFT · 2 December 2026"."""
        if not self.draft:
            return ""
        return f"DRAFT · {long_date(self.date)}" if self.date else "DRAFT"

    @property
    def records_as_of(self) -> str:
        """"Records as of 1 March 2027.", or "" when the records have no date."""
        return f"Records as of {long_date(self.date)}." if self.date else ""


def state_of(year: int, *, cumulative: bool, final: bool, today: date, records_date: date | None,
             calendar: YearCalendar | None = None) -> CoverState:
    """The state of the review of ``year`` on ``today`` (the workspace's date),
    with the steps ``calendar`` (the year's, in the reference data) records."""
    kind = "final review" if final else "cumulative review" if cumulative else "review"
    step = calendar.latest_step(on=today) if calendar is not None else None
    told = f"{_STEP_WORDS[step.state]} {long_date(step.date)} ({step.document})." if step is not None else ""
    agreed = step is not None and step.state in _AGREED
    if today <= date(year, 12, 31):
        if agreed:
            return CoverState(False, records_date, f"{year} is not over: progress reported after this {kind} "
                              "will show in the next one.", told)
        if today.year < year:
            reason = f"{year} has not begun: this {kind} shows what the records plan, and will change."
        else:
            reason = f"{year} is not over: this {kind} may change as the year's progress is reported."
        return CoverState(True, records_date, reason, told)
    return CoverState(False, records_date, f"{year} is over: this {kind} covers the progress reported for it.", told)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(day: date | None) -> str:
    """"2 December 2026", as APEC documents write dates in text (whatever the locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def date_span(start: date | None, end: date | None) -> str:
    """Two dates as a reader says them: "4 August 2025" (one day), the days of
    one month joined by an en dash ("27", a dash, "28 October 2025"), "30
    September to 2 October 2025", "1 March 2026 to 31 December 2027", "from 1
    March 2026", "until 31 December 2027"."""
    if start is None or end is None:
        return f"from {long_date(start)}" if start else f"until {long_date(end)}" if end else ""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"
