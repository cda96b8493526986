"""The GitHub issue forms through which contacts who never open a terminal
report a new activity or a year's progress (`tracker forms`).

Each form is made by a pure function of the reference data: every choice in
it (reporters, actions, status, activity types, target groups, AIDER areas,
reporting years, the standard indicators) comes from the Framework, and every question's help is the
field's help at the prompts (apec_tracker.authoring.fields), so that a form
cannot offer what validation refuses, nor explain a field in other words.
When the reference data changes, `tracker validate` reports the forms as out
of date (O703, apec_tracker.checks.generated_files).

A submitted form reaches the tool as the issue's text, which GitHub renders as
a ``### Label`` heading per question; apec_tracker.authoring.form_answers reads
it back with the questions defined here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from apec_tracker.authoring.document import generated_document
from apec_tracker.authoring.fields import FIELDS_BY_NAME, PROGRESS_FIELDS_BY_NAME, FieldSpec
from apec_tracker.authoring.roundtrip import dump_document
from apec_tracker.domain.framework import Framework, Term
from apec_tracker.domain.record import Status

ISSUE_TEMPLATE_DIR = Path(".github/ISSUE_TEMPLATE")
ACTIVITY_FORM = ISSUE_TEMPLATE_DIR / "new-activity.yml"
PROGRESS_FORM = ISSUE_TEMPLATE_DIR / "progress.yml"
# The labels the forms put on their issues: the workflow that turns answers
# into a pull request (.github/workflows/issue-forms.yml) runs on them.
ACTIVITY_LABEL = "form: new activity"
PROGRESS_LABEL = "form: progress"

HEADER = """\
Written by `tracker forms` from the reference data in data/reference/ and the
fields' help in apec_tracker/authoring/fields.py. Do not edit by hand: change
those and run `tracker forms` again (`tracker validate` reports this file when
it is out of date)."""


class Kind(StrEnum):
    """The kinds of GitHub form question the forms use."""

    INPUT = "input"  # one line
    TEXTAREA = "textarea"  # several lines
    DROPDOWN = "dropdown"  # one choice, or several with ``multiple``


@dataclass(frozen=True)
class Choice:
    label: str  # what the form shows, and what GitHub writes in the issue
    code: str  # what the field's reader is given


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    kind: Kind
    field: str  # the name of the field (FIELDS or PROGRESS_FIELDS) it answers
    help: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    default: int | None = None  # the index of the choice chosen beforehand
    placeholder: str | None = None
    one_per_line: bool = False  # a list written one item a line
    indicator: str | None = None  # the standard indicator whose value it asks for (its id)

    def code_of(self, label: str) -> str | None:
        return next((choice.code for choice in self.choices if choice.label == label), None)


@dataclass(frozen=True)
class Form:
    path: Path  # relative to the repository root
    name: str
    description: str
    title: str
    label: str
    intro: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        return next(question for question in self.questions if question.id == question_id)

    def for_field(self, field: str) -> list[Question]:
        return [question for question in self.questions if question.field == field]


# Markdown: one paragraph a line, since GitHub joins the lines of a paragraph.
_AFTER_SUBMITTING = (
    "Every choice below comes from the Initiative's reference data.\n\n"
    "When you submit the form, your answers are checked as every record is checked. If they make a valid "
    "record, a pull request {what} is opened and linked to this issue, for {whom} to approve. If an answer "
    "needs a change, a comment on this issue says which and why: edit the issue to correct it, and the answers "
    "are checked again.\n"
)


def activity_form(framework: Framework) -> Form:
    """The form for a new activity: the fields `tracker add-activity` asks for."""
    economies = tuple(Choice(economy.name, economy.code) for economy in framework.economies.values())
    fora = tuple(Choice(f"{forum.code} – {forum.name}", forum.code) for forum in framework.fora.values())
    bodies = tuple(Choice(f"{body.code} – {body.name}", body.code) for body in framework.bodies.values())
    levels = (Choice("economy – an economy's own initiative", "economy"),
              Choice("apec-wide – work of APEC as a whole (a forum, a ministerial, Leaders...)", "apec-wide"))
    actions = tuple(Choice(action.label, action.code) for action in framework.actions.values())
    statuses = tuple(Choice(status.value, status.value) for status in Status)
    field = FIELDS_BY_NAME

    def ask(spec: FieldSpec, question_id: str, label: str, kind: Kind = Kind.INPUT, **more: Any) -> Question:
        return Question(question_id, label, kind, spec.name, spec.help, required=spec.required, **more)

    return Form(
        path=ACTIVITY_FORM,
        name="New activity",
        description="Report an activity under the APEC Artificial Intelligence Initiative (2026–2030), "
        "without git or a terminal.",
        title="New activity: ",
        label=ACTIVITY_LABEL,
        intro=_AFTER_SUBMITTING.format(what="adding the record",
                                       whom="the contacts of the economy, forum or body that reports it"),
        questions=(
            ask(field["reporter"], "reporter", "Reported by", Kind.DROPDOWN, choices=economies + fora + bodies),
            ask(field["level"], "level", "Level", Kind.DROPDOWN, choices=levels),
            ask(field["title"], "title", "Title", placeholder="AI skills for public servants"),
            ask(field["summary"], "summary", "Summary", Kind.TEXTAREA),
            ask(field["actions"], "principal_action", "Principal action", Kind.DROPDOWN, choices=actions),
            Question("other_actions", "Other actions", Kind.DROPDOWN, "actions",
                     "Other actions of the Initiative it serves (significant), if any.", choices=actions,
                     multiple=True),
            ask(field["activity_type"], "activity_type", "Activity type", Kind.DROPDOWN,
                choices=_terms(framework.activity_types.values())),
            ask(field["status"], "status", "Status", Kind.DROPDOWN, choices=statuses,
                default=[choice.code for choice in statuses].index(Status.PLANNED.value)),
            ask(field["planned_start"], "planned_start", "Planned start", placeholder="2026-03-01"),
            ask(field["planned_end"], "planned_end", "Planned end", placeholder="2026-12-31"),
            ask(field["actual_start"], "actual_start", "Actual start", placeholder="2026-03-15"),
            ask(field["actual_end"], "actual_end", "Actual end", placeholder="2026-11-20"),
            ask(field["lead_economies"], "lead_economies", "Lead economies", Kind.DROPDOWN, choices=economies,
                multiple=True),
            ask(field["co_sponsors"], "co_sponsors", "Co-sponsoring economies", Kind.DROPDOWN, choices=economies,
                multiple=True),
            ask(field["host_economy"], "host_economy", "Host economy", Kind.DROPDOWN, choices=economies),
            ask(field["partner_fora"], "partner_fora", "Partner fora", Kind.DROPDOWN, choices=fora, multiple=True),
            ask(field["partners"], "partners", "Other partners", Kind.DROPDOWN,
                choices=tuple(Choice(f"{p.code} – {p.name}", p.code) for p in framework.partners.values()),
                multiple=True),
            ask(field["target_groups"], "target_groups", "Target groups", Kind.DROPDOWN,
                choices=_terms(framework.target_groups.values()), multiple=True),
            ask(field["aider_focus_areas"], "aider_focus_areas", "AIDER focus areas", Kind.DROPDOWN,
                choices=_terms(framework.aider_focus_areas.values()), multiple=True),
            ask(field["apec_project"], "apec_project", "APEC project number", placeholder="HRDWG_204_2023A"),
            ask(field["shares_project_with"], "shares_project_with", "Other records of the same project",
                placeholder="per-2023-qualifications-frameworks-workshop"),
            ask(field["funding.source"], "funding_source", "Funding source",
                placeholder="APEC Support Fund (General Fund)"),
            ask(field["funding.amount_usd"], "funding_usd", "Funding (USD)", placeholder="120000"),
            ask(field["funding.co_funding_usd"], "co_funding_usd", "Co-funding (USD)", placeholder="30000"),
            ask(field["links"], "links", "Links", Kind.TEXTAREA, one_per_line=True,
                placeholder="https://www.apec.org/..."),
            ask(field["sources"], "sources", "Sources", Kind.TEXTAREA, one_per_line=True,
                placeholder="https://www.apec.org/..."),
        ),
    )


def progress_form(framework: Framework) -> Form:
    """The form for a year's progress: what `tracker progress` asks for."""
    field = PROGRESS_FIELDS_BY_NAME
    period = framework.period
    years = tuple(Choice(f"{year} (baseline)" if year == period.baseline else str(year), str(year))
                  for year in period.years_with_baseline)

    def ask(spec: FieldSpec, question_id: str, label: str, kind: Kind = Kind.INPUT, **more: Any) -> Question:
        return Question(question_id, label, kind, spec.name, spec.help_for(None), required=spec.required, **more)

    return Form(
        path=PROGRESS_FORM,
        name="Progress for a year",
        description="Report a year's progress of an activity already recorded, without git or a terminal.",
        title="Progress: ",
        label=PROGRESS_LABEL,
        intro=_AFTER_SUBMITTING.format(what="updating the record",
                                       whom="the contacts of the economy or forum that reports it"),
        questions=(
            ask(field["record_id"], "record_id", "Record id",
                placeholder="jpn-2026-ai-skills-for-public-servants"),
            ask(field["year"], "year", "Reporting year", Kind.DROPDOWN, choices=years),
            ask(field["status"], "status", "Status at the end of the year", Kind.DROPDOWN,
                choices=tuple(Choice(status.value, status.value) for status in Status)),
            ask(field["narrative"], "narrative", "What happened", Kind.TEXTAREA),
            ask(field["highlight"], "highlight", "Highlight"),
            ask(field["indicators"], "indicators", "Indicators", Kind.TEXTAREA, one_per_line=True,
                placeholder="pilot sites=3"),
            *standard_indicator_questions(framework),
            ask(field["closed_on"], "end_date", "Actual end date", placeholder="2026-11-20"),
        ),
    )


