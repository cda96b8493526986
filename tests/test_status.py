"""`tracker status YEAR`: who has reported, who filed a nil return, who is
missing, days to the due date, stalled activities, the review's steps; in each
format, at a commit with --as-of, and against the one definition of standing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from apec_tracker.reading.reference import load_framework
from tests.conftest import VALID_RECORD, TrackerRepo, git, record_for

JPN = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
CALENDAR = """\
main_branch: main
years:
  - year: 2026
    contributions_due: 2026-06-30
    joint_review: 2026-08-20
    csom: 2026-11-14
    review:
      - {state: draft, date: 2026-08-01, document: 2026/SOM3/DESG-TELWG/003}
      - {state: discussed, date: 2026-08-20, document: 2026/SOM3/DESG-TELWG/010}
  - year: 2027
    contributions_due: 2027-06-30
"""
CALENDAR_IN_CONSULTATION = CALENDAR.replace(
    "  - year: 2027\n", "      - {state: consultation, date: 2026-09-15, document: 2026/TELWG/001}\n  - year: 2027\n")
PNG_NIL_RETURN = """\
reporter: PNG
year: 2026
nothing_to_report: true
note: No activity under the Initiative this year.
date: 2026-05-31
"""


@pytest.fixture
def cycle(tracker_repo: TrackerRepo) -> TrackerRepo:
    """JPN reported for 2026, PNG filed a nil return, everyone else is missing."""
    tracker_repo.calendar(CALENDAR)
    tracker_repo.write(JPN, VALID_RECORD)
    tracker_repo.write("data/returns/2026/PNG.yaml", PNG_NIL_RETURN)
    tracker_repo.commit("2026 reports")
    return tracker_repo


def status_json(tracker, *args: str) -> dict:  # type: ignore[type-arg]
    result = tracker("status", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def by_code(document: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {reporter["code"]: reporter for reporter in document["reporters"]}


def test_reported_nil_return_and_missing(cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-06-20")
    document = status_json(tracker, "2026")
    reporters = by_code(document)
    fora = load_framework(cycle.root / "data" / "reference").fora
    assert len(reporters) == 21 + len(fora), "the 21 economies and every forum"
    assert [r["code"] for r in document["reporters"]][:3] == ["AUS", "BD", "CDA"]  # the reference data's order
    assert reporters["JPN"]["state"] == "reported"
    assert reporters["JPN"]["activities_reported"] == 1
    assert reporters["JPN"]["reported_ids"] == ["jpn-2026-ai-skills-for-public-servants"]
    assert reporters["PNG"]["state"] == "nil-return"
    assert reporters["PNG"]["nil_return"] == {"path": "data/returns/2026/PNG.yaml", "date": "2026-05-31",
                                              "note": "No activity under the Initiative this year."}
    assert reporters["AUS"]["state"] == "missing"
    assert document["summary"] == {"reporters": 37, "reported": 1, "nil_returns": 1, "missing": 35}
    assert reporters["DESG"]["kind"] == "forum"


def test_days_left_then_overdue(cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-06-20")
    before = status_json(tracker, "2026")
    assert before["calendar"] == {"contributions_due": "2026-06-30", "days_to_due": 10,
                                  "joint_review": "2026-08-20", "csom": "2026-11-14"}
    assert (by_code(before)["AUS"]["days_left"], by_code(before)["AUS"]["days_overdue"]) == (10, None)
    assert (by_code(before)["JPN"]["days_left"], by_code(before)["JPN"]["days_overdue"]) == (None, None)

    monkeypatch.setenv("TRACKER_TODAY", "2026-07-01")
    after = status_json(tracker, "2026")
    assert after["calendar"]["days_to_due"] == -1
    assert (by_code(after)["AUS"]["days_left"], by_code(after)["AUS"]["days_overdue"]) == (None, 1)
    assert by_code(after)["PNG"]["days_overdue"] is None  # a nil return is an answer
    text = tracker("status", "2026").stdout
    assert "Contributions were due on 2026-06-30, 1 day ago." in text
    assert "1 day overdue" in text and "1 days" not in text

    monkeypatch.setenv("TRACKER_TODAY", "2026-06-30")
    assert "Contributions are due today, 2026-06-30." in tracker("status", "2026").stdout


def test_no_due_date_recorded(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.calendar("years: []\n")
    document = status_json(tracker, "2026")
    assert document["calendar"]["contributions_due"] is None
    assert by_code(document)["AUS"]["days_overdue"] is None
    assert "Contributions due: not recorded in data/reference/calendar.yaml." in tracker("status", "2026").stdout


def test_a_reporter_with_stalled_activities(cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """JPN's activity is ongoing, with a 2026 entry and none for 2027: stalled in 2027."""
    monkeypatch.setenv("TRACKER_TODAY", "2027-07-10")
    cycle.write("data/economies/JPN/jpn-2026-second.yaml", record_for(VALID_RECORD, "JPN", "jpn-2026-second"))
    document = status_json(tracker, "2027")
    jpn = by_code(document)["JPN"]
    assert jpn["state"] == "missing"
    assert jpn["stalled"] == 2
    assert jpn["stalled_ids"] == ["jpn-2026-ai-skills-for-public-servants", "jpn-2026-second"]
    assert jpn["days_overdue"] == 10
    github = tracker("status", "2027", "--format", "github").stdout
    assert "- [ ] Japan (JPN): missing, 10 days overdue; 2 activities without a 2027 entry; no owners named" in github


