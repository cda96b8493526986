"""The figures of the annual report, on a small hand-made repository where each
one is known (tests/report_records.py says what the records hold)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apec_tracker.domain.layout import Repository
from apec_tracker.domain.record import Activity, Status
from apec_tracker.reading.reference import load_framework
from apec_tracker.reporting.review import Provenance, RecordInput, Report, ReportProblem, Scope, ScopeKind, build_report
from tests.conftest import TrackerRepo, validated
from tests.report_records import RECORDS

PROVENANCE = Provenance(commit="0" * 40, dirty=False, date=date(2027, 3, 1), date_source="commit",
                        tool_version="test")


def build(tracker_repo: TrackerRepo, year: int = 2026, **options) -> Report:  # type: ignore[no-untyped-def]
    for path, text in RECORDS.items():
        tracker_repo.write(path, text)
    framework = load_framework(tracker_repo.root / "data/reference")
    result = validated(tracker_repo.root, date(2026, 11, 28))
    assert result.diagnostics == []
    records = [RecordInput(r.file.path, r.activity) for r in result.records]
    return build_report(records, framework, year, provenance=PROVENANCE, **options)


def test_executive_summary(tracker_repo: TrackerRepo) -> None:
    s = build(tracker_repo).summary
    assert (s.records, s.reporters, s.in_scope) == (6, 6, 4)
    assert (s.active, s.new, s.completed) == (3, 3, 1)
    assert (s.planned, s.suspended, s.cancelled) == (0, 1, 0)
    assert (s.economies_taking_part, s.economies_total) == (6, 21)
    assert s.fora_taking_part == ("DESG", "TELWG")
    # ABAC and PECC take part as partners of active activities (JPN's and DESG's).
    assert s.bodies_taking_part == ("ABAC", "PECC")
    # JPN's and SGP's own records are economy-level; DESG's is APEC-wide.
    assert (s.economy_level, s.apec_wide) == (2, 1)
    assert (s.actions_with_principal, s.actions_total) == (3, 12)
    assert s.apec_projects == 1


def test_a_body_reporting_is_counted_as_apec_wide_and_named(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write("data/bodies/DAMM/damm-2026-digital-and-ai-ministerial-meeting.yaml", """\
id: damm-2026-digital-and-ai-ministerial-meeting
title: Digital and AI Ministerial Meeting
summary: Ministers adopted a statement on AI.
reporter: DAMM
host_economy: PRC
actions:
  - {code: A.iii, role: principal}
activity_type: ministerial
status: completed
actual_start: 2026-08-04
actual_end: 2026-08-05
progress:
  - {year: 2026, status: completed, narrative: Ministers adopted a statement.}
