"""The repository's own records: real, public APEC activities that must stay valid,
traceable to their sources, and give the review figures a reader can recount."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apec_tracker.cli import app
from apec_tracker.domain.record import Activity
from apec_tracker.domain.standing import history, year_figures
from apec_tracker.reporting.review import Report, Scope
from apec_tracker.services.context import Workspace, open_workspace
from apec_tracker.services.reviews import ReportRequest, review
from apec_tracker.services.validation import validate
from tests.conftest import PROJECT_ROOT

HEADER = "# yaml-language-server: $schema=../../../schema/activity.schema.json\n"
RECORD_FOLDERS = ("economies", "fora", "bodies")
RECORDS = sorted(path for path in (PROJECT_ROOT / "data").glob("*/*/*.yaml")
                 if path.parent.parent.name in RECORD_FOLDERS)
# The day the figures below were counted; records dated later would change them.
TODAY = "2026-12-02"


def _in(folder: str) -> list[Path]:
    return [path for path in RECORDS if path.parent.parent.name == folder]


def test_the_repository_validates_strictly() -> None:
    result = CliRunner().invoke(app, ["--repo", str(PROJECT_ROOT), "validate", "--strict", "--format", "json"],
                                catch_exceptions=False)
    report = json.loads(result.stdout)
    assert report["diagnostics"] == []
    assert result.exit_code == 0
    assert report["summary"]["files"] == len(RECORDS) == 56


def test_every_record_names_its_sources_as_web_pages_and_its_schema(records: list[Activity]) -> None:
    assert len(records) == len(RECORDS)
    for path in RECORDS:
        assert path.read_text(encoding="utf-8").startswith(HEADER), path.name
    for activity in records:
        assert activity.sources, f"{activity.id} names no source"
        for address in (*activity.sources, *activity.links):
            assert re.match(r"^https?://\S+$", address), f"{activity.id}: {address!r} is not an http(s) link"


def test_no_personal_details_in_records() -> None:
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{path.name} holds an e-mail address"
        telephone = re.search(r"\+\d{1,3}[\s-]*\(?\d{1,4}\)?[\s-]*\d{3,}", text)
        assert not telephone, f"{path.name}: a telephone number?"
        contact = re.search(r"\b(?:tel|phone|fax|e-?mail)\b", text, re.IGNORECASE)
        assert not contact, f"{path.name}: contact details?"


def test_progress_is_reported_from_the_baseline_year_on() -> None:
    # 2025 is the Initiative's baseline year and may have an entry; nothing earlier.
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        years = [int(year) for year in re.findall(r"^  - year: (\d{4})$", text, re.MULTILINE)]
        assert all(year >= 2025 for year in years), path.name


def test_ministerials_and_other_bodies_report_apec_wide_work_from_their_own_folders() -> None:
    # Counted from `ls data/economies/* data/fora/* data/bodies/*`: 16 records of 8
    # economies, 13 of 10 fora, 27 of 17 bodies (ABAC 7, SOM 4, PECC 2, and one each of
    # AELM, AMM, DAMM, EDMM, EMM, FMM, FSMM, HLMHE, HRDMM, MRT, PSU, SMEMM, SRMM, WEF).
    assert (len(_in("economies")), len(_in("fora")), len(_in("bodies"))) == (16, 13, 27)
    assert len({path.parent.name for path in _in("economies")}) == 8
    assert len({path.parent.name for path in _in("fora")}) == 10
    assert len({path.parent.name for path in _in("bodies")}) == 17
    # The 2025 ministerials Korea hosted are no longer Korea's own records.
    for path in _in("bodies"):
        if path.parent.name in ("DAMM", "EDMM"):
            assert "host_economy: ROK\n" in path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_TODAY", TODAY)
        yield open_workspace(PROJECT_ROOT)


@pytest.fixture(scope="module")
def records(workspace: Workspace) -> list[Activity]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_TODAY", TODAY)
        return [record.activity for record in validate(workspace, use_cache=False).records]


@pytest.fixture(scope="module")
def review_2026(workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Report:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return review(workspace, ReportRequest(year=2026, scopes=(Scope(),), formats=()))


def test_the_2026_review_says_what_the_records_say(review_2026: Report) -> None:
    s = review_2026.summary
    assert (s.records, s.reporters) == (56, 35)
    # Records with a progress entry for 2026, all completed, all new: the SOM1
    # meetings of ACTWG, DESG, PPSTI and HWG, SOM1 itself and ABAC in Jakarta (6).
    # Still ongoing from earlier years, by their project pages: EC_201_2024A and
    # PPSTI_108_2024A (2). Planned, not started: China's Digital Week, Korea's
    # Asia-Pacific AI Center and AI for Supply Chains, North Gyeongsang's plan (4).
    assert (s.active, s.new, s.completed, s.planned, s.suspended, s.cancelled) == (8, 6, 6, 4, 0, 0)
    assert s.in_scope == 12
    # Every active record of 2026 is a forum's or a body's: none is economy-level.
    assert (s.economy_level, s.apec_wide) == (0, 8)
    # Economies named as lead or co-sponsor of the two ongoing projects: JPN, CDA,
    # MAS, SGP, CT, THA, USA (EC_201) and CHL, PRC (PPSTI_108, with MAS, CT, THA).
    assert (s.economies_taking_part, s.economies_total) == (9, 21)
    assert s.fora_taking_part == ("EC", "DESG", "PPSTI", "HWG", "ACTWG")
    assert s.bodies_taking_part == ("SOM", "ABAC")
    # Principal actions of the active records: A.ii (ABAC), A.iii (DESG, PPSTI,
    # ACTWG, SOM, EC_201), B.i (HWG), B.ii (PPSTI_108).
    assert (s.actions_with_principal, s.actions_total) == (4, 12)
    assert s.apec_projects == 2
    assert review_2026.detail is not None
    figures = review_2026.detail.page("figures.html")
    not_covered = figures.listing("actions-not-covered")
    assert not_covered.named[0].name == "A.i Voluntary Review"
    assert not_covered.count == 8
    # Korea's 2026 records are all still planned: it took part in no activity active in 2026.
    assert "Korea" in [item.name for item in figures.listing("economies-absent").named]


def test_the_2025_baseline_says_what_the_records_say(workspace: Workspace, records: list[Activity],
                                                     review_2026: Report) -> None:
    # Before 2026 and in no year of the Initiative: the 49 records that start by
    # 2025, less the 5 still open in 2026 (the two projects and Korea's three plans).
    assert review_2026.detail is not None
    assert review_2026.detail.page("before.html").listing("before").count == 44
    framework = workspace.framework
    figures = year_figures([history(activity, range(2019, 2027)) for activity in records], 2025,
                           economies=list(framework.economies), fora=list(framework.fora),
                           bodies=list(framework.bodies), actions=list(framework.actions))
    # 42 records start in 2025, and PPSTI_108_2024A (2024-2025) runs on into it: 43.
    # Of these, Korea's three plans are planned only; the other 40 are active.
    assert (len(figures.present), len(figures.active), len(figures.planned_only)) == (43, 40, 3)
    # Economy-level: the 11 completed 2025 records of CHL, CT, HKC (2), INA, JPN,
    # PRC (2), ROK (2) and VN; the other 29 are APEC-wide.
    assert (len(figures.economy_level), len(figures.apec_wide)) == (11, 29)
    # The eight reporting economies, with the leads and co-sponsors of EC_201 and PPSTI_108.
    assert figures.economies == ("CDA", "CHL", "PRC", "HKC", "INA", "JPN", "ROK", "MAS", "SGP", "CT", "THA",
                                 "USA", "VN")
    assert figures.fora == ("CTI", "SCE", "EC", "DESG", "TELWG", "HRDWG", "SMEWG", "PPSTI", "EWG", "ACTWG")
    assert "AELM" in figures.bodies and "DAMM" in figures.bodies and "ABAC" in figures.bodies
    # Reporters with a 2025 progress entry: 8 economies and 5 fora (CTI, EWG, HRDWG,
    # SCE, SMEWG); EC and PPSTI give no 2025 entry. The 17 bodies that reported are
    # not counted: they are not asked to report every year.
    assert figures.reporters == ("CHL", "PRC", "HKC", "INA", "JPN", "ROK", "CT", "VN",
                                 "CTI", "SCE", "HRDWG", "SMEWG", "EWG")


# The standard indicators the records report, each a figure a page among the record's
# sources states (a comment beside it in the record names the page): (record, year,
# indicator, value). 2025 is the baseline year: its values are context, not added up.
REPORTED_INDICATORS = [
    # 2026: "representatives and experts from all 21 APEC member economies" (Bharata
    # Online); "representatives from APEC's 21 member economies" (Shenzhen Daily).
    ("abac-2026-first-meeting-jakarta", 2026, "economies-taking-part", 21),
    ("som-2026-som1-guangzhou", 2026, "economies-taking-part", 21),
    # 2025: ministerials, the Leaders' Meeting, SOM1, SOM2 and CTI2, all 21 economies.
    ("aelm-2025-apec-ai-initiative-adopted", 2025, "economies-taking-part", 21),
    ("amm-2025-apec-ministerial-meeting-ai-cooperation", 2025, "economies-taking-part", 21),
    ("cti-2025-cti2-apec-ai-initiative-reviewed", 2025, "economies-taking-part", 21),
    ("damm-2025-digital-and-ai-ministerial-meeting", 2025, "economies-taking-part", 21),
    ("emm-2025-15th-energy-ministerial-meeting-ai", 2025, "economies-taking-part", 21),
    ("fmm-2025-incheon-plan-ai-agenda", 2025, "economies-taking-part", 21),
    ("fsmm-2025-agri-food-innovation-and-ai", 2025, "economies-taking-part", 21),
    ("hlmhe-2025-15th-health-and-economy-digital-health-ai", 2025, "economies-taking-part", 21),
    ("hrdmm-2025-7th-hrd-ministerial-meeting", 2025, "economies-taking-part", 21),
    ("mrt-2025-ai-innovation-for-trade-facilitation", 2025, "economies-taking-part", 21),
    ("som-2025-som1-ai-cooperation-priority", 2025, "economies-taking-part", 21),
    ("som-2025-som2-jeju", 2025, "economies-taking-part", 21),
    ("wef-2025-women-and-the-economy-forum", 2025, "economies-taking-part", 21),
    # 2025: one written product each: the Energy Outlook's 9th edition, the PSU's
    # analysis, ABAC's Roadmap for Smarter and Inclusive Healthcare.
    ("abac-2025-roadmap-for-smarter-and-inclusive-healthcare", 2025, "policy-outputs", 1),
    ("ewg-2025-energy-demand-and-supply-outlook-9th-edition", 2025, "policy-outputs", 1),
    ("psu-2025-emerging-technologies-for-anti-corruption", 2025, "policy-outputs", 1),
]


def test_the_records_report_the_standard_indicators_their_sources_give(records: list[Activity]) -> None:
    reported = sorted((activity.id, entry.year, indicator.id, indicator.value)
                      for activity in records for entry in activity.progress for indicator in entry.indicators)
    assert reported == sorted(REPORTED_INDICATORS)
    # Every figure says where it comes from: a comment names the source just above it.
    for path in RECORDS:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("      - id: "):
                assert lines[number - 1].startswith("      # "), f"{path.name}:{number + 1} names no source"


def test_the_2026_indicator_totals_are_those_of_the_records(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY)
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["--repo", str(PROJECT_ROOT), "indicators", "2026", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["validation"] == {"errors": 0, "warnings": 0}
    assert document["active_activities"] == 8
    totals = {item["id"]: item for item in document["indicators"]}
    # Counted by hand from REPORTED_INDICATORS: two 2026 values, both economies-taking-part
    # 21, both of records active in 2026. Economies count once: their reporters are
    # bodies (ABAC, SOM) and the records name no economy as lead or co-sponsor, so the
    # total is the largest value, 21. ABAC's meeting serves A.ii, SOM1 A.iii: goal A.
    both = ["abac-2026-first-meeting-jakarta", "som-2026-som1-guangzhou"]
    economies = totals.pop("economies-taking-part")
    assert economies["total"] == {"code": "all", "label": "All activities", "value": 21.0, "activities": 2,
                                  "ids": both}
    assert [(row["code"], row["value"], row["ids"]) for row in economies["by_action"] if row["activities"]] == [
        ("A.ii", 21.0, ["abac-2026-first-meeting-jakarta"]), ("A.iii", 21.0, ["som-2026-som1-guangzhou"])]
    assert [(row["code"], row["value"], row["activities"]) for row in economies["by_goal"]] == [
        ("A", 21.0, 2), ("B", 0.0, 0), ("C", 0.0, 0)]
    assert (economies["by_economy"], economies["by_forum"]) == ([], [])
    assert economies["series"] == [{"year": 2026, "value": 21.0, "activities": 2, "ids": both}]
    # Nothing else is reported for 2026: the 2025 values are the baseline, not counted.
    assert sorted(totals) == ["funding-mobilised", "msmes-reached", "officials-trained", "participants-trained",
                              "policy-outputs", "women-share", "women-trained"]
    for item in totals.values():
        assert item["total"]["activities"] == 0 and item["total"]["value"] in (0.0, None), item["id"]
    assert document["not_added"] == []
    # No value has a target, so no action has a measure of its way to target.
    assert {track["status"] for track in document["on_track"]} == {"no data"}


def test_the_2025_baseline_values_are_not_added_up_as_progress() -> None:
    result = CliRunner().invoke(app, ["--repo", str(PROJECT_ROOT), "indicators", "2025"])
    assert result.exit_code == 2
    assert "2025 is the year before the Initiative began, not one of its reporting years" in result.stderr
