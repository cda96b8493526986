"""`tracker progress ID --year Y`: add or update one year's progress entry of a
record, or close the activity, keeping the rest of the file as it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from apec_tracker.cli import prompts
from apec_tracker.cli.app import EXIT_DATA, app, fail, workspace
from apec_tracker.cli.completion import complete_record_id
from apec_tracker.cli.printing import echo

if TYPE_CHECKING:
    from apec_tracker.services.authoring import FileState, IndicatorValue, Part, ProgressChange, RecordText, Updated
    from apec_tracker.services.context import Framework, Workspace

T = TypeVar("T")


@app.command()
def progress(
    record_id: Annotated[
        Optional[str],
        typer.Argument(metavar="ID", help="The record's id (its file name without .yaml); with --from-issue, "
                       "the issue's.", autocompletion=complete_record_id),
    ] = None,
    year: Annotated[
        Optional[int], typer.Option(metavar="YEAR", help="The reporting year (asked at a terminal; default this year).")
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option(
            metavar="STATUS",
            help="The status at the end of that year: planned, ongoing, completed, cancelled, suspended.",
        ),
    ] = None,
    narrative: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="What happened that year, in a few sentences.")
    ] = None,
    highlight: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="One sentence the year's review may quote in its summary: "
                                    "the result an official would cite (at most 300 characters).")
    ] = None,
    indicator: Annotated[
        Optional[list[str]],
        typer.Option(metavar="ID=VALUE", help="An indicator's value that year, as ID=VALUE with a standard "
                     "indicator's id (data/reference/indicators.yaml), or NAME=VALUE for one of the activity's "
                     "own; repeatable."),
    ] = None,
    close: Annotated[
        bool, typer.Option("--close", help="Close the activity: status completed, with its actual end date.")
    ] = False,
    end_date: Annotated[
        Optional[str],
        typer.Option(metavar="DATE", help="The actual end date for --close or --status completed (YYYY-MM-DD; "
                     "default: the planned end "
                     "if it falls in that year, else the year's last day if it has passed, else today)."),
    ] = None,
    from_issue: Annotated[
        Optional[Path],
        typer.Option(
            "--from-issue", metavar="FILE", dir_okay=False,
            help="The text of an issue written from the progress form (`tracker forms`): every answer, the record's "
            "id too, is taken from it, and problems are named by the form's questions.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Never prompt; write without asking.")] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Prompt even when the input is not a terminal.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change; write nothing.")] = False,
    commit: Annotated[bool, typer.Option("--commit", help="Commit the record (and only it) with git.")] = False,
) -> None:
    """Add or update one year's progress entry of a record, keeping its comments and layout."""
    from apec_tracker.services import authoring as services
    from apec_tracker.services.authoring import ProgressChange, Status, answers

    ws = workspace()
    framework = ws.framework
    if from_issue is not None:
        if year is not None or status or narrative or highlight or indicator or close or end_date:
            fail("--from-issue takes every answer from the issue: give no other answer (options)")
        found = services.progress_from_issue(ws, from_issue, record_id)
        _finish(ws, found.updated, found.change, asking=False, dry_run=dry_run, commit=commit,
                warnings=found.warnings)
        return
    if record_id is None:
        fail("missing ID: the id of the record to update (its file name without .yaml), or --from-issue FILE")
    record = services.find_record_text(ws, record_id)

    def option(name: str, read: Any, value: str) -> Any:
        try:
            return read(value, framework)
        except answers.AnswerError as error:
            fail(f"{name}: {error}")

    chosen_year = option("--year", answers.year, str(year)) if year is not None else None
    chosen_status = option("--status", answers.status, status) if status else None
    closed_on = option("--end-date", answers.calendar_date, end_date) if end_date else None
    if closed_on is not None and not close and chosen_status != "completed":
        fail("--end-date is the day the activity ended: give it with --close or --status completed")
    if close and chosen_status not in (None, "completed"):
        fail(f"--close sets the status completed; --status {chosen_status} says otherwise")
    values = [_indicator(text, framework, record) for text in indicator or []]

    asking = prompts.is_interactive(yes, interactive)
    if asking:
        change = _Questions(ws, record).ask(chosen_year, chosen_status, narrative, highlight, values, close,
                                            closed_on)
    else:
        if chosen_year is None:
            fail("missing --year: the reporting year of the entry (without a terminal, or with --yes, nothing is "
                 "asked)")
        # Completed with no end date yet: the day it ended is taken as the
        # prompt would offer it, and said (as --close does).
        completes = close or (chosen_status == Status.COMPLETED.value and not record.data.get("actual_end"))
        if completes and closed_on is None:
            closing = services.closing_date(ws, record, chosen_year)
            closed_on = closing.day
            echo(f"note: the activity ended on {closing.day}, {closing.reason} (--end-date says another day)",
                       err=True)
        change = ProgressChange(year=chosen_year, status=Status(chosen_status) if chosen_status else None,
                                narrative=narrative, highlight=highlight, indicators=tuple(values),
                                closed_on=closed_on)

    updated = services.plan_progress(ws, record, change)
    _finish(ws, updated, change, asking=asking, dry_run=dry_run, commit=commit)


