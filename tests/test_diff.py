"""Year-to-year changes, from records to a YearDiff: worked examples."""

from __future__ import annotations

from typing import Any

from apec_tracker.domain.record import Activity, Status
from apec_tracker.domain.standing import Standing, standing
from apec_tracker.reading.reference import load_framework
from apec_tracker.reporting.year_diff import Movement, diff_years
from tests.conftest import REFERENCE

FRAMEWORK = load_framework(REFERENCE)


def activity(id: str = "jpn-ai-skills", reporter: str = "JPN", status: str = "ongoing",
             progress: list[dict[str, Any]] | None = None, actions: list[tuple[str, str]] | None = None,
             **extra: Any) -> Activity:
    return Activity.model_validate({
        "id": id, "title": extra.pop("title", id.replace("-", " ")), "summary": "s", "reporter": reporter,
        "actions": [{"code": code, "role": role} for code, role in (actions or [("B.i", "principal")])],
        "activity_type": "workshop", "status": status, "progress": progress or [], **extra,
    })


def entry(year: int, status: str, **indicator: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"year": year, "status": status, "narrative": "n"}
    if indicator:
        result["indicators"] = [{"name": "officials trained", **indicator}]
    return result


def test_standing_carries_the_latest_entry_forward() -> None:
    record = activity(progress=[entry(2026, "ongoing")], planned_start="2025-06-01")
    assert standing(record, 2025) == Standing(Status.ONGOING, reported=False)  # ongoing now, so started
    assert standing(record, 2026).reported  # type: ignore[union-attr]
    later = standing(record, 2027)
    assert later is not None and (later.status, later.reported) == (Status.ONGOING, False)
    assert standing(activity(progress=[entry(2027, "planned")]), 2026) is None


def test_standing_without_progress_follows_the_dates() -> None:
    done = activity(status="completed", planned_start="2024-08-01", planned_end="2025-12-21")
    assert [standing(done, year) for year in (2023, 2024, 2025)] == [
        None, Standing(Status.ONGOING, reported=False), Standing(Status.COMPLETED, reported=False)]
    planned = activity(status="planned", planned_start="2026-05-01")
    assert standing(planned, 2027) == Standing(Status.PLANNED, reported=False)
    started = activity(status="planned", planned_start="2026-05-01", actual_start="2026-06-01")
    assert standing(started, 2026) == Standing(Status.ONGOING, reported=False)


def test_a_year_of_changes() -> None:
    before = [
        activity("jpn-finishing", progress=[entry(2026, "ongoing", baseline=0, target=400, value=120)]),
        activity("jpn-quiet", progress=[entry(2026, "ongoing")], actions=[("A.i", "principal")]),
        activity("rok-done", reporter="ROK", progress=[entry(2026, "completed")], actions=[("C.i", "principal")]),
        activity("rok-dropped", reporter="ROK", progress=[entry(2026, "planned")]),
    ]
    after = [
        activity("jpn-finishing", status="completed",
                 progress=[entry(2026, "ongoing", baseline=0, target=400, value=120),
                           entry(2027, "completed", baseline=0, target=400, value=410)],
                 actions=[("B.i", "significant"), ("B.iii", "principal")]),
        activity("jpn-quiet", progress=[entry(2026, "ongoing")], actions=[("A.i", "principal")]),
        activity("rok-done", reporter="ROK", progress=[entry(2026, "completed"), entry(2027, "ongoing")],
                 actions=[("C.i", "principal")]),
        activity("vn-new", reporter="VN", progress=[entry(2027, "ongoing")], actions=[("A.ii", "principal")]),
    ]
    diff = diff_years(before, after, 2026, 2027, framework=FRAMEWORK)
    assert [ref.id for ref in diff.new] == ["vn-new"]
    assert [ref.id for ref in diff.gone] == ["rok-dropped"]
    assert [(c.activity.id, c.before, c.after) for c in diff.completed] == [
        ("jpn-finishing", Status.ONGOING, Status.COMPLETED)]
    assert [c.activity.id for c in diff.regressions] == ["rok-done"]
    assert [ref.id for ref in diff.stalled] == ["jpn-quiet"]
    [actions] = diff.action_changes
    assert actions.added == (("B.iii", "principal"),)
    assert [(r.code, r.before, r.after) for r in actions.role_changed] == [("B.i", "principal", "significant")]
    [indicator] = diff.indicators
    assert (indicator.before, indicator.after, indicator.movement, indicator.reached) == (
        120, 410, Movement.TOWARD, True)
    assert diff.newly_covered == ("A.ii", "B.iii")
    assert diff.no_longer_covered == ("B.i",)
    assert diff.reporters_only_after == ("VN",)
    assert diff.reporters_only_before == ()
    assert not diff.is_empty
    assert diff.to_json()["completed"][0]["activity"]["id"] == "jpn-finishing"


def test_a_year_against_itself_is_empty() -> None:
    records = [activity(progress=[entry(2026, "ongoing", value=3)])]
    assert diff_years(records, records, 2026, 2026, framework=FRAMEWORK).is_empty


def test_markdown_shows_record_text_as_written() -> None:
    from apec_tracker.reading.reference import load_framework
    from apec_tracker.reporting.diff_layout import md_escape, render_markdown
    from tests.conftest import REFERENCE

    framework = load_framework(REFERENCE)
    assert md_escape("AI *for* <all> | [x](y) & more_") == r"AI \*for\* \<all\> \| \[x\](y) \& more\_"
    tricky = [activity("vn-new", reporter="VN", title="AI | *MSMEs* <b>", progress=[entry(2027, "ongoing")])]
    section = render_markdown(diff_years([], tricky, 2026, 2027, framework=FRAMEWORK), framework, heading_level=3)
    assert section.startswith("### Changes since 2026\n")
    assert r"- vn-new: AI \| \*MSMEs\* \<b\> (Viet Nam)" in section
