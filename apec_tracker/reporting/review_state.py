"""Where a review stands: a draft, or the review of a year that is over.

This is the one place the cover's state is decided, and every page's DRAFT mark
follows it. The review's recorded path (draft, discussed at the joint DESG-TELWG
meeting, consultation with TELWG and other fora, endorsed, in DESG's report to
CSOM) is to be kept in data/reference/calendar.yaml; when it is, :func:`state_of`
reads the stage reached from there, and nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ReviewState:
    draft: bool
    label: str  # what the cover says: "Draft" or "Review of a year that is over"
    date: date | None  # the date of the records the review is built from
    reason: str  # one sentence: why it is a draft, or what the review is

    @property
    def mark(self) -> str:
        """The mark every page carries while the review is a draft: "DRAFT · 2 December 2026"."""
        if not self.draft:
            return ""
        return f"DRAFT · {long_date(self.date)}" if self.date else "DRAFT"


def state_of(year: int, *, cumulative: bool, final: bool, today: date, records_date: date | None) -> ReviewState:
    """A review of a year that is not over yet (compared with ``today``, the
    workspace's date) is a draft: its records may still change. The final
    review is a draft until 2030 is over, which is the same rule for its year.

    The stage the review has reached once discussed, consulted on and endorsed
    comes from the calendar's recorded path, when it is kept (see above)."""
    kind = "final review" if final else "cumulative review" if cumulative else "review"
    if today <= date(year, 12, 31):
        if today.year < year:
            reason = f"{year} has not begun: this {kind} shows what the records plan, and will change."
        else:
            reason = f"{year} is not over: this {kind} may change as the year's progress is reported."
        return ReviewState(True, "Draft", records_date, reason)
    return ReviewState(False, "Progress review" if not cumulative else capital(kind), records_date,
                       f"{year} is over: this {kind} covers the progress reported for it.")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(day: date | None) -> str:
    """"2 December 2026", as APEC documents write dates in text (whatever the locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""