def _finish(ws: Workspace, updated: Updated, change: ProgressChange, *, asking: bool, dry_run: bool,
            commit: bool, warnings: Sequence[str] | None = None) -> None:
    """Refuse a change validation would refuse; else show it, write it, commit it, as asked."""
    from apec_tracker.services import authoring as services

    record = updated.record
    path = record.record_file.path
    if updated.verdict.errors:
        lines = services.describe_diagnostics(updated.verdict.errors)
        fail(
            f"{path} would not pass validation after this change; nothing was written:\n  " + "\n  ".join(lines),
            EXIT_DATA,
        )
    if not updated.changed:
        echo(f"{path}: nothing to change", err=True)
        return
    if not updated.layout_kept:
        echo(
            f"note: {path} is laid out in a way tracker cannot reproduce exactly; other lines may "
            "change too (see the diff)",
            err=True,
        )
    if updated.standard_narrative is not None:
        echo(f"note: no narrative was given, so the new {change.year} entry says "
                   f"\"{updated.standard_narrative}\" (--narrative says more)", err=True)
    if asking:
        prompts.say()
    if dry_run or asking:
        echo(updated.diff(), nl=False)
    # Every warning before the question, or before the path written.
    # (From a form: named by its questions, as its problems are.)
    for line in warnings if warnings is not None else services.describe_diagnostics(updated.verdict.warnings):
        echo(f"warning: {line}", err=True)
    if dry_run:
        echo(f"dry run: would change {path}; nothing written", err=True)
        return
    if asking and not prompts.confirm("Write this change?"):
        echo("Nothing written.")
        return
    services.save_progress(updated)
    echo(path)
    if commit:
        what = "Close" if change.closed_on else "Progress"
        sha = services.commit_file(ws, record.path, f"{what} {change.year} for {record.record_file.stem}")
        echo(f"Committed as {sha[:12]}.", err=True)
    else:
        echo(f"Not committed: {_review_advice(services.file_state(ws, record.path), path)}", err=True)


def _review_advice(state: FileState, path: str) -> str:
    """How to see the change, for where the file stands with git."""
    from apec_tracker.services.authoring import FileState

    match state:
        case FileState.UNTRACKED:
            return (f"the file is new to git, so `git diff` shows nothing: `git add {path}`, then review "
                    "`git diff --cached` and commit it (or use --commit).")
        case FileState.STAGED:
            return f"review `git diff --cached {path}`, then commit it (or use --commit)."
        case FileState.CHANGED:
            return f"review `git diff {path}`, then commit it (or use --commit)."
        case _:
            return f"review {path} (git shows no change to it), then commit it (or use --commit)."


def _indicator(text: str, framework: Framework, record: RecordText) -> IndicatorValue:
    from apec_tracker.services.authoring import IndicatorValue, answers

    try:
        given = answers.indicator_answer_in(record.own_indicator_names())(text, framework)
    except answers.AnswerError as error:
        fail(f"--indicator: {error}")
    return IndicatorValue(given.value, given.choice.id, given.choice.name)


