"""`tracker add-activity`: a new record, asked for at a terminal or given as
options, validated before it is written, never written over another."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from apec_tracker.cli import prompts
from apec_tracker.cli.app import EXIT_DATA, app, fail, workspace
from apec_tracker.cli.completion import complete_action, complete_body, complete_economy, complete_forum
from apec_tracker.cli.printing import echo

if TYPE_CHECKING:
    from apec_tracker.services.authoring import Draft, FieldSpec, Planned
    from apec_tracker.services.context import Framework, Workspace

ListOption = Optional[list[str]]


@app.command("add-activity")
def add_activity(
    economy: Annotated[
        Optional[str],
        typer.Option(metavar="CODE", autocompletion=complete_economy, help="The reporting economy (code), e.g. JPN."),
    ] = None,
    forum: Annotated[
        Optional[str],
        typer.Option(metavar="CODE", autocompletion=complete_forum, help="The reporting forum (code), e.g. DESG."),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(metavar="CODE", autocompletion=complete_body,
                     help="The reporting APEC body (code), e.g. DAMM, AELM, ABAC, PSU."),
    ] = None,
    level: Annotated[
        Optional[str],
        typer.Option(metavar="LEVEL", help="economy or apec-wide; by default an economy's record is economy-level, "
                     "a forum's or body's APEC-wide."),
    ] = None,
    title: Annotated[Optional[str], typer.Option(metavar="TEXT", help="The activity's name.")] = None,
    summary: Annotated[Optional[str], typer.Option(metavar="TEXT", help="What it does and for whom.")] = None,
    action: Annotated[
        ListOption,
        typer.Option(
            metavar="CODE",
            autocompletion=complete_action,
            help="An Initiative action, e.g. B.iii; repeat for several, the principal one first (or CODE:principal).",
        ),
    ] = None,
    activity_type: Annotated[
        Optional[str], typer.Option("--type", metavar="TYPE", help="Activity type, e.g. workshop.")
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option(metavar="STATUS", help="planned (default), ongoing, completed, cancelled, suspended."),
    ] = None,
    planned_start: Annotated[Optional[str], typer.Option(metavar="DATE", help="YYYY-MM-DD.")] = None,
    planned_end: Annotated[Optional[str], typer.Option(metavar="DATE", help="YYYY-MM-DD.")] = None,
    actual_start: Annotated[Optional[str], typer.Option(metavar="DATE", help="YYYY-MM-DD.")] = None,
    actual_end: Annotated[Optional[str], typer.Option(metavar="DATE", help="YYYY-MM-DD.")] = None,
    lead: Annotated[
        ListOption,
        typer.Option(metavar="CODE", autocompletion=complete_economy, help="A lead economy (code); repeatable."),
    ] = None,
    co_sponsor: Annotated[
        ListOption,
        typer.Option(
            metavar="CODE", autocompletion=complete_economy, help="A co-sponsoring economy (code); repeatable."
        ),
    ] = None,
    host_economy: Annotated[
        Optional[str],
        typer.Option(metavar="CODE", autocompletion=complete_economy,
                     help="The economy that hosted the meeting or event (code)."),
    ] = None,
    partner_forum: Annotated[
        ListOption,
        typer.Option(metavar="CODE", autocompletion=complete_forum, help="A partner APEC forum (code); repeatable."),
    ] = None,
    partner: Annotated[
        ListOption, typer.Option(metavar="CODE", help="A partner that is not a forum: ABAC, PECC.")
    ] = None,
    target_group: Annotated[ListOption, typer.Option(metavar="GROUP", help="A target group; repeatable.")] = None,
    aider: Annotated[ListOption, typer.Option(metavar="AREA", help="An AIDER focus area; repeatable.")] = None,
    project: Annotated[
        Optional[str], typer.Option(metavar="NUMBER", help="APEC project number, e.g. HRDWG_204_2023A.")
    ] = None,
    shares_project_with: Annotated[
        ListOption, typer.Option(metavar="ID", help="Id of another record of the same project.")
    ] = None,
    funding_source: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Who funds it.")] = None,
    funding_usd: Annotated[Optional[str], typer.Option(metavar="USD", help="Funding in US dollars.")] = None,
    co_funding_usd: Annotated[Optional[str], typer.Option(metavar="USD", help="Co-funding in US dollars.")] = None,
    link: Annotated[ListOption, typer.Option(metavar="URL", help="A web page about it; repeatable.")] = None,
    source: Annotated[
        ListOption, typer.Option(metavar="URL", help="A public page its facts come from; repeatable.")
    ] = None,
    from_file: Annotated[
        Optional[Path],
        typer.Option(
            "--from", metavar="FILE", help="A partly filled record (YAML or JSON); options override it.", dir_okay=False
        ),
    ] = None,
    from_issue: Annotated[
        Optional[Path],
        typer.Option(
            "--from-issue", metavar="FILE", dir_okay=False,
            help="The text of an issue written from the new-activity form (`tracker forms`): every answer is taken "
            "from it, and problems are named by the form's questions.",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Never prompt: fail if a required field is missing; write without asking."),
    ] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Prompt even when the input is not a terminal.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the record and its path; write nothing.")] = False,
    commit: Annotated[bool, typer.Option("--commit", help="Commit the new file (and only it) with git.")] = False,
) -> None:
    """Add a new activity record: asks for each field at a terminal, or takes them as options."""
    from apec_tracker.services import authoring as services

    ws = workspace()
    framework = ws.framework
    draft = services.read_draft_file(ws, from_file) if from_file else services.Draft()
    reporters = {"--economy": economy, "--forum": forum, "--body": body}
    named = [option for option, value in reporters.items() if value]
    if len(named) > 1:
        fail(f"give one of --economy, --forum and --body, not {' and '.join(named)}")
    given: dict[str, Any] = {
        "reporter": economy or forum or body,
        "level": level,
        "title": title,
        "summary": summary,
        "actions": action,
        "activity_type": activity_type,
        "status": status,
        "planned_start": planned_start,
        "planned_end": planned_end,
        "actual_start": actual_start,
        "actual_end": actual_end,
        "lead_economies": lead,
        "co_sponsors": co_sponsor,
        "host_economy": host_economy,
        "partner_fora": partner_forum,
        "partners": partner,
        "target_groups": target_group,
        "aider_focus_areas": aider,
        "apec_project": project,
        "shares_project_with": shares_project_with,
        "funding.source": funding_source,
        "funding.amount_usd": funding_usd,
        "funding.co_funding_usd": co_funding_usd,
        "links": link,
        "sources": source,
    }
    if from_issue is not None:
        if from_file is not None or any(value not in (None, []) for value in given.values()):
            fail("--from-issue takes every answer from the issue: give no other answer (options or --from)")
        planned = services.add_activity_from_issue(ws, from_issue, dry_run=dry_run)
        _warn(services.activity_warnings_from_issue(ws, planned))  # in the form's words
        _written(ws, planned, dry_run=dry_run, commit=commit, warned=True)
        return
    for name, value in given.items():
        if value is None or value == []:
            continue
        spec = services.FIELDS_BY_NAME[name]
        option = named[0] if name == "reporter" else spec.option
        if name == "reporter":
            _check_reporter_kind(option, value, framework)
        try:
            draft.set(name, services.answers.read_all(spec.read, value, framework) if isinstance(value, list)
                      else spec.read(value, framework))
        except services.answers.AnswerError as error:
            fail(f"{option}: {error}")

    asking = prompts.is_interactive(yes, interactive)
    if asking:
        _ask_missing(ws, draft, again=_refused_options(ws, draft))
    else:
        if not draft.has("status"):
            draft.set("status", "planned")
        missing = draft.missing()
        if missing:
            names = ", ".join(spec.option for spec in missing)
            fail(
                f"missing {names}: a record needs {'it' if len(missing) == 1 else 'them'}, and without a "
                "terminal (or with --yes) nothing is asked"
            )

    problems = services.model_problems(ws, draft)
    if problems:
        fail("the record would not be valid:\n  " + "\n  ".join(problems), EXIT_DATA)

    if asking and not dry_run:
        planned = _plan_asking_again(ws, draft)
        prompts.say()
        prompts.say(f"The record, to be written to {planned.record_file.path}:")
        prompts.say()
        prompts.say(planned.text.rstrip("\n"))
        prompts.say()
        _warn(services.describe_diagnostics(planned.verdict.warnings))
        if not prompts.confirm("Write it?"):
            prompts.say("Nothing written.")
            raise typer.Exit(0)

    # Warnings were shown before the confirmation when it was asked for.
    _written(ws, services.add_activity(ws, draft, dry_run=dry_run), dry_run=dry_run, commit=commit,
             warned=asking and not dry_run)


def _written(ws: Workspace, written: Planned, *, dry_run: bool, commit: bool, warned: bool = False) -> None:
    """Say what was written (or would be), and commit it if asked; ``warned``:
    the record's warnings were already shown, before the confirmation."""
    from apec_tracker.services import authoring as services

    if not warned:
        # Before the path it wrote, and before the record a dry run shows.
        _warn(services.describe_diagnostics(written.verdict.warnings))
    if dry_run:
        echo(written.text, nl=False)
        echo(f"dry run: would write {written.record_file.path}; nothing written", err=True)
        return
    echo(written.record_file.path)
    if commit:
        sha = services.commit_file(
            ws, written.path,
            f"Add activity {written.activity.id}\n\n{written.activity.title}, "
            f"reported by {ws.framework.reporter_name(written.activity.reporter)}.",
        )
        echo(f"Committed as {sha[:12]}.", err=True)
    else:
        echo(
            f"Not committed: review it, then `git add {written.record_file.path}` and commit (or use --commit).",
            err=True,
        )


