"""Which activities the review names: the year's highlights, and when a goal
has none, the most significant activities by one rule (docs/report.md says the
same in words).

A **highlight** is a sentence a reporter or the Secretariat writes in a
progress entry (``highlight:``, `tracker progress --highlight`). The summary
tells it under the goal of the activity's principal action (its first, when it
has several), for activities active in the period; the latest year's first.

The **most significant** activities, where none is highlighted (and to choose
the few named under each action), come in this order:

1. completed in the period: a result delivered;
2. new in the period;
3. more economies involved (reporter, leads and co-sponsors);
4. an APEC-funded project (an APEC project number);
5. then by title, then by id, so that the order never depends on reading order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from apec_tracker.reporting.review_model import ActivityView
from apec_tracker.reporting.wording import in_words

HIGHLIGHTS_PER_GOAL = 3  # in the one-page summary; the goal's page has them all
NAMED_PER_ACTION = 3


def significance(view: ActivityView) -> tuple[bool, bool, int, bool, str, str]:
    """Sort key: the most significant first."""
    return (not view.completed, not view.new, -len(view.economies), view.apec_project is None,
            view.title.casefold(), view.id)


def most_significant(views: Iterable[ActivityView], number: int) -> list[ActivityView]:
    return heapq.nsmallest(number, views, key=significance)


def highlighted(views: Iterable[ActivityView]) -> list[ActivityView]:
    """The active activities with a highlight, the latest year's first, then by significance."""
    chosen = [view for view in views if view.active and view.highlight is not None]
    return sorted(chosen, key=lambda view: (-(view.highlight.year if view.highlight else 0), significance(view)))


def named_for_action(views: Sequence[ActivityView], number: int = NAMED_PER_ACTION) -> list[ActivityView]:
    """The few activities named under an action: highlighted ones first, then the most significant."""
    first = highlighted(views)[:number]
    rest = most_significant((view for view in views if view not in first), number - len(first))
    return first + rest


def why_significant(view: ActivityView, period: str) -> str:
    """A few words saying why an activity is named: "completed in 2027"."""
    if view.completed:
        return f"completed in {view.completed_in or period}"
    if view.new:
        return f"new in {view.new_in or period}"
    if len(view.economies) >= 2:
        return f"{in_words(len(view.economies))} economies taking part"
    if view.apec_project:
        return "APEC-funded"
    return ""
