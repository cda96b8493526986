"""Standard indicators added up (`tracker indicators`, the review's section),
checked against arithmetic written out here from the records, never against
the code under test: the worked example of docs/indicators.md, the series,
the on-track rule, every output format, and a generated repository recounted
independently."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from apec_tracker.domain.framework import StandardIndicator
from apec_tracker.reporting.indicators import ActionTrack, Measure, TrackStatus
from tests.conftest import PROJECT_ROOT, TrackerRepo

JPN = "data/economies/JPN/jpn-2026-ai-skills.yaml"
HRDWG = "data/fora/HRDWG/hrdwg-2027-ai-workforce.yaml"
PER = "data/economies/PE/per-2027-ai-policy-lab.yaml"

JPN_RECORD = """\
id: jpn-2026-ai-skills
title: AI skills for public servants
summary: A training programme on using AI tools in public services.
reporter: JPN
lead_economies: [JPN]
co_sponsors: [ROK]
actions:
  - code: B.i
    role: principal
activity_type: workshop
status: ongoing
planned_start: 2026-03-01
planned_end: 2028-12-31
actual_start: 2026-03-15
progress:
  - year: 2026
    status: ongoing
    narrative: Two workshops in Tokyo.
    indicators:
      - id: participants-trained
        baseline: 0
        target: 100
        value: 80
  - year: 2027
    status: ongoing
    narrative: Three workshops in Tokyo and Seoul.
    indicators:
      - id: participants-trained
        baseline: 0
        target: 200
        value: 150
      - id: women-trained
        value: 60
      - id: economies-taking-part
        value: 5
"""

HRDWG_RECORD = """\
id: hrdwg-2027-ai-workforce
title: AI and the workforce
summary: Reskilling programmes compared across economies.
reporter: HRDWG
lead_economies: [VN]
actions:
  - code: B.i
    role: principal
  - code: B.iii
    role: principal
activity_type: workshop
status: ongoing
planned_start: 2027-02-01
actual_start: 2027-02-10
progress:
  - year: 2027
    status: ongoing
    narrative: A workshop in Hanoi.
    indicators:
      - id: participants-trained
        baseline: 20
        target: 120
        value: 30
      - id: economies-taking-part
        value: 3
      - id: women-share
        value: 45
"""

PER_RECORD = """\
id: per-2027-ai-policy-lab
title: AI policy lab
summary: A policy lab on AI, still being prepared.
reporter: PE
lead_economies: [PE]
actions:
  - code: C.i
    role: principal
activity_type: project
status: planned
planned_start: 2028-01-01
progress:
  - year: 2027
    status: planned
    narrative: Partners were found.
    indicators:
      - id: participants-trained
        target: 600
        value: 500
