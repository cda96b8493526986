"""What a person types, read as record values.

The prompts of `tracker add-activity` and `tracker progress` and their options
read answers through the same functions, so a code refused at a prompt is
refused as an option too, with the same explanation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from apec_tracker.domain import record
from apec_tracker.domain.framework import CodeList, Framework, did_you_mean
from apec_tracker.domain.record import PROJECT_NUMBER, Level, Role, Status


class AnswerError(ValueError):
    """An answer that cannot be used, with what to type instead."""

    def __init__(self, message: str, *, suggested: bool = False):
        super().__init__(message)
        self.suggested = suggested  # the message says which answer was probably meant


Reader = Callable[[str, Framework], Any]


def split_list(text: str) -> list[str]:
    """Items separated by commas, or by spaces when there is no comma."""
    separator = r"\s*,\s*" if "," in text else r"\s+"
    return [part for part in re.split(separator, text.strip()) if part]


def text(answer: str, framework: Framework) -> str:
    value = answer.strip()
    if not value:
        raise AnswerError("this cannot be empty")
    return value


def _code(kind: CodeList) -> Reader:
    """A reader of one code of ``kind``: the code, its name or an alias (the
    reference data's vocabulary, which validation's hints use too)."""

    def read(answer: str, framework: Framework) -> str:
        wanted = answer.strip()
        code = framework.lookup(kind, wanted)
        if code is None:
            raise AnswerError(f"{wanted!r} is not {framework.describe(kind, wanted)}: {framework.hint(kind, wanted)}",
                              suggested=framework.suggestion(kind, wanted) is not None)
        return code

    return read


economy = _code(CodeList.ECONOMY)
forum = _code(CodeList.FORUM)
body = _code(CodeList.BODY)
reporter = _code(CodeList.REPORTER)
partner = _code(CodeList.PARTNER)
activity_type = _code(CodeList.ACTIVITY_TYPE)
target_group = _code(CodeList.TARGET_GROUP)
aider_area = _code(CodeList.AIDER_AREA)


def level(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    levels = [item.value for item in Level]
    if wanted.lower() in levels:
        return wanted.lower()
    meant = did_you_mean(wanted, levels)
    hint = f"did you mean {meant}?" if meant else "one of " + ", ".join(levels)
    raise AnswerError(f"{wanted!r} is not a level: {hint}")


def status(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    if wanted.lower() in {s.value for s in Status}:
        return wanted.lower()
    meant = record.status_meant(wanted)
    hint = f"did you mean {meant.value}?" if meant else "one of " + ", ".join(s.value for s in Status)
    raise AnswerError(f"{wanted!r} is not a status: {hint}")


def calendar_date(answer: str, framework: Framework) -> date:
    try:
        return record.calendar_date(answer.strip())
    except record.NotADate as problem:
        meant = f" (did you mean {problem.suggestion.isoformat()}?)" if problem.suggestion else ""
        raise AnswerError(problem.message + meant) from None


def year(answer: str, framework: Framework) -> int:
    wanted = answer.strip()
    period = framework.period
    if not wanted.isdigit() or not period.baseline <= int(wanted) <= period.end:
        raise AnswerError(f"{wanted!r} is not a reporting year: {period.baseline}–{period.end}")
    return int(wanted)


def project_number(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    if not re.match(PROJECT_NUMBER, wanted):
        raise AnswerError(f"{wanted!r} is not an APEC project number: write it as 'HRDWG_204_2023A', "
                          "'PPSTI 02 2020A' or a concept note 'CN_HRDWG_207_2023'")
    return wanted


def amount(answer: str, framework: Framework) -> float:
    wanted = answer.strip().replace(",", "").removeprefix("$").removeprefix("USD").strip()
    try:
        value = float(wanted)
    except ValueError:
        raise AnswerError(f"{answer.strip()!r} is not an amount in US dollars, such as 120000") from None
    if not value >= 0 or value == float("inf"):
        raise AnswerError(f"{answer.strip()!r} is not an amount in US dollars, such as 120000")
    return value


def number(answer: str, framework: Framework) -> float:
    try:
        value = float(answer.strip().replace(",", ""))
    except ValueError:
        raise AnswerError(f"{answer.strip()!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(f"{answer.strip()!r} is not a number")
    return value


def indicator(answer: str, framework: Framework) -> tuple[str, float]:
    """``officials trained=120``: an indicator's name and its value."""
    name, equals, value = answer.rpartition("=")
    if not equals or not name.strip():
        raise AnswerError(f"{answer.strip()!r} is not NAME=VALUE, e.g. 'officials trained=120'")
    return name.strip(), number(value, framework)


