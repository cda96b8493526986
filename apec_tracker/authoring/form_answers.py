"""A submitted issue form read back into a new record or a year's progress,
through the readers, checks and validation the prompts and options use: the
same ids, the same refusals, with each problem named by the form's question
rather than by the record's field.

GitHub writes a submitted form into the issue as one ``### Label`` heading per
question with the answer below it: ``_No response_`` for a question left empty,
the chosen options of a dropdown joined by ", ". The questions are those of
apec_tracker.authoring.forms; a heading that is not one of them is part of an
answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from apec_tracker.authoring import user_input as answers
from apec_tracker.authoring.fields import FIELDS_BY_NAME, PROGRESS_FIELDS_BY_NAME, FieldSpec
from apec_tracker.authoring.forms import Form, Kind, Question, activity_form, progress_form
from apec_tracker.authoring.new_record import Draft, answer_problems
from apec_tracker.authoring.progress_entry import IndicatorValue, ProgressChange
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Status
from apec_tracker.errors import DataError
from apec_tracker.reading.schema_problems import dotted, record_from

NO_RESPONSE = "_No response_"
# What GitHub writes for an optional dropdown left at its "None" choice.
NO_CHOICE = "None"
NEEDS_AN_ANSWER = "this question needs an answer"


@dataclass(frozen=True)
class Problem:
    """What is wrong with one answer, named by the form's question (None when
    the problem is not one answer's)."""

    question: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.question}: {self.message}" if self.question else self.message


class AnswersRefused(DataError):
    """The answers in the issue cannot make the record; nothing was written."""

    def __init__(self, problems: Sequence[Problem], outcome: str = "make a record"):
        self.problems = tuple(problems)
        super().__init__(f"the answers in the issue cannot {outcome}; nothing was written:\n  "
                         + "\n  ".join(str(problem) for problem in self.problems))


# -- the text -----------------------------------------------------------------


def read_answers(body: str, form: Form) -> dict[str, str | None]:
    """Each question's answer by its id, as the issue gives it: None for a
    question left empty, and no entry for a question whose heading is not
    there (the issue was edited, or written from another form)."""
    by_label = {question.label: question for question in form.questions}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.fullmatch(r"###\s+(.*?)\s*", line)
        question = by_label.get(heading.group(1)) if heading else None
        if question is not None and question.id not in found:
            current = found[question.id] = []
        elif current is not None:
            current.append(line)
    given: dict[str, str | None] = {}
    for question_id, lines in found.items():
        text = "\n".join(lines).strip()
        empty = text in ("", NO_RESPONSE) or (form.question(question_id).kind is Kind.DROPDOWN and text == NO_CHOICE)
        given[question_id] = None if empty else text
    return given


def chosen(question: Question, text: str) -> list[str]:
    """The options chosen in a dropdown. GitHub joins them with ", ", which
    options may hold too ("Hong Kong, China"): the longest run of pieces that
    is an option is taken first. A piece that is no option is kept as it is,
    for the field's reader to explain."""
    if not question.multiple:
        return [text]
    options = {choice.label for choice in question.choices}
    pieces = text.split(", ")
    labels: list[str] = []
    start = 0
    while start < len(pieces):
        end = next((end for end in range(len(pieces), start, -1) if ", ".join(pieces[start:end]) in options),
                   start + 1)
        labels.append(", ".join(pieces[start:end]))
        start = end
    return labels


def _codes(question: Question, text: str) -> list[str]:
    return [question.code_of(label) or label for label in chosen(question, text)]


def _lines(text: str) -> list[str]:
    # People write lists in Markdown's way too: "- https://...".
    return [re.sub(r"^[-*]\s+", "", line.strip()) for line in text.split("\n") if line.strip()]


