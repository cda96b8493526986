"""A YearDiff laid out for people: plain text (for a terminal) and Markdown
(the "changes since the prior year" section of the annual report).

Python decides what goes in which section and in what order
(:func:`sections`); the two layouts only differ in markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from apec_tracker.domain.framework import Framework
from apec_tracker.reading.sources import WORKING_TREE
from apec_tracker.reporting.year_diff import (
    ActionChange,
    ActivityRef,
    IndicatorMovement,
    Movement,
    StatusChange,
    YearDiff,
)


@dataclass(frozen=True)
class Section:
    key: str  # stable name, the same as in the JSON output where there is one
    title: str
    items: tuple[str, ...]  # plain text, one line each


@dataclass(frozen=True)
class IndicatorRow:
    activity: str
    indicator: str
    before: str
    after: str
    target: str
    movement: str


def sections(diff: YearDiff, framework: Framework) -> list[Section]:
    """The non-empty sections of a diff, in the order a reader wants them."""
    by_kind = {
        "regressions": diff.regressions,
        "completed": tuple(c for c in diff.completed if not c.is_regression),
        "cancelled": tuple(c for c in diff.cancelled if not c.is_regression),
        "suspended": tuple(c for c in diff.suspended if not c.is_regression),
    }
    shown = {change for changes in by_kind.values() for change in changes}
    others = tuple(change for change in diff.status_changes if change not in shown)
    to_year, from_year = diff.to_year, diff.from_year
    candidates = [
        # Over more than a year, "new in 2030" would read as the year's own new
        # activities (the trend table's figure); these are all begun since.
        Section("new", f"New activities in {to_year}" if to_year - from_year <= 1
                else f"Active in {to_year}, begun after {from_year}",
                tuple(_activity(ref, framework) for ref in diff.new)),
        Section("regressions", "Reopened after completion (regressions)",
                _changes(by_kind["regressions"], to_year, framework)),
        Section("completed", "Completed", _changes(by_kind["completed"], to_year, framework)),
        Section("cancelled", "Cancelled", _changes(by_kind["cancelled"], to_year, framework)),
        Section("suspended", "Suspended", _changes(by_kind["suspended"], to_year, framework)),
        Section("status_changes", "Other status changes", _changes(others, to_year, framework)),
        Section("stalled", f"Stalled: still open, no progress reported for {to_year}",
                tuple(_activity(ref, framework) for ref in diff.stalled)),
        Section("action_changes", "Changes to the actions served",
                tuple(_action_change(change) for change in diff.action_changes)),
        Section("newly_covered", f"Actions with a principal activity in {to_year}, none in {from_year}",
                tuple(_action(code, framework) for code in diff.newly_covered)),
        Section("no_longer_covered", f"Actions with a principal activity in {from_year}, none in {to_year}",
                tuple(_action(code, framework) for code in diff.no_longer_covered)),
        Section("reporters_only_after", f"Reported for {to_year} but not for {from_year}",
                tuple(_reporter(code, framework) for code in diff.reporters_only_after)),
        Section("reporters_only_before", f"Reported for {from_year} but not for {to_year}",
                tuple(_reporter(code, framework) for code in diff.reporters_only_before)),
        Section("gone", f"No longer in the records (were there for {from_year})",
                tuple(_activity(ref, framework) for ref in diff.gone)),
    ]
    return [section for section in candidates if section.items]


def indicator_rows(diff: YearDiff, framework: Framework) -> list[IndicatorRow]:
    return [
        IndicatorRow(
            activity=item.activity.id,
            indicator=_indicator(item, framework),
            before=_number(item.before),
            after=_number(item.after),
            target=_number(item.target),
            movement=_movement(item),
        )
        for item in diff.indicators
    ]


def _indicator(item: IndicatorMovement, framework: Framework) -> str:
    unit = framework.indicator_unit(item.id, item.unit)
    return framework.indicator_name(item.id, item.name) + (f" ({unit})" if unit else "")


def _activity(ref: ActivityRef, framework: Framework) -> str:
    return f"{ref.id}: {ref.title} ({framework.reporter_name(ref.reporter)})"


def _changes(changes: Sequence[StatusChange], to_year: int, framework: Framework) -> tuple[str, ...]:
    return tuple(f"{_activity(change.activity, framework)}: {_status_change(change, to_year)}" for change in changes)


def _status_change(change: StatusChange, to_year: int) -> str:
    if change.before is None:  # not among the earlier year's activities
        return f"new in {to_year}, {change.after}"
    return f"{change.before} → {change.after}"


def _action_change(change: ActionChange) -> str:
    parts = [f"now serves {code} ({role})" for code, role in change.added]
    parts += [f"no longer serves {code} ({role})" for code, role in change.removed]
    parts += [f"{item.code} {item.before} → {item.after}" for item in change.role_changed]
    return f"{change.activity.id}: {'; '.join(parts)}"


def _action(code: str, framework: Framework) -> str:
    action = framework.actions.get(code)
    return action.label if action is not None else code


def _reporter(code: str, framework: Framework) -> str:
    name = framework.reporter_name(code)
    return f"{name} ({code})" if name != code else code


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value != int(value) or abs(value) >= 1e15 else f"{int(value):,}"


def _movement(item: IndicatorMovement) -> str:
    words = {Movement.TOWARD: "toward target", Movement.AWAY: "away from target",
             Movement.NEW: "first reported", Movement.CHANGED: "changed (no target)"}
    text = words[item.movement]
    return text + ", target reached" if item.reached else text


def empty_sentence(diff: YearDiff) -> str:
    return f"No changes between {diff.from_year} and {diff.to_year}."


# -- Markdown ------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: record titles are free text."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def sources_sentence(diff: YearDiff, before_label: str, after_label: str) -> str:
    """Which records each year is told from, in one sentence a reader of the
    review can take: "2026 as in the review published as review-2026; 2027 as
    the records are now." The labels are the sources' (apec_tracker.reading.sources)."""
    if before_label == after_label:
        return f"Both years {_as_read(after_label)}."
    return f"{diff.from_year} {_as_read(before_label)}; {diff.to_year} {_as_read(after_label)}."


