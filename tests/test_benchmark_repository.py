"""The synthetic repository the benchmarks measure is a fair one: a real git
history of five reporting years in which every record passes validation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PROJECT_ROOT, git

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("synthetic") / "repo"
    return root, generate.generate(120, root, seed=7)


def _validate(root: Path, monkeypatch: pytest.MonkeyPatch, today: str | None) -> tuple[int, str, str]:
    from apec_tracker.cli import app

    if today is None:
        monkeypatch.delenv("TRACKER_TODAY", raising=False)
    else:
        monkeypatch.setenv("TRACKER_TODAY", today)
    result = CliRunner().invoke(app, ["--repo", str(root), "validate", "--format", "json"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_generated_record_is_valid_at_the_end_of_2030(synthetic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root, summary = synthetic
    code, out, _ = _validate(root, monkeypatch, "2030-12-31")
    report = json.loads(out)
    assert code == 0, report["diagnostics"][:3]
    # The only warnings: a few indicators of an activity's own, as real records would have.
    warnings = report["summary"].pop("warnings")
    assert report["summary"] == {"files": 120, "errors": 0}
    assert 0 < warnings < 120 * 0.2
    assert {d["code"] for d in report["diagnostics"]} == {"I802"}
    assert summary["records"] == 120
    assert 1200 < int(summary["bytes"]) / 120 < 2400  # type: ignore[call-overload]


def test_most_indicators_are_standard_ones(synthetic) -> None:  # type: ignore[no-untyped-def]
    root, _ = synthetic
    text = "".join(path.read_text(encoding="utf-8") for path in (root / "data").glob("*/*/*.yaml"))
    standard, own = text.count("      - id: "), text.count("      - name: ")
    assert standard > 10 * own > 0
    for key in ("participants-trained", "women-trained", "officials-trained", "economies-taking-part",
                "msmes-reached", "policy-outputs", "funding-mobilised", "women-share"):
        assert f"- id: {key}\n" in text, key


def test_the_history_has_a_commit_per_year_and_a_pull_request(synthetic) -> None:  # type: ignore[no-untyped-def]
    root, _ = synthetic
    subjects = git(root, "log", "--format=%s", "--reverse").splitlines()
    assert subjects == ["Start the tracker repository", *(f"Progress reported for {year}" for year in
                                                          range(2026, 2031)), "Revise 20 records"]
    assert git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "pr-20"
    assert len(git(root, "diff", "--name-only", "main").split()) == 20
    first_year = git(root, "ls-tree", "-r", "--name-only", "main~4", "data/economies", "data/fora").split()
    assert 0 < len([path for path in first_year if path.endswith(".yaml")]) < 120


def test_the_same_seed_gives_the_same_files(synthetic, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _ = synthetic
    again = tmp_path / "again"
    generate.generate(120, again, seed=7)
    assert git(again, "rev-parse", "HEAD^{tree}") == git(root, "rev-parse", "HEAD^{tree}")


def test_tracker_today_sets_the_day_future_dates_are_measured_from(synthetic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root, _ = synthetic
    code, out, _ = _validate(root, monkeypatch, "2027-06-30")
    assert code == 1
    assert "R507" in {d["code"] for d in json.loads(out)["diagnostics"]}
    code, _, err = _validate(root, monkeypatch, "next tuesday")
    assert code == 2
    assert "TRACKER_TODAY" in err and "YYYY-MM-DD" in err