def test_stalled_and_reported_agree_with_the_one_definition(records: TrackerRepo, tracker) -> None:
    """The same figures as the review's and `tracker diff`'s (apec_tracker.domain.standing)."""
    from apec_tracker.domain.standing import history, year_figures
    from apec_tracker.services.context import open_workspace
    from apec_tracker.services.records import valid_records

    ws = open_workspace(records.root)
    activities = [record.activity for record in valid_records(ws).records]
    for year in (2026, 2027):
        figures = year_figures([history(a, range(2025, 2028)) for a in activities], year,
                               economies=list(ws.framework.economies), fora=list(ws.framework.fora),
                               actions=list(ws.framework.actions))
        document = status_json(tracker, str(year))
        reported = tuple(r["code"] for r in document["reporters"] if r["state"] == "reported")
        stalled = sorted(i for r in document["reporters"] for i in r["stalled_ids"])
        assert reported == figures.reporters
        assert stalled == sorted(figures.stalled)
        assert stalled or year == 2026  # 2027 has stalled activities to compare


def test_last_change_comes_from_git(cycle: TrackerRepo, tracker) -> None:
    head = git(cycle.root, "rev-parse", "HEAD").strip()
    reporters = by_code(status_json(tracker, "2026"))
    assert reporters["JPN"]["last_change"] == {"commit": head, "date": "2027-03-01"}
    assert reporters["PNG"]["last_change"] == {"commit": head, "date": "2027-03-01"}  # its nil return
    assert reporters["AUS"]["last_change"] is None
    assert f"2027-03-01 {head[:7]}" in tracker("status", "2026").stdout