def url(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    if not re.match(r"^https?://\S+$", wanted):
        raise AnswerError(f"{wanted!r} is not a web address starting with https:// or http://")
    return wanted


def urls(answer: str, framework: Framework) -> list[str]:
    """Web addresses separated by spaces, line breaks or commas. A comma inside
    an address (``.../view?ids=1,2``) stays in it: only a comma before a space
    or before the next ``http`` separates. Every address that cannot be used
    is said, not only the first."""
    values: list[str] = []
    problems: list[str] = []
    for part in re.split(r",?\s+|,(?=https?://)", answer.strip()):
        if part:
            try:
                value = url(part.removesuffix(","), framework)
            except AnswerError as error:
                problems.append(str(error))
                continue
            if value not in values:
                values.append(value)
    if problems:
        raise AnswerError("; ".join(problems))
    return values


def record_id(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    if not re.match(r"^[a-z0-9][a-z0-9-]{2,99}$", wanted):
        raise AnswerError(f"{wanted!r} is not a record id (lower-case letters, digits and hyphens)")
    return wanted


def actions(answer: str, framework: Framework) -> list[dict[str, str]]:
    """``B.iii, A.ii``: the first is principal, the others significant; a role
    may be given after a colon (``A.ii:principal``)."""
    links: list[dict[str, str]] = []
    problems: list[str] = []
    for part in split_list(answer):
        code_text, _, role_text = part.partition(":")
        try:
            code = _action_code(code_text, framework)
        except AnswerError as error:
            problems.append(str(error))
            continue
        if role_text:
            if role_text.lower() not in {r.value for r in Role}:
                meant = did_you_mean(role_text, [r.value for r in Role])
                problems.append(f"{role_text!r} is not a role: "
                                + (f"did you mean {meant}?" if meant else "principal or significant"))
                continue
            role = role_text.lower()
        else:
            role = Role.PRINCIPAL.value if not links else Role.SIGNIFICANT.value
        if any(link["code"] == code for link in links):
            problems.append(f"{code} is listed twice")
            continue
        links.append({"code": code, "role": role})
    if problems:
        raise AnswerError("; ".join(problems))
    if not links:
        raise AnswerError("at least one action is needed")
    return links


def _action_code(answer: str, framework: Framework) -> str:
    code = framework.lookup(CodeList.ACTION, answer)
    if code is None:
        raise AnswerError(f"{answer.strip()!r} is not {framework.describe(CodeList.ACTION, answer)}: "
                          f"{framework.action_hint(answer.strip())}")
    return code


def many(read: Reader) -> Callable[[str, Framework], list[Any]]:
    """A reader for a list: items separated by commas or spaces, each read by
    ``read``; every item that cannot be used is said, not only the first."""

    def read_all(answer: str, framework: Framework) -> list[Any]:
        whole: AnswerError | None = None
        if "," not in answer and answer.strip():
            try:  # one item whose name has spaces: Viet Nam, New Zealand
                return [read(answer, framework)]
            except AnswerError as error:
                whole = error
        try:
            return _each(answer, framework)
        except AnswerError:
            # "Sth Korea" is one name mistyped, not two items: say what it may be.
            if whole is not None and whole.suggested:
                raise whole from None
            raise

    def _each(answer: str, framework: Framework) -> list[Any]:
        values: list[Any] = []
        problems: list[str] = []
        for part in split_list(answer):
            try:
                value = read(part, framework)
            except AnswerError as error:
                problems.append(str(error))
                continue
            if value not in values:
                values.append(value)
        if problems:
            raise AnswerError("; ".join(problems))
        return values

    return read_all


def read_all(read: Reader, answers: Iterable[str], framework: Framework) -> Any:
    """Options given several times (``--action B.iii --action A.ii``) as one answer."""
    return read(", ".join(answers), framework)