_PUBLISHED = "the published review "


def published_source(tag: str) -> str:
    """The label of records read from a published review's tag."""
    return f"{_PUBLISHED}{tag}"


def _as_read(label: str) -> str:
    if label == WORKING_TREE:
        return "as the records are now"
    if label.startswith(_PUBLISHED):
        return f"as in the review published as {label.removeprefix(_PUBLISHED)}"
    return f"as at {label}"  # "commit 1a2b3c4d5e6f (review-2026)"


def render_markdown(diff: YearDiff, framework: Framework, *, heading_level: int = 2,
                    title: str | None = None, sources: str | None = None) -> str:
    """What changed since the earlier year, in Markdown: `tracker diff --format md`,
    and the review's section of the same name, word for word."""
    hashes = "#" * heading_level
    lines = [f"{hashes} {title or f'Changes since {diff.from_year}'}", ""]
    found = sections(diff, framework)
    rows = indicator_rows(diff, framework)
    if sources:
        lines += [md_escape(sources), ""]
    if not found and not rows:
        return "\n".join([*lines, empty_sentence(diff), ""])
    lines += [f"Progress reported for {diff.to_year} compared with {diff.from_year}.", ""]
    for section in found:
        lines += [f"{hashes}# {md_escape(section.title)} ({len(section.items)})", ""]
        lines += [f"- {md_escape(item)}" for item in section.items]
        lines.append("")
    if rows:
        lines += [f"{hashes}# Indicators ({len(rows)})", "",
                  f"| Activity | Indicator | {diff.from_year} | {diff.to_year} | Target | Movement |",
                  "|---|---|--:|--:|--:|---|"]
        lines += [f"| {md_escape(r.activity)} | {md_escape(r.indicator)} | {r.before} | {r.after} | {r.target} | "
                  f"{r.movement} |" for r in rows]
        lines.append("")
    return "\n".join(lines)


# -- plain text ----------------------------------------------------------------


def render_text(diff: YearDiff, framework: Framework) -> str:
    """Rich markup for a terminal: headings in bold, regressions in red. Every
    piece of record text is escaped."""
    from rich.markup import escape

    lines = [f"[bold]Changes from {diff.from_year} to {diff.to_year}[/bold]"]
    found = sections(diff, framework)
    rows = indicator_rows(diff, framework)
    if not found and not rows:
        return "\n".join([*lines, "", escape(empty_sentence(diff))])
    for section in found:
        style = "bold red" if section.key == "regressions" else "bold"
        lines += ["", f"[{style}]{escape(section.title)} ({len(section.items)})[/{style}]"]
        lines += [f"  {escape(item)}" for item in section.items]
    if rows:
        lines += ["", f"[bold]Indicators ({len(rows)})[/bold]"]
        lines += [f"  {escape(r.activity)}: {escape(r.indicator)} {r.before} → {r.after} (target {r.target}; "
                  f"{r.movement})" for r in rows]
    return "\n".join(lines)