def test_as_of_reads_the_records_calendar_and_history_of_that_commit(
        cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2027-12-01")
    before = git(cycle.root, "rev-parse", "HEAD").strip()
    cycle.write("data/returns/2026/AUS.yaml", PNG_NIL_RETURN.replace("PNG", "AUS"))
    cycle.calendar(CALENDAR_IN_CONSULTATION)
    cycle.commit("AUS has nothing to report; the review is in consultation")

    now = status_json(tracker, "2026")
    assert by_code(now)["AUS"]["state"] == "nil-return"
    assert now["review"]["state"] == "consultation"
    assert now["as_of"] == {"date": "2027-12-01", "source": "the working tree",
                            "commit": git(cycle.root, "rev-parse", "HEAD").strip()}

    then = status_json(tracker, "2026", "--as-of", before)
    assert by_code(then)["AUS"]["state"] == "missing"
    assert then["review"]["state"] == "discussed"
    # Days are counted to the day of the commit, so the answer is the same whenever it is asked.
    assert then["as_of"]["date"] == "2027-03-01" and then["as_of"]["commit"] == before
    assert then["as_of"]["source"].startswith(f"commit {before[:12]}")
    assert by_code(then)["AUS"]["days_overdue"] == (date_of("2027-03-01") - date_of("2026-06-30")).days
    assert tracker("status", "2026", "--as-of", "no-such-thing").exit_code == 2


def date_of(text: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(text)


def test_as_of_a_commit_from_before_the_calendar(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / "data/reference/calendar.yaml").unlink()
    old = tracker_repo.commit("a repository from before the calendar")
    tracker_repo.calendar(CALENDAR)
    tracker_repo.commit("the calendar")
    document = status_json(tracker, "2026", "--as-of", old)
    assert document["calendar"]["contributions_due"] is None
    assert document["review"]["state"] is None
    report = tracker("report", "2026", "--as-of", old, "--format", "md", "--output", str(tracker_repo.root / "out"))
    assert report.exit_code == 0, report.stderr


def test_the_review_path(cycle: TrackerRepo, tracker) -> None:
    document = status_json(tracker, "2026")
    assert document["review"]["state"] == "discussed"
    assert [(s["state"], s["recorded"], s["date"]) for s in document["review"]["steps"]] == [
        ("draft", True, "2026-08-01"), ("discussed", True, "2026-08-20"), ("consultation", False, None),
        ("endorsed", False, None), ("in-csom-report", False, None)]
    text = tracker("status", "2026").stdout
    assert ("The review of 2026: discussed at the joint DESG–TELWG meeting, 2026-08-20 (2026/SOM3/DESG-TELWG/010)"
            in text)
    assert "  in consultation with TELWG and other fora  not recorded" in text


def test_json_shape_is_stable(cycle: TrackerRepo, tracker) -> None:
    document = status_json(tracker, "2026")
    assert document["version"] == 1
    assert list(document) == ["version", "year", "as_of", "calendar", "summary", "reporters", "review", "actions"]
    assert list(document["reporters"][0]) == [
        "code", "name", "kind", "state", "activities_reported", "reported_ids", "stalled", "stalled_ids",
        "nil_return", "last_change", "files_with_errors", "days_left", "days_overdue", "owners"]
    assert list(document["review"]["steps"][0]) == ["state", "label", "recorded", "date", "document"]
    assert list(document["actions"][0]) == ["action", "title", "status", "mean", "measures", "activities", "ids"]


def test_github_checklist_mentions_the_owners_of_those_missing(cycle: TrackerRepo, tracker,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-07-01")
    economies = cycle.root / "data/reference/economies.yaml"
    economies.write_text(economies.read_text(encoding="utf-8").replace(
        "{code: AUS, name: Australia, aliases: [AU, Australian]}",
        "{code: AUS, name: Australia, aliases: [AU, Australian], owners: ['@aus-contacts', 'ai@example.gov.au']}",
    ).replace(
        "{code: JPN, name: Japan, aliases: [JP, Japanese]}",
        "{code: JPN, name: Japan, aliases: [JP, Japanese], owners: ['@jpn']}",
    ), encoding="utf-8")
    result = tracker("status", "2026", "--format", "github")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "- [ ] Australia (AUS): missing, 1 day overdue. @aus-contacts ai@example.gov.au" in lines
    assert "- [x] Japan (JPN): 1 activity reported" in lines  # reported: nobody is reminded
    assert "@jpn" not in result.stdout
    assert "- [x] Papua New Guinea (PNG): nothing to report (nil return of 2026-05-31)" in lines
    assert "- [ ] Brunei Darussalam (BD): missing" in result.stdout
    assert "### Economies (2 of 21 answered)" in lines
    # Those without owners are named once, to the Secretariat.
    [unowned] = [line for line in lines if "no owners are named" in line]
    assert unowned.startswith("@apec-tracker/secretariat: no owners are named in data/reference/ for 34 missing "
                              "reporters (BD, CDA,")
    # The draft is dated 1 August: on 1 July it is not taken yet.
    assert "- [ ] draft" in lines
    assert "- [ ] in consultation with TELWG and other fora" in lines
    monkeypatch.setenv("TRACKER_TODAY", "2026-08-01")
    assert "- [x] draft: 2026-08-01, 2026/SOM3/DESG-TELWG/003" in tracker(
        "status", "2026", "--format", "github").stdout.splitlines()


def test_markdown(cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-07-01")
    text = tracker("status", "2026", "--format", "md").stdout
    assert text.startswith("# Reporting for 2026\n\nAs of 2026-07-01, from the working tree. Contributions were due on "
                           "2026-06-30, 1 day ago.")
    assert "| Japan (JPN) | reported | 1 | 0 |" in text
    assert "| Australia (AUS) | missing | 0 | 0 | – | 1 day overdue | – |" in text
    assert "| draft | – | – |" in text  # dated 1 August: not taken on 1 July
    monkeypatch.setenv("TRACKER_TODAY", "2026-08-01")
    assert "| draft | 2026-08-01 | 2026/SOM3/DESG-TELWG/003 |" in tracker("status", "2026", "--format", "md").stdout


def test_a_note_is_text_in_markdown(cycle: TrackerRepo, tracker) -> None:
    cycle.write("data/returns/2026/VN.yaml", PNG_NIL_RETURN.replace("PNG", "VN").replace(
        "No activity under the Initiative this year.", "'*nothing* | [click](http://x) <b>'"))
    lines = tracker("status", "2026", "--format", "github").stdout.splitlines()
    assert "- [x] Viet Nam (VN): nothing to report (nil return of 2026-05-31)" in lines
    report = tracker("report", "2026", "--format", "md", "--output", str(cycle.root / "out"))
    assert report.exit_code == 0, report.stderr
    review = (cycle.root / "out/apec-ai-initiative-2026.md").read_text(encoding="utf-8")
    assert "Viet Nam: \\*nothing\\* \\| \\[click\\](http://x) \\<b\\>" in review


def test_plain_table_when_piped(cycle: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-07-01")
    text = tracker("status", "2026").stdout
    lines = text.splitlines()
    assert lines[0] == "Reporting for 2026, as of 2026-07-01, from the working tree"
    assert "\x1b" not in text
    header = next(line for line in lines if line.startswith("code "))
    assert header.split() == ["code", "name", "state", "reported", "stalled", "last", "change", "due", "notes"]
    assert "1 of 37 reported, 1 nil return, 35 missing." in lines


def test_a_rich_table_at_a_terminal(cycle: TrackerRepo) -> None:
    from tests.terminal import run_at_terminal

    output, code = run_at_terminal(
        [sys.executable, "-m", "apec_tracker", "--repo", str(cycle.root), "status", "2026"], [])
    assert code == 0, output
    assert "Economies (21)" in output and "Fora (16)" in output
    assert "✓ draft: 2026-08-01" in output  # the terminal's own layout of the review's steps


def test_fail_if_missing(cycle: TrackerRepo, tracker) -> None:
    assert tracker("status", "2026").exit_code == 0
    assert tracker("status", "2026", "--fail-if-missing").exit_code == 1
    from apec_tracker.services.context import open_workspace

    framework = open_workspace(cycle.root).framework
    for code in (*framework.economies, *framework.fora):
        if code not in ("JPN", "PNG"):
            cycle.write(f"data/returns/2026/{code}.yaml", PNG_NIL_RETURN.replace("PNG", code))
    result = tracker("status", "2026", "--fail-if-missing", "--format", "json")
    assert json.loads(result.stdout)["summary"]["missing"] == 0
    assert result.exit_code == 0


def test_files_with_errors_are_named_against_their_reporter(cycle: TrackerRepo, tracker) -> None:
    cycle.write("data/economies/AUS/aus-2026-broken.yaml", "id: aus-2026-broken\ntitle: [\n")
    cycle.write("data/returns/2026/BD.yaml", PNG_NIL_RETURN.replace("PNG", "BD").replace("2026-05-31", "2099-01-01"))
    result = tracker("status", "2026", "--format", "json")
    reporters = by_code(json.loads(result.stdout))
    assert reporters["AUS"]["files_with_errors"] == ["data/economies/AUS/aus-2026-broken.yaml"]
    assert reporters["BD"]["files_with_errors"] == ["data/returns/2026/BD.yaml"]
    assert reporters["BD"]["state"] == "missing"  # a nil return validation refuses is no answer
    assert result.stderr == ("tracker: note: 2 files with errors left out (run `tracker validate` to see why): "
                             "data/economies/AUS/aus-2026-broken.yaml, data/returns/2026/BD.yaml\n")


def test_years_outside_the_period_are_refused(tracker) -> None:
    for year, refused in (("2025", "2025 is the year before the Initiative began, not one of its reporting years"),
                          ("2031", "2031 is not a year of the Initiative (2026–2030)")):
        result = tracker("status", year)
        assert result.exit_code == 2
        assert refused in result.stderr


def test_outside_git(cycle: TrackerRepo, tracker, tmp_path: Path) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(cycle.root / "data", plain / "data")
    result = tracker("status", "2026", "--format", "json", repo=plain)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["as_of"]["commit"] is None
    assert by_code(document)["JPN"]["last_change"] is None
    assert by_code(document)["JPN"]["state"] == "reported"


def test_the_repository_s_own_2026(tracker) -> None:
    """`tracker status 2026` on the project's records: every reporter is there,
    and those that reported are exactly the ones with a 2026 progress entry."""
    from tests.conftest import PROJECT_ROOT

    result = tracker("status", "2026", "--format", "json", repo=PROJECT_ROOT)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["reporters"] == 21 + 16
    with_2026 = sorted({path.parent.name for path in (PROJECT_ROOT / "data").glob("*/*/*.yaml")
                        if path.parent.parent.name in ("economies", "fora")
                        and "\n  - year: 2026\n" in path.read_text(encoding="utf-8")})
    assert sorted(r["code"] for r in document["reporters"] if r["state"] == "reported") == with_2026


# -- the review's "Reporting" section ---------------------------------------------------------


def _review_markdown(repo: TrackerRepo, tracker, *args: str) -> str:  # type: ignore[no-untyped-def]
    out = repo.root / "out"
    result = tracker("report", "2026", "--format", "md", "--output", str(out), *args)
    assert result.exit_code == 0, result.stderr
    [written] = out.glob("*.md")
    text = written.read_text(encoding="utf-8")
    written.unlink()
    return text


def test_the_review_says_who_reported_as_of_its_commit(cycle: TrackerRepo, tracker) -> None:
    before = git(cycle.root, "rev-parse", "HEAD").strip()
    cycle.write("data/returns/2026/AUS.yaml", PNG_NIL_RETURN.replace("PNG", "AUS"))
    cycle.commit("AUS has nothing to report")

    now = _review_markdown(cycle, tracker)
    section = now.split(". Reporting for 2026\n", 1)[1].split("\n## ", 1)[0]
    assert ("As of the records this review is built from, one of the 37 economies and fora asked to report had "
            "reported progress for 2026, two said they had nothing to report, and thirty-four had not reported.") \
        in section
    assert "- **Reported:** Japan (1 activity).\n" in section
    assert ("- **Nothing to report:** Australia: No activity under the Initiative this year; Papua New Guinea: No "
            "activity under the Initiative this year.\n") in section
    assert "- **Not reported:** Brunei Darussalam; Canada;" in section
    assert "Hong Kong, China; Indonesia;" in section
    # The review's path, as the calendar records it, on the cover and in the section.
    step = "Discussed at the joint DESG–TELWG meeting on 20 August 2026 (2026/SOM3/DESG-TELWG/010)."
    assert step in section and step in now.split("## 1. ")[0]

    then = _review_markdown(cycle, tracker, "--as-of", before)
    assert "- **Not reported:** Australia; Brunei Darussalam;" in then
    assert "one said it had nothing to report" in then


def test_a_review_of_one_economy_reports_on_it_alone(cycle: TrackerRepo, tracker) -> None:
    text = _review_markdown(cycle, tracker, "--economy", "PNG")
    section = text.split(". Reporting for 2026\n", 1)[1].split("\n## ", 1)[0]
    assert ("As of the records this review is built from, Papua New Guinea said it had nothing to report for 2026."
            in section)
    assert "- **Nothing to report:** Papua New Guinea: No activity under the Initiative this year.\n" in section
    assert "Not reported" not in section and "Japan" not in section
