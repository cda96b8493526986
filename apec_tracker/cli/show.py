"""`tracker show ID`: one activity, readable at a terminal, or as JSON."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from apec_tracker.cli.app import EXIT_OK, app, stdout_console, workspace
from apec_tracker.cli.completion import complete_record_id
from apec_tracker.cli.printing import write_json

if TYPE_CHECKING:
    from apec_tracker.services.context import Framework
    from apec_tracker.services.records import LoadedRecord


class ShowFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id (its file name without .yaml).",
                                             autocompletion=complete_record_id)],
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="text for people, json for other tools.")] = ShowFormat.TEXT,
) -> None:
    """Show one activity: what it serves, who is involved, and its progress year by year."""
    from apec_tracker.cli.records import note_excluded
    from apec_tracker.services import records as services

    ws = workspace()
    record, selection = services.show_activity(ws, record_id)
    note_excluded(selection)
    framework = ws.framework
    if output_format is ShowFormat.JSON:
        write_json(services.record_document(record))
    else:
        _print(record, framework)
    raise typer.Exit(EXIT_OK)


def _print(record: LoadedRecord, framework: Framework) -> None:
    from rich.markup import escape

    activity = record.activity
    console = stdout_console(soft_wrap=True)
    console.print(f"[bold]{escape(activity.title)}[/bold]")
    console.print(f"{escape(activity.id)}  ·  {escape(record.file.path)}")
    console.print()
    console.print(escape(activity.summary))
    console.print()
    reporter = f"{activity.reporter} ({framework.reporter_name(activity.reporter)})"
    facts = [
        ("reporter", reporter),
        ("level", activity.level_in(framework.economies).value),
        ("host economy", activity.host_economy or ""),
        ("lead economies", ", ".join(activity.lead_economies)),
        ("co-sponsors", ", ".join(activity.co_sponsors)),
        ("partner fora", ", ".join(activity.partner_fora)),
        ("partners", ", ".join(activity.partners)),
        ("type", activity.activity_type),
        ("status", activity.status.value),
        ("planned", _span(activity.planned_start, activity.planned_end)),
        ("actual", _span(activity.actual_start, activity.actual_end)),
        ("APEC project", activity.apec_project or ""),
        ("target groups", ", ".join(activity.target_groups)),
        ("AIDER areas", ", ".join(activity.aider_focus_areas)),
    ]
    if activity.funding:
        amount = f", USD {activity.funding.amount_usd:,.0f}" if activity.funding.amount_usd is not None else ""
        facts.append(("funding", activity.funding.source + amount))
    for label, value in facts:
        if value:
            console.print(f"  {label + ':':<16}{escape(str(value))}")
    console.print()
    console.print("[bold]Actions[/bold]")
    for link in activity.actions:
        action = framework.actions[link.code]
        console.print(f"  {escape(action.label)} ({link.role.value})")
    console.print()
    console.print("[bold]Progress[/bold]")
    if not activity.progress:
        console.print("  none reported yet")
    for entry in sorted(activity.progress, key=lambda e: e.year):
        console.print(f"  {entry.year}  {entry.status.value}: {escape(entry.narrative)}")
        for indicator in entry.indicators:
            given_unit = framework.indicator_unit(indicator.id, indicator.unit)
            unit = f" {given_unit}" if given_unit else ""
            values = ", ".join(
                f"{name} {_number(value)}"
                for name, value in (("baseline", indicator.baseline), ("target", indicator.target),
                                    ("value", indicator.value))
                if value is not None
            )
            name = framework.indicator_name(indicator.id, indicator.name)
            console.print(f"        {escape(name)}{escape(unit)}: {values}")


def _span(start: object, end: object) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '?'} to {end or '?'}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
