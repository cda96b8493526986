"""The pre-commit hooks, run by the real `pre-commit` tool, offline.

`pre-commit try-repo` builds the hook's environment as it would for any data
repository: a fresh virtualenv and `pip install .` of a clone of this project.
To do that without a network, pip is told to use no index (PIP_NO_INDEX) and no
isolated build environment (the virtualenv's own setuptools builds the project),
and the project's runtime dependencies, and only those, are made visible on
PYTHONPATH from the test's own environment; pip finds them installed and
fetches nothing. Everything else — the clone, the virtualenv, the install of the
project from its pyproject.toml, the `tracker` entry point — is pre-commit's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TrackerRepo, git
from tests.installing import clone_of_this_project, offline_environment

RECORD_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def _pre_commit(cwd: Path, environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=600)


def _rename_activity_type(root: Path, old: str, new: str) -> None:
    """The Secretariat renames an activity type in the reference data, and
    stages that change alone."""
    framework = root / "data/reference/framework.yaml"
    text = framework.read_text(encoding="utf-8")
    assert f"  - code: {old}\n" in text
    framework.write_text(text.replace(f"  - code: {old}\n", f"  - code: {new}\n"), encoding="utf-8")
    git(root, "add", "data/reference/framework.yaml")


def test_tracker_validate_hook_fails_on_a_broken_record_and_passes_once_fixed(
    tmp_path: Path, tracker_repo: TrackerRepo, valid_record: str
) -> None:
    project = clone_of_this_project(tmp_path / "project")
    environment = offline_environment(tmp_path)

    tracker_repo.write(RECORD_PATH, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
    git(tracker_repo.root, "add", "-A")
    broken = _pre_commit(tracker_repo.root, environment, "try-repo", str(project), "tracker-validate",
                         "--all-files")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "tracker validate" in broken.stdout and "Failed" in broken.stdout
    assert f"{RECORD_PATH}:7:15: S404 co_sponsors[0]: 'Korea' is not an economy code" in broken.stdout
    assert "hint: did you mean ROK (Korea)?" in broken.stdout

    tracker_repo.write(RECORD_PATH, valid_record)
    git(tracker_repo.root, "add", "-A")
    fixed = _pre_commit(tracker_repo.root, environment, "try-repo", str(project), "tracker-validate",
                        "--all-files")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout

    # A commit of the reference data alone (the staged files, as `git commit`
    # runs the hook) checks every record against it.
    git(tracker_repo.root, "commit", "-q", "-m", "a valid record")
    _rename_activity_type(tracker_repo.root, "workshop", "training")
    renamed = _pre_commit(tracker_repo.root, environment, "try-repo", str(project), "tracker-validate")
    assert renamed.returncode == 1, renamed.stdout + renamed.stderr
    assert f"{RECORD_PATH}:14:16: S404 activity_type: 'workshop' is not an activity type" in renamed.stdout


def test_this_repositorys_own_hooks_pass_on_its_own_data(tmp_path: Path) -> None:
    """The repository's .pre-commit-config.yaml runs the same hooks as
    `language: system`, with the tracker installed in the developer's environment."""
    project = clone_of_this_project(tmp_path / "project")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PRE_COMMIT")}
    environment["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
    result = _pre_commit(project, environment, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tracker validate" in result.stdout and "tracker owners --check" in result.stdout

    # A commit of the reference data alone checks every record against it.
    _rename_activity_type(project, "meeting", "dialogue")
    renamed = _pre_commit(project, environment, "run")
    assert renamed.returncode == 1, renamed.stdout + renamed.stderr
    assert "S404 activity_type: 'meeting' is not an activity type" in renamed.stdout
