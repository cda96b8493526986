"""What an installed tool carries: a data repository that installs apec-tracker
from a release has no templates/ folder of its own, yet builds its reports; and
so does a tool built from a checkout made without symbolic links (the default
of Git for Windows)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import PROJECT_ROOT, TrackerRepo
from tests.installing import clone_of_this_project, runtime_dependencies

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
    assert written == ["apec-ai-initiative-2026.html", "apec-ai-initiative-2026.md"]
    assert "<html" in (tmp_path / "report" / "apec-ai-initiative-2026.html").read_text(encoding="utf-8")