""")
    report = build(tracker_repo)
    s = report.summary
    assert s.bodies_taking_part == ("DAMM", "ABAC", "PECC")
    assert (s.economy_level, s.apec_wide) == (2, 2)
    # The host is named, and is not taken for an economy taking part.
    assert s.economies_taking_part == 6
    [view] = [v for v in report.goals[0].actions[2].principal if v.reporter == "DAMM"]
    assert (view.reporter_name, view.host_economy, view.level) == (
        "APEC Digital and AI Ministerial Meeting", "China", "apec-wide")
    assert "APEC Digital and AI Ministerial Meeting (DAMM)" in [item for section in report.changes.sections
                                                                  for item in section.items]


def test_goals_and_actions_in_the_seeds_order_with_principal_and_significant_apart(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    assert [g.code for g in report.goals] == ["A", "B", "C"]
    assert report.goals[0].title == "Advancing Successful AI Transformation within APEC"
    assert [a.label for a in report.goals[1].actions] == [
        "B.i Public Sector Capacity", "B.ii Private Sector Capacity", "B.iii Workforce Capacity",
        "B.iv Consumer Capacity and Trust", "B.v Regional Cooperation on Capacity Building"]
    assert [(g.principal_active, g.significant_only_active) for g in report.goals] == [(1, 0), (1, 0), (1, 0)]
    actions = {a.code: a for g in report.goals for a in g.actions}
    assert [v.id for v in actions["B.i"].principal] == ["jpn-2026-ai-skills-for-public-servants"]
    assert [v.id for v in actions["B.iii"].significant] == ["jpn-2026-ai-skills-for-public-servants"]
    # The suspended survey is listed under B.iii but does not cover it.
    assert [v.status for v in actions["B.iii"].principal] == [Status.SUSPENDED]
    assert not actions["B.iii"].covered
    assert actions["A.iii"].covered and not actions["A.ii"].covered
    [indicator] = actions["B.i"].principal[0].indicators
    assert (indicator.value, indicator.target, indicator.percent_of_target) == (120, 400, 30)
    assert actions["A.iii"].principal[0].narrative == "The dialogue met in Singapore and agreed a summary report."


def test_coverage_matrices(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    columns = report.economy_matrix.columns
    rows = {row.code: row for row in report.economy_matrix.rows}
    assert len(rows) == 21 and columns[0] == "A.i" and len(columns) == 12

    def cell(code: str, action: str) -> tuple[int, int]:
        found = rows[code].cells[columns.index(action)]
        return found.principal, found.significant

    assert cell("SGP", "A.iii") == (1, 0) and cell("SGP", "A.ii") == (0, 1) and cell("SGP", "C.iii") == (1, 0)
    assert cell("VN", "B.i") == (1, 0) and cell("VN", "B.iii") == (0, 1)
    assert cell("PHL", "B.iii") == (0, 0)  # suspended: not active
    assert rows["SGP"].principal_total == 2 and rows["USA"].empty
    assert dict(zip(columns, report.economy_matrix.column_principal, strict=True))["B.i"] == 1
    fora = {row.code: row for row in report.forum_matrix.rows}
    assert fora["TELWG"].cells[columns.index("A.iii")].principal == 1
    assert fora["HRDWG"].empty


def test_collaboration_aider_and_projects(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    c = report.collaboration
    assert [(p.name, p.count) for p in c.fora_pairs] == [("DESG and TELWG", 1)]
    assert [(p.code, p.count) for p in c.partners] == [("ABAC", 1), ("PECC", 1)]
    assert c.multi_economy == 3
    aider = {row.code: row for row in report.aider}
    assert len(aider) == 11
    assert (aider["innovation-adoption"].count, aider["innovation-adoption"].by_goal) == (1, (0, 1, 0))
    assert aider["government-policy"].actions == ("A.iii",)
    assert [(p.number, p.amount_usd) for p in report.projects.rows] == [("DESG_201_2026A", 80000)]
    assert report.projects.total_usd == 80000


def test_changes_gaps_baseline_and_annex(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    ch = report.changes
    assert (ch.prior_year, ch.prior_is_baseline) == (2025, True)
    assert [r.id for r in ch.diff.new] == ["desg-2026-ai-policy-dialogue", "jpn-2026-ai-skills-for-public-servants",
                                           "sgp-2026-ai-infrastructure-investment"]
    assert [c.activity.id for c in ch.diff.completed] == ["desg-2026-ai-policy-dialogue"]
    # Suspended, and said so in its 2026 entry: suspended, not stalled (stalled is open with nothing reported).
    assert [c.activity.id for c in ch.diff.suspended] == ["hrdwg-2025-ai-workforce-survey"]
    assert ch.diff.stalled == ()
    assert ch.diff.newly_covered == ("A.iii", "B.i", "C.iii")
    assert ch.diff.no_longer_covered == ("B.ii", "B.iii")
    gaps = report.gaps
    assert len(gaps.actions_without_principal) == 9
    assert len(gaps.economies_without_activity) == 15 and "Hong Kong, China" in gaps.economies_without_activity
    # The baseline project is context only: never counted as Initiative progress.
    assert [v.id for v in report.baseline] == ["ppsti-2024-generative-ai-msme-industry-4-0"]
    parts = {row.id: row.part for row in report.annex}
    assert parts == {
        "desg-2026-ai-policy-dialogue": "counted", "hrdwg-2025-ai-workforce-survey": "listed",
        "jpn-2026-ai-skills-for-public-servants": "counted", "ppsti-2024-generative-ai-msme-industry-4-0": "baseline",
        "rok-2027-asia-pacific-ai-center": "outside", "sgp-2026-ai-infrastructure-investment": "counted"}
    assert [(t.year, t.active, t.new, t.completed, t.economies, t.actions_covered) for t in report.trend] == [
        (2026, 3, 3, 1, 6, 3)]


def test_one_economy_and_one_forum(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "SGP", "Singapore"))
    assert (report.summary.in_scope, report.summary.active) == (2, 2)
    assert report.gaps.economies_without_activity == ()
    forum = build(tracker_repo, scope=Scope(ScopeKind.FORUM, "TELWG", "Telecommunications and Information Working "
                                                                       "Group"))
    assert [v.id for g in forum.goals for a in g.actions for v in a.principal] == ["desg-2026-ai-policy-dialogue"]


def test_a_year_outside_the_period_is_refused(tracker_repo: TrackerRepo) -> None:
    with pytest.raises(ReportProblem, match="outside the Initiative's period 2026–2030"):
        build(tracker_repo, year=2025)


def _activity(id_: str, start: str, end: str | None, status: str, progress: list[tuple[int, str]],
              action: str = "B.i") -> RecordInput:
    data = {"id": id_, "title": id_, "summary": "s", "reporter": "JPN", "lead_economies": ["JPN"],
            "actions": [{"code": action, "role": "principal"}], "activity_type": "programme", "status": status,
            "actual_start": start, "progress": [{"year": y, "status": s, "narrative": "n"} for y, s in progress]}
    if end:
        data["actual_end"] = end
    return RecordInput(f"data/economies/JPN/{id_}.yaml", Activity.model_validate(data))


def test_final_review_covers_2026_to_2030_with_the_trend(tracker_repo: TrackerRepo) -> None:
    framework = load_framework(Repository(tracker_repo.root).reference_dir)
    records = [
        _activity("jpn-one", "2026-01-10", "2027-06-30", "completed", [(2026, "ongoing"), (2027, "completed")]),
        _activity("jpn-two", "2028-02-01", None, "ongoing", [(2028, "ongoing"), (2029, "ongoing"),
                                                              (2030, "ongoing")], action="C.ii"),
        _activity("jpn-three", "2029-03-01", "2029-09-01", "completed", [(2029, "completed")], action="A.i"),
    ]
    report = build_report(records, framework, 2030, provenance=PROVENANCE, cumulative=True)
    assert report.heading == "Final review 2026–2030"
    s = report.summary
    assert (s.in_scope, s.active, s.new, s.completed) == (3, 3, 3, 2)
    assert report.summary.actions_with_principal == 3
    assert [(t.year, t.active, t.new, t.completed, t.actions_covered) for t in report.trend] == [
        (2026, 1, 1, 0, 1), (2027, 1, 0, 1, 1), (2028, 1, 1, 0, 1), (2029, 2, 1, 1, 2), (2030, 1, 0, 0, 1)]
    yearly = build_report(records, framework, 2030, provenance=PROVENANCE)
    assert yearly.heading == "Progress review 2030" and yearly.summary.active == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(RECORDS))))
def test_the_order_records_are_read_in_changes_nothing(tracker_repo: TrackerRepo, order: list[int]) -> None:
    from apec_tracker.reporting.render import Format, render

    report = build(tracker_repo)
    records = _loaded(tracker_repo)
    shuffled = build_report([records[i] for i in order], load_framework(Repository(tracker_repo.root).reference_dir),
                            2026, provenance=PROVENANCE)
    assert shuffled == report
    assert render(shuffled, Format.HTML) == render(report, Format.HTML)
    assert render(shuffled, Format.MD) == render(report, Format.MD)


def _loaded(tracker_repo: TrackerRepo) -> list[RecordInput]:
    result = validated(tracker_repo.root, date(2026, 11, 28))
    return [RecordInput(r.file.path, r.activity) for r in result.records]