def _warn(lines: list[str]) -> None:
    for line in lines:
        echo(f"warning: {line}", err=True)


def _refused_options(ws: Workspace, draft: Draft) -> set[str]:
    """Say what validation refuses in the values given as options (or --from),
    before any question, and drop them: they are asked again with the rest."""
    from apec_tracker.services import authoring as services

    refused: set[str] = set()
    for spec, problem in services.given_problems(ws, draft):
        prompts.say(f"{spec.option}: {problem.told()} — it is asked again below.")
        refused.add(spec.name)
    for name in refused:
        draft.unset(name)
    return refused


def _plan_asking_again(ws: Workspace, draft: Draft) -> Planned:
    """The record the answers make; should validation refuse it for something
    the checks of one record cannot see (a project number another record
    claims), the fields concerned are asked again and the other answers kept."""
    from apec_tracker.services import authoring as services

    while True:
        try:
            return services.plan_activity(ws, draft)
        except services.RecordRefused as refused:
            fields = {services.field_at(diagnostic) for diagnostic in refused.verdict.errors}
            if None in fields:
                raise
            prompts.say()
            for line in services.describe_diagnostics(refused.verdict.errors):
                prompts.say(f"  {line}")
            again = {spec.name for spec in fields if spec is not None}
            prompts.say("Validation refuses the record for this; "
                        + ("that answer is" if len(again) == 1 else "those answers are") + " asked again.")
            for name in again:
                draft.unset(name)
            _ask_missing(ws, draft, again=again, only_again=True)


