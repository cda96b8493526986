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
from typing import Any

from apec_tracker.domain.framework import INDICATOR_ID, Framework
from apec_tracker.domain.record import PROJECT_NUMBER, Level, Role, Status


class AnswerError(ValueError):
    """An answer that cannot be used, with what to type instead."""


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


def economy(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    folded = wanted.casefold()
    for item in framework.economies.values():
        if folded in (name.casefold() for name in (item.code, item.name, *item.aliases)):
            return item.code
    raise AnswerError(f"{wanted!r} is not an economy code: {framework.economy_hint(wanted)}")


def forum(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    folded = wanted.casefold()
    for item in framework.fora.values():
        if folded in (item.code.casefold(), item.name.casefold()):
            return item.code
    raise AnswerError(f"{wanted!r} is not an APEC forum code: {framework.forum_hint(wanted)}")


def body(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    folded = wanted.casefold()
    for item in framework.bodies.values():
        if folded in (item.code.casefold(), item.name.casefold()):
            return item.code
    raise AnswerError(f"{wanted!r} is not an APEC body code: {framework.body_hint(wanted)}")


def reporter(answer: str, framework: Framework) -> str:
    for read in (economy, forum, body):
        try:
            return read(answer, framework)
        except AnswerError:
            pass
    raise AnswerError(f"{answer.strip()!r} is not an economy, APEC forum or body code: "
                      f"{framework.reporter_hint(answer.strip())}")


def level(answer: str, framework: Framework) -> str:
    wanted = answer.strip().lower()
    if wanted in {item.value for item in Level}:
        return wanted
    raise AnswerError(f"{answer.strip()!r} is not a level: one of {', '.join(item.value for item in Level)}")


def partner(answer: str, framework: Framework) -> str:
    wanted = answer.strip()
    for code in framework.partners:
        if wanted.casefold() == code.casefold():
            return code
    raise AnswerError(f"{wanted!r} is not a partner code: {framework.partner_hint(wanted)}")


def _term(kind: str, terms: Callable[[Framework], dict[str, Any]]) -> Reader:
    def read(answer: str, framework: Framework) -> str:
        wanted = answer.strip()
        folded = wanted.casefold()
        known = terms(framework)
        for code, term in known.items():
            # The prompt lists each code beside its name; either is understood.
            name = term.name.casefold()
            if folded in (code.casefold(), name, name.removeprefix("the ")):
                return code
        raise AnswerError(f"{wanted!r} is not {kind}: {framework.term_hint(wanted, known)}")

    return read


activity_type = _term("an activity type", lambda f: f.activity_types)
target_group = _term("a target group", lambda f: f.target_groups)
aider_area = _term("an AIDER focus area", lambda f: f.aider_focus_areas)


def status(answer: str, framework: Framework) -> str:
    wanted = answer.strip().lower()
    if wanted in {s.value for s in Status}:
        return wanted
    raise AnswerError(f"{answer.strip()!r} is not a status: one of {', '.join(s.value for s in Status)}")


def calendar_date(answer: str, framework: Framework) -> date:
    try:
        return date.fromisoformat(answer.strip())
    except ValueError:
        raise AnswerError(f"{answer.strip()!r} is not a date written YYYY-MM-DD, such as 2026-03-01") from None


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
    or before the next ``http`` separates."""
    values: list[str] = []
    for part in re.split(r",?\s+|,(?=https?://)", answer.strip()):
        if part:
            value = url(part.removesuffix(","), framework)
            if value not in values:
                values.append(value)
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
    for part in split_list(answer):
        code_text, _, role_text = part.partition(":")
        code = _action_code(code_text, framework)
        if role_text:
            if role_text.lower() not in {r.value for r in Role}:
                raise AnswerError(f"{role_text!r} is not a role: principal or significant")
            role = role_text.lower()
        else:
            role = Role.PRINCIPAL.value if not links else Role.SIGNIFICANT.value
        if any(link["code"] == code for link in links):
            raise AnswerError(f"{code} is listed twice")
        links.append({"code": code, "role": role})
    if not links:
        raise AnswerError("at least one action is needed")
    return links


def _action_code(answer: str, framework: Framework) -> str:
    goal, _, numeral = answer.strip().partition(".")
    code = f"{goal.upper()}.{numeral.lower()}"
    if code in framework.actions:
        return code
    raise AnswerError(f"{answer.strip()!r} is not an action of the Initiative: {framework.action_hint(answer)}")


def many(read: Reader) -> Callable[[str, Framework], list[Any]]:
    """A reader for a list: items separated by commas or spaces, each read by ``read``."""

    def read_all(answer: str, framework: Framework) -> list[Any]:
        if "," not in answer and answer.strip():
            try:  # one item whose name has spaces: Viet Nam, New Zealand
                return [read(answer, framework)]
            except AnswerError:
                pass
        values: list[Any] = []
        for part in split_list(answer):
            value = read(part, framework)
            if value not in values:
                values.append(value)
        return values

    return read_all


def read_all(read: Reader, answers: Iterable[str], framework: Framework) -> Any:
    """Options given several times (``--action B.iii --action A.ii``) as one answer."""
    return read(", ".join(answers), framework)
