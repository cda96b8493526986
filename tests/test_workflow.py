"""The GitHub Actions workflow for record repositories: it parses, it runs on the
right events, and it asks for what reviewers rely on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.commandline import tracker_invocations
from tests.conftest import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / ".github/workflows/records.yml"


def load_workflow(path: Path = WORKFLOW) -> dict[str, Any]:
    document = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def tracker_commands_in_workflow(path: Path = WORKFLOW) -> list[list[str]]:
    workflow = load_workflow(path)
    return [words for job in workflow["jobs"].values() for run in runs(job) for words in tracker_invocations(run)]


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job["steps"] if str(step.get("uses", "")).startswith(f"{action}@")]


def test_workflow_triggers_and_jobs() -> None:
    workflow = load_workflow()
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    validate, report = workflow["jobs"]["validate"], workflow["jobs"]["report"]
    assert validate["if"] == "github.event_name == 'pull_request'"
    assert report["if"] == "github.event_name == 'push'"
    for job in (validate, report):
        [checkout] = steps_using(job, "actions/checkout")
        assert checkout["with"]["fetch-depth"] == 0
        # No step pushes: the job's token is not left in .git/config for the steps after.
        assert checkout["with"]["persist-credentials"] is False


def test_pull_requests_are_validated_once_for_annotations_and_summary() -> None:
    validate = load_workflow()["jobs"]["validate"]
    commands = [words for run in runs(validate) for words in tracker_invocations(run)]
    [validation] = [words for words in commands if words[:1] == ["validate"]]
    assert "--changed-since" in validation
    assert validation[validation.index("--format") + 1] == "github"  # which also fills $GITHUB_STEP_SUMMARY
    assert not any("GITHUB_STEP_SUMMARY" in run for run in runs(validate)), "the summary is the one run's"


def test_codeowners_is_checked_even_when_validation_fails() -> None:
    steps = load_workflow()["jobs"]["validate"]["steps"]
    validation = next(i for i, step in enumerate(steps) if "tracker validate" in step.get("run", ""))
    owners = next(i for i, step in enumerate(steps) if "tracker owners --check" in step.get("run", ""))
    assert validation < owners
    condition = str(steps[owners].get("if", ""))
    # A step after a failed one runs only under always() or !cancelled().
    assert "always()" in condition or "!cancelled()" in condition, condition


def test_main_builds_the_latest_reporting_years_review_as_an_artifact() -> None:
    report = load_workflow()["jobs"]["report"]
    commands = [words for run in runs(report) for words in tracker_invocations(run)]
    built = next(words for words in commands if words[0] == "report")
    # The year comes from the records, never the calendar (`date +%Y` is 2031 one day).
    assert "--latest" in built and not any(word.isdigit() for word in built), built
    assert not any("date" in run.split() or "$(" in run for run in runs(report))
    output = built[built.index("--output") + 1]
    [upload] = steps_using(report, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == output
    assert upload["with"]["if-no-files-found"] == "error"


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(?:\s+#\s*(\S+))?\s*$")


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    """A tag can be moved to other code; a commit cannot. The comment says which
    release the commit is, for the next person who updates it."""
    pinned = [USES.match(line) for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(pinned) >= 5
    for match in pinned:
        assert match is not None
        action, ref, release = match.groups()
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}@{ref} is not pinned to a commit"
        assert release and re.fullmatch(r"v\d+\.\d+\.\d+", release), f"{action}@{ref}: no release named"
    # One release of an action, one commit: actions/cache and actions/cache/restore alike.
    commits: dict[str, set[str]] = {}
    for match in pinned:
        assert match is not None
        commits.setdefault("/".join(match.group(1).split("/")[:2]), set()).add(match.group(2))
    assert all(len(shas) == 1 for shas in commits.values()), commits


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    """The audit of GitHub Actions security problems (unpinned actions,
    credentials left in a checkout, template injection...), run offline."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (pip install -e '.[test]' installs it)")
    audited = subprocess.run([zizmor, "--offline", "--persona=pedantic", str(WORKFLOW.parent)],
                             capture_output=True, text=True, timeout=300)
    assert audited.returncode == 0, audited.stdout + audited.stderr
    assert "No findings to report" in audited.stdout + audited.stderr
