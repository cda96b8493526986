"""Shell completion of codes: economies, fora, bodies, actions, goals and record ids.

Typer calls these while the user presses Tab, before any command runs, so they
find the repository themselves (``--repo``, TRACKER_REPO or the current folder)
and never fail: a completion that cannot be computed offers nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from apec_tracker.services.context import Framework

Choice = tuple[str, str]


def _start(ctx: typer.Context | None) -> Path:
    chosen = ctx.find_root().params.get("repo") if ctx is not None else None
    return Path(chosen or os.environ.get("TRACKER_REPO") or Path.cwd())


def _framework(ctx: typer.Context | None) -> Framework | None:
    from apec_tracker.services.context import completion_framework

    return completion_framework(_start(ctx))


def _matching(choices: list[Choice], incomplete: str) -> list[Choice]:
    folded = incomplete.casefold()
    return [(code, text) for code, text in choices if code.casefold().startswith(folded)]


def complete_economy(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    return _matching([(e.code, e.name) for e in framework.economies.values()], incomplete)


def complete_forum(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    return _matching([(f.code, f.name) for f in framework.fora.values()], incomplete)


def complete_body(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    return _matching([(b.code, b.name) for b in framework.bodies.values()], incomplete)


def complete_action(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    return _matching([(a.code, a.title) for a in framework.actions.values()], incomplete)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    return _matching([(g.code, g.title) for g in framework.goals], incomplete)


def complete_year(ctx: typer.Context, incomplete: str) -> list[Choice]:
    framework = _framework(ctx)
    if framework is None:
        return []
    period = framework.period
    years = [(str(period.baseline), "baseline")]
    years += [(str(year), "final review" if year == period.final_review else "") for year in period.years]
    return [(year, text) for year, text in years if year.startswith(incomplete)]


def complete_record_id(ctx: typer.Context, incomplete: str) -> list[Choice]:
    """Record ids from the file names alone: quick, and no record is parsed."""
    from apec_tracker.services.context import completion_record_ids

    return [(record_id, folder) for record_id, folder in completion_record_ids(_start(ctx))
            if record_id.startswith(incomplete)]
