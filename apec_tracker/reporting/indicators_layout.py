"""An IndicatorReport laid out: tables for people (plain text, Markdown, and
the rich tables `tracker indicators` draws at a terminal), and CSV for
spreadsheets. JSON is the report's own (IndicatorReport.to_json).

Python decides the tables, their rows and their order (:func:`tables`); the
layouts differ only in markup.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from apec_tracker.domain.framework import Combine, Framework, plain_number
from apec_tracker.reporting.indicators import IndicatorReport, IndicatorTotals, Total, TrackStatus


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # stable name: "indicators", "by_action", ...
    title: str
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]  # per column: right-aligned
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    status_column: int | None = None  # the column holding an on-track status, for colour
    secondary: tuple[int, ...] = ()  # columns a narrow terminal may leave out (they repeat another's meaning)


def figure(value: float | None) -> str:
    return "–" if value is None else plain_number(value)


def tables(report: IndicatorReport, framework: Framework) -> list[Table]:
    """The tables `tracker indicators` shows, in order."""
    year = report.year
    found = [_overview(report)]
    breakdowns = (("by_action", "By action (principal)", "Action"), ("by_goal", "By goal (principal actions)", "Goal"),
                  ("by_economy", "By economy (reporter, leads, co-sponsors)", "Economy"),
                  ("by_forum", "By forum (reporter, partner fora)", "Forum"))
    for key, title, heading in breakdowns:
        rows: list[tuple[str, ...]] = []
        by_code = [{total.code: total for total in getattr(item, key)} for item in report.indicators]
        for code, label in _groups(framework, key):
            first = True
            for item, totals in zip(report.indicators, by_code, strict=True):
                total = totals.get(code)
                if total is None or not total.count:
                    continue
                rows.append((label if first else "", item.indicator.id, _total_cell(item, total), str(total.count)))
                first = False
        found.append(Table(key, f"{title}, {year}", (heading, "Indicator", "Total", "Activities"),
                           (False, False, True, True), tuple(rows),
                           note="" if rows else "No active activity reports a standard indicator."))
    found.append(Table(
        "on_track", f"Actions on track, {year}",
        ("Action", "Status", "Way to target", "Measures", "Activities"), (False, False, True, True, True),
        tuple((t.label, t.status.value, "–" if t.percent is None else f"{t.percent}%", str(len(t.measures)),
               str(len(t.activities))) for t in report.on_track),
        note=("Way to target: the average, over the action's measures, of how far each value has come from "
              "its baseline to its target (held within 0 and 100%); on track from 75%, some progress from 25%, "
              "off track below (docs/indicators.md)."),
        status_column=1))
    groups = report.grouped_not_added
    found.append(Table(
        "not_added", f"Values not added up, {year}",
        ("Indicator", "Unit", "Why", "Values", "Activities", "Least", "Median", "Most"),
        (False, False, False, True, True, True, True, True),
        tuple((g.name, g.unit or "–", g.reason.value, str(len(g.values)),
               str(len(g.activities)), figure(g.least), figure(g.median), figure(g.most)) for g in groups),
        note="" if groups else "None: every value reported is of a standard indicator that adds up."))
    return found


def _overview(report: IndicatorReport) -> Table:
    years = report.years
    rows = []
    for item in report.indicators:
        indicator = item.indicator
        total = item.total
        rows.append((indicator.id, indicator.name, indicator.unit.shown,
                     _total_cell(item, total), str(total.count),
                     *((figure(point.value) if point.count else "–") if item.added_up else f"({point.count})"
                       for point in item.series)))
    return Table(
        "indicators", f"Standard indicators, {report.year}",
        ("Indicator", "Name", "Unit", f"Total {report.year}", "Activities", *(str(y) for y in years)),
        (False, False, False, True, True, *(True for _ in years)), tuple(rows),
        note=(f"{_activities(len(report.active))} active in {report.year}. Totals count the activities active in "
              "the year, with their progress entry for it; a share (percent) is not added up: its values are "
              "listed below, and its series gives the number of activities. A dash: no activity reported it."),
        secondary=(1,))


def _activities(count: int) -> str:
    return f"{count} {'activity' if count == 1 else 'activities'}"


def _total_cell(item: IndicatorTotals, total: Total) -> str:
    if not item.added_up:
        return "not added up"
    if not total.count:
        return "–"  # no activity reports it, as the review shows it: not a zero
    # Economies counted once are a floor (docs/indicators.md: totals of economies).
    prefix = "at least " if item.indicator.combine is Combine.DISTINCT and total.count else ""
    return prefix + figure(total.value)


def _groups(framework: Framework, key: str) -> list[tuple[str, str]]:
    """A breakdown's groups (code, label) in the reference data's order."""
    if key == "by_action":
        return [(code, action.label) for code, action in framework.actions.items()]
    if key == "by_goal":
        return [(goal.code, f"{goal.code}. {goal.title}") for goal in framework.goals]
    codes = framework.economies if key == "by_economy" else framework.fora
    return [(code, f"{code} {item.name}") for code, item in codes.items()]


# -- plain text and Markdown -------------------------------------------------------------


def render_text(report: IndicatorReport, framework: Framework) -> str:
    """The tables as plain text: columns padded with spaces, for a pipe or a file."""
    out: list[str] = []
    for table in tables(report, framework):
        out += [table.title, "=" * len(table.title), ""]
        if table.rows:
            widths = [max(len(cell) for cell in column) for column in zip(table.columns, *table.rows, strict=True)]
            for line in (table.columns, tuple("-" * w for w in widths), *table.rows):
                cells = [cell.rjust(w) if numeric else cell.ljust(w)
                         for cell, w, numeric in zip(line, widths, table.numeric, strict=True)]
                out.append("  ".join(cells).rstrip())
        if table.note:
            out += ["", table.note] if table.rows else [table.note]
        out.append("")
    return "\n".join(out)


def render_markdown(report: IndicatorReport, framework: Framework) -> str:
    out = [f"# Standard indicators, {report.year}", ""]
    if report.errors:
        errors = f"{report.errors} {'error' if report.errors == 1 else 'errors'}"
        out += [f"> **Based on invalid data.** Validation found {errors} in the records.", ""]
    for table in tables(report, framework):
        out += [f"## {table.title}", ""]
        if table.rows:
            out.append("| " + " | ".join(_md(c) for c in table.columns) + " |")
            out.append("|" + "|".join(" ---: " if numeric else " --- " for numeric in table.numeric) + "|")
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table.rows]
            out.append("")
        if table.note:
            out += [_md(table.note), ""]
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def status_style(status: str) -> str:
    """The colour a status is shown in at a terminal."""
    return {TrackStatus.ON_TRACK.value: "green", TrackStatus.SOME_PROGRESS.value: "yellow",
            TrackStatus.OFF_TRACK.value: "red"}.get(status, "dim")


# -- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = ("year", "section", "indicator", "unit", "combine", "code", "label", "value", "activities",
               "activity_ids", "status")


def render_csv(report: IndicatorReport) -> str:
    """One row per figure, in the columns of CSV_COLUMNS (docs/indicators.md)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = report.year
    for item in report.indicators:
        indicator = item.indicator
        common = (indicator.id, indicator.unit.value, indicator.combine.value)
        sections: Sequence[tuple[str, Sequence[Total]]] = (
            ("total", (item.total,)), ("action", item.by_action), ("goal", item.by_goal),
            ("economy", item.by_economy), ("forum", item.by_forum))
        for section, totals in sections:
            for total in totals:
                writer.writerow((year, section, *common, total.code, total.label, _csv_number(total.value),
                                 total.count, " ".join(total.activities), ""))
        for point in item.series:
            writer.writerow((point.year, "series", *common, str(point.year), str(point.year),
                             _csv_number(point.value), point.count, " ".join(point.activities), ""))
    for value in report.not_added:
        writer.writerow((year, "not_added", value.key, value.unit or "", "", value.activity, value.reason.value,
                         _csv_number(value.value), 1, value.activity, ""))
    for track in report.on_track:
        writer.writerow((year, "on_track", "", "", "", track.code, track.label, _csv_number(track.mean),
                         len(track.activities), " ".join(track.activities), track.status.value))
    return buffer.getvalue()


def _csv_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)
