"""Whether a record's data makes a record: the record model (its shape) and the
reference data's codes, with every problem told the way a record's author needs it.

:func:`record_from` is the one judge of a record's data: validation and the
commands that write records both use it; :func:`nil_return_from` is the same
for a nil return.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from apec_tracker.domain.codes import unknown_codes
from apec_tracker.domain.diagnostics import MAX_PER_FILE
from apec_tracker.domain.framework import INDICATOR_ID, CodeList, Framework, did_you_mean
from apec_tracker.domain.nil_return import NilReturn
from apec_tracker.domain.record import PROJECT_NUMBER, RECORD_ID, ActionLink, Activity, status_meant
from apec_tracker.domain.shown import shown

# More problems than a file lists (apec_tracker.domain.diagnostics.capped) need
# not be told: one more than that is enough to say there are more.
_ENOUGH = MAX_PER_FILE + 1
_KEYS_SEARCHED = 500


@dataclass(frozen=True)
class Described:
    code: str
    message: str
    hint: str | None
    at_key: bool  # point at the key (unknown or missing field), not the value
    loc: tuple[str | int, ...] = ()


def record_from(data: Any, framework: Framework) -> tuple[Activity | None, list[Described]]:
    """The activity ``data`` (a record's parsed YAML) makes, or the problems that
    stop it: the model's and the unknown codes together; one more than are
    listed for a file at most (MAX_PER_FILE), since telling each (a did-you-mean
    for each of 100,000 unknown codes) would cost minutes."""
    problems = [Described(code.code, f"{dotted(code.loc)}: {shown(code.value)} is not {code.kind}", code.hint,
                          at_key=False, loc=code.loc) for code in islice(unknown_codes(data, framework), _ENOUGH)]
    try:
        activity = Activity.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        meant = misspelt_fields(errors)
        told = (item for item in errors if not (item["type"] == "missing" and tuple(item["loc"]) in meant.values()))
        problems += [describe(item, meant=meant.get(tuple(item["loc"]))) for item in islice(told, _ENOUGH)]
        return None, problems
    return (None, problems) if problems else (activity, [])


def nil_return_from(data: Any, framework: Framework) -> tuple[NilReturn | None, list[Described]]:
    """The nil return ``data`` (a nil return file's parsed YAML) makes, or every
    problem that stops it."""
    problems: list[Described] = []
    reporter = data.get("reporter") if isinstance(data, dict) else None
    if isinstance(reporter, str) and reporter not in framework.reporters:
        # The words of a record's unknown reporter (apec_tracker.domain.codes).
        problems.append(Described("S404", f"reporter: {shown(reporter)} is not "
                                  f"{framework.describe(CodeList.REPORTER, reporter)}",
                                  framework.hint(CodeList.REPORTER, reporter), at_key=False, loc=("reporter",)))
    try:
        nil_return = NilReturn.model_validate(data)
    except ValidationError as error:
        problems += [_nil_return_problem(describe(item, NilReturn))
                     for item in islice(error.errors(include_url=False), _ENOUGH)]
        return None, problems
    return (None, problems) if problems else (nil_return, [])


def _nil_return_problem(problem: Described) -> Described:
    if problem.loc == ("nothing_to_report",) and problem.code == "S403":
        # pydantic would say "expected True": the file's whole point needs saying.
        return Described("S403", "nothing_to_report: a nil return says there is nothing to report, so this is "
                         "always true", "write `nothing_to_report: true`; if there is something to report, "
                         "delete this file and add the activities instead", at_key=False, loc=problem.loc)
    return problem


def misspelt_fields(errors: list[ErrorDetails]) -> dict[tuple[str | int, ...], tuple[str | int, ...]]:
    """Unknown keys that are a required field misspelt (``titel:`` for ``title:``):
    the unknown key's location -> the missing field's. A misspelling is one
    mistake, told once at the key the author typed, not also as a missing field
    at the start of the mapping."""
    missing: dict[tuple[str | int, ...], list[str]] = {}
    unknown: dict[tuple[str | int, ...], list[str]] = {}
    for item in errors:
        loc = tuple(item["loc"])
        if not loc or not isinstance(loc[-1], str):
            continue
        if item["type"] == "missing":
            missing.setdefault(loc[:-1], []).append(loc[-1])
        elif item["type"] == "extra_forbidden":
            unknown.setdefault(loc[:-1], []).append(loc[-1])
    meant: dict[tuple[str | int, ...], tuple[str | int, ...]] = {}
    for parent, names in missing.items():
        # The first few hundred unknown keys are enough to find a misspelling
        # among: 100,000 of them would cost seconds for each missing field.
        keys = unknown.get(parent, [])[:_KEYS_SEARCHED]
        for name in names:
            # The closest unknown key to each missing field, each key used once.
            close = difflib.get_close_matches(name, [key.strip() for key in keys], n=1, cutoff=0.6)
            if close:
                key = next(key for key in keys if key.strip() == close[0])
                keys.remove(key)
                meant[(*parent, key)] = (*parent, name)
    return meant


def describe(error: ErrorDetails, model: type[BaseModel] = Activity, *,
             meant: tuple[str | int, ...] | None = None) -> Described:
    """One model error told for a record's author; ``meant`` is the required
    field an unknown key stands for, when it is a misspelling of one."""
    loc = tuple(error["loc"])
    where = dotted(loc)
    kind = error["type"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = field_names_at(loc[:-1], model)
        close = [str(meant[-1])] if meant else difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        field_hint = (f"did you mean {close[0]}{', a required field' if meant else ''}?" if close
                      else "fields here: " + ", ".join(known))
        if name != name.strip() and any(char.isspace() and char not in " \t" for char in name):
            # Indentation copied from a document or an e-mail: non-breaking
            # spaces look like spaces but YAML reads them as part of the name.
            field_hint = (f"invisible non-breaking spaces around {name.strip()!r} (copied from a document?): "
                          "delete the indentation and type it again with ordinary spaces")
        return Described("S401", f"unknown field {shown(name)}" + _under(loc[:-1]), field_hint, at_key=True, loc=loc)
    if kind == "invalid_key":
        # YAML 1.2 reads an unquoted true, null or 12 as a value, so such a key
        # is no field name. pydantic's own words ("None: Keys should be
        # strings") name neither the key nor the fix.
        known = field_names_at(loc[:-1], model)
        return Described("S401", f"the key {shown(error.get('input'))} is not a field name" + _under(loc[:-1]),
                         "YAML reads an unquoted true, false, null or number as a value, not a name; fields here: "
                         + ", ".join(known), at_key=True, loc=loc)
    if kind == "missing":
        return Described("S402", f"the required field {str(loc[-1])!r} is missing" + _under(loc[:-1]),
                         None, at_key=True, loc=loc)
    given = error.get("input")
    message, hint = _told(kind, given, context, loc, model)
    return Described("S403", f"{where}: {message}", hint, at_key=False, loc=loc)


def _told(kind: str, given: Any, context: dict[str, Any], loc: tuple[int | str, ...],
          model: type[BaseModel]) -> tuple[str, str | None]:
    """What is wrong with the value ``given`` at ``loc``, and how to put it
    right: every kind of model error a record, a nil return or a reference file
    can produce, in the tool's words, never pydantic's ("Input should be ...")."""
    value = shown(given)
    if kind in ("enum", "literal_error"):
        expected = str(context.get("expected", ""))
        choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip()]
        # The prompts of add-activity and progress suggest with the same functions.
        if given is None:
            return f"found nothing; expected {expected}", "write one of them after the colon"
        choice: str | None = None
        if isinstance(given, str) and loc[-1] == "status":
            meant = status_meant(given)
            choice = meant.value if meant else None
        elif isinstance(given, str | int | float):
            choice = did_you_mean(str(given), choices)
        return f"{value} is not allowed; expected {expected}", f"did you mean {choice}?" if choice else None
    if kind == "string_pattern_mismatch":
        return f"{value} is not in the expected form", _pattern_hint(loc, str(context.get("pattern", "")))
    if kind == "indicator_unnamed":
        return ("an indicator needs an id (a standard indicator) or a name",
                "give `id:` and a standard indicator of data/reference/indicators.yaml, or `name:` for one of "
                "the activity's own")
    if kind == "date_form":
        # The record model's one reading of dates (apec_tracker.domain.dates.calendar_date).
        suggestion = context.get("suggestion")
        return str(context.get("message") or f"expected a date written YYYY-MM-DD, got {value}"), (
            f"write it {suggestion}" if suggestion else "write the date YYYY-MM-DD, e.g. 2026-03-31")
    if kind == "value_error":
        # A check of the reference data's own (apec_tracker.domain.framework): its words are ours.
        return str(context.get("error") or "this is not allowed here"), None
    if kind == "string_type":
        if given is None:
            return "expected text, found nothing", ("write the text after the colon; text that starts with # (a "
                                                    "comment in YAML) must be put in quotes")
        return f"expected text, got {value}", _scalar_hint(kind, given)
    if kind == "string_too_short":
        return "the text is empty", _empty_hint(loc, model)
    if kind == "string_too_long" and isinstance(given, str):
        return (f"{len(given)} characters; at most {context.get('max_length')}",
                "a highlight is one sentence the review's summary quotes; keep the detail in the narrative"
                if loc[-1] == "highlight" else "shorten it")
    if kind == "list_type":
        return f"expected a list, {'found nothing' if given is None else f'got {value}'}", _list_hint(loc, model, given)
    if kind in ("too_short", "too_long"):
        count = context.get("actual_length")
        least, most = context.get("min_length"), context.get("max_length")
        wanted = f"at least {_items(least)}" if kind == "too_short" else f"at most {_items(most)}"
        found = "none" if count == 0 else _items(count)
        return f"expected {wanted}, found {found}", _list_hint(loc, model, None) if kind == "too_short" else None
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        item = _model_at(loc, model)
        what = _WHAT.get(item.__name__, "fields written `name: value`") if item else "fields written `name: value`"
        return f"expected {what}, {'found nothing' if given is None else f'got {value}'}", _fields_hint(item, given)
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "finite_number"):
        number = "a whole number" if kind.startswith("int") else "a number"
        field = _field_at(loc, model)
        optional = ", or leave the field out" if field is not None and not field.is_required() else ""
        if given is None:
            return f"expected {number}, found nothing", f"write the number after the colon{optional}"
        if isinstance(given, bool):
            return f"expected {number}, got {value}", f"true and false are not numbers; write the number{optional}"
        return f"expected {number}, got {value}", _scalar_hint(kind, given)
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {value}", "write true or false, without quotes"
    bounds = {"greater_than_equal": ("ge", "{} or more"), "less_than_equal": ("le", "{} or less"),
              "greater_than": ("gt", "more than {}"), "less_than": ("lt", "less than {}")}
    if kind in bounds:
        name, words = bounds[kind]
        bound = context.get(name)
        limit = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        return f"expected {words.format(limit)}, got {value}", None
    # A kind no record, nil return or reference file is known to produce: said
    # plainly all the same, with the value as written.
    return f"{value} is not allowed here", None


# What a mapping in a record stands for, in its author's words.
_WHAT = {
    "ActionLink": "an action's code and role",
    "Progress": "a progress entry's year, status, narrative and indicators",
    "Indicator": "an indicator's id or name, and its values",
    "Funding": "the funding's source and amounts",
    "NilReturn": "a nil return's fields",
    "Activity": "a record's fields",
    "ReviewStep": "a review step's state, date and document",
    "YearCalendar": "a year's calendar: its year and dates",
}


def _items(count: object) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


def _model_at(loc: tuple[int | str, ...], root: type[BaseModel]) -> type[BaseModel] | None:
    """The model a value at ``loc`` should be (an item of a list of them, or a
    field of one), or None where it is no model."""
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _model_in(model.model_fields[part].annotation)
    return model


def _field_at(loc: tuple[int | str, ...], root: type[BaseModel]) -> Any:
    """The model field (pydantic's FieldInfo) at ``loc``, or None."""
    named = [index for index, part in enumerate(loc) if isinstance(part, str)]
    if not named:
        return None
    parent = _model_at(loc[: named[-1]], root)
    return parent.model_fields.get(str(loc[named[-1]])) if parent is not None else None


def _empty_hint(loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    field = _field_at(loc, model)
    if isinstance(loc[-1], int):
        return "write the item, or delete the empty one"
    hint = "write the text after the colon" + ("" if field is None or field.is_required() else
                                               ", or leave the field out")
    description = str(field.description or "") if field is not None else ""
    return hint + (f" ({description[:1].lower()}{description[1:].rstrip('.')})" if description else "")


def _list_hint(loc: tuple[int | str, ...], model: type[BaseModel], given: object) -> str | None:
    item = _model_at(loc, model)
    below = f"below `{loc[-1]}:`" if isinstance(loc[-1], str) else "below it"
    if item is ActionLink:
        code = given if isinstance(given, str) and re.fullmatch(r"[A-Z]\.[ivx]+", given) else "B.i"
        return (f"write each action on lines of its own {below}: `- code: {code}`, then under `code`, "
                "`role: principal` (or significant)")
    if item is not None:
        fields = [name for name, field in item.model_fields.items() if field.is_required()] or list(item.model_fields)
        return (f"write each item on lines of its own {below}, the first starting with `- `, with its fields: "
                + ", ".join(fields))
    if isinstance(given, str | int | float | bool) and given != "":
        # `co_sponsors: ROK, VN` reads as one piece of text; the brackets make it a list.
        return f"write a list in square brackets, e.g. [{shown(given).strip(chr(39))}], even for one item"
    return "write a list in square brackets, e.g. [ROK, VN], or leave the field out"


def _fields_hint(item: type[BaseModel] | None, given: object) -> str:
    if item is ActionLink:
        code = given if isinstance(given, str) and re.fullmatch(r"[A-Z]\.[ivx]+", given) else "B.i"
        return f"write `- code: {code}`, then on the next line, under `code`, `role: principal` (or significant)"
    if item is None:
        return "write the fields under it, one `name: value` a line"
    return "write the fields under it, one `name: value` a line: " + ", ".join(item.model_fields)


def _scalar_hint(kind: str, given: object) -> str | None:
    # YAML reads unquoted 012, 1e3 or true as a number or a boolean; say so,
    # since the author wrote text and sees no number.
    if kind == "string_type" and isinstance(given, bool | int | float):
        what = "a boolean" if isinstance(given, bool) else "a number"
        return f"YAML reads this value as {what} ({shown(given)}); put it in quotes to keep it as text"
    if kind == "string_type" and isinstance(given, list | dict):
        return "YAML reads [ ] as a list and { } as fields; to keep this as text, put all of it in quotes"
    if kind.startswith(("int", "float")) and isinstance(given, str):
        # '2026' in quotes, '120 people', '$50,000': the number is there, with something around it.
        digits = re.sub(r"[^0-9.\-]", "", given)
        if re.fullmatch(r"-?\d+(\.\d+)?", digits):
            return f"write the number alone, without quotes, unit, currency sign or thousands separator: {digits}"
        return None
    if kind.startswith("int") and isinstance(given, float):
        return "write a whole number, without decimals"
    return None


_PATTERN_HINTS = {
    RECORD_ID: "lower-case letters, digits and hyphens, 3 to 100 characters, e.g. jpn-2026-ai-skills-forum",
    PROJECT_NUMBER: "APEC project numbers look like HRDWG_204_2023A, PPSTI 02 2020A or CN_HRDWG_207_2023",
    r"^https?://\S+$": "a full address starting with https://",
    r"^\S+$": "a code is one word, without spaces",
    INDICATOR_ID: "lower-case words joined by hyphens, e.g. participants-trained",
    r"^[^\s-][^\s]*$": "a git branch name: no spaces, and not starting with -",
}


def _pattern_hint(loc: tuple[int | str, ...], pattern: str) -> str | None:
    named = [part for part in loc if isinstance(part, str)]
    if named and named[-1] == "shares_project_with":
        return "list record ids, e.g. per-2023-qualifications-frameworks-workshop"
    if named and named[-1] == "owners":
        return "a GitHub user (@name), team (@org/team) or e-mail address"
    return _PATTERN_HINTS.get(pattern)


def _under(parent: tuple[int | str, ...]) -> str:
    return f" in {dotted(parent)}" if parent else ""


def dotted(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "record"


def field_names_at(loc: tuple[int | str, ...], root: type[BaseModel] = Activity) -> list[str]:
    """The fields the model allows at ``loc``, for did-you-mean hints."""
    model: type[BaseModel] | None = root
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return []
        annotation = model.model_fields[part].annotation
        model = _model_in(annotation)
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