def _read(question: Question, spec: FieldSpec, text: str, framework: Framework) -> Any:
    """An answer read by its field's reader, as a prompt or an option would be."""
    if question.kind is Kind.DROPDOWN:
        return spec.read(", ".join(_codes(question, text)), framework)
    if question.one_per_line:
        values: list[Any] = []
        for line in _lines(text):
            value = spec.read(line, framework)
            for item in value if isinstance(value, list) else [value]:
                if item not in values:
                    values.append(item)
        return values
    if question.kind is Kind.TEXTAREA:
        # A summary or a narrative is a few sentences: the line breaks a browser's
        # text box puts in become spaces, and a blank line between paragraphs
        # stays one, as `--narrative` keeps it.
        text = "\n\n".join(" ".join(part.split()) for part in re.split(r"\n[ \t\r]*\n", text.strip()) if part.strip())
    return spec.read(text, framework)


# -- a new activity -------------------------------------------------------------------


def activity_draft(body: str, framework: Framework, today: date) -> Draft:
    """The record the answers to the new-activity form make, checked answer by
    answer as the prompts check them; AnswersRefused names every problem."""
    form = activity_form(framework)
    given = read_answers(body, form)
    _refuse_another_form(given, form)
    draft = Draft()
    names = form_words(form)
    problems: list[Problem] = []
    for question in form.questions:
        text = given.get(question.id)
        if text is None or question.field == "actions":
            continue
        spec = FIELDS_BY_NAME[question.field]
        try:
            value = _read(question, spec, text, framework)
        except answers.AnswerError as error:
            problems.append(Problem(question.label, str(error)))
            continue
        # A required field left unanswered is told at its own question, below.
        refused = [problem for problem in answer_problems(framework, draft, spec.name, value, today)
                   if problem.code != "S402"]
        if refused:
            # Validation's words, with the record's field names said as the form's
            # questions; the question's own field is not said again after its label.
            told = "; ".join(problem.told().removeprefix(f"{spec.name} ") for problem in refused)
            problems.append(Problem(question.label, in_form_words(told, names)))
            continue
        draft.set(spec.name, value)
    problems += _read_actions(form, given, framework, draft)
    if not draft.has("status"):
        draft.set("status", Status.PLANNED.value)
    unanswered = {question.label for question in form.questions if given.get(question.id) is None}
    for spec in draft.missing():
        for question in form.for_field(spec.name):
            if question.required and question.label in unanswered:
                problems.append(Problem(question.label, _unanswered(question, given)))
    if not problems:
        problems = _model_problems(draft, form, framework)
    if problems:
        raise AnswersRefused(in_form_order(problems, form))
    return draft


def _read_actions(form: Form, given: Mapping[str, str | None], framework: Framework, draft: Draft) -> list[Problem]:
    """The principal action, then the others: the reader takes the first as principal."""
    principal, others = form.question("principal_action"), form.question("other_actions")
    principal_text, others_text = given.get(principal.id), given.get(others.id)
    if principal_text is None:
        return []
    read = FIELDS_BY_NAME["actions"].read
    try:
        codes = _codes(principal, principal_text)
        read(", ".join(codes), framework)
    except answers.AnswerError as error:
        return [Problem(principal.label, str(error))]
    if others_text is not None:
        codes += _codes(others, others_text)
    try:
        draft.set("actions", read(", ".join(codes), framework))
    except answers.AnswerError as error:
        return [Problem(others.label, str(error))]
    return []


def in_form_order(problems: Iterable[Problem], form: Form) -> list[Problem]:
    """Problems in the order of their questions in the form; others last."""
    order = {question.label: index for index, question in enumerate(form.questions)}
    return sorted(problems, key=lambda problem: order.get(problem.question or "", len(order)))


def _refuse_another_form(given: Mapping[str, str | None], form: Form, outcome: str = "make a record") -> None:
    if not given:
        raise AnswersRefused([Problem(None, f"the issue holds none of the questions of the form "
                                            f"“{form.name}” ({form.path.as_posix()}): was it written from it?")],
                             outcome)