# -- the questions ----------------------------------------------------------------------


def _ask_missing(ws: Workspace, draft: Draft, *, again: Collection[str] = (), only_again: bool = False) -> None:
    """Ask for each field the draft has not, in order; ``again`` are asked even
    where they would not be (their first answer was refused), and with
    ``only_again`` nothing else is."""
    from apec_tracker.services import authoring as services

    if not only_again:
        prompts.say(
            "A new activity record. Each question says what the field is for; optional ones can be skipped with "
            "Enter."
        )
    for spec in services.FIELDS:
        asked = spec.name in again or (_applies(spec, draft, ws.framework) and not only_again)
        if draft.has(spec.name) or not asked:
            continue
        value = _ask_field(spec, draft, ws)
        draft.set(spec.name, value)


def _check_reporter_kind(option: str, code: str, framework: Framework) -> None:
    """--forum JPN or --economy ABAC: the code is known, as another kind of reporter."""
    wanted = code.strip().upper()
    kinds: dict[str, Mapping[str, object]] = {"--economy": framework.economies, "--forum": framework.fora,
                                              "--body": framework.bodies}
    if wanted in kinds[option]:
        return
    for other, codes in kinds.items():
        if wanted in codes:
            fail(f"{option}: {code} is {'an economy' if other == '--economy' else 'an APEC ' + other[2:]}; "
                 f"use {other} {wanted}")


