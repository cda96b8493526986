"""Nil returns: `tracker nil-return`, their validation beside the records, and
their owners. (Single-file problems are cases under tests/cases/.)"""

from __future__ import annotations

import json

import pytest

from tests.conftest import VALID_RECORD, TrackerRepo, git

PNG = "data/returns/2026/PNG.yaml"
NOTE = "No activity under the Initiative this year; a workshop is planned for 2027."
WRITTEN = """\
# A nil return: Papua New Guinea has nothing to report under the APEC AI Initiative for 2026.
# Written by `tracker nil-return`; see docs/reporting-cycle.md.
reporter: PNG
year: 2026
nothing_to_report: true
note: No activity under the Initiative this year; a workshop is planned for 2027.
date: 2026-09-30
"""


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")


def test_filing_a_nil_return(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-09-30")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{PNG}\n"
    assert "Not committed" in result.stderr
    assert (tracker_repo.root / PNG).read_text(encoding="utf-8") == WRITTEN
    assert tracker("validate", "--strict").stdout == "All 1 file valid.\n"


def test_what_is_written_reads_back_equal(tracker_repo: TrackerRepo, tracker) -> None:
    from apec_tracker.reading.placement import ReturnFile
    from apec_tracker.reading.records import check_return_file
    from apec_tracker.services.context import open_workspace

    note = "Rien à signaler : « aucune activité » — 2026; #not-a-comment: yes, 'quoted' \"twice\""
    assert tracker("nil-return", "2026", "--forum", "ppfs", "--note", note).exit_code == 0
    path = "data/returns/2026/PPFS.yaml"
    nil_return, problems = check_return_file(ReturnFile(path, 2026, "PPFS"), (tracker_repo.root / path).read_bytes(),
                                             open_workspace(tracker_repo.root).framework)
    assert problems == []
    assert nil_return is not None
    assert (nil_return.reporter, nil_return.year, nil_return.note, str(nil_return.date)) == (
        "PPFS", 2026, note, "2026-12-02")


def test_yes_is_taken_as_the_other_writing_commands_take_it(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-09-30", "--yes")
    assert result.exit_code == 0, result.stderr
    assert (tracker_repo.root / PNG).read_text(encoding="utf-8") == WRITTEN


def test_a_nil_return_is_never_written_over(tracker_repo: TrackerRepo, tracker) -> None:
    assert tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-09-30").exit_code == 0
    again = tracker("nil-return", "2026", "--economy", "PNG", "--note", "Another note.")
    assert again.exit_code == 2
    assert again.stderr == (f"tracker: error: {PNG} exists already: PNG has filed its nil return for 2026; "
                            "nothing was written\n")
    assert (tracker_repo.root / PNG).read_text(encoding="utf-8") == WRITTEN


def test_a_nil_return_that_would_not_validate_is_not_written(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-12-25")
    assert result.exit_code == 1
    assert f"{PNG}:7:7: R507 2026-12-25 has not come yet" in result.stderr
    assert not (tracker_repo.root / "data/returns").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["2027", "--economy", "PNG", "--note", NOTE], "2027 has not begun"),
    (["2025", "--economy", "PNG", "--note", NOTE],
     "2025 is the year before the Initiative began, not one of its reporting years (2026–2030)"),
    (["2026", "--note", NOTE], "give --economy CODE or --forum CODE"),
    (["2026", "--economy", "PNG", "--forum", "DESG", "--note", NOTE], "give --economy CODE or --forum CODE"),
    (["2026", "--economy", "PNG"], "--note is needed"),
    (["2026", "--economy", "PNG", "--note", "  "], "--note is needed"),
    (["2026", "--economy", "Papua", "--note", NOTE], "--economy: 'Papua' is not an economy code"),
    (["2026", "--forum", "JPN", "--note", NOTE], "--forum: 'JPN' is not an APEC forum code"),
    (["2026", "--economy", "PNG", "--note", NOTE, "--date", "30/09/2026"],
     "--date: expected a date written YYYY-MM-DD, got '30/09/2026'"),
])
def test_misuse_is_exit_2_and_writes_nothing(tracker_repo: TrackerRepo, tracker, args: list[str],
                                             message: str) -> None:
    result = tracker("nil-return", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tracker_repo.root / "data/returns").exists()