def _unanswered(question: Question, given: Mapping[str, str | None]) -> str:
    if question.id in given:
        return NEEDS_AN_ANSWER
    return (f"{NEEDS_AN_ANSWER}, and its heading “### {question.label}” is not in the issue: "
            "was it removed when the issue was edited?")


def _model_problems(draft: Draft, form: Form, framework: Framework) -> list[Problem]:
    """What the record model says of the answers together (funding given
    without its source, ...), by question."""
    _, described = record_from({"id": "placeholder-id", **draft.values}, framework)
    problems = []
    names = form_words(form)
    for item in described:
        field = ".".join(str(part) for part in item.loc[:2] if isinstance(part, str))
        questions = form.for_field(field) or form.for_field(field.partition(".")[0])
        label = " / ".join(question.label for question in questions) or None
        prefix = f"{dotted(item.loc)}: "
        message = NEEDS_AN_ANSWER if item.code == "S402" else item.message.removeprefix(prefix)
        hint = f" ({in_form_words(item.hint, names)})" if item.hint else ""
        problems.append(Problem(label, in_form_words(message, names) + hint))
    return problems


# -- a year's progress ----------------------------------------------------------------


@dataclass(frozen=True)
class ProgressAnswers:
    record_id: str
    change: ProgressChange


def answered_record_id(body: str, framework: Framework) -> str | None:
    """The id of the record the answers to the progress form are about, unchecked."""
    text = read_answers(body, progress_form(framework)).get("record_id")
    return None if text is None else _record_id_in(text)


def progress_answers(body: str, framework: Framework, today: date,
                     own_indicators: Iterable[str] = ()) -> ProgressAnswers:
    """The record and the change the answers to the progress form ask for,
    checked answer by answer; AnswersRefused names every problem.
    ``own_indicators`` are the names of the record's indicators of its own: a
    name among them in the "Indicators" answer means that one, as at the prompt."""
    form = progress_form(framework)
    given = read_answers(body, form)
    _refuse_another_form(given, form, "update the record")
    values: dict[str, Any] = {}
    indicators: dict[str, answers.IndicatorAnswer] = {}
    problems: list[Problem] = []
    for question in form.questions:
        text = given.get(question.id)
        spec = PROGRESS_FIELDS_BY_NAME[question.field]
        if text is None:
            if question.required:
                problems.append(Problem(question.label, _unanswered(question, given)))
            continue
        if spec.name == "record_id":
            text = _record_id_in(text)
        if spec.name == "indicators":
            problems += _read_indicators(question, spec, text, framework, own_indicators, indicators)
            continue
        try:
            value = _read(question, spec, text, framework)
        except answers.AnswerError as error:
            problems.append(Problem(question.label, str(error)))
            continue
        if spec.name == "closed_on" and value > today:
            problems.append(Problem(question.label, f"{value} has not come yet; an actual date is one that has passed"))
            continue
        values[spec.name] = value
    closed_on, status = values.get("closed_on"), values.get("status")
    if closed_on is not None and status not in (None, Status.COMPLETED.value):
        problems.append(Problem(form.question("status").label,
                                f"an activity with an actual end date is completed, not {status}"))
    if problems:
        raise AnswersRefused(in_form_order(problems, form), "update the record")
    return ProgressAnswers(
        record_id=values["record_id"],
        change=ProgressChange(
            year=values["year"],
            status=Status(status) if status else None,
            narrative=values.get("narrative"),
            highlight=values.get("highlight"),
            indicators=tuple(IndicatorValue(given.value, given.choice.id, given.choice.name)
                             for given in indicators.values()),
            closed_on=closed_on,
        ),
    )


