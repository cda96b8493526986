"""The GitHub Actions workflow for record repositories: it parses, it runs on the
right events, and it asks for what reviewers rely on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
        checkout = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0


def test_pull_requests_get_annotations_and_a_summary() -> None:
    validate = load_workflow()["jobs"]["validate"]
    commands = [words for run in runs(validate) for words in tracker_invocations(run)]
    annotated = [words for words in commands if words[:1] == ["validate"] and "github" in words]
    assert annotated, commands
    assert "--changed-since" in annotated[0] and "--format" in annotated[0]
    summary = next(run for run in runs(validate) if "GITHUB_STEP_SUMMARY" in run)
    assert tracker_invocations(summary)[0][0] == "validate"
    summary_step = next(step for step in validate["steps"] if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert summary_step["if"] == "always()"  # the summary is written when validation fails, too


def test_main_builds_the_report_as_an_artifact() -> None:
    report = load_workflow()["jobs"]["report"]
    commands = [words for run in runs(report) for words in tracker_invocations(run)]
    built = next(words for words in commands if words[0] == "report")
    output = built[built.index("--output") + 1]
    upload = next(step for step in report["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == output
    assert upload["with"]["if-no-files-found"] == "error"
