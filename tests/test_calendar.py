"""The reporting calendar (data/reference/calendar.yaml): read and checked at
start with the rest of the reference data, and the review's steps on its cover."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONSULTED_2026, REFERENCE, VALID_RECORD, TrackerRepo

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def test_the_project_s_calendar_loads() -> None:
    from apec_tracker.reading.reference import load_framework

    calendar = load_framework(REFERENCE).calendar
    assert calendar.main_branch == "main"
    assert set(calendar.years) <= set(range(2026, 2031))
    assert 2026 in calendar.years


@pytest.mark.parametrize(("text", "where"), [
    ("years:\n  - year: 2026\n  - year: 2026\n", "calendar.yaml:3:11: the year 2026 appears twice"),
    ("years:\n  - year: 2031\n", "calendar.yaml:2:11: 2031 is not a year of the Initiative (2026–2030)"),
    ("years:\n  - year: 2026\n    contributions_due: 2026-09-01\n    joint_review: 2026-08-20\n",
     "joint_review (2026-08-20) is before contributions_due (2026-09-01)"),
    ("years:\n  - year: 2026\n    review:\n      - {state: discussed, date: 2026-08-20, document: a}\n"
     "      - {state: draft, date: 2026-08-21, document: b}\n", "the review's step draft comes after discussed"),
    ("years:\n  - year: 2026\n    review:\n      - {state: draft, date: 2026-08-20, document: a}\n"
     "      - {state: discussed, date: 2026-08-01, document: b}\n",
     "the review's step discussed (2026-08-01) is dated before the step draft (2026-08-20)"),
    ("years:\n  - year: 2026\n    review:\n      - {state: approved, date: 2026-08-20, document: a}\n",
     "calendar.yaml:4:"),
    ("years:\n  - year: 2026\n    review:\n      - {state: draft, date: 2026-08-20}\n", "document"),
    ("years:\n  - year: 2026\n    csom: next November\n", "csom"),
    ("main_branch: my branch\n", "main_branch"),
    ("years:\n  - year: 2026\n    csom_date: 2026-11-14\n", "csom_date"),
])
def test_a_broken_calendar_stops_every_command(tracker_repo: TrackerRepo, tracker, text: str, where: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.calendar(text)
    for command in (["validate"], ["status", "2026"], ["list"]):
        result = tracker(*command)
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("tracker: error: the reference data is broken: ")
        assert where in line


def test_a_missing_calendar_is_a_broken_reference(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / "data/reference/calendar.yaml").unlink()
    result = tracker("validate")
    assert result.exit_code == 2
    assert "calendar.yaml does not exist" in result.stderr


def test_recording_a_step_does_not_change_what_records_are_checked_against(tmp_path: Path) -> None:
    """The store of checked records is keyed by the reference data records are
    checked against: a new step in the calendar keeps it."""
    from apec_tracker.reading.reference import load_framework

    changed = tmp_path / "reference"
    shutil.copytree(REFERENCE, changed)
    (changed / "calendar.yaml").write_text(CONSULTED_2026, encoding="utf-8")
    assert load_framework(changed).digest == load_framework(REFERENCE).digest
    (changed / "fora.yaml").write_text((REFERENCE / "fora.yaml").read_text(encoding="utf-8") + "\n# a comment\n",
                                       encoding="utf-8")
    assert load_framework(changed).digest != load_framework(REFERENCE).digest


def test_the_review_s_state_is_on_its_cover(tracker_repo: TrackerRepo, tracker,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.calendar(CONSULTED_2026)
    tracker_repo.commit("2026")
    out = tracker_repo.root / "out"
    assert tracker("report", "2026", "--output", str(out)).exit_code == 0
    markdown = (out / "apec-ai-initiative-2026.md").read_text(encoding="utf-8")
    html = (out / "apec-ai-initiative-2026.html").read_text(encoding="utf-8")
    state = "In consultation with TELWG and other fora since 15 September 2026 (2026/TELWG/CONS/001)."
    cover = markdown.split("## 1. ")[0]
    assert state in cover and "DRAFT" in cover  # consulted on, not yet endorsed: still a draft while 2026 goes on
    assert state in html.split("<main>")[0]


def test_an_endorsed_review_is_no_draft_though_the_year_goes_on(tracker_repo: TrackerRepo, tracker,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.calendar(CONSULTED_2026.replace(
        "document: 2026/TELWG/CONS/001}", "document: 2026/TELWG/CONS/001}\n"
        "      - {state: endorsed, date: 2026-10-02, document: 2026/SOM3/DESG/020}"))
    tracker_repo.commit("2026")
    out = tracker_repo.root / "out"
    assert tracker("report", "2026", "--format", "md", "--output", str(out)).exit_code == 0
    cover = (out / "apec-ai-initiative-2026.md").read_text(encoding="utf-8").split("## 1. ")[0]
    assert "DRAFT" not in cover
    assert ("2026 is not over: progress reported after this review will show in the next one. Records as of "
            in cover)
    assert "Endorsed on 2 October 2026 (2026/SOM3/DESG/020)." in cover
