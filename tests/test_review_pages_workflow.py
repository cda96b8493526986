"""The workflow that publishes the review with GitHub Pages: it runs on main,
asks for no more than it needs, builds the review with a command the tracker
has, and publishes the folder it built, whose address opens the review. Its
build step is run here for real, with the year it would read from the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commandline import problems_with, tracker_invocations
from tests.conftest import PROJECT_ROOT, TrackerRepo
from tests.review_links import follow_every_link
from tests.test_workflow import load_workflow, runs

WORKFLOW = PROJECT_ROOT / ".github/workflows/review-pages.yml"


def _step(job: dict, uses: str) -> dict:  # type: ignore[type-arg]
    return next(step for step in job["steps"] if str(step.get("uses", "")).startswith(uses + "@"))


def test_it_runs_on_main_with_the_least_permissions() -> None:
    workflow = load_workflow(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    checkout = _step(build, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # the commit, and the published reviews' tags
    assert _step(deploy, "actions/deploy-pages")["id"] == "deployment"


def test_it_builds_the_review_and_publishes_the_folder_built() -> None:
    build = load_workflow(WORKFLOW)["jobs"]["build"]
    commands = [words for run in runs(build) for words in tracker_invocations(run)]
    built = [words for words in commands if words[0] == "report"]
    assert len(built) == 2  # the latest reporting year's review, or after 2030 the final review
    assert "--latest" in built[0]
    for words in built:
        assert problems_with(words) == []
        assert words[words.index("--output") + 1] == "site"
        assert words[words.index("--format") + 1] == "all"
    assert any("--cumulative" in words for words in built)
    upload = _step(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize(("year", "main"), [("2026", "apec-ai-initiative-2026.html"),
                                            ("2031", "apec-ai-initiative-2026-2030-final.html")])
def test_the_build_step_runs_and_its_address_opens_the_review(records: TrackerRepo, tmp_path: Path, year: str,
                                                              main: str) -> None:
    tracker = Path(sys.executable).parent / "tracker"
    if not tracker.exists():
        pytest.skip("the tracker command is not installed beside this Python")
    script = next(run for run in runs(load_workflow(WORKFLOW)["jobs"]["build"]) if "tracker report" in run)
    clock = tmp_path / "bin"
    clock.mkdir()
    (clock / "date").write_text(f"#!/bin/sh\necho {year}\n")
    (clock / "date").chmod(0o755)
    environment = {**os.environ, "PATH": f"{clock}:{tracker.parent}:{os.environ.get('PATH', '')}",
                   "TRACKER_TODAY": "2026-12-02"}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=records.root, env=environment, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    site = records.root / "site"
    assert (site / "index.html").read_bytes() == (site / main).read_bytes()
    assert follow_every_link(site).problems == []
