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

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT_ROOT, TrackerRepo, git

RECORD_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def _runtime_dependencies(target: Path, project: str = "apec-tracker") -> None:
    """Links to the installed files of every runtime dependency of ``project``
    (not its test extras, not the build tools) in ``target``."""
    found: dict[str, importlib.metadata.Distribution] = {}
    wanted = [project]
    while wanted:
        name = canonicalize_name(wanted.pop())
        if name in found:
            continue
        distribution = importlib.metadata.distribution(name)
        found[name] = distribution
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    del found[canonicalize_name(project)]
    target.mkdir()
    for distribution in found.values():
        base = Path(str(distribution.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in distribution.files or [] if not str(f).startswith("..")}
        for top in tops:
            if not (target / top).exists():
                (target / top).symlink_to(base / top)


def _clone_of_this_project(target: Path) -> Path:
    """A git clone holding the working tree as it is now (edits not yet
    committed included), as pre-commit would fetch a released tag."""
    git(PROJECT_ROOT.parent, "clone", "-q", str(PROJECT_ROOT), str(target))
    listed = git(PROJECT_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for relative in filter(None, listed.split("\0")):
        source = PROJECT_ROOT / relative
        if source.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    git(target, "add", "-A")
    git(target, "commit", "-q", "--allow-empty", "-m", "working tree")
    return target


def _offline_environment(tmp_path: Path) -> dict[str, str]:
    dependencies = tmp_path / "dependencies"
    _runtime_dependencies(dependencies)
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}
    environment.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        # pip's quirk: this variable set to a false value turns build isolation off.
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "PYTHONPATH": str(dependencies),
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    })
    return environment


def _pre_commit(cwd: Path, environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_tracker_validate_hook_fails_on_a_broken_record_and_passes_once_fixed(
    tmp_path: Path, tracker_repo: TrackerRepo, valid_record: str
) -> None:
    project = _clone_of_this_project(tmp_path / "project")
    environment = _offline_environment(tmp_path)

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


def test_this_repositorys_own_hooks_pass_on_its_own_data(tmp_path: Path) -> None:
    """The repository's .pre-commit-config.yaml runs the same hooks as
    `language: system`, with the tracker installed in the developer's environment."""
    project = _clone_of_this_project(tmp_path / "project")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PRE_COMMIT")}
    environment["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
    result = _pre_commit(project, environment, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tracker validate" in result.stdout and "tracker owners --check" in result.stdout
