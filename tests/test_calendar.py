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
    ("years:\n  - year: 2026\n  - year: 2026\n", "calendar.yaml: the year 2026 appears twice"),
    ("years:\n  - year: 2031\n", "calendar.yaml: 2031 is not a reporting year of the Initiative (2026–2030)"),
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


def test_the_review_s_state_is_on_its_cover(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.calendar(CONSULTED_2026)
    tracker_repo.commit("2026")
    out = tracker_repo.root / "out"
    assert tracker("report", "2026", "--output", str(out)).exit_code == 0
    markdown = (out / "apec-ai-initiative-2026.md").read_text(encoding="utf-8")
    html = (out / "apec-ai-initiative-2026.html").read_text(encoding="utf-8")
    state = "in consultation with TELWG and other fora, 2026-09-15 (2026/TELWG/CONS/001)"
    assert f"| Review | {state} |" in markdown
    assert f"<dt>Review</dt><dd>{state}</dd>" in html
