"""Rules on a record's indicator values, against the catalogue of standard
indicators (data/reference/indicators.yaml; docs/indicators.md).

An unknown id is told where the record's codes are (I801, apec_tracker.domain.codes):
a record holding one is no record. These rules see records that are, and judge
what their figures say: whether they could add up with other activities'.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from apec_tracker.checks.registry import Finding, RuleContext, record_rule
from apec_tracker.domain.framework import Direction, Framework, StandardIndicator, plain_number
from apec_tracker.domain.record import Indicator, Progress
from apec_tracker.domain.standing import last_year
from apec_tracker.reading.records import LoadedRecord

FIGURES = ("baseline", "target", "value")


def _at(record: LoadedRecord, entry: int, item: int, field: str, code: str, message: str,
        hint: str | None = None) -> Finding:
    return Finding(record.file.path, ("progress", entry, "indicators", item, field), code, message, hint)


@record_rule
def indicators_named_in_the_catalogue(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    """I802: an indicator of the activity's own; I808: one indicator twice in an entry."""
    framework = context.framework
    for e, entry in enumerate(record.activity.progress):
        seen: set[str] = set()
        for k, indicator in enumerate(entry.indicators):
            field = "id" if indicator.id is not None else "name"
            if indicator.key in seen:
                yield _at(record, e, k, field, "I808", f"the indicator {indicator.key!r} is listed twice in the "
                          f"{entry.year} entry", "list each indicator once in an entry, with its figures")
            seen.add(indicator.key)
            if indicator.id is None and indicator.name is not None:
                yield _at(record, e, k, "name", "I802", f"the indicator {indicator.name!r} is not a standard "
                          "indicator: its values cannot be added up with other activities'",
                          _free_text_hint(framework, indicator.name))


def _free_text_hint(framework: Framework, name: str) -> str:
    named = framework.standard_indicator_named(name)
    if named is None:
        names = {item.name.casefold(): item for item in framework.indicators.values()}
        close = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.75)
        named = names[close[0]] if close else None
    if named is not None:
        return f"if it is the standard indicator {named.name!r}, write `id: {named.id}` in place of `name:`"
    return ("if a standard indicator of data/reference/indicators.yaml fits, give its `id:`; "
            "otherwise keep the name (`tracker validate --strict` refuses it)")


@record_rule
def indicator_figures_make_sense(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    """I803 bounds, I804 unit, I805 parts and wholes, I806 direction: against the catalogue."""
    catalogue = context.framework.indicators
    for e, entry in enumerate(record.activity.progress):
        for k, indicator in enumerate(entry.indicators):
            standard = catalogue.get(indicator.id) if indicator.id is not None else None
            if standard is None:
                continue
            if indicator.unit is not None and indicator.unit != standard.unit.value:
                yield _at(record, e, k, "unit", "I804", f"the unit {indicator.unit!r} differs from "
                          f"{standard.id}'s unit, {standard.unit}",
                          f"write `unit: {standard.unit}`, or leave unit out: a standard indicator's unit "
                          "comes from the catalogue")
            for field in FIGURES:
                figure: float | None = getattr(indicator, field)
                problem = standard.problem_with(figure) if figure is not None else None
                if figure is not None and problem is not None:
                    yield _at(record, e, k, field, "I803", f"the {field} of {standard.id}, {plain_number(figure)}, "
                              f"is {problem}", f"{standard.name} ({standard.unit}) takes values {standard.bounds}")
            yield from _direction(record, e, k, indicator, standard)
            yield from _parts(record, e, k, indicator, standard, entry)


def _direction(record: LoadedRecord, e: int, k: int, indicator: Indicator,
               standard: StandardIndicator) -> Iterator[Finding]:
    baseline, target = indicator.baseline, indicator.target
    if baseline is None or target is None:
        return
    increase = standard.direction is Direction.INCREASE
    if (increase and target < baseline) or (not increase and target > baseline):
        side = "below" if increase else "above"
        yield _at(record, e, k, "target", "I806", f"the target of {standard.id}, {plain_number(target)}, is {side} "
                  f"its baseline, {plain_number(baseline)}, but {standard.id} should {standard.direction}",
                  "check the two figures: the target is where the activity means to get to from the baseline")


def _parts(record: LoadedRecord, e: int, k: int, indicator: Indicator, standard: StandardIndicator,
           entry: Progress) -> Iterator[Finding]:
    if standard.part_of is None:
        return
    whole = next((item for item in entry.indicators if item.id == standard.part_of), None)
    if whole is None:
        return
    for field in FIGURES:
        part_figure, whole_figure = getattr(indicator, field), getattr(whole, field)
        if part_figure is not None and whole_figure is not None and part_figure > whole_figure:
            yield _at(record, e, k, field, "I805", f"the {field} of {standard.id}, {plain_number(part_figure)}, is "
                      f"more than the {field} of {standard.part_of}, {plain_number(whole_figure)}, which it is "
                      "part of", f"{standard.id} counts some of the {standard.unit} {standard.part_of} counts: "
                      "one of the two figures is wrong")


@record_rule
def values_while_the_activity_ran(record: LoadedRecord, context: RuleContext) -> Iterator[Finding]:
    """I807: a value for a year after the activity ended, as its standing tells
    it (apec_tracker.domain.standing.last_year). A record with an actual end
    is told of any entry after it already (R508)."""
    activity = record.activity
    ended = last_year(activity)
    if ended is None or activity.actual_end is not None:
        return
    for e, entry in enumerate(activity.progress):
        if entry.year <= ended:
            continue
        for k, indicator in enumerate(entry.indicators):
            if indicator.value is not None:
                yield _at(record, e, k, "value", "I807", f"a value of {indicator.key} is reported for {entry.year}, "
                          f"after the activity ended in {ended}",
                          "a value after the end belongs to the year the work was done; or, if the activity went "
                          "on, correct its status and the entry that says it ended")
