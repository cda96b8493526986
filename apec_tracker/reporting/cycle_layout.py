"""A year's reporting cycle laid out for people: a plain-text table, Markdown,
and a GitHub checklist to paste into an issue. Every cell is worked out once,
in :func:`rows`; the layouts differ only in markup. (The JSON shape is
CycleStatus.to_json; a terminal gets a rich table of the same rows.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apec_tracker.reporting.cycle import CycleStatus, ReporterKind, ReporterState, ReporterStatus
from apec_tracker.reporting.diff_layout import md_escape
from apec_tracker.reporting.indicators import ActionTrack, TrackStatus

COLUMNS = ("code", "name", "state", "reported", "stalled", "last change", "due", "notes")
STATE_WORDS = {ReporterState.REPORTED: "reported", ReporterState.NIL_RETURN: "nil return",
               ReporterState.MISSING: "missing"}


@dataclass(frozen=True, slots=True)
class Row:
    """One reporter's line, each cell as text."""

    code: str
    name: str
    state: str
    reported: str
    stalled: str
    last_change: str
    due: str
    notes: str
    missing: bool

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.code, self.name, self.state, self.reported, self.stalled, self.last_change, self.due,
                self.notes)


@dataclass(frozen=True, slots=True)
class Group:
    title: str  # "Economies", "Fora"
    rows: tuple[Row, ...]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def activities(count: int) -> str:
    return plural(count, "activity", "activities")


def due_words(reporter: ReporterStatus) -> str:
    if reporter.days_overdue is not None:
        return f"{plural(reporter.days_overdue, 'day')} overdue"
    if reporter.days_left is not None:
        return "due today" if reporter.days_left == 0 else f"{plural(reporter.days_left, 'day')} left"
    return ""


def _notes(reporter: ReporterStatus) -> str:
    notes = []
    if reporter.files_with_errors:
        notes.append(f"{plural(len(reporter.files_with_errors), 'file')} with errors left out")
    if reporter.state is ReporterState.NIL_RETURN and reporter.nil_return is not None:
        notes.append(f"nothing to report (filed {reporter.nil_return.nil_return.date})")
    return "; ".join(notes)


def row(reporter: ReporterStatus) -> Row:
    change = reporter.last_change
    return Row(
        code=reporter.code, name=reporter.name, state=STATE_WORDS[reporter.state],
        reported=str(len(reporter.reported)), stalled=str(len(reporter.stalled)),
        last_change=f"{change.date} {change.short}" if change else "",
        due=due_words(reporter), notes=_notes(reporter), missing=reporter.state is ReporterState.MISSING,
    )


def rows(status: CycleStatus) -> tuple[Group, ...]:
    return (Group("Economies", tuple(row(r) for r in status.reporters if r.kind is ReporterKind.ECONOMY)),
            Group("Fora", tuple(row(r) for r in status.reporters if r.kind is ReporterKind.FORUM)))


TRACK_COLUMNS = ("action", "status", "way to target", "measures", "activities")


@dataclass(frozen=True, slots=True)
class TrackRow:
    """One action's track by its standard indicators, each cell as text."""

    action: str
    status: TrackStatus
    way_to_target: str
    measures: str
    activities: str

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.action, self.status.value, self.way_to_target, self.measures, self.activities)


def track_row(track: ActionTrack) -> TrackRow:
    return TrackRow(track.label, track.status, "–" if track.percent is None else f"{track.percent}%",
                    str(len(track.measures)), str(len(track.activities)))


def tracks_heading(status: CycleStatus) -> str:
    """The actions' tracks in one line: "Actions by their standard indicators in
    2026: 1 on track, 2 some progress, 0 off track, 9 no data"."""
    counts = ", ".join(f"{sum(1 for track in status.actions if track.status is kind)} {kind.value}"
                       for kind in TrackStatus)
    return f"Actions by their standard indicators in {status.year}: {counts}"


TRACKS_NOTE = ("Way to target: the average, over an action's measures, of how far each value has come from its "
               "baseline to its target; on track from 75%, some progress from 25% (docs/indicators.md).")


def _day(value: date | None) -> str:
    return str(value) if value is not None else "not recorded"


def due_sentence(status: CycleStatus) -> str:
    days = status.days_to_due
    if status.contributions_due is None or days is None:
        return "Contributions due: not recorded in data/reference/calendar.yaml."
    if days > 0:
        return f"Contributions are due on {status.contributions_due}, in {plural(days, 'day')}."
    if days == 0:
        return f"Contributions are due today, {status.contributions_due}."
    return f"Contributions were due on {status.contributions_due}, {plural(-days, 'day')} ago."


def heading(status: CycleStatus) -> str:
    return f"Reporting for {status.year}, as of {status.on}, from {status.source}"


def meetings_sentence(status: CycleStatus) -> str:
    return f"Joint DESG–TELWG meeting: {_day(status.joint_review)}. CSOM: {_day(status.csom)}."


def totals_sentence(status: CycleStatus) -> str:
    nil = status.count(ReporterState.NIL_RETURN)
    return (f"{status.count(ReporterState.REPORTED)} of {len(status.reporters)} reported, "
            f"{plural(nil, 'nil return')}, {status.count(ReporterState.MISSING)} missing.")


def review_heading(status: CycleStatus) -> str:
    return f"The review of {status.year}: {status.review.summary}"


# -- plain text ------------------------------------------------------------------