"""


@pytest.fixture
def example(tracker_repo: TrackerRepo, monkeypatch: pytest.MonkeyPatch) -> TrackerRepo:
    """The worked example of docs/indicators.md, as of the end of 2027."""
    monkeypatch.setenv("TRACKER_TODAY", "2027-12-31")
    tracker_repo.write(JPN, JPN_RECORD)
    tracker_repo.write(HRDWG, HRDWG_RECORD)
    tracker_repo.write(PER, PER_RECORD)
    tracker_repo.commit("the worked example")
    return tracker_repo


def _json(tracker, *args: str, repo: Path | None = None) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = tracker("indicators", *args, "--format", "json", repo=repo)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _indicator(document: dict, key: str) -> dict:  # type: ignore[type-arg]
    return next(item for item in document["indicators"] if item["id"] == key)


def _by(item: dict, group: str) -> dict[str, tuple[float | None, int]]:  # type: ignore[type-arg]
    return {t["code"]: (t["value"], t["activities"]) for t in item[group]}


# -- the worked example, figure by figure ---------------------------------------------------


def test_the_worked_example_totals(example: TrackerRepo, tracker) -> None:
    document = _json(tracker, "2027")
    assert document["version"] == 1
    assert (document["year"], document["years"]) == (2027, [2026, 2027])
    # The planned activity is not active in 2027: its 500 is not counted.
    assert document["active_activities"] == 2

    participants = _indicator(document, "participants-trained")
    assert participants["total"]["value"] == 150 + 30
    assert participants["total"]["ids"] == ["hrdwg-2027-ai-workforce", "jpn-2026-ai-skills"]
    by_action = _by(participants, "by_action")
    assert by_action["B.i"] == (150 + 30, 2)
    assert by_action["B.iii"] == (30, 1)
    assert by_action["C.i"] == (0, 0)
    assert list(by_action) == ["A.i", "A.ii", "A.iii", "A.iv", "B.i", "B.ii", "B.iii", "B.iv", "B.v",
                               "C.i", "C.ii", "C.iii"]
    assert _by(participants, "by_goal") == {"A": (0, 0), "B": (180, 2), "C": (0, 0)}
    # JPN reports and leads; ROK co-sponsors; VN leads the forum's activity.
    assert _by(participants, "by_economy") == {"JPN": (150, 1), "ROK": (150, 1), "VN": (30, 1)}
    assert _by(participants, "by_forum") == {"HRDWG": (30, 1)}

    women = _indicator(document, "women-trained")
    assert (women["total"]["value"], women["total"]["ids"]) == (60, ["jpn-2026-ai-skills"])

    # Economies named: JPN, ROK (one activity), VN (the other): 3; the largest value is 5.
    economies = _indicator(document, "economies-taking-part")
    assert economies["total"]["value"] == max(len({"JPN", "ROK", "VN"}), 5, 3) == 5
    assert _by(economies, "by_economy")["VN"] == (3, 1)  # VN's activity names 1 economy, reports 3

    share = _indicator(document, "women-share")
    assert share["total"]["value"] is None and share["total"]["activities"] == 1
    assert [(v["activity"], v["id"], v["value"], v["reason"]) for v in document["not_added"]] == [
        ("hrdwg-2027-ai-workforce", "women-share", 45, "not added up by its definition")]

    untouched = _indicator(document, "funding-mobilised")
    assert untouched["total"] == {"code": "all", "label": "All activities", "value": 0, "activities": 0, "ids": []}


def test_the_series_counts_each_year_by_its_own_entries(example: TrackerRepo, tracker) -> None:
    document = _json(tracker, "2027")
    series = {point["year"]: (point["value"], point["activities"])
              for point in _indicator(document, "participants-trained")["series"]}
    # 2026: only the Japanese activity had begun, with 80; 2027: 150 + 30.
    assert series == {2026: (80, 1), 2027: (180, 2)}
    assert _json(tracker, "2026")["years"] == [2026]
    assert _indicator(_json(tracker, "2026"), "participants-trained")["total"]["value"] == 80


def test_a_value_is_never_carried_into_a_year_without_an_entry(example: TrackerRepo, tracker,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2028-06-30")
    # Both activities are still ongoing in 2028 (carried forward), but neither has a 2028 entry.
    document = _json(tracker, "2028")
    assert document["active_activities"] == 2
    participants = _indicator(document, "participants-trained")
    assert participants["total"] == {"code": "all", "label": "All activities", "value": 0, "activities": 0,
                                     "ids": []}
    assert [point["value"] for point in participants["series"]] == [80, 180, 0]


def test_the_worked_example_on_track(example: TrackerRepo, tracker) -> None:
    tracks = {t["action"]: t for t in _json(tracker, "2027")["on_track"]}
    first, second = (150 - 0) / (200 - 0), (30 - 20) / (120 - 20)
    assert tracks["B.i"]["mean"] == pytest.approx((first + second) / 2) == 0.425
    assert tracks["B.i"]["status"] == "some progress"
    assert [(m["activity"], m["achievement"]) for m in tracks["B.i"]["measures"]] == [
        ("jpn-2026-ai-skills", pytest.approx(first)), ("hrdwg-2027-ai-workforce", pytest.approx(second))]
    assert (tracks["B.iii"]["status"], tracks["B.iii"]["mean"]) == ("off track", pytest.approx(second))
    assert (tracks["C.i"]["status"], tracks["C.i"]["mean"], tracks["C.i"]["ids"]) == ("no data", None, [])


def test_tracker_status_gives_each_actions_track_as_tracker_indicators_does(example: TrackerRepo, tracker) -> None:
    """One answer: the actions' tracks in `tracker status` are those of `tracker indicators`."""
    result = tracker("status", "2027", "--format", "json")
    assert result.exit_code == 0, result.stderr
    tracks = json.loads(result.stdout)["actions"]
    assert [{key: t[key] for key in ("action", "title", "status", "mean", "ids")} for t in tracks] == [
        {key: t[key] for key in ("action", "title", "status", "mean", "ids")}
        for t in _json(tracker, "2027")["on_track"]]
    assert [t["measures"] for t in tracks if t["action"] in ("B.i", "B.iii", "C.i")] == [2, 1, 0]

    text = tracker("status", "2027").stdout.splitlines()
    assert "Actions by their standard indicators in 2027: 0 on track, 1 some progress, 1 off track, 10 no data" in text
    assert any(line.split() == ["B.i", "Public", "Sector", "Capacity", "some", "progress", "42%", "2", "2"]
               for line in text)
    markdown = tracker("status", "2027", "--format", "md").stdout
    assert "| B.iii Workforce Capacity | off track | 10% | 1 | 1 |" in markdown


