"""The first promises of `tracker validate`: a valid record passes, a broken one
is reported at its position, and exit codes say which happened."""

from __future__ import annotations

import json

from tests.conftest import TrackerRepo

RECORD_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def test_valid_record_passes(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record)
    result = tracker("validate")
    assert result.exit_code == 0, result.stdout
    assert "All 1 file valid." in result.stdout


def test_unknown_economy_reported_with_position_and_hint(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "S404"
    assert (diagnostic["path"], diagnostic["line"], diagnostic["column"]) == (RECORD_PATH, 7, 15)
    assert "did you mean ROK" in diagnostic["hint"]


def test_outside_a_tracker_repository_is_misuse(tmp_path, tracker) -> None:
    result = tracker("validate", repo=tmp_path)
    assert result.exit_code == 2
    assert "not inside a tracker repository" in result.stderr


def test_an_impossible_date_says_what_is_off(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("planned_end: 2027-12-31", "planned_end: 2027-13-01"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "S403"
    assert diagnostic["message"] == ("planned_end: expected a date written YYYY-MM-DD, got '2027-13-01': "
                                     "month must be in 1..12")


def test_a_list_written_without_brackets_is_told_how_to_write_it(
    tracker_repo: TrackerRepo, tracker, valid_record: str
) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: ROK, VN"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"]) == ("S403", 7)
    assert diagnostic["message"] == "co_sponsors: expected a list, got 'ROK, VN'"
    assert diagnostic["hint"] == "write a list in square brackets, e.g. [ROK, VN], even for one item"
