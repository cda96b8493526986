"""What a person types, read as record values.

The prompts of `tracker add-activity` and `tracker progress` and their options
read answers through the same functions, so a code refused at a prompt is
refused as an option too, with the same explanation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from apec_tracker.domain import record
from apec_tracker.domain.framework import INDICATOR_ID, CodeList, Framework, did_you_mean
from apec_tracker.domain.record import PROJECT_NUMBER, Level, Role, Status

T = TypeVar("T")


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
    if not wanted.isdigit():
        raise AnswerError(f"{wanted!r} is not a year: write it in four digits, e.g. {period.start}")
    refused = period.not_a_year(int(wanted), baseline=True)
    if refused is not None:
        raise AnswerError(refused)
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


@dataclass(frozen=True)
class IndicatorChoice:
    """An indicator as a person names it: a standard one (its id), or one of the
    activity's own (a name)."""

    id: str | None
    name: str | None

    @property
    def key(self) -> str:
        return self.id if self.id is not None else str(self.name)


def indicator_in(own: Iterable[str]) -> Reader:
    """A reader of an indicator for a record whose entries already name the
    indicators ``own`` of the activity's own: a name among them means that
    one, even where a standard indicator has the same name."""
    folded = {name.casefold(): name for name in own}

    def read(answer: str, framework: Framework) -> IndicatorChoice:
        same = folded.get(" ".join(answer.split()).casefold())
        return IndicatorChoice(None, same) if same is not None else indicator(answer, framework)

    return read


def indicator(answer: str, framework: Framework) -> IndicatorChoice:
    """A standard indicator by its id or its name ("participants-trained",
    "Participants trained"); other words name an indicator of the activity's own.
    What looks like a misspelt id is refused, with the id meant."""
    wanted = " ".join(answer.split())
    if not wanted:
        raise AnswerError("this cannot be empty")
    if wanted in framework.indicators:
        return IndicatorChoice(wanted, None)
    named = framework.standard_indicator_named(wanted)
    if named is not None:
        return IndicatorChoice(named.id, None)
    if "-" in wanted and re.match(INDICATOR_ID, wanted):
        close = difflib.get_close_matches(wanted, list(framework.indicators), n=1, cutoff=0.75)
        if close:
            raise AnswerError(f"{wanted!r} is not a standard indicator: did you mean {close[0]}? (an indicator "
                              "of the activity's own is written in words, such as 'pilot sites')")
    return IndicatorChoice(None, wanted)


def indicator_value(choice: IndicatorChoice) -> Reader:
    """A reader of a value of ``choice``: a number within the standard
    indicator's bounds (any number for one of the activity's own)."""

    def read(answer: str, framework: Framework) -> float:
        value = number(answer, framework)
        standard = framework.indicators.get(choice.id) if choice.id is not None else None
        problem = standard.problem_with(value) if standard is not None else None
        if standard is not None and problem is not None:
            raise AnswerError(f"{answer.strip()} is {problem}: {standard.id} takes values {standard.bounds}")
        return value

    return read


@dataclass(frozen=True)
class IndicatorAnswer:
    """An indicator and its value in the year, as a person gives them together."""

    choice: IndicatorChoice
    value: float


def indicator_answer_in(own: Iterable[str]) -> Reader:
    """A reader of ``ID=VALUE`` (``participants-trained=120``, a standard
    indicator) or ``NAME=VALUE`` (``pilot sites=3``, one of the activity's own)
    for a record whose entries already name the indicators ``own`` of its own."""
    which = indicator_in(own)

    def read(answer: str, framework: Framework) -> IndicatorAnswer:
        key, equals, value = answer.rpartition("=")
        if not equals or not key.strip():
            raise AnswerError(f"{answer.strip()!r} is not ID=VALUE (a standard indicator's id, or the name of one "
                              "of the activity's own), e.g. 'officials-trained=120'")
        choice = which(key, framework)
        return IndicatorAnswer(choice, indicator_value(choice)(value, framework))

    return read


def indicator_answer(answer: str, framework: Framework) -> IndicatorAnswer:
    """``participants-trained=120`` or ``pilot sites=3``, the record unknown."""
    answer_in: Callable[[str, Framework], IndicatorAnswer] = indicator_answer_in(())
    return answer_in(answer, framework)



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
    parts = [part.removesuffix(",") for part in re.split(r",?\s+|,(?=https?://)", answer.strip()) if part]
    return _every(parts, url, framework)


def _every(parts: Iterable[str], read: Callable[[str, Framework], T], framework: Framework) -> list[T]:
    """Each part read, once each, in order; every part that cannot be read is
    said (AnswerError), not only the first."""
    values: list[T] = []
    problems: list[str] = []
    for part in parts:
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
        return _every(split_list(answer), read, framework)

    return read_all


def read_all(read: Reader, answers: Iterable[str], framework: Framework) -> Any:
    """Options given several times (``--action B.iii --action A.ii``) as one answer."""
    return read(", ".join(answers), framework)