def standard_indicator_questions(framework: Framework) -> tuple[Question, ...]:
    """The catalogue's standard indicators (data/reference/indicators.yaml), one
    question each, in the catalogue's order: the answer is the indicator's value
    in the entry, recorded by its id (form_answers.progress_answers), beside the
    free-text "Indicators" answer. Rendered from the Framework like every other
    choice, so a change to the catalogue makes `tracker validate` ask for the
    forms to be written again (O703)."""
    spec = PROGRESS_FIELDS_BY_NAME["indicators"]
    return tuple(
        Question(f"indicator-{indicator.id}", indicator.label, Kind.INPUT, spec.name,
                 f"{indicator.definition} Values: {indicator.bounds}.", indicator=indicator.id)
        for indicator in framework.indicators.values()
    )


def forms(framework: Framework) -> tuple[Form, ...]:
    return (activity_form(framework), progress_form(framework))


def _terms(terms: Iterable[Term]) -> tuple[Choice, ...]:
    return tuple(Choice(term.name[:1].upper() + term.name[1:], term.code) for term in terms)


# -- the YAML GitHub reads ----------------------------------------------------------------


def form_text(form: Form) -> str:
    """The form as GitHub's issue-form YAML."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    for question in form.questions:
        attributes: dict[str, Any] = {"label": question.label, "description": _description(question)}
        if question.placeholder is not None:
            attributes["placeholder"] = question.placeholder
        if question.kind is Kind.DROPDOWN:
            attributes["multiple"] = question.multiple
            attributes["options"] = [choice.label for choice in question.choices]
            if question.default is not None:
                attributes["default"] = question.default
        body.append({"type": question.kind.value, "id": question.id, "attributes": attributes,
                     "validations": {"required": question.required}})
    data = {"name": form.name, "description": form.description, "title": form.title, "labels": [form.label],
            "body": body}
    return dump_document(generated_document(data, HEADER))


def _description(question: Question) -> str:
    if question.one_per_line:
        return f"{question.help} One a line."
    return question.help


def activity_form_text(framework: Framework) -> str:
    return form_text(activity_form(framework))


def progress_form_text(framework: Framework) -> str:
    return form_text(progress_form(framework))
