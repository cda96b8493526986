"""Laws of the year diff, over generated records (Hypothesis)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from apec_tracker.domain.record import Activity, Role, Status
from apec_tracker.reading.reference import load_framework
from apec_tracker.reporting.year_diff import YearDiff, diff_years
from tests.conftest import REFERENCE

FRAMEWORK = load_framework(REFERENCE)

YEARS = st.integers(min_value=2025, max_value=2030)
ACTIONS = ["A.i", "A.ii", "B.i", "B.iii", "C.ii"]


@st.composite
def activities(draw: st.DrawFn, record_id: str) -> Activity:
    entries: list[dict[str, Any]] = []
    for year in sorted(draw(st.sets(YEARS, max_size=4))):
        names = draw(st.sets(st.sampled_from(["trained", "events", "tools"]), max_size=2))
        entries.append({
            "year": year,
            "status": draw(st.sampled_from(list(Status))).value,
            "narrative": "n",
            "indicators": [{"name": name, "target": draw(st.none() | st.integers(0, 50)),
                            "value": draw(st.none() | st.integers(0, 50))} for name in sorted(names)],
        })
    codes = draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3, unique=True))
    start = draw(st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    return Activity.model_validate({
        "id": record_id, "title": record_id, "summary": "s",
        "reporter": draw(st.sampled_from(["JPN", "ROK", "VN", "PPSTI"])),
        "actions": [{"code": code, "role": draw(st.sampled_from(list(Role))).value} for code in codes],
        "activity_type": "workshop", "status": draw(st.sampled_from(list(Status))).value,
        "planned_start": start, "progress": entries,
    })


@st.composite
def record_sets(draw: st.DrawFn) -> list[Activity]:
    ids = draw(st.sets(st.sampled_from([f"act-{n}" for n in range(8)]), max_size=6))
    return [draw(activities(record_id)) for record_id in sorted(ids)]


@settings(max_examples=200, deadline=None)
@given(record_sets(), YEARS)
def test_a_year_against_itself_is_empty(records: list[Activity], year: int) -> None:
    assert diff_years(records, records, year, year, framework=FRAMEWORK).is_empty


def _status_changes(diff: YearDiff, *, reverse: bool = False) -> set[tuple[str, Status, Status]]:
    return {(c.activity.id, c.after, c.before) if reverse else (c.activity.id, c.before, c.after)
            for c in diff.status_changes}


@settings(max_examples=200, deadline=None)
@given(record_sets(), record_sets(), YEARS, YEARS)
def test_swapping_the_years_reverses_the_changes(before: list[Activity], after: list[Activity],
                                                from_year: int, to_year: int) -> None:
    forward = diff_years(before, after, from_year, to_year, framework=FRAMEWORK)
    backward = diff_years(after, before, to_year, from_year, framework=FRAMEWORK)
    assert forward.newly_covered == backward.no_longer_covered
    assert forward.no_longer_covered == backward.newly_covered
    assert forward.reporters_only_after == backward.reporters_only_before
    assert forward.reporters_only_before == backward.reporters_only_after
    assert _status_changes(forward) == _status_changes(backward, reverse=True)
    assert {(c.activity.id, c.added, c.removed) for c in forward.action_changes} == {
        (c.activity.id, c.removed, c.added) for c in backward.action_changes}
    moved_both_ways = {(m.activity.id, m.name, m.before, m.after) for m in forward.indicators if m.before is not None}
    assert moved_both_ways == {(m.activity.id, m.name, m.after, m.before)
                               for m in backward.indicators if m.before is not None}


@settings(max_examples=200, deadline=None)
@given(record_sets(), YEARS, YEARS)
def test_the_json_shape_is_stable(records: list[Activity], from_year: int, to_year: int) -> None:
    document = diff_years(records, records, from_year, to_year, framework=FRAMEWORK).to_json()
    assert list(document) == [
        "from_year", "to_year", "new", "gone", "completed", "cancelled", "suspended", "regressions",
        "status_changes", "stalled", "action_changes", "indicators", "newly_covered", "no_longer_covered",
        "reporters_only_before", "reporters_only_after",
    ]
