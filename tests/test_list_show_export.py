"""`tracker list`, `show` and `export`: finding activities and handing them to
spreadsheets and other tools."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from apec_tracker.cli.filters import StatusChoice
from apec_tracker.domain.record import Status
from apec_tracker.reporting.export import neutralise
from tests.conftest import TrackerRepo

JPN_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"

PPSTI_RECORD = """\
id: ppsti-2025-ai-for-msmes
title: "=HYPERLINK(\\"http://example.org\\") AI for MSMEs — Año, 日本"
summary: A forum project on AI for small firms.
reporter: PPSTI
lead_economies: [MAS]
co_sponsors: [CHL, PRC]
partner_fora: [SMEWG]
actions:
  - code: C.ii
    role: principal
activity_type: project
status: completed
planned_start: 2025-01-01
planned_end: 2025-12-31
actual_start: 2025-01-10
actual_end: 2025-11-30
funding:
  source: "@self-funded"
  amount_usd: 50000
"""

BROKEN_RECORD = """\
id: rok-2026-broken
title: Broken
summary: No actions.
reporter: ROK
actions: []
activity_type: workshop
status: planned
"""


def _repo(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write(JPN_PATH, valid_record)
    tracker_repo.write("data/fora/PPSTI/ppsti-2025-ai-for-msmes.yaml", PPSTI_RECORD)


def _ids(stdout: str) -> list[str]:
    return [a["id"] for a in json.loads(stdout)["activities"]]


def test_list_filters_combine(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    both = ["jpn-2026-ai-skills-for-public-servants", "ppsti-2025-ai-for-msmes"]
    assert _ids(tracker("list", "--format", "json").stdout) == both
    # An economy matches as reporter, lead or co-sponsor.
    assert _ids(tracker("list", "--economy", "VN", "-f", "json").stdout) == both[:1]
    assert _ids(tracker("list", "--economy", "PRC", "-f", "json").stdout) == both[1:]
    assert _ids(tracker("list", "--economy", "VN", "--economy", "PRC", "-f", "json").stdout) == both
    # A forum matches as reporter or partner forum.
    assert _ids(tracker("list", "--forum", "SMEWG", "-f", "json").stdout) == both[1:]
    assert _ids(tracker("list", "--action", "B.iii", "-f", "json").stdout) == both[:1]
    assert _ids(tracker("list", "--goal", "C", "-f", "json").stdout) == both[1:]
    assert _ids(tracker("list", "--status", "completed", "-f", "json").stdout) == both[1:]
    assert _ids(tracker("list", "--year", "2027", "-f", "json").stdout) == both[:1]
    assert _ids(tracker("list", "--year", "2025", "-f", "json").stdout) == both[1:]
    assert _ids(tracker("list", "--goal", "B", "--status", "completed", "-f", "json").stdout) == []


def test_list_table_and_csv(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    table = tracker("list", "--economy", "JPN")
    assert table.exit_code == 0
    assert "jpn-2026-ai-skills" in table.stdout and "1 activity." in table.stdout
    listed = tracker("list", "--format", "csv")
    assert not listed.stdout.startswith("\ufeff")  # for tools, not Excel
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert [row["id"] for row in rows] == ["jpn-2026-ai-skills-for-public-servants", "ppsti-2025-ai-for-msmes"]


def test_unknown_filter_code_is_misuse_with_hint(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    result = tracker("list", "--economy", "Korea")
    assert result.exit_code == 2
    assert "did you mean ROK" in result.stderr
    assert tracker("list", "--action", "B.vi").exit_code == 2
    assert tracker("list", "--status", "done").exit_code == 2


def test_records_with_errors_are_left_out_and_said_so(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    tracker_repo.write("data/economies/ROK/rok-2026-broken.yaml", BROKEN_RECORD)
    result = tracker("list", "-f", "json")
    assert result.exit_code == 0
    assert "rok-2026-broken" not in result.stdout
    assert "1 record file with errors left out" in result.stderr
    assert "data/economies/ROK/rok-2026-broken.yaml" in result.stderr
    shown = tracker("show", "rok-2026-broken")
    assert shown.exit_code == 1
    assert "has errors" in shown.stderr


def test_show(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    result = tracker("show", "jpn-2026-ai-skills-for-public-servants")
    assert result.exit_code == 0
    assert "AI skills for public servants" in result.stdout
    assert "B.i Public Sector Capacity (principal)" in result.stdout
    assert "2026  ongoing: Two workshops held in Tokyo." in result.stdout
    assert "officials trained people: baseline 0, target 400, value 120" in result.stdout
    as_json = json.loads(tracker("show", "jpn-2026-ai-skills-for-public-servants", "-f", "json").stdout)
    assert as_json["co_sponsors"] == ["ROK", "VN"] and as_json["path"] == JPN_PATH
    missing = tracker("show", "jpn-2026-ai-skills")
    assert missing.exit_code == 2
    assert "did you mean jpn-2026-ai-skills-for-public-servants" in missing.stderr


def test_csv_export_opens_in_excel_safely(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    target = tracker_repo.root / "out" / "activities.csv"
    result = tracker("export", "--format", "csv", "--output", str(target))
    assert result.exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 2
    jpn, ppsti = rows
    assert jpn["co_sponsors"] == "ROK; VN"
    assert jpn["principal_actions"] == "B.i" and jpn["significant_actions"] == "B.iii"
    assert jpn["goals"] == "B"
    assert ppsti["title"].startswith("'=HYPERLINK(")  # a formula, neutralised
    assert "Año, 日本" in ppsti["title"]
    assert ppsti["funding_source"] == "'@self-funded"
    assert ppsti["funding_usd"] == "50000"
    assert ppsti["reporter_name"] == "Policy Partnership on Science, Technology and Innovation"


def test_export_never_overwrites_unless_forced(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    target = tracker_repo.write("mine.csv", "my own work\n")
    result = tracker("export", "--output", str(target))
    assert result.exit_code == 2
    assert "exists" in result.stderr
    assert target.read_text() == "my own work\n"
    assert tracker("export", "--output", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("id,title,")


def test_json_export_holds_whole_records(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    _repo(tracker_repo, valid_record)
    document = json.loads(tracker("export", "--format", "json").stdout)
    assert document["version"] == 1
    [jpn, ppsti] = document["activities"]
    assert jpn["progress"][0]["indicators"][0]["value"] == 120
    assert ppsti["funding"] == {"source": "@self-funded", "amount_usd": 50000.0, "co_funding_usd": None}


def test_neutralise() -> None:
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("AI skills") == "AI skills"
    assert neutralise("2026-03-01") == "2026-03-01"


def test_status_choices_match_the_model() -> None:
    assert [s.value for s in StatusChoice] == [s.value for s in Status]


def test_generated_exports_and_reports_stay_out_of_git_status() -> None:
    # The Secretariat's guide writes exports/activities.csv and reports/<YEAR>/ in
    # the repository; a contact's `git add -A` must not sweep them into a record change.
    from tests.conftest import PROJECT_ROOT, git

    ignored = git(PROJECT_ROOT, "check-ignore", "exports/activities.csv", "reports/2026/apec-ai-initiative-2026.md")
    assert ignored.split() == ["exports/activities.csv", "reports/2026/apec-ai-initiative-2026.md"]


def test_the_table_never_drops_part_of_a_title_on_a_narrow_screen(tracker_repo: TrackerRepo, tracker,
                                                                   valid_record: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Titles wrap (long words fold) however narrow the screen: read down the
    title column, the table holds every character of every title, in order."""
    _repo(tracker_repo, valid_record)
    long_title = "Accelerating Industry 4.0 Transformation through Multi-Stakeholder Insights and Dialogues"
    path = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
    text = (tracker_repo.root / path).read_text(encoding="utf-8")
    tracker_repo.write(path, text.replace("title: AI skills for public servants", f"title: {long_title}"))
    titles = [activity["title"] for activity in json.loads(tracker("list", "--format", "json").stdout)["activities"]]
    assert long_title in titles
    for columns in ("50", "60", "80", "100", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        lines = tracker("list").stdout.splitlines()
        header = next(number for number, line in enumerate(lines) if "title" in line)  # headers wrap too
        start = lines[header].index("title")
        column = "".join(line[start:] for line in lines[header + 1:] if not line.endswith("activities."))
        assert "".join(column.split()) == "".join("".join(titles).split()), columns


def test_csv_export_has_a_byte_order_mark_in_a_file_and_none_on_stdout(tracker_repo: TrackerRepo, tracker,
                                                                       valid_record: str) -> None:
    """Excel needs the mark to read a file as UTF-8; a program reading a pipe would
    take it as part of the first column's name."""
    _repo(tracker_repo, valid_record)
    piped = tracker("export", "--format", "csv")
    assert piped.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(piped.stdout, newline="")))
    assert rows[0]["id"] == "jpn-2026-ai-skills-for-public-servants"
    assert next(csv.reader(io.StringIO(piped.stdout)))[0] == "id"
    target = tracker_repo.root / "activities.csv"
    assert tracker("export", "--format", "csv", "--output", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,")
    # The same rows, the mark aside (the runner's stdout reads line ends as "\n").
    assert data[3:].decode("utf-8").splitlines() == piped.stdout.splitlines()


LONG_TITLE = "AI skills for public servants, " + "a title that runs on and on, " * 5 + "to the end"


def test_output_to_a_pipe_never_wraps(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids copied from a CI log or a file must be whole, and a line read by
    another program one record: off a terminal nothing is wrapped or cut,
    whatever width the environment claims."""
    _repo(tracker_repo, valid_record.replace("title: AI skills for public servants", f"title: {LONG_TITLE}"))
    record_id = "jpn-2026-ai-skills-for-public-servants"
    # A real pipe, as `tracker list --year 2026 | cat`.
    piped = subprocess.run([sys.executable, "-m", "apec_tracker", "--repo", str(tracker_repo.root), "list", "--year",
                            "2026"], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "COLUMNS": "40"})
    assert piped.returncode == 0, piped.stderr
    [row] = [line for line in piped.stdout.splitlines() if record_id in line]
    assert row.startswith(f"{record_id}  ") and row.endswith(LONG_TITLE)
    assert all(line == line.rstrip() for line in piped.stdout.splitlines())
    monkeypatch.setenv("COLUMNS", "40")
    assert f"{record_id}  " in tracker("list").stdout
    assert LONG_TITLE in tracker("show", record_id).stdout.splitlines()
    assert f"  {record_id}: {LONG_TITLE} (Japan)" in tracker("diff", "2026").stdout.splitlines()
