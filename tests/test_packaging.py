"""What an installed tool carries: a data repository that installs apec-tracker
from a release has no templates/ folder of its own, yet builds its reports; and
so does a tool built from a checkout made without symbolic links (the default
of Git for Windows)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from ruamel.yaml import YAML

from tests.conftest import PROJECT_ROOT, TrackerRepo, git
from tests.installing import clone_of_this_project, offline_environment, runtime_dependencies

TEMPLATES = PROJECT_ROOT / "apec_tracker" / "templates"


def test_a_tool_built_from_a_checkout_without_symbolic_links_carries_and_uses_every_template(
    tmp_path: Path, records: TrackerRepo
) -> None:
    source = clone_of_this_project(tmp_path / "source", symlinks=False)
    assert not any(path.is_symlink() for path in source.rglob("*")), "the clone holds no link"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                    str(tmp_path / "dist"), str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = (tmp_path / "dist").glob("apec_tracker-*.whl")
    packaged = {name.removeprefix("apec_tracker/templates/")
                for name in zipfile.ZipFile(wheel).namelist() if name.startswith("apec_tracker/templates/")}
    templates = {path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.j2")}
    assert {"report.md.j2", "report.html.j2"} <= templates
    assert templates <= packaged, templates - packaged

    # Installed as a data repository installs it, in an environment of its own;
    # its libraries are the test environment's, since nothing is downloaded.
    environment = tmp_path / "environment"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True, timeout=300)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(environment / "bin" / "python"), "install",
                    "--quiet", "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True, timeout=600)
    runtime_dependencies(tmp_path / "dependencies")
    variables = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    variables["PYTHONPATH"] = str(tmp_path / "dependencies")
    assert not (records.root / "templates").exists(), "the records' repository has templates of its own"
    built = subprocess.run([str(environment / "bin" / "tracker"), "--repo", str(records.root), "report", "2026",
                            "--output", str(tmp_path / "report")], cwd=tmp_path, env=variables,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    written = sorted(path.name for path in (tmp_path / "report").iterdir())
    assert written == ["apec-ai-initiative-2026", "apec-ai-initiative-2026.docx", "apec-ai-initiative-2026.html",
                       "apec-ai-initiative-2026.md"]
    assert "<html" in (tmp_path / "report" / "apec-ai-initiative-2026.html").read_text(encoding="utf-8")
    # The detail pages' templates are packaged too.
    assert "<html" in (tmp_path / "report" / "apec-ai-initiative-2026" / "goal-a.html").read_text(encoding="utf-8")


# -- a data repository of its own --------------------------------------------------------

GUIDE = PROJECT_ROOT / "docs" / "guides" / "reviewer.md"
ADDRESS = "<this project's git address>"  # the guide's stand-in for the tool's git address


def documented_install() -> str:
    """The install step the reviewer's guide gives a data repository's workflow."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### A data repository of its own"):]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    [step] = YAML(typ="safe").load(textwrap.dedent(block))
    assert step["name"] == "Install tracker"
    return str(step["run"])


def _pinned_requirement(run: str) -> Requirement:
    words = shlex.split(run)
    assert words[:4] == ["python", "-m", "pip", "install"], run
    [requirement] = words[4:]
    return Requirement(requirement.replace(ADDRESS, "https://example.org/apec-tracker.git"))


def test_the_documented_install_of_a_pinned_release_is_well_formed() -> None:
    requirement = _pinned_requirement(documented_install())
    assert canonicalize_name(requirement.name) == "apec-tracker"
    assert requirement.url is not None and requirement.url.startswith("git+https://example.org/apec-tracker.git@")
    assert re.fullmatch(r"v\d+\.\d+\.\d+", requirement.url.rpartition("@")[2]), "pinned to a release tag"
    # The same step, by name, as in the workflow it replaces.
    assert "- name: Install tracker\n        run: python -m pip install .\n" in (
        PROJECT_ROOT / ".github" / "workflows" / "records.yml").read_text(encoding="utf-8")


def test_the_documented_install_installs_the_tool_at_its_tag(tmp_path: Path) -> None:
    """The guide's command line, run as written (the tool's address aside): it
    installs the release it names, not whatever the branch holds since."""
    run = documented_install()
    assert _pinned_requirement(run).url is not None
    tag = str(_pinned_requirement(run).url).rpartition("@")[2]
    project = clone_of_this_project(tmp_path / "project")
    git(project, "tag", tag)
    version = project / "apec_tracker" / "__init__.py"
    version.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "99.0.0"', version.read_text()))
    git(project, "commit", "-q", "-am", "after the release")

    environment = offline_environment(tmp_path)
    # A Python with pip and the build tools, as setup-python gives a workflow
    # (virtualenv's own copies of them: nothing is downloaded).
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", str(tmp_path / "env")], env=environment, check=True,
                   capture_output=True, timeout=300)
    environment["PATH"] = os.pathsep.join([str(tmp_path / "env" / "bin"), environment["PATH"]])
    # (A file address with a host: pip's requirements take no other form of one.)
    address = f"file://localhost{project.as_posix()}"
    installed = subprocess.run(["bash", "-c", run.replace(ADDRESS, address)], cwd=tmp_path,
                               env=environment, capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shown = subprocess.run([str(tmp_path / "env" / "bin" / "tracker"), "--version"], cwd=tmp_path,
                           env=environment, capture_output=True, text=True, timeout=120)
    from apec_tracker import __version__

    assert shown.stdout == f"tracker {__version__}\n", shown.stderr
