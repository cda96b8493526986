"""The rules of docs/standing.md, on its own worked example and the edges around it."""

from __future__ import annotations

from typing import Any

from apec_tracker.domain.record import Activity, Status
from apec_tracker.domain.standing import Standing, history, last_year, standing, year_figures

SPAN = range(2025, 2031)


def activity(**fields: Any) -> Activity:
    return Activity.model_validate({
        "id": "jpn-2026-example", "title": "Example", "summary": "s", "reporter": "JPN",
        "actions": [{"code": "B.i", "role": "principal"}], "activity_type": "workshop", "status": "ongoing",
        **fields,
    })


def test_the_worked_example_of_the_documentation() -> None:
    record = activity(planned_start="2026-03-01", status="completed", actual_end="2027-10-15",
                      progress=[{"year": 2026, "status": "ongoing", "narrative": "n"}])
    item = history(record, SPAN)
    assert [item.status(year) for year in (2025, 2026, 2027, 2028)] == [None, Status.ONGOING, Status.COMPLETED, None]
    assert [year for year in SPAN if item.active(year)] == [2026, 2027]
    assert [year for year in SPAN if item.new(year)] == [2026]
    assert [year for year in SPAN if item.turned(Status.COMPLETED, year)] == [2027]
    assert not any(item.stalled(year) for year in SPAN)

    still_open = history(activity(planned_start="2026-03-01", progress=[{"year": 2026, "status": "ongoing",
                                                                          "narrative": "n"}]), SPAN)
    assert still_open.at(2027) == Standing(Status.ONGOING, reported=False)
    assert still_open.active(2027) and still_open.stalled(2027)


def test_an_activity_cancelled_in_one_year_is_not_cancelled_again_the_next() -> None:
    record = activity(status="cancelled", planned_start="2026-01-10",
                      progress=[{"year": 2026, "status": "cancelled", "narrative": "n"}])
    item = history(record, SPAN)
    assert [year for year in SPAN if item.turned(Status.CANCELLED, year)] == [2026]
    assert item.status(2027) is None
    figures = [year_figures([item], year) for year in SPAN]
    assert [len(f.cancelled) for f in figures] == [0, 1, 0, 0, 0, 0]


def test_a_planned_activity_is_present_but_never_active() -> None:
    record = activity(status="planned", planned_start="2027-06-01")
    item = history(record, SPAN)
    assert item.status(2026) is None
    assert item.at(2027) == Standing(Status.PLANNED, reported=False)
    assert not any(item.active(year) for year in SPAN)
    assert item.stalled(2028), "still planned, nothing reported, there the year before"


def test_a_plan_is_not_stalled_before_its_planned_start() -> None:
    """Korea's plan for 2028, reported as planned in 2026: nothing is due in 2027."""
    record = activity(status="planned", planned_start="2028-03-01",
                      progress=[{"year": 2026, "status": "planned", "narrative": "Announced."}])
    item = history(record, SPAN)
    assert item.at(2027) == Standing(Status.PLANNED, reported=False)
    assert not item.stalled(2027)
    assert item.stalled(2028), "its start has come, and nothing is reported"
    figures = {year: year_figures([item], year) for year in (2027, 2028)}
    assert (figures[2027].stalled, figures[2028].stalled) == ((), ("jpn-2026-example",))


def test_the_year_an_activity_ended() -> None:
    assert last_year(activity(status="ongoing", planned_end="2027-01-01")) is None
    assert last_year(activity(status="completed", actual_end="2026-05-01")) == 2026
    entries = [{"year": 2026, "status": "ongoing", "narrative": "n"}, {"year": 2027, "status": "completed",
                                                                       "narrative": "n"}]
    assert last_year(activity(status="completed", planned_end="2029-12-31", progress=entries)) == 2027
    assert last_year(activity(status="completed", planned_start="2025-01-01", planned_end="2026-12-31")) == 2026
    assert last_year(activity(status="cancelled", planned_start="2026-02-01")) == 2026
    assert standing(activity(status="completed"), 2026) is None, "no date, no entry: in no year"


def test_who_takes_part_and_what_is_covered() -> None:
    record = activity(reporter="DESG", lead_economies=["JPN"], co_sponsors=["VN"], partner_fora=["TELWG"],
                      actions=[{"code": "B.i", "role": "principal"}, {"code": "C.ii", "role": "significant"}],
                      progress=[{"year": 2026, "status": "ongoing", "narrative": "n"}])
    figures = year_figures([history(record, SPAN)], 2026, economies=["JPN", "ROK", "VN"], fora=["DESG", "TELWG"],
                           actions=["B.i", "C.ii"])
    assert figures.economies == ("JPN", "VN")
    assert figures.fora == ("DESG", "TELWG")
    assert figures.covered_actions == ("B.i",), "significant actions do not cover"
    assert figures.reporters == ("DESG",)


def test_the_figures_of_several_years_at_once_are_those_of_each_year() -> None:
    """years_figures reads each history once for all the years; it must give what
    the figures of each year alone give, for every kind of record."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from apec_tracker.domain.standing import years_figures
    from tests.test_one_answer import records as generated

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.integers(0, 99), max_size=12, unique=True).flatmap(
        lambda numbers: st.tuples(*(generated(number) for number in numbers))), st.sets(st.integers(2024, 2031),
                                                                                        min_size=1))
    def check(drawn: tuple[dict[str, Any], ...], years: set[int]) -> None:
        activities = [Activity.model_validate(record) for record in drawn]
        span = range(2024, 2031)
        histories = [history(item, span) for item in activities]
        together = years_figures(histories, sorted(years))
        assert together == {year: year_figures(histories, year) for year in sorted(years)}

    check()
