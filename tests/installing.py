"""Installing the tool as a data repository would, offline: a clone of this
project (with the working tree's edits), and the project's runtime
dependencies made visible from the test's own environment so that pip, told to
use no index, finds them installed and fetches nothing."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT_ROOT, git


def runtime_dependencies(target: Path, project: str = "apec-tracker") -> None:
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


def clone_of_this_project(target: Path, *, symlinks: bool = True) -> Path:
    """A git clone holding the working tree as it is now (edits not yet
    committed included), as pre-commit would fetch a released tag.
    ``symlinks=False`` clones as Git for Windows does by default: a symbolic
    link becomes a text file holding its target."""
    git(PROJECT_ROOT.parent, "-c", f"core.symlinks={'true' if symlinks else 'false'}", "clone", "-q",
        str(PROJECT_ROOT), str(target))
    if not symlinks:
        git(target, "config", "core.symlinks", "false")
    listed = git(PROJECT_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    present = {relative for relative in filter(None, listed.split("\0"))
               if os.path.lexists(PROJECT_ROOT / relative)}
    # Files deleted from the working tree, staged or not, are deleted in the clone too.
    for relative in set(filter(None, git(target, "ls-files", "-z").split("\0"))) - present:
        (target / relative).unlink()
    for relative in sorted(present):
        source = PROJECT_ROOT / relative
        copy = target / relative
        if source.is_symlink() and not symlinks:
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.unlink(missing_ok=True)
            copy.write_text(os.readlink(source), encoding="utf-8")
        elif source.is_file() and not source.is_symlink():
            copy.parent.mkdir(parents=True, exist_ok=True)
            if copy.is_symlink():
                copy.unlink()
            shutil.copy2(source, copy)
    git(target, "add", "-A")
    git(target, "commit", "-q", "--allow-empty", "-m", "working tree")
    return target


def offline_environment(tmp_path: Path) -> dict[str, str]:
    """The environment for pip (and pre-commit) to install the project with no
    network: no index, no isolated build, the runtime dependencies on PYTHONPATH."""
    dependencies = tmp_path / "dependencies"
    runtime_dependencies(dependencies)
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