def _read_indicators(question: Question, spec: FieldSpec, text: str, framework: Framework, own: Iterable[str],
                     found: dict[str, answers.IndicatorAnswer]) -> list[Problem]:
    """The values of the "Indicators" answer (ID=VALUE or NAME=VALUE a line), or
    of a standard indicator's own question, added to ``found`` by indicator; an
    indicator given twice is a problem, since one value would silently win."""
    try:
        if question.indicator is not None:
            choice = answers.IndicatorChoice(question.indicator, None)
            given = [answers.IndicatorAnswer(choice, answers.indicator_value(choice)(text, framework))]
        else:
            given = _read(question, replace(spec, read=answers.indicator_answer_in(own)), text, framework)
    except answers.AnswerError as error:
        return [Problem(question.label, str(error))]
    problems = []
    for item in given:
        if item.choice.key in found:
            name = framework.indicator_name(item.choice.id, item.choice.name)
            problems.append(Problem(question.label, f"{name!r} is given twice: give its value once"))
            continue
        found[item.choice.key] = item
    return problems


def _record_id_in(text: str) -> str:
    """The id, also from the record's address or path pasted whole."""
    return re.sub(r"\.ya?ml$", "", text.strip().rstrip("/").rpartition("/")[2])


# -- validation's findings, in the form's words ---------------------------------------


# The keys of an indicator in a progress entry.
_INDICATOR_KEYS = frozenset({"name", "unit", "baseline", "target", "value"})
# The record's keys that do not name a field of the form's own.
_PROGRESS_KEYS = {"id": "record_id", "actual_end": "closed_on", "name": "indicators", "unit": "indicators",
                  "baseline": "indicators", "target": "indicators", "value": "indicators"}


def form_words(form: Form) -> dict[str, str]:
    """The question (or questions) each key of a record is answered by."""
    words: dict[str, list[str]] = {}
    # A standard indicator's own question answers its entry alone (_question_at).
    for question in (question for question in form.questions if question.indicator is None):
        for key in {question.field, question.field.rpartition(".")[2]}:
            words.setdefault(key, []).append(question.label)
    for key, field in _PROGRESS_KEYS.items():
        if key not in words and field in words:
            words[key] = words[field]
    return {key: " / ".join(dict.fromkeys(labels)) for key, labels in words.items()}


def in_form_words(message: str, words: Mapping[str, str]) -> str:
    """A message with the record's field names (planned_end) said as the form's questions."""
    for key in sorted((key for key in words if "_" in key), key=len, reverse=True):
        message = re.sub(rf"\b{re.escape(key)}\b", f"“{words[key]}”", message)
    return message


def problems_in_record(diagnostics: Iterable[Diagnostic], text: str, form: Form) -> list[Problem]:
    """Validation's findings on the record the answers made, each named by the
    question whose answer is on the line it points at."""
    words = form_words(form)
    standard = {question.indicator: question.label for question in form.questions if question.indicator}
    lines = text.splitlines()
    problems = []
    for diagnostic in diagnostics:
        label = _question_at(lines, diagnostic.line, words, standard)
        hint = f" ({in_form_words(diagnostic.hint, words)})" if diagnostic.hint else ""
        message = in_form_words(diagnostic.message, words) + hint
        problems.append(Problem(label, f"{message} [{diagnostic.code}]"))
    return problems


def _question_at(lines: list[str], line: int, words: Mapping[str, str], standard: Mapping[str, str]) -> str | None:
    """The question of the nearest key at or above ``line`` that one answers; in
    an indicator of an entry, the question of its standard indicator, if one asks
    for it."""
    for number in range(min(line, len(lines)), 0, -1):
        key = re.match(r"^(\s*)(-\s+)?([A-Za-z_]+)\s*:\s*(.*?)\s*$", lines[number - 1])
        if not key:
            continue
        indent, item, name, value = key.groups()
        if indent and name == "id":  # an indicator's id; the record's own id is not indented
            return standard.get(value, words.get("indicators"))
        if indent and not item and name in _INDICATOR_KEYS:
            continue  # the indicator's first line says which it is
        if name in words:
            return words[name]
    return None
