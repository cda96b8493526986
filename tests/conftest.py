"""Shared fixtures: a throwaway tracker repository, made as a real git repository
in a temporary folder, and the CLI run through Typer's runner."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

if TYPE_CHECKING:
    from apec_tracker.services.validation import ValidationResult

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT_ROOT / "data" / "reference"

# The time targets (a record file read and checked within 1 s, whatever its
# content) are measured with benchmarks/run.py, on a quiet machine. A test run
# shares its machine with others, so a test fails only at ten times a target:
# far above a busy neighbour's slowdown, far below the runaways found (75 s for
# one file). Growth faster than linear, which a fixed bound misses at small
# sizes, is caught by the scaling tests in test_record_yaml.py.
RUNAWAY_SECONDS = 10.0


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
        env={"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
             "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
             "GIT_AUTHOR_DATE": "2027-03-01T12:00:00Z", "GIT_COMMITTER_DATE": "2027-03-01T12:00:00Z",
             "HOME": str(cwd), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    ).stdout


@dataclass
class TrackerRepo:
    """A tracker repository of its own: the project's reference data, no records."""

    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def calendar(self, text: str) -> Path:
        """Replace the reference data's calendar (data/reference/calendar.yaml)."""
        return self.write("data/reference/calendar.yaml", text)

    def commit(self, message: str = "update records") -> str:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD").strip()


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache of checked files, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def tracker_repo(tmp_path: Path) -> TrackerRepo:
    root = tmp_path / "records"
    shutil.copytree(REFERENCE, root / "data" / "reference")
    (root / "data" / "economies").mkdir()
    (root / "data" / "fora").mkdir()
    git(root, "init", "-q", "-b", "main")
    repo = TrackerRepo(root)
    repo.commit("start a tracker repository")
    return repo


def validated(root: Path, today: date) -> ValidationResult:
    """`tracker validate` of the repository at ``root`` as of ``today``, as the
    service returns it (no store)."""
    from apec_tracker.services.context import open_workspace
    from apec_tracker.services.validation import validate

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_TODAY", today.isoformat())
        return validate(open_workspace(root), use_cache=False)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    output: str = ""  # stdout and stderr as they came, interleaved


@pytest.fixture
def tracker(tracker_repo: TrackerRepo):  # type: ignore[no-untyped-def]
    """Run ``tracker --repo <throwaway repo> ARGS``; exceptions are not caught,
    so a traceback fails the test instead of passing as exit 1."""
    from apec_tracker.cli import app

    def run(*args: str, input: str | None = None, repo: Path | None = None) -> Run:
        runner = CliRunner()
        result = runner.invoke(app, ["--repo", str(repo or tracker_repo.root), *args], input=input,
                               catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr, result.output)

    return run


VALID_RECORD = """\
id: jpn-2026-ai-skills-for-public-servants
title: AI skills for public servants
summary: >-
  A training programme on using AI tools in public services.
reporter: JPN
lead_economies: [JPN]
co_sponsors: [ROK, VN]
partners: [ABAC]
actions:
  - code: B.i
    role: principal
  - code: B.iii
    role: significant
activity_type: workshop
status: ongoing
planned_start: 2026-03-01
planned_end: 2027-12-31
actual_start: 2026-03-15
target_groups: [public-sector-personnel]
aider_focus_areas: [innovation-adoption]
progress:
  - year: 2026
    status: ongoing
    narrative: Two workshops held in Tokyo.
    indicators:
      - id: officials-trained
        unit: people
        baseline: 0
        target: 400
        value: 120
"""


CONSULTED_2026 = """\
years:
  - year: 2026
    contributions_due: 2026-06-30
    joint_review: 2026-08-20
    csom: 2026-11-14
    review:
      - {state: draft, date: 2026-08-01, document: 2026/SOM3/DESG-TELWG/003}
      - {state: discussed, date: 2026-08-20, document: 2026/SOM3/DESG-TELWG/010}
      - {state: consultation, date: 2026-09-15, document: 2026/TELWG/CONS/001}
"""


@pytest.fixture
def valid_record() -> str:
    return VALID_RECORD


def record_for(valid_record: str, reporter: str, record_id: str) -> str:
    """The valid record as another economy's activity, with its own id, and led by it."""
    return (valid_record.replace("jpn-2026-ai-skills-for-public-servants", record_id)
            .replace("reporter: JPN", f"reporter: {reporter}").replace("lead_economies: [JPN]",
                                                                      f"lead_economies: [{reporter}]")
            .replace("co_sponsors: [ROK, VN]", "co_sponsors: []"))


@pytest.fixture
def records(tracker_repo: TrackerRepo) -> TrackerRepo:
    """A repository holding the report test records (tests/report_records.py), committed."""
    from tests.report_records import RECORDS

    for path, text in RECORDS.items():
        tracker_repo.write(path, text)
    tracker_repo.commit("records")
    return tracker_repo


@pytest.fixture(scope="session")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic repository of 1,000 activities with five years of history
    (benchmarks/generate.py), made once per test run; valid at 2030-12-31."""
    import sys

    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    import generate

    root = tmp_path_factory.mktemp("thousand") / "repo"
    generate.generate(1000, root)
    return root