class _Questions:
    """The questions of `tracker progress` at a terminal. Each answer is checked
    by validation when it is given (a year that has not begun is refused at the
    year), and the answers before it are kept."""

    def __init__(self, ws: Workspace, record: RecordText):
        self.ws = ws
        self.record = record

    def _check(self, before: ProgressChange | None, part: Part) -> Callable[[ProgressChange], None]:
        from apec_tracker.services import authoring as services

        return lambda after: services.check_progress_answer(self.ws, self.record, before, after, part)

    def _given(self, option: str, value: T | None, check: Callable[[T], None]) -> T | None:
        """An option's value, or None (asked below) if validation refuses it."""
        from apec_tracker.services.authoring import answers

        if value is None:
            return None
        try:
            check(value)
        except answers.AnswerError as error:
            prompts.say(f"{option} {value}: {error} — it is asked again below.")
            return None
        return value

    def ask(self, year: int | None, status: str | None, narrative: str | None, highlight: str | None,
            values: list[IndicatorValue], close: bool, closed_on: date | None) -> ProgressChange:
        from apec_tracker.services import authoring as services
        from apec_tracker.services.authoring import (
            PROGRESS_FIELDS_BY_NAME,
            IndicatorValue,
            Part,
            ProgressChange,
            Status,
            answers,
        )

        framework, today, record = self.ws.framework, self.ws.today, self.record

        def reading(read: Any, check: Callable[[Any], None] | None = None) -> Callable[[str], Any]:
            def read_and_check(answer: str) -> Any:
                value = read(answer, framework)
                if check is not None:
                    check(value)
                return value

            return read_and_check

        def with_year(chosen: int) -> ProgressChange:
            # What the year's entry will hold: the closing date is the one the
            # year gives, unless one was given.
            # (A year that has not begun has none: validation refuses the year itself.)
            day = closed_on or (services.closing_date(self.ws, record, chosen).day
                                if close and chosen <= today.year else None)
            return ProgressChange(year=chosen, status=Status(status) if status else None, closed_on=day)

        prompts.say(f"Progress of {record.data.get('id')}: {record.data.get('title')}")
        check_year = self._check(None, Part.YEAR)
        year = self._given("--year", year, lambda chosen: check_year(with_year(chosen)))
        if year is None:
            year = prompts.ask("Year", reading(answers.year, lambda chosen: check_year(with_year(chosen))),
                               help=PROGRESS_FIELDS_BY_NAME["year"].help_for(), default=str(today.year))
        entry = record.entry(year) or {}
        prompts.say(f"{'Updating the entry' if entry else 'A new entry'} for {year}.")
        change = ProgressChange(year=year)

        check_status = self._check(change, Part.STATUS)
        status = self._given("--status", status, lambda chosen: check_status(replace(change, status=Status(chosen))))
        if status is None and not close:
            status = prompts.ask(
                "Status",
                reading(answers.status, lambda chosen: check_status(replace(change, status=Status(chosen)))),
                help=PROGRESS_FIELDS_BY_NAME["status"].help_for(year),
                choices="  " + ", ".join(s.value for s in Status),
                default=str(entry.get("status") or record.data.get("status") or "ongoing"),
            )
        if status is not None:
            change = replace(change, status=Status(status))

        if close or (status == Status.COMPLETED.value and not record.data.get("actual_end")):
            check_end = self._check(change, Part.END)
            closed_on = self._given("--end-date", closed_on, lambda day: check_end(replace(change, closed_on=day)))
            if closed_on is None:
                closing = services.closing_date(self.ws, record, year)
                closed_on = prompts.ask(
                    "Actual end date",
                    reading(answers.calendar_date, lambda day: check_end(replace(change, closed_on=day))),
                    help=f"The activity is completed: the day it ended (YYYY-MM-DD; the default is {closing.reason}).",
                    default=closing.day.isoformat(),
                )
            change = replace(change, closed_on=closed_on)

        if narrative is None:
            default = str(entry["narrative"]) if entry.get("narrative") else None
            if default is None and change.closed_on is not None:
                default = services.standard_narrative(change.closed_on)
            narrative = prompts.ask(
                "Narrative",
                reading(answers.text),
                help=PROGRESS_FIELDS_BY_NAME["narrative"].help_for(year),
                default=default,
            )
        change = replace(change, narrative=narrative)
        if highlight is None:
            highlight = prompts.ask(
                "Highlight",
                reading(answers.text),
                help=PROGRESS_FIELDS_BY_NAME["highlight"].help_for(year) + " Enter to leave it out.",
                default=str(entry["highlight"]) if entry.get("highlight") else None,
                optional=True,
            )
        change = replace(change, highlight=highlight)

        given = {value.key for value in values}
        known = list(entry.get("indicators") or []) or record.indicators_before(year)
        for item in known:
            choice = answers.IndicatorChoice(item.get("id"), None if item.get("id") else str(item.get("name")))
            if choice.key in given:
                continue
            name = framework.indicator_name(choice.id, item.get("name"))
            facts = ", ".join(f"{key} {item[key]}" for key in ("unit", "baseline", "target")
                              if item.get(key) is not None)
            current = item.get("value") if entry else None
            value = prompts.ask(
                f"Value of {name!r}",
                reading(answers.indicator_value(choice)),
                help=f"The indicator {name!r}" + (f" ({facts})" if facts else "") + f" in {year}.",
                default=None if current is None else str(current),
                optional=True,
            )
            given.add(choice.key)
            if value is not None and value != current:
                values.append(IndicatorValue(value, choice.id, choice.name))
        actions = [str(item.get("code")) for item in record.data.get("actions") or [] if isinstance(item, dict)]
        offered = [i for i in framework.indicators_for(actions) if i.id not in given]
        fitting = [i for i in offered if set(i.actions) & set(actions)]
        for heading, listed in ((f"Standard indicators for {', '.join(actions)}:", fitting),
                                ("Other standard indicators:", [i for i in offered if i not in fitting])):
            if listed:
                prompts.say()
                prompts.say(heading)
                prompts.say(prompts.columns((i.id, f"{i.name} ({i.unit})") for i in listed))
        while True:
            choice = prompts.ask(
                "Another indicator",
                reading(answers.indicator_in(record.own_indicator_names())),
                optional=True,
                help="A further indicator to report: a standard indicator's id from the list, or the name of one "
                "of the activity's own; Enter to go on.",
            )
            if choice is None:
                break
            name = framework.indicator_name(choice.id, choice.name)
            value = prompts.ask(f"Value of {name!r}", reading(answers.indicator_value(choice)))
            values.append(IndicatorValue(value, choice.id, choice.name))
        return replace(change, indicators=tuple(values))