def render_text(status: CycleStatus) -> str:
    """Aligned columns, for a pipe or a file: no colour, no box drawing."""
    lines = [heading(status), due_sentence(status), meetings_sentence(status)]
    for group in rows(status):
        table = [COLUMNS, *(r.cells for r in group.rows)]
        widths = [max(len(cells[i]) for cells in table) for i in range(len(COLUMNS))]
        lines += ["", f"{group.title} ({len(group.rows)})"]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
                  for cells in table]
    lines += ["", totals_sentence(status)]
    if status.actions:
        table = [TRACK_COLUMNS, *(track_row(track).cells for track in status.actions)]
        widths = [max(len(cells[i]) for cells in table) for i in range(len(TRACK_COLUMNS))]
        lines += ["", tracks_heading(status)]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
                  for cells in table]
        lines.append(TRACKS_NOTE)
    lines += ["", review_heading(status)]
    width = max(len(step.label) for step in status.review.steps)
    for step in status.review.steps:
        shown = f"{step.date}  {step.document}" if step.recorded else "not recorded"
        lines.append(f"  {step.label.ljust(width)}  {shown}")
    return "\n".join(lines) + "\n"


# -- Markdown --------------------------------------------------------------------


def render_markdown(status: CycleStatus) -> str:
    lines = [f"# Reporting for {status.year}", "",
             f"As of {status.on}, from {md_escape(status.source)}. {due_sentence(status)} "
             f"{meetings_sentence(status)}",
             "", f"**{totals_sentence(status)}**", ""]
    for group in rows(status):
        lines += [f"## {group.title}", "",
                  "| Reporter | State | Activities reported | Stalled | Last change | Due | Notes |",
                  "|---|---|--:|--:|---|---|---|"]
        lines += [f"| {md_escape(r.name)} ({r.code}) | {r.state} | {r.reported} | {r.stalled} | "
                  f"{r.last_change or '–'} | {r.due or '–'} | {md_escape(r.notes) or '–'} |" for r in group.rows]
        lines.append("")
    if status.actions:
        lines += ["## Actions by their standard indicators", "", f"{tracks_heading(status)}. {TRACKS_NOTE}", "",
                  "| Action | Status | Way to target | Measures | Activities |", "|---|---|--:|--:|--:|"]
        lines += [f"| {md_escape(r.action)} | {r.status.value} | {r.way_to_target} | {r.measures} | {r.activities} |"
                  for r in map(track_row, status.actions)]
        lines.append("")
    lines += [f"## The review of {status.year}", "", "| Step | Date | Document |", "|---|---|---|"]
    lines += [f"| {step.label} | {step.date or '–'} | {md_escape(step.document or '') or '–'} |"
              for step in status.review.steps]
    return "\n".join(lines) + "\n"


# -- a GitHub checklist ----------------------------------------------------------------


def render_github(status: CycleStatus) -> str:
    """A checklist to paste into a GitHub issue: a box per reporter, ticked once
    it has reported or filed a nil return; the owners of each one still missing
    are mentioned, so GitHub tells them."""
    lines = [f"## Reporting for {status.year}", "",
             f"{due_sentence(status)} As of {status.on}, from {md_escape(status.source)}: "
             f"{totals_sentence(status)}",
             ""]
    for kind, title in ((ReporterKind.ECONOMY, "Economies"), (ReporterKind.FORUM, "Fora")):
        chosen = [r for r in status.reporters if r.kind is kind]
        answered = sum(1 for r in chosen if r.answered)
        lines += [f"### {title} ({answered} of {len(chosen)} answered)", ""]
        lines += [_checklist_item(r, status.year) for r in chosen]
        lines.append("")
    unowned = [r.code for r in status.missing if not r.owners]
    if unowned:
        who = " ".join(status.secretariat) or "The Secretariat"
        lines += [f"{who}: no owners are named in data/reference/ for {plural(len(unowned), 'missing reporter')} "
                  f"({', '.join(unowned)}); please remind them, or add their owners and run `tracker owners`.", ""]
    lines += [f"### The review of {status.year}", ""]
    for step in status.review.steps:
        done = f": {step.date}, {md_escape(step.document or '')}" if step.recorded else ""
        lines.append(f"- [{'x' if step.recorded else ' '}] {step.label}{done}")
    lines += ["", f"<sub>From `tracker status {status.year} --format github`.</sub>", ""]
    return "\n".join(lines)


def _checklist_item(reporter: ReporterStatus, year: int) -> str:
    name = f"{md_escape(reporter.name)} ({reporter.code})"
    stalled = f"; {activities(len(reporter.stalled))} without a {year} entry" if reporter.stalled else ""
    errors = (f"; {plural(len(reporter.files_with_errors), 'file')} with errors"
              if reporter.files_with_errors else "")
    if reporter.state is ReporterState.REPORTED:
        return f"- [x] {name}: {activities(len(reporter.reported))} reported{stalled}{errors}"
    if reporter.state is ReporterState.NIL_RETURN and reporter.nil_return is not None:
        return (f"- [x] {name}: nothing to report (nil return of {reporter.nil_return.nil_return.date}){stalled}"
                f"{errors}")
    due = due_words(reporter)
    who = f". {' '.join(reporter.owners)}" if reporter.owners else "; no owners named"
    return f"- [ ] {name}: missing{', ' + due if due else ''}{stalled}{errors}{who}"