def test_tracker_status_at_a_terminal_shows_each_track(example: TrackerRepo) -> None:
    from tests.terminal import run_at_terminal

    output, code = run_at_terminal(
        [sys.executable, "-m", "apec_tracker", "--repo", str(example.root), "status", "2027"], [])
    assert code == 0, output
    assert "Actions by their standard indicators in 2027: 0 on track, 1 some progress" in output
    [bi] = [line for line in output.splitlines() if line.startswith("B.i Public Sector Capacity")]
    assert bi.split()[-5:] == ["some", "progress", "42%", "2", "2"]


# -- the on-track rule on its own ---------------------------------------------------------


def _track(*pairs: tuple[float, float, float]) -> ActionTrack:
    return ActionTrack("B.i", "Public Sector Capacity",
                       tuple(Measure(f"a{i}", "participants-trained", b, t, v) for i, (b, t, v) in enumerate(pairs)))


@pytest.mark.parametrize(("pairs", "status"), [
    ((), TrackStatus.NO_DATA),
    (((0, 100, 75),), TrackStatus.ON_TRACK),  # exactly 75 %
    (((0, 100, 74.9),), TrackStatus.SOME_PROGRESS),
    (((0, 100, 25),), TrackStatus.SOME_PROGRESS),  # exactly 25 %
    (((0, 100, 24.9),), TrackStatus.OFF_TRACK),
    (((0, 100, 250), (0, 100, 0)), TrackStatus.SOME_PROGRESS),  # past the target counts as 100 %: (1 + 0) / 2
    (((50, 100, 10), (0, 10, 10)), TrackStatus.SOME_PROGRESS),  # behind the baseline counts as 0: (0 + 1) / 2
    (((100, 40, 55),), TrackStatus.ON_TRACK),  # an indicator that should decrease: 45 of 60 down is 75 %
])
def test_the_on_track_thresholds(pairs: tuple[tuple[float, float, float], ...], status: TrackStatus) -> None:
    assert _track(*pairs).status is status