def _applies(spec: FieldSpec, draft: Draft, framework: Framework) -> bool:
    status = draft.get("status")
    if spec.name == "level":
        # A forum's or body's work is APEC-wide: only an economy's record has a choice.
        return draft.get("reporter") in framework.economies
    if spec.name == "actual_start":
        return status in ("ongoing", "completed", "suspended")
    if spec.name == "actual_end":
        return status in ("completed", "cancelled")
    if spec.name == "shares_project_with":
        return draft.has("apec_project")
    if spec.name in ("funding.amount_usd", "funding.co_funding_usd"):
        return draft.has("funding.source")
    return True


def _ask_field(spec: FieldSpec, draft: Draft, ws: Workspace) -> Any:
    from apec_tracker.services import authoring as services

    framework = ws.framework

    def read(answer: str) -> Any:
        value = spec.read(answer, framework)
        services.check_answer(ws, draft, spec.name, value)
        return value

    default = spec.default(draft.values, ws.today) if spec.default else None
    if spec.name == "lead_economies" and draft.get("reporter") in framework.economies:
        default = draft.get("reporter")
    return prompts.ask(
        _label(spec),
        read,
        help=spec.help,
        choices=_choices(spec, framework),
        default=default,
        optional=not spec.required,
    )


_LABELS = {
    "co_sponsors": "Co-sponsors",
    "aider_focus_areas": "AIDER focus areas",
    "apec_project": "APEC project number",
    "funding.source": "Funding source",
    "funding.amount_usd": "Funding (USD)",
    "funding.co_funding_usd": "Co-funding (USD)",
    "activity_type": "Activity type",
    "host_economy": "Host economy",
}


def _label(spec: FieldSpec) -> str:
    name = _LABELS.get(spec.name) or spec.name.replace("_", " ").capitalize()
    return f"{name} (comma-separated)" if spec.multiple and spec.name != "actions" else name


def _choices(spec: FieldSpec, framework: Framework) -> str | None:
    from apec_tracker.services.authoring import Status

    def terms(items: Any) -> str:
        return prompts.columns((term.code, term.name) for term in items.values())

    match spec.name:
        case "reporter":
            return (
                "Economies:\n"
                + prompts.economies(framework)
                + "\nFora:\n"
                + prompts.columns((f.code, f.name) for f in framework.fora.values())
                + "\nOther APEC bodies:\n"
                + prompts.columns((b.code, b.name) for b in framework.bodies.values())
            )
        case "level":
            return "  economy, apec-wide"
        case "host_economy":
            return prompts.economies(framework)
        case "actions":
            return prompts.actions(framework) + "\n  (codes separated by commas, the principal one first)"
        case "activity_type":
            return terms(framework.activity_types)
        case "status":
            return "  " + ", ".join(s.value for s in Status)
        case "lead_economies" | "co_sponsors":
            return prompts.economies(framework)
        case "partner_fora":
            return prompts.columns((f.code, f.name) for f in framework.fora.values())
        case "partners":
            return prompts.columns((p.code, p.name) for p in framework.partners.values())
        case "target_groups":
            return terms(framework.target_groups)
        case "aider_focus_areas":
            return terms(framework.aider_focus_areas)
    return None
