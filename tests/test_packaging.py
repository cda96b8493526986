"""What an installed tool carries: a data repository that installs apec-tracker
from a release has no templates/ folder of its own, yet builds its reports."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_the_built_package_carries_every_report_template(tmp_path: Path) -> None:
    # Built from a clean copy: a build/ folder left in the project would hide a missing file.
    source = tmp_path / "source"
    shutil.copytree(PROJECT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "benchmarks", "reports", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = tmp_path.glob("apec_tracker-*.whl")
    packaged = {name.removeprefix("apec_tracker/builtin_templates/")
                for name in zipfile.ZipFile(wheel).namelist() if name.startswith("apec_tracker/builtin_templates/")}
    templates = {path.relative_to(PROJECT / "templates").as_posix()
                 for path in (PROJECT / "templates").rglob("*.j2")}
    assert templates and templates <= packaged, templates - packaged