def test_measures_the_rule_leaves_out(tracker_repo: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """A target equal to the baseline, or on the side the indicator should not move to, is no measure;
    an indicator that should decrease is measured downwards."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-31")
    catalogue = tracker_repo.root / "data/reference/indicators.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + """\
  - id: waiting-days
    name: Days to approve an AI procurement
    definition: The median number of days from request to approval.
    unit: items
    combine: none
    min: 0
    direction: decrease
    actions: [B.i]
    source:
      text: A test's own indicator.
""", encoding="utf-8")
    record = JPN_RECORD.split("  - year: 2027")[0].replace("""      - id: participants-trained
        baseline: 0
        target: 100
        value: 80
""", """      - id: participants-trained
        baseline: 50
        target: 50
        value: 80
      - id: policy-outputs
        baseline: 4
        target: 2
        value: 3
      - id: waiting-days
        baseline: 90
        target: 30
        value: 45
""")
    tracker_repo.write(JPN, record)
    warnings = json.loads(tracker("validate", "--format", "json").stdout)["diagnostics"]
    assert [d["code"] for d in warnings] == ["I806"]  # policy-outputs: a target below the baseline
    [track] = [t for t in _json(tracker, "2026")["on_track"] if t["action"] == "B.i"]
    assert [(m["indicator"], m["achievement"]) for m in track["measures"]] == [
        ("waiting-days", pytest.approx((45 - 90) / (30 - 90)))]
    assert track["status"] == "on track"


# -- every format through the command line ------------------------------------------------


def test_text_in_a_pipe_is_plain_tables(example: TrackerRepo, tracker) -> None:
    result = tracker("indicators", "2027")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "\x1b[" not in text and "│" not in text
    for title in ("Standard indicators, 2027", "By action (principal), 2027", "By goal (principal actions), 2027",
                  "By economy (reporter, leads, co-sponsors), 2027", "By forum (reporter, partner fora), 2027",
                  "Actions on track, 2027", "Values not added up, 2027"):
        assert f"{title}\n{'=' * len(title)}\n" in text
    lines = text.splitlines()
    [row] = [line for line in lines if line.startswith("participants-trained ")]
    assert row.split()[-4:] == ["180", "2", "80", "180"]
    assert any(line.split()[:2] == ["economies-taking-part", "Economies"] and "at least 5" in line for line in lines)
    [bi] = [line for line in lines if line.startswith("B.i Public Sector Capacity ") and "progress" in line]
    assert bi.split()[-5:] == ["some", "progress", "42%", "2", "2"]


def test_text_at_a_terminal_is_drawn_tables(example: TrackerRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.terminal import run_at_terminal

    output, code = run_at_terminal([sys.executable, "-m", "apec_tracker", "--repo", str(example.root),
                                    "indicators", "2027"], [])
    assert code == 0, output
    assert "Standard indicators, 2027" in output and "some progress" in output
    assert "━" in output or "─" in output  # rich's table rules, not the plain layout's
    assert "=====" not in output


def test_markdown(example: TrackerRepo, tracker) -> None:
    result = tracker("indicators", "2027", "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Standard indicators, 2027\n")
    assert "| Indicator | Name | Unit | Total 2027 | Activities | 2026 | 2027 |" in text
    assert "| participants-trained | Participants trained | people | 180 | 2 | 80 | 180 |" in text
    assert "| B.i Public Sector Capacity | some progress | 42% | 2 | 2 |" in text
    assert "| Share of women among participants | percent | not added up by its definition | 1 | 1 | 45 | 45 | 45 |" \
        in text


def test_csv(example: TrackerRepo, tracker) -> None:
    result = tracker("indicators", "2027", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "section", "indicator", "unit", "combine", "code", "label", "value",
                             "activities", "activity_ids", "status"]
    total = next(r for r in rows if r["section"] == "total" and r["indicator"] == "participants-trained")
    assert (total["value"], total["activities"], total["activity_ids"]) == (
        "180", "2", "hrdwg-2027-ai-workforce jpn-2026-ai-skills")
    series = [(r["year"], r["value"]) for r in rows if r["section"] == "series"
              and r["indicator"] == "participants-trained"]
    assert series == [("2026", "80"), ("2027", "180")]
    share = next(r for r in rows if r["section"] == "total" and r["indicator"] == "women-share")
    assert share["value"] == "" and share["combine"] == "none"
    [listed] = [r for r in rows if r["section"] == "not_added"]
    assert (listed["indicator"], listed["code"], listed["value"]) == ("women-share", "hrdwg-2027-ai-workforce", "45")
    on_track = {r["code"]: (r["status"], r["value"]) for r in rows if r["section"] == "on_track"}
    assert on_track["B.i"] == ("some progress", "0.425")
    assert on_track["C.i"] == ("no data", "")


def test_records_with_errors_are_refused_unless_allowed(example: TrackerRepo, tracker) -> None:
    example.write(JPN, JPN_RECORD.replace("value: 60", "value: 160"))  # more women than participants: I805
    refused = tracker("indicators", "2027")
    assert refused.exit_code == 1
    assert "I805" in refused.stderr and "--allow-invalid" in refused.stderr
    allowed = tracker("indicators", "2027", "--allow-invalid", "--format", "json")
    assert allowed.exit_code == 0
    assert json.loads(allowed.stdout)["validation"]["errors"] == 1
    assert "records with 1 error (--allow-invalid)" in allowed.stderr


def test_a_year_outside_the_initiative_is_misuse(example: TrackerRepo, tracker) -> None:
    for year in ("2025", "2031"):
        result = tracker("indicators", year)
        assert result.exit_code == 2 and "the Initiative" in result.stderr and "(2026–2030)" in result.stderr


def test_as_of_a_commit_before_the_catalogue(example: TrackerRepo, tracker) -> None:
    from tests.conftest import git

    catalogue = example.root / "data/reference/indicators.yaml"
    saved = catalogue.read_bytes()
    catalogue.unlink()
    free_text = {path: (example.root / path).read_text() for path in (JPN, HRDWG, PER)}
    for path, text in free_text.items():
        example.write(path, text.replace("- id: participants-trained", "- name: participants trained")
                      .replace("- id: women-trained", "- name: women trained")
                      .replace("- id: economies-taking-part", "- name: economies")
                      .replace("- id: women-share", "- name: share of women"))
    old = example.commit("before the catalogue")
    catalogue.write_bytes(saved)
    for path in (JPN, HRDWG, PER):
        git(example.root, "checkout", "HEAD~1", "--", path)
    example.commit("the catalogue")
    document = _json(tracker, "2027", "--as-of", old)
    assert document["indicators"] == []
    assert {v["reason"] for v in document["not_added"]} == {"not a standard indicator"}
    assert _indicator(_json(tracker, "2027"), "participants-trained")["total"]["value"] == 180


# -- the review says the same ----------------------------------------------------------------


def test_the_review_section_agrees_and_links_every_total(example: TrackerRepo, tracker, tmp_path: Path) -> None:
    """The review's section "Standard indicators" gives the totals `tracker
    indicators` gives; each total's count of activities, and each action's, opens
    the list of those activities."""
    from tests.review_links import follow_every_link, parse

    result = tracker("report", "2027", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    md = (tmp_path / "apec-ai-initiative-2027.md").read_text(encoding="utf-8")
    section = md[md.index(". Standard indicators\n"):]
    section = section[:section.index("\n## ")]
    document = _json(tracker, "2027")
    for item in document["indicators"]:
        total = item["total"]
        [row] = [line for line in section.splitlines() if line.startswith(f"| {item['name']} |")]
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if total["value"] is None:
            assert cells[2] == "not added up"
        elif not total["activities"]:
            assert cells[2] == "–"  # no activity reports it: not a zero
        else:
            floor = "at least " if item["combine"] == "distinct" and total["activities"] else ""
            assert cells[2] == f"{floor}{total['value']:,.0f}"
        assert cells[3] == str(total["activities"])
    assert "| Participants trained | people | 180 | 2 | 80 | 180 |" in section
    assert "| B.i Public Sector Capacity | some progress | 42% | 2 |" in section
    assert "| A.i Voluntary Review | no data | – | 0 |" in section
    # In HTML every count opens its list, which holds what the count says.
    assert follow_every_link(tmp_path).problems == []
    page = parse(tmp_path / "apec-ai-initiative-2027" / "indicators.html")
    behind = next(element for element in page.root.walk() if element.attrs.get("id") == "participants-trained")
    assert behind.items() == set(_indicator(document, "participants-trained")["total"]["ids"])


def test_the_reviews_charts_and_colours_say_what_tracker_indicators_says(example: TrackerRepo, tracker,
                                                                         tmp_path: Path) -> None:
    """Each added-up indicator with a value is drawn as columns, one a year, each
    labelled with the series `tracker indicators` gives (inline SVG, no script);
    each action's track is shown by a colour named for the same status."""
    from tests.review_links import parse

    assert tracker("report", "2027", "-f", "html", "-o", str(tmp_path)).exit_code == 0
    page = parse(tmp_path / "apec-ai-initiative-2027.html")
    html = (tmp_path / "apec-ai-initiative-2027.html").read_text(encoding="utf-8")
    assert "<script" not in html
    labels = {element.attrs["aria-label"] for element in page.root.walk() if element.tag == "svg"}
    document = _json(tracker, "2027")
    drawn = [item for item in document["indicators"]
             if item["combine"] != "none" and any(point["value"] for point in item["series"])]
    assert drawn
    assert labels == {
        item["name"] + (" (USD)" if item["unit"] == "usd" else "") + (" (at least)" if item["combine"] == "distinct"
                                                                     else "") + ": " + "; ".join(
            f"{point['year']} " + ("–" if point["value"] is None else f"{point['value']:,.0f}")
            for point in item["series"])
        for item in drawn}
    tones = {element.text.strip(): element.attrs["class"].split()[-1] for element in page.root.walk()
             if element.tag == "td" and "tone" in element.attrs.get("class", "").split()}
    statuses = {track["status"] for track in document["on_track"]}
    assert tones == {status: "tone-" + status.replace(" ", "-") for status in statuses}
    # The first year's review has a table and no chart: a series of one column says nothing more.
    first = tmp_path / "first"
    assert tracker("report", "2026", "-f", "html", "-o", str(first)).exit_code == 0
    assert "<svg" not in (first / "apec-ai-initiative-2026.html").read_text(encoding="utf-8")


def test_the_reviews_breakdown_by_goal_action_economy_and_forum_is_tracker_indicators(
        example: TrackerRepo, tracker, tmp_path: Path) -> None:
    """The review's indicators page gives each added-up indicator's totals by
    goal, action, economy and forum: the figures `tracker indicators` gives."""
    from tests.review_links import parse

    assert tracker("report", "2027", "-f", "html", "-o", str(tmp_path)).exit_code == 0
    page = parse(tmp_path / "apec-ai-initiative-2027" / "indicators.html")
    document = _json(tracker, "2027")
    shown = [item for item in document["indicators"] if item["combine"] != "none" and item["total"]["activities"]]
    groups = {"By goal": "by_goal", "By action": "by_action", "By economy": "by_economy", "By forum": "by_forum"}
    tables = [element for element in page.root.walk() if element.tag == "table"
              and any(child.tag == "caption" and child.text.startswith(tuple(groups)) for child in element.children)]
    assert len(tables) == 4
    for table in tables:
        caption = next(child.text for child in table.children if child.tag == "caption")
        group = groups[next(key for key in groups if caption.startswith(key))]
        heads = [cell.text.replace("\u00ad", "") for cell in table.walk() if cell.tag == "th"
                 and cell.attrs.get("scope") == "col"]
        assert heads[1:] == [item["name"] + (" (USD)" if item["unit"] == "usd" else "") for item in shown]
        rows = [element for element in table.walk() if element.tag == "tr" and any(
            cell.tag == "td" for cell in element.children)]
        found = {row.children[0].text: [cell.text for cell in row.children[1:]] for row in rows}
        expected = {}
        for column, item in enumerate(shown):
            for total in item[group]:
                if group in ("by_goal", "by_action") or total["activities"]:
                    cells = expected.setdefault(total["label"], [""] * len(shown))
                    cells[column] = f"{total['value']:,.0f}" if total["activities"] else ""
        assert found == expected, group


def test_every_tone_has_a_colour_in_html_and_word() -> None:
    from apec_tracker.reporting.indicators import TrackStatus
    from apec_tracker.reporting.review_model import TONES
    from apec_tracker.reporting.word import TONE_COLOURS

    assert set(TONES) == {status.value.replace(" ", "-") for status in TrackStatus} == set(TONE_COLOURS)
    style = (PROJECT_ROOT / "apec_tracker" / "templates" / "partials" / "style.css.j2").read_text(encoding="utf-8")
    for tone in TONES:
        assert f"td.tone-{tone}::before {{ color:" in style


# -- a generated repository, recounted independently -----------------------------------------


def test_a_generated_repository_recounted_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tracker) -> None:
    """Every total of every standard indicator that adds up, by action and by
    economy, recounted from the YAML files with nothing but the standing of
    each activity: the sum of the year's entries of the activities active that year."""
    from ruamel.yaml import YAML

    from apec_tracker.domain.record import Activity
    from apec_tracker.domain.standing import active_in

    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import generate

    root = tmp_path / "generated"
    generate.generate(150, root, seed=11)
    monkeypatch.setenv("TRACKER_TODAY", "2030-12-31")
    document = _json(tracker, "2029", repo=root)

    yaml = YAML(typ="safe")
    sums: dict[tuple[str, str], float] = defaultdict(float)
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in sorted((root / "data").glob("*/*/*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        if not active_in(Activity.model_validate(data), 2029):
            continue
        entry = next((e for e in data.get("progress", []) if e["year"] == 2029), None)
        for indicator in (entry or {}).get("indicators", []):
            if "id" not in indicator or "value" not in indicator:
                continue
            groups = ["all"] + [f"action {a['code']}" for a in data["actions"] if a["role"] == "principal"]
            groups += [f"economy {code}" for code in {data["reporter"], *data.get("lead_economies", []),
                                                      *data.get("co_sponsors", [])}]
            for group in groups:
                sums[indicator["id"], group] += indicator["value"]
                ids[indicator["id"], group].add(data["id"])
    checked = 0
    for item in document["indicators"]:
        if item["combine"] != "sum":
            continue
        found = {"all": item["total"]} | {f"action {t['code']}": t for t in item["by_action"]} | {
            f"economy {t['code']}": t for t in item["by_economy"]}
        for group, total in found.items():
            key = (item["id"], group)
            assert math.isclose(total["value"], sums.get(key, 0.0)), key
            assert total["ids"] == sorted(ids.get(key, set())), key
            checked += 1
    assert checked > 100
    assert sum(1 for key in sums if key[1] == "all") >= 6


# -- the catalogue itself ------------------------------------------------------------------------


def test_the_catalogue_says_where_each_indicator_comes_from() -> None:
    from apec_tracker.reading.reference import load_framework

    framework = load_framework(PROJECT_ROOT / "data" / "reference")
    assert list(framework.indicators)[:2] == ["participants-trained", "women-trained"]
    assert {"participants-trained", "women-trained", "officials-trained", "economies-taking-part", "msmes-reached",
            "policy-outputs", "funding-mobilised"} <= set(framework.indicators)
    for indicator in framework.indicators.values():
        assert indicator.source.text and indicator.source.links, indicator.id
        assert all(link.startswith("https://") for link in indicator.source.links)
    economies = framework.indicators["economies-taking-part"]
    assert (economies.max, economies.whole) == (len(framework.economies), True)
    assert framework.indicators["women-share"].problem_with(105) == "more than its maximum, 100"


@pytest.mark.parametrize(("change", "message"), [
    (("actions: [A.ii, B.ii, B.iii, C.ii, C.iii]", "actions: [A.ii, B.vi]"), "msmes-reached names the unknown action"),
    (("part_of: participants-trained\n    source:\n      text: >-\n        The Framework",
      "part_of: participants-trainees\n    source:\n      text: >-\n        The Framework"),
     "women-trained is part of 'participants-trainees', which is not in the catalogue"),
    (("min: 0\n    max: 21", "min: 22\n    max: 21"), "min 22 is more than max 21"),
    (("unit: economies\n    combine: distinct", "unit: people\n    combine: distinct"),
     "combine: distinct counts economies"),
    (("unit: usd", "unit: dollars"), "indicators.yaml"),
    (("name: Women among participants trained", "name: Participants Trained"),
     "'participants trained' names both participants-trained and women-trained"),
])
def test_a_broken_catalogue_stops_every_command(tracker_repo: TrackerRepo, tracker, change: tuple[str, str],
                                                message: str) -> None:
    catalogue = tracker_repo.root / "data/reference/indicators.yaml"
    text = catalogue.read_text(encoding="utf-8")
    assert change[0] in text
    catalogue.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    for command in (("validate",), ("indicators", "2026")):
        result = tracker(*command)
        assert result.exit_code == 2
        assert "the reference data is broken" in result.stderr and message in result.stderr


def test_the_working_tree_must_have_the_catalogue(tracker_repo: TrackerRepo, tracker) -> None:
    """Only a past revision may be without it (test_as_of_a_commit_before_the_catalogue)."""
    (tracker_repo.root / "data/reference/indicators.yaml").unlink()
    result = tracker("validate")
    assert result.exit_code == 2
    assert "indicators.yaml does not exist" in result.stderr


def test_what_records_are_checked_against_includes_the_catalogue(tmp_path: Path) -> None:
    """The store of checked records is keyed by the reference data records are
    checked against (Framework.digest): the catalogue is part of it."""
    import shutil

    from apec_tracker.reading.reference import load_framework
    from tests.conftest import REFERENCE

    changed = tmp_path / "reference"
    shutil.copytree(REFERENCE, changed)
    catalogue = changed / "indicators.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert load_framework(changed).digest != load_framework(REFERENCE).digest


def test_hints_for_an_id_written_as_a_name(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    for written, hint in (("Officials trained", "did you mean officials-trained (Public officials trained)?"),
                          ("officials_trained", "did you mean officials-trained (Public officials trained)?"),
                          ("officials-traned", "did you mean officials-trained?"),
                          ("downloads", "standard indicators are listed in data/reference/indicators.yaml")):
        tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml",
                           valid_record.replace("id: officials-trained", f"id: {written}"))
        [diagnostic] = json.loads(tracker("validate", "--format", "json").stdout)["diagnostics"]
        assert diagnostic["code"] == "I801"
        assert diagnostic["hint"].startswith(hint), diagnostic


def test_the_bounds_in_words() -> None:
    def standard(**bounds: object) -> StandardIndicator:
        return StandardIndicator.model_validate({
            "id": "x", "name": "X", "definition": "x", "unit": "people", "combine": "sum", "actions": ["B.i"],
            "source": {"text": "x"}, **bounds})

    assert standard(min=0, whole=True).bounds == "0 or more, in whole numbers"
    assert standard(min=0, max=100).bounds == "from 0 to 100"
    assert standard().bounds == "any number"
    assert standard(min=0, whole=True).problem_with(-1) == "less than its minimum, 0"
    assert standard(whole=True).problem_with(2.5) == "not a whole number (people are counted in whole numbers)"
    assert standard(min=0, max=21, whole=True).problem_with(21) is None


def test_the_diff_follows_a_standard_indicator_by_its_id(example: TrackerRepo, tracker) -> None:
    """`tracker diff` matches an indicator across years by its id when it has one, whatever
    name the record gives it, and names it as the catalogue does."""
    example.write(JPN, JPN_RECORD.replace("""      - id: participants-trained
        baseline: 0
        target: 100
        value: 80""", """      - id: participants-trained
        name: people who finished the course
        baseline: 0
        target: 200
        value: 80"""))
    document = json.loads(tracker("diff", "2026", "2027", "--format", "json").stdout)
    moved = [(i["activity"]["id"], i["id"], i["before"], i["after"], i["movement"]) for i in document["indicators"]]
    assert ("jpn-2026-ai-skills", "participants-trained", 80, 150, "toward") in moved
    text = tracker("diff", "2026", "2027").stdout
    assert "jpn-2026-ai-skills: Participants trained (people) 80 → 150" in text


# -- laws over generated records -------------------------------------------------------------

STATUSES = ["planned", "ongoing", "completed", "cancelled", "suspended"]
SOME_ACTIONS = ["A.i", "B.i", "B.iii", "C.i"]
SOME_ECONOMIES = ["JPN", "ROK", "VN", "PE"]


def _activities(draw, count: int) -> list:  # type: ignore[no-untyped-def, type-arg]
    from hypothesis import strategies as st

    from apec_tracker.domain.record import Activity

    found = []
    for number in range(count):
        years = sorted(draw(st.sets(st.sampled_from(range(2026, 2031)), max_size=3)))
        entries = []
        for year in years:
            indicators = []
            for key in draw(st.lists(st.sampled_from(["participants-trained", "economies-taking-part",
                                                       "women-share", "policy-outputs"]), max_size=3, unique=True)):
                top = 21 if key == "economies-taking-part" else 100 if key == "women-share" else 500
                indicators.append({"id": key, "value": draw(st.integers(0, top)),
                                   **({"baseline": 0, "target": draw(st.integers(1, top))} if draw(st.booleans())
                                      else {})})
            entries.append({"year": year, "status": draw(st.sampled_from(STATUSES)), "narrative": "n",
                            "indicators": indicators})
        found.append(Activity.model_validate({
            "id": f"act-{number:02d}", "title": "t", "summary": "s", "reporter": draw(st.sampled_from(SOME_ECONOMIES)),
            "co_sponsors": draw(st.lists(st.sampled_from(SOME_ECONOMIES), max_size=2, unique=True)),
            "actions": [{"code": code, "role": draw(st.sampled_from(["principal", "significant"]))}
                        for code in draw(st.lists(st.sampled_from(SOME_ACTIONS), min_size=1, max_size=2, unique=True))],
            "activity_type": "workshop", "status": entries[-1]["status"] if entries else "planned",
            "planned_start": f"{draw(st.integers(2025, 2030))}-03-01", "progress": entries}))
    return found


def test_laws_of_the_totals() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from apec_tracker.domain.standing import active_in
    from apec_tracker.reading.reference import load_framework
    from apec_tracker.reporting.indicators import indicator_report

    framework = load_framework(PROJECT_ROOT / "data" / "reference")

    @settings(max_examples=60, deadline=None)
    @given(st.data(), st.integers(0, 8), st.integers(2026, 2030))
    def check(data, count: int, year: int) -> None:  # type: ignore[no-untyped-def]
        activities = _activities(data.draw, count)
        report = indicator_report(activities, framework, year)
        for item in report.indicators:
            key = item.indicator.id
            values = {a.id: i.value for a in activities if active_in(a, year) and (e := a.progress_for(year))
                      for i in e.indicators if i.id == key}
            assert item.total.activities == tuple(sorted(values))
            if item.indicator.combine.value == "sum":
                assert item.total.value == sum(values.values())
                goals = {t.code: t.value for t in item.by_goal}
                for action in item.by_action:  # an action's total is within its goal's, a goal's within all
                    assert action.value is not None and action.value <= (goals[action.code[0]] or 0)
                assert all(value is not None and value <= (item.total.value or 0) for value in goals.values())
            elif item.indicator.combine.value == "distinct":
                assert item.total.value is not None and item.total.value <= 21
                assert item.total.value >= max(values.values(), default=0)
            else:
                assert item.total.value is None
            # Each point of the series is that year's own total.
            for point in item.series:
                that_year = next(i for i in indicator_report(activities, framework, point.year).indicators
                                 if i.indicator.id == key).total
                assert (point.value, point.activities) == (that_year.value, that_year.activities)
        for track in report.on_track:
            assert track.mean is None or 0 <= track.mean <= 1
            assert (track.status is TrackStatus.ON_TRACK) == (track.percent is not None and track.percent >= 75)

    check()
