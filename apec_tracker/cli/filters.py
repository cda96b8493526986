"""The filters `tracker list` and `tracker export` share: declared once, so the
two commands take the same options and select the same activities."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from apec_tracker.cli.completion import complete_action, complete_economy, complete_forum, complete_goal, complete_year

if TYPE_CHECKING:
    from apec_tracker.services.records import Filters


class StatusChoice(StrEnum):
    """The record statuses, repeated here so `tracker --help` need not import
    the record model (tests check the two agree)."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"


Economies = Annotated[Optional[list[str]], typer.Option(
    "--economy", "-e", metavar="CODE", autocompletion=complete_economy,
    help="Reported, led or co-sponsored by this economy (repeat for either of several).")]
Fora = Annotated[Optional[list[str]], typer.Option(
    "--forum", metavar="CODE", autocompletion=complete_forum,
    help="Reported by this forum or with it as a partner forum.")]
Actions = Annotated[Optional[list[str]], typer.Option(
    "--action", "-a", metavar="CODE", autocompletion=complete_action,
    help="Serving this action of the Initiative, such as B.iii.")]
Goals = Annotated[Optional[list[str]], typer.Option(
    "--goal", "-g", metavar="GOAL", autocompletion=complete_goal, help="Serving an action of this goal: A, B or C.")]
Statuses = Annotated[Optional[list[StatusChoice]], typer.Option("--status", "-s", help="With this status now.")]
Years = Annotated[Optional[list[int]], typer.Option(
    "--year", "-y", metavar="YEAR", autocompletion=complete_year,
    help="Active in this year (ongoing or completed that year), as the review counts it.")]


def filters(economy: list[str] | None, forum: list[str] | None, action: list[str] | None, goal: list[str] | None,
            status: list[StatusChoice] | None, year: list[int] | None) -> Filters:
    from apec_tracker.services.records import Filters, Status

    return Filters(
        economies=frozenset(economy or ()), fora=frozenset(forum or ()), actions=frozenset(action or ()),
        goals=frozenset(goal or ()), statuses=frozenset(Status(s.value) for s in status or ()),
        years=frozenset(year or ()),
    )
