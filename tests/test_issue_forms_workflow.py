"""The workflow that turns a submitted issue form into a pull request
(.github/workflows/issue-forms.yml): it runs on the forms' labels, the issue's
text never enters a shell line, each job holds only the permissions it needs,
the commands it runs exist with those options, and its steps, run here with a
stand-in for GitHub's `gh`, open a pull request or comment as they should."""

from __future__ import annotations

import base64
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from apec_tracker.authoring.forms import ACTIVITY_LABEL, PROGRESS_LABEL
from tests.commandline import problems_with, tracker_invocations
from tests.conftest import PROJECT_ROOT, TrackerRepo, git
from tests.test_form_answers import ACTIVITY_BODY, RECORD, answer
from tests.test_workflow import load_workflow, runs

WORKFLOW = PROJECT_ROOT / ".github/workflows/issue-forms.yml"
CHECKOUT = "actions/checkout@"
TRACKER = Path(sys.executable).parent / "tracker"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return load_workflow(WORKFLOW)


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    return next(item for item in job["steps"] if item.get("name") == name)


def test_runs_when_a_forms_issue_is_opened_edited_or_labelled(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))
    assert triggers == {"issues": {"types": ["opened", "edited", "labeled"]}}
    condition = " ".join(workflow["jobs"]["read"]["if"].split())
    for label in (ACTIVITY_LABEL, PROGRESS_LABEL):
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in condition
        assert f"github.event.label.name == '{label}'" in condition
    assert "github.event.issue.state == 'open'" in condition
    assert workflow["concurrency"]["group"] == "issue-form-${{ github.event.issue.number }}"


