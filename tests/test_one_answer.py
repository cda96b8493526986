"""One answer to every question: over generated repositories and years, every
count the review gives equals the same count from `tracker diff --format
json`, `tracker list --year`, `tracker export --year` and `tracker status`; the
review's downloads hold what `tracker export --year` gives and its changes are
exactly what `tracker diff --format md` prints; and every figure of the review's
HTML set links to a list of exactly that many items."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from apec_tracker.services.context import open_workspace
from apec_tracker.services.reviews import ReportRequest, review
from apec_tracker.services.reviews import Scope as ReviewScope
from tests.conftest import REFERENCE, Run, git
from tests.review_links import follow_every_link

REPORTERS = ["JPN", "ROK", "VN", "PE", "DESG", "HRDWG"]
ACTIONS = ["A.i", "A.iii", "B.i", "B.iii", "C.ii"]
YEARS = range(2025, 2031)
TODAY = "2030-12-31"


@st.composite
def records(draw: st.DrawFn, number: int) -> dict[str, Any]:
    """A valid record: its entries, status and dates agree as validation asks."""
    reporter = draw(st.sampled_from(REPORTERS))
    record_id = f"{reporter.lower()}-act-{number:02d}"
    entry_years = sorted(draw(st.sets(st.sampled_from(YEARS), max_size=4)))
    statuses = ["planned", "ongoing", "completed", "cancelled", "suspended"]
    entries = [{"year": year, "status": draw(st.sampled_from(statuses)), "narrative": "n"} for year in entry_years]
    status = entries[-1]["status"] if entries and draw(st.booleans()) else draw(st.sampled_from(statuses))
    start_year = draw(st.integers(2024, 2030))
    record: dict[str, Any] = {
        "id": record_id, "title": f"Activity {number}", "summary": "s", "reporter": reporter,
        "actions": [{"code": code, "role": role} for code, role in zip(
            draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=2, unique=True)),
            ("principal", "significant"), strict=False)],
        "activity_type": "workshop", "status": status, "progress": entries,
    }
    if draw(st.booleans()):
        record["planned_start"] = date(start_year, 3, 1)
        if draw(st.booleans()):
            record["planned_end"] = date(draw(st.integers(start_year, 2031)), 11, 30)
    first_entry = entry_years[0] if entry_years else 2030
    if status != "planned" and draw(st.booleans()):
        record["actual_start"] = date(min(start_year, first_entry), 4, 1)
    if status in ("completed", "cancelled") and draw(st.booleans()):
        floor = max([record["actual_start"].year if "actual_start" in record else 2024, *entry_years])
        if "planned_start" in record and "actual_start" not in record:
            floor = max(floor, record["planned_start"].year + 1)
        if floor <= 2030:
            record["actual_end"] = date(draw(st.integers(floor, 2030)), 12, 1)
    return record


@st.composite
def repositories(draw: st.DrawFn) -> list[dict[str, Any]]:
    return [draw(records(number)) for number in range(draw(st.integers(0, 10)))]


def _yaml(record: dict[str, Any]) -> str:
    """The record as tracker add-activity would write it (ruamel.yaml, block style)."""
    out = io.StringIO()
    writer = YAML()
    writer.default_flow_style = False
    writer.dump(record, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def workplace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one-answer")
    shutil.copytree(REFERENCE, root / "data" / "reference")
    git(root, "init", "-q", "-b", "main")
    return root


def _run(root: Path, *args: str) -> Run:
    from typer.testing import CliRunner

    from apec_tracker.cli import app

    result = CliRunner().invoke(app, ["--repo", str(root), *args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(repository=repositories(), year=st.integers(2026, 2030), economy=st.sampled_from(["JPN", "ROK", "VN", "PE"]),
       forum=st.sampled_from(["DESG", "HRDWG"]))
def test_every_output_gives_the_same_figures(workplace: Path, repository: list[dict[str, Any]], year: int,
                                             economy: str, forum: str, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY)
    for folder in ("economies", "fora"):
        shutil.rmtree(workplace / "data" / folder, ignore_errors=True)
    for record in repository:
        kind = "fora" if record["reporter"] in ("DESG", "HRDWG") else "economies"
        path = workplace / "data" / kind / record["reporter"] / f"{record['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_yaml(record), encoding="utf-8")
    checked = _run(workplace, "validate", "--no-cache", "--format", "json")
    errors = [d for d in json.loads(checked.stdout)["diagnostics"] if d["severity"] == "error"]
    assert errors == [], "the generated records are valid"

    report = review(open_workspace(workplace), ReportRequest(year=year, scopes=(ReviewScope(),), formats=()))
    summary = report.summary
    diff = json.loads(_run(workplace, "diff", str(year - 1), str(year), "--format", "json").stdout)
    assert summary.new == len(diff["new"])
    assert summary.completed == len(diff["completed"])
    assert summary.cancelled == len(diff["cancelled"])
    assert report.changes.diff.to_json() == {key: value for key, value in diff.items()
                                             if key not in ("version", "source", "restatements", "problems")}

    listed = json.loads(_run(workplace, "list", "--year", str(year), "--format", "json").stdout)["activities"]
    exported = json.loads(_run(workplace, "export", "--year", str(year), "--format", "json").stdout)["activities"]
    assert summary.active == len(listed) == len(exported)
    assert sorted(a["id"] for a in listed) == sorted(a["id"] for a in exported)

    [point] = [t for t in report.trend if t.year == year]
    assert (point.active, point.new, point.completed) == (summary.active, summary.new, summary.completed)
    assert point.actions_covered == summary.actions_with_principal
    assert point.economies == summary.economies_taking_part

    status = json.loads(_run(workplace, "status", str(year), "--format", "json").stdout)
    assert sorted(i for r in status["reporters"] for i in r["stalled_ids"]) == sorted(a["id"] for a in diff["stalled"])
    assert report.reporting is not None
    assert [line.code for line in report.reporting.reported] == [
        r["code"] for r in status["reporters"] if r["state"] == "reported"]

    changes_md = report.changes.markdown
    assert changes_md == _run(workplace, "diff", str(year - 1), str(year), "--format", "md").stdout

    # The economy-level and APEC-wide activities are the active ones, split.
    assert summary.economy_level + summary.apec_wide == summary.active
    # Who took part: an economy's or a forum's figure is `tracker list --year --economy/--forum`.
    assert report.detail is not None
    for option, code, page in (("--economy", economy, f"economy-{economy.lower()}.html"),
                               ("--forum", forum, f"forum-{forum.lower()}.html")):
        found = json.loads(_run(workplace, "list", "--year", str(year), option, code, "--format", "json").stdout)
        assert sorted(report.detail.page(page).listing("all").keys()) == sorted(a["id"] for a in found["activities"])

    # The review's set: its downloads are `tracker export --year`, and every figure counts its list.
    out = tmp_path_factory.mktemp("review")
    built = _run(workplace, "report", str(year), "-f", "html", "-o", str(out))
    assert built.exit_code == 0, built.stderr
    folder = out / f"apec-ai-initiative-{year}"
    assert json.loads((folder / "activities.json").read_text())["activities"] == exported
    assert list(report.year_activities) == sorted(a["id"] for a in exported)
    assert follow_every_link(out).problems == []