def test_dry_run(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-09-30", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == WRITTEN
    assert result.stderr == f"dry run: would write {PNG}; nothing written\n"
    assert not (tracker_repo.root / "data/returns").exists()


def test_commit_commits_the_nil_return_alone(tracker_repo: TrackerRepo, tracker,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in (("GIT_AUTHOR_NAME", "PNG"), ("GIT_AUTHOR_EMAIL", "png@example.org"),
                            ("GIT_COMMITTER_NAME", "PNG"), ("GIT_COMMITTER_EMAIL", "png@example.org")):
        monkeypatch.setenv(variable, value)
    tracker_repo.write("data/economies/JPN/draft.txt", "not mine to commit")
    git(tracker_repo.root, "add", "data/economies/JPN/draft.txt")
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--commit")
    assert result.exit_code == 0, result.stderr
    shown = [line for line in git(tracker_repo.root, "show", "--name-only", "--format=%s", "HEAD").splitlines() if line]
    assert shown == ["Nil return of PNG for 2026", PNG]
    assert "A  data/economies/JPN/draft.txt" in git(tracker_repo.root, "status", "--short")


# -- beside the records -------------------------------------------------------------


def _png_record(year: int = 2026) -> str:
    return (VALID_RECORD.replace("jpn-2026-ai-skills-for-public-servants", "png-2026-ai-skills")
            .replace("reporter: JPN", "reporter: PNG").replace("lead_economies: [JPN]", "lead_economies: [PNG]")
            .replace("  - year: 2026\n", f"  - year: {year}\n"))


def test_a_nil_return_beside_progress_of_the_same_year_is_a_warning(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/PNG/png-2026-ai-skills.yaml", _png_record())
    result = tracker("nil-return", "2026", "--economy", "PNG", "--note", NOTE, "--date", "2026-09-30")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"warning: {PNG}:5:20: R519 PNG says it has nothing to report for 2026, but reports 2026 progress in "
        "1 record: png-2026-ai-skills (delete the nil return if there was something to report after all)\n")
    validation = tracker("validate", "--format", "json")
    assert [(d["path"], d["code"], d["severity"]) for d in json.loads(validation.stdout)["diagnostics"]] == [
        (PNG, "R519", "warning")]
    assert validation.exit_code == 0
    assert tracker("validate", "--strict").exit_code == 1
    # It has reported: that is its state, whatever the nil return says.
    status = json.loads(tracker("status", "2026", "--format", "json").stdout)
    assert next(r for r in status["reporters"] if r["code"] == "PNG")["state"] == "reported"


def test_progress_of_another_year_is_no_contradiction(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/PNG/png-2026-ai-skills.yaml", _png_record(2026))
    tracker_repo.write("data/returns/2027/PNG.yaml", "reporter: PNG\nyear: 2027\nnothing_to_report: true\n"
                       "note: x\ndate: 2026-12-01\n")
    codes = [d["code"] for d in json.loads(tracker("validate", "--format", "json").stdout)["diagnostics"]]
    assert codes == ["R507"]  # 2027 has not begun; no R519


def test_a_pull_request_adding_a_nil_return_is_checked_against_unchanged_records(
        tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/PNG/png-2026-ai-skills.yaml", _png_record())
    tracker_repo.commit("PNG's record")
    assert tracker("validate").exit_code == 0  # stores the record's facts
    tracker_repo.write(PNG, WRITTEN)
    result = tracker("validate", "--changed-since", "HEAD", "--format", "json")
    report = json.loads(result.stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["R519"]
    assert report["summary"]["files"] == 1


def test_a_progress_entry_added_beside_a_nil_return_is_reported_on_the_nil_return(
        tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(PNG, WRITTEN)
    tracker_repo.commit("PNG's nil return")
    tracker_repo.write("data/economies/PNG/png-2026-ai-skills.yaml", _png_record())
    report = json.loads(tracker("validate", "--changed-since", "HEAD", "--format", "json").stdout)
    assert [(d["path"], d["code"]) for d in report["diagnostics"]] == [(PNG, "R519")]


def test_validate_a_nil_return_by_path(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(PNG, WRITTEN)
    tracker_repo.write("data/returns/2026/VN.yaml", WRITTEN.replace("note:", "notes:"))
    only = tracker("validate", str(tracker_repo.root / PNG))
    assert only.stdout == "All 1 file valid.\n"
    folder = tracker("validate", str(tracker_repo.root / "data/returns"))
    assert folder.exit_code == 1
    assert "2 errors, 0 warnings in 2 files." in folder.stdout


def test_nil_returns_are_read_at_a_revision(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/returns/2026/VN.yaml", WRITTEN.replace("reporter: PNG", "reporter: PNG "))
    bad = tracker_repo.commit("a nil return filed under the wrong name")
    (tracker_repo.root / "data/returns/2026/VN.yaml").unlink()
    tracker_repo.commit("removed")
    assert tracker("validate").exit_code == 0
    at = tracker("validate", "--as-of", bad)
    assert at.exit_code == 1
    assert "data/returns/2026/VN.yaml:3:11: R520 the nil return says reporter PNG but is filed as VN.yaml" in at.stdout


def test_a_reporter_s_owners_approve_its_nil_returns(tracker_repo: TrackerRepo, tracker) -> None:
    economies = tracker_repo.root / "data/reference/economies.yaml"
    economies.write_text(economies.read_text(encoding="utf-8").replace(
        "{code: PNG, name: Papua New Guinea, aliases: [PG, Papua New Guinean]}",
        "{code: PNG, name: Papua New Guinea, aliases: [PG, Papua New Guinean], owners: ['@png-contacts']}",
    ), encoding="utf-8")
    assert tracker("owners").exit_code == 0
    codeowners = (tracker_repo.root / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "/data/returns/*/PNG.yaml @png-contacts @apec-tracker/secretariat" in codeowners
    assert "/data/returns/*/JPN.yaml @apec-tracker/secretariat" in codeowners
    # after the catch-all line: the last match wins
    assert codeowners.index("/data/returns/*/PNG.yaml @png-contacts @apec-tracker/secretariat") > codeowners.index(
        "* @apec-tracker/secretariat")