def test_the_issues_text_never_enters_a_shell_line(workflow: dict[str, Any]) -> None:
    for name, job in workflow["jobs"].items():
        for run in runs(job):
            assert "${{" not in run, f"{name}: an expression in a shell line"
    read = step(workflow["jobs"]["read"], "Turn the answers into a record")
    assert read["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert 'printf \'%s\\n\' "$ISSUE_BODY" > "$body"' in read["run"]


def test_each_job_holds_only_what_it_needs(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["read"]["permissions"] == {"contents": "read"}
    assert jobs["propose"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["explain"]["permissions"] == {"issues": "write"}
    for name, job in jobs.items():
        for item in job["steps"]:
            uses = str(item.get("uses", ""))
            if uses:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{name}: {uses} is not pinned by commit"
            if uses.startswith(CHECKOUT):
                assert item["with"]["persist-credentials"] is False
            if tracker_invocations(str(item.get("run", ""))) and name != "read":
                raise AssertionError(f"{name} runs the tracker with a write token")
    # Only the steps that talk to GitHub get the token.
    holders = [(name, item["name"]) for name, job in jobs.items() for item in job["steps"]
               if "GH_TOKEN" in item.get("env", {})]
    assert holders == [("propose", "Push the branch and open the pull request"), ("explain", "Comment on the issue")]


def test_the_commands_it_runs_exist_with_those_options(workflow: dict[str, Any]) -> None:
    commands = [words for run in runs(workflow["jobs"]["read"]) for words in tracker_invocations(run)]
    assert [words[0] for words in commands] == ["add-activity", "progress"]
    for words in commands:
        assert "--from-issue" in words
        assert problems_with(words) == []


def test_zizmor_finds_nothing() -> None:
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        pytest.skip("zizmor is not installed (pip install zizmor)")
    result = subprocess.run([zizmor, "--offline", "--persona=pedantic", str(WORKFLOW)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the steps, run -----------------------------------------------------------------------

GH = """\
#!/bin/sh
# A stand-in for GitHub's command line: it notes what it was asked, and the
# text of any --body-file, and finds no open pull request.
echo "gh $*" >> "$GH_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = "--body-file" ]; then cat "$2" >> "$GH_LOG"; fi
  shift
done
"""


class Runner:
    """Runs a workflow step's shell text as GitHub's runner does (bash -eo pipefail),
    in a folder, with the step's environment and the runner's files."""

    def __init__(self, tmp_path: Path) -> None:
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        self.output = tmp_path / "github-output"
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        (self.bin / "gh").write_text(GH, encoding="utf-8")
        (self.bin / "gh").chmod(0o755 | stat.S_IXUSR)
        (self.bin / "tracker").symlink_to(TRACKER)
        self.gh_log = tmp_path / "gh.log"
        self.home = tmp_path

    def run(self, item: dict[str, Any], folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        self.output.write_text("", encoding="utf-8")
        environment = {
            "PATH": f"{self.bin}:/usr/bin:/bin", "HOME": str(self.home), "RUNNER_TEMP": str(self.temp),
            "GITHUB_OUTPUT": str(self.output), "GITHUB_REPOSITORY": "apec/records", "GH_LOG": str(self.gh_log),
            "TRACKER_TODAY": "2026-12-02", "TRACKER_CACHE_DIR": os.environ["TRACKER_CACHE_DIR"],
            "GIT_CONFIG_NOSYSTEM": "1", **env,
        }
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", item["run"]], cwd=folder,
                              env=environment, capture_output=True, text=True)

    def outputs(self) -> dict[str, str]:
        return dict(line.split("=", 1) for line in self.output.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def origin(tracker_repo: TrackerRepo, tmp_path: Path) -> Path:
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(tracker_repo.root), str(bare))
    return bare


def checkout(origin: Path, folder: Path) -> Path:
    git(origin.parent, "clone", "-q", str(origin), str(folder))
    return folder


# A record of each kind of reporter: an economy's, and an APEC body's (ABAC,
# then no longer among its own partners).
REPORTERS = {
    "an economy": (ACTIVITY_BODY, RECORD),
    "an APEC body": (answer(answer(ACTIVITY_BODY, "Reported by", "ABAC – APEC Business Advisory Council"),
                            "Other partners", "_No response_"),
                     "data/bodies/ABAC/abac-2026-ai-skills-for-public-servants.yaml"),
}


def test_the_workflow_takes_a_record_in_every_folder_records_live_in(workflow: dict[str, Any]) -> None:
    """The workflow checks the path the tracker wrote before it commits it: its
    pattern names the record folders of apec_tracker.domain.layout, all of them."""
    from apec_tracker.domain.layout import RECORD_DIRS

    patterns = set(re.findall(r"\^data/\(([a-z|]+)\)/", WORKFLOW.read_text(encoding="utf-8")))
    assert [set(pattern.split("|")) for pattern in patterns] == [{folder.name for folder in RECORD_DIRS}]


@pytest.mark.parametrize("reporter", REPORTERS)
def test_valid_answers_become_a_pull_request_linked_to_the_issue(workflow: dict[str, Any], origin: Path,
                                                                  tmp_path: Path, reporter: str) -> None:
    body, record_path = REPORTERS[reporter]
    record_id = Path(record_path).stem
    runner = Runner(tmp_path)
    jobs = workflow["jobs"]
    read = runner.run(step(jobs["read"], "Turn the answers into a record"), checkout(origin, tmp_path / "read"),
                      {"ISSUE_BODY": body, "FORM": "new activity"})
    assert read.returncode == 0, read.stderr
    outputs = runner.outputs()
    assert outputs["outcome"] == "record" and outputs["path"] == record_path
    record = base64.b64decode(outputs["record"]).decode("utf-8")
    assert record == (tmp_path / "read" / record_path).read_text(encoding="utf-8")

    # The jobs that write get the read job's outputs, as GitHub passes them.
    propose = checkout(origin, tmp_path / "propose")
    env = {"FORM": outputs["form"], "RECORD_PATH": outputs["path"], "RECORD": outputs["record"],
           "WARNINGS": outputs["warnings"], "ISSUE_NUMBER": "7", "BASE": "main", "GH_TOKEN": "not-a-token"}
    for name in ("Commit the record on the issue's branch", "Push the branch and open the pull request"):
        result = runner.run(step(jobs["propose"], name), propose, env)
        assert result.returncode == 0, result.stderr
    changed = git(origin, "diff", "--name-only", "main", "issue-form-7").split()
    assert changed == [record_path]
    assert git(origin, "show", f"issue-form-7:{record_path}") == record
    assert git(origin, "log", "-1", "--format=%s%n%b", "issue-form-7").startswith(
        f"Add activity {record_id}\nFrom the answers in issue #7.")
    log = runner.gh_log.read_text(encoding="utf-8")
    assert "gh auth setup-git" in log
    assert (f"gh pr create --base main --head issue-form-7 --title Add activity {record_id} --body-file") in log
    assert "The answers in #7, as a record" in log and log.rstrip().endswith("Closes #7")


def test_invalid_answers_are_explained_on_the_issue(workflow: dict[str, Any], origin: Path, tmp_path: Path) -> None:
    runner = Runner(tmp_path)
    jobs = workflow["jobs"]
    body = answer(ACTIVITY_BODY, "Planned start", "2026-13-01")
    read = runner.run(step(jobs["read"], "Turn the answers into a record"), checkout(origin, tmp_path / "read"),
                      {"ISSUE_BODY": body, "FORM": "new activity"})
    assert read.returncode == 0, read.stderr
    outputs = runner.outputs()
    assert outputs["outcome"] == "invalid"
    assert "path" not in outputs
    comment = base64.b64decode(outputs["comment"]).decode("utf-8")
    # Indented: shown as written, whatever the answers hold, and no one is @mentioned.
    assert "\n      Planned start: there is no 2026-13-01: months run from 01 to 12\n" in comment
    assert "edit this issue" in comment

    explain = runner.run(step(jobs["explain"], "Comment on the issue"), tmp_path,
                         {"COMMENT": outputs["comment"], "ISSUE_NUMBER": "7", "GH_TOKEN": "not-a-token"})
    assert explain.returncode == 0, explain.stderr
    log = runner.gh_log.read_text(encoding="utf-8")
    assert log.startswith("gh issue comment 7 --repo apec/records --body-file")
    assert comment in log


def test_a_shell_line_in_the_answers_stays_text(workflow: dict[str, Any], origin: Path, tmp_path: Path) -> None:
    runner = Runner(tmp_path)
    body = answer(ACTIVITY_BODY, "Title", '$(touch pwned) `touch pwned` "; touch pwned; echo "')
    read = runner.run(step(workflow["jobs"]["read"], "Turn the answers into a record"),
                      checkout(origin, tmp_path / "read"), {"ISSUE_BODY": body, "FORM": "new activity"})
    assert read.returncode == 0, read.stderr
    assert runner.outputs()["outcome"] == "record"
    assert not list(tmp_path.rglob("pwned"))
