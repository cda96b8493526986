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
from apec_tracker.domain.framework import CodeList, Framework, did_you_mean
from apec_tracker.domain.nil_return import NilReturn
from apec_tracker.domain.record import Activity, status_meant

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
    problems = [Described(code.code, f"{dotted(code.loc)}: {code.value!r} is not {code.kind}", code.hint, at_key=False,
                          loc=code.loc) for code in islice(unknown_codes(data, framework), _ENOUGH)]
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
        problems.append(Described("S404", f"reporter: {reporter!r} is not "
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
        return Described("S401", f"unknown field {name!r}" + _under(loc[:-1]), field_hint, at_key=True, loc=loc)
    if kind == "invalid_key":
        # YAML 1.2 reads an unquoted true, null or 12 as a value, so such a key
        # is no field name. pydantic's own words ("None: Keys should be
        # strings") name neither the key nor the fix.
        given = error.get("input")
        shown = "null" if given is None else str(given).lower() if isinstance(given, bool) else repr(given)
        known = field_names_at(loc[:-1], model)
        return Described("S401", f"the key {shown} is not a field name" + _under(loc[:-1]),
                         "YAML reads an unquoted true, false, null or number as a value, not a name; fields here: "
                         + ", ".join(known), at_key=True, loc=loc)
    if kind == "missing":
        return Described("S402", f"the required field {str(loc[-1])!r} is missing" + _under(loc[:-1]),
                         None, at_key=True, loc=loc)
    message = error["msg"]
    if kind in ("enum", "literal_error"):
        expected = str(context.get("expected", ""))
        given = error.get("input")
        choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip()]
        # The prompts of add-activity and progress suggest with the same functions.
        if given is None:
            choice = None
        elif loc[-1] == "status":
            found = status_meant(str(given))
            choice = found.value if found else None
        else:
            choice = did_you_mean(str(given), choices)
        hint = f"did you mean {choice}?" if choice else None
        return Described("S403", f"{where}: {given!r} is not allowed; expected {expected}", hint, at_key=False, loc=loc)
    if kind == "string_pattern_mismatch":
        return Described(
            "S403", f"{where}: {error.get('input')!r} is not in the expected form", _pattern_hint(loc), at_key=False,
            loc=loc,
        )
    if kind == "indicator_unnamed":
        return Described("S403", f"{where}: {message}", "give `id:` and a standard indicator of "
                         "data/reference/indicators.yaml, or `name:` for one of the activity's own",
                         at_key=False, loc=loc)
    given = error.get("input")
    if kind == "date_form":
        # The record model's one reading of dates (apec_tracker.domain.record.calendar_date).
        suggestion = context.get("suggestion")
        hint = f"write it {suggestion}" if suggestion else None
        return Described("S403", f"{where}: {message}", hint, at_key=False, loc=loc)
    if kind == "list_type":
        message = f"expected a list, got {given!r}"
    elif kind in ("int_type", "float_type") and isinstance(given, str):
        message = f"expected {'a whole number' if kind == 'int_type' else 'a number'}, got {given!r}"
    elif kind == "string_type" and given is None:
        message = "expected text, found nothing"
    elif kind == "string_too_long" and isinstance(given, str):
        message = f"{len(given)} characters; at most {context.get('max_length')}"
    return Described("S403", f"{where}: {message}", _scalar_hint(kind, given), at_key=False, loc=loc)


def _scalar_hint(kind: str, given: object) -> str | None:
    # YAML reads unquoted 012, 1e3 or true as a number or a boolean; say so,
    # since the author wrote text and sees no number.
    if kind == "string_type" and isinstance(given, bool | int | float):
        what = "a boolean" if isinstance(given, bool) else "a number"
        return f"YAML reads this value as {what} ({given!r}); put it in quotes to keep it as text"
    if kind == "float_type" and isinstance(given, bool):
        return "true and false are not numbers; write the number, or leave the field out"
    if kind in ("int_type", "float_type") and isinstance(given, str):
        # '2026' in quotes, '120 people', '$50,000': the number is there, with something around it.
        digits = re.sub(r"[^0-9.\-]", "", given)
        if re.fullmatch(r"-?\d+(\.\d+)?", digits):
            return f"write the number alone, without quotes, unit, currency sign or thousands separator: {digits}"
        return None
    if kind == "string_type" and given is None:
        return "write the text after the colon; text that starts with # (a comment in YAML) must be put in quotes"
    if kind == "string_too_long":
        return "a highlight is one sentence the review's summary quotes; keep the detail in the narrative"
    if kind == "list_type" and isinstance(given, str | int | float | bool):
        # `co_sponsors: ROK, VN` reads as one piece of text; the brackets make it a list.
        return f"write a list in square brackets, e.g. [{given}], even for one item"
    return None


def _pattern_hint(loc: tuple[int | str, ...]) -> str | None:
    named = [part for part in loc if isinstance(part, str)]
    last = named[-1] if named else ""
    return {
        "id": "lower-case letters, digits and hyphens, 3 to 100 characters, e.g. jpn-2026-ai-skills-forum",
        "apec_project": "APEC project numbers look like HRDWG_204_2023A, PPSTI 02 2020A or CN_HRDWG_207_2023",
        "shares_project_with": "list record ids, e.g. per-2023-qualifications-frameworks-workshop",
        "links": "a full address starting with https://",
        "sources": "a full address starting with https://",
    }.get(last)


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
