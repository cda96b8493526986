"""`tracker validate --changed-since REF`: the files a pull request changed,
plus every rule across records over the whole repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TrackerRepo, git, record_for

JPN = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
ROK = "data/economies/ROK/rok-2026-ai-skills.yaml"
VN = "data/economies/VN/vn-2026-ai-skills.yaml"
NEW = "data/economies/VN/vn-2026-new.yaml"




@pytest.fixture
def branch(tracker_repo: TrackerRepo, valid_record: str) -> TrackerRepo:
    """main: three records, ROK's with an old problem of its own (id differs from
    the file name). feature: JPN's record edited and committed."""
    tracker_repo.write(JPN, valid_record)
    tracker_repo.write(ROK, record_for(valid_record, "ROK", "rok-2026-renamed"))
    tracker_repo.write(VN, record_for(valid_record, "VN", "vn-2026-ai-skills"))
    tracker_repo.commit("records on main")
    git(tracker_repo.root, "switch", "-q", "-c", "feature")
    tracker_repo.write(JPN, valid_record.replace("target: 400", "target: many"))
    tracker_repo.commit("edit JPN")
    return tracker_repo


def _codes(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_only_changed_files_are_reported(branch: TrackerRepo, tracker) -> None:
    everything = tracker("validate", "-f", "json")
    assert (ROK, "R501") in _codes(everything)
    result = tracker("validate", "--changed-since", "main", "-f", "json")
    assert result.exit_code == 1
    assert _codes(result) == [(JPN, "S403")]
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_uncommitted_and_untracked_files_count_as_changed(branch: TrackerRepo, tracker, valid_record: str) -> None:
    branch.write(VN, record_for(valid_record, "VN", "vn-2026-ai-skills").replace("role: principal", "role: main"))
    branch.write(NEW, record_for(valid_record, "VN", "vn-2026-wrong-id"))
    result = tracker("validate", "--changed-since", "main", "-f", "json")
    assert _codes(result) == [(JPN, "S403"), (VN, "S403"), (NEW, "R501")]


def test_rules_across_records_are_reported_wherever_they_are(branch: TrackerRepo, tracker,
                                                             valid_record: str) -> None:
    # A new record takes the id ROK's unchanged record already uses.
    branch.write("data/economies/VN/rok-2026-renamed.yaml", record_for(valid_record, "VN", "rok-2026-renamed"))
    codes = _codes(tracker("validate", "--changed-since", "main", "-f", "json"))
    assert ("data/economies/VN/rok-2026-renamed.yaml", "R502") in codes
    assert (ROK, "R502") in codes  # unchanged, but part of the problem
    assert (ROK, "R501") not in codes  # unchanged and its own business


def test_a_merge_conflict_left_in_a_file(branch: TrackerRepo, tracker) -> None:
    branch.write(VN, "<<<<<<< HEAD\nid: a\n=======\nid: b\n>>>>>>> other\n")
    result = tracker("validate", "--changed-since", "main")
    assert result.exit_code == 1
    assert f"{VN}:1:1: E205 the file holds an unresolved merge conflict" in result.stdout


def test_nothing_changed(branch: TrackerRepo, tracker) -> None:
    result = tracker("validate", "--changed-since", "HEAD")
    assert result.exit_code == 0
    assert result.stdout == "No record file to check.\n"


def test_changed_since_and_as_of(branch: TrackerRepo, tracker) -> None:
    branch.write(VN, "broken: [")  # the working tree is not what is checked
    result = tracker("validate", "--changed-since", "main", "--as-of", "feature", "-f", "json")
    assert _codes(result) == [(JPN, "S403")]


def test_unknown_ref(branch: TrackerRepo, tracker) -> None:
    result = tracker("validate", "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("tracker: error: the revision 'origin/main' does not exist "
                                     "(try a commit hash, a tag or a branch name)")


def test_shallow_clone_without_the_merge_base(branch: TrackerRepo, tracker, tmp_path: Path) -> None:
    clone = tmp_path / "pr"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
                    f"file://{branch.root}", str(clone)], check=True)
    result = tracker("validate", "--changed-since", "origin/main", repo=clone)
    assert result.exit_code == 2
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_not_a_git_repository(tmp_path: Path, tracker, branch: TrackerRepo) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(branch.root / "data", plain / "data")
    result = tracker("validate", "--changed-since", "main", repo=plain)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


def test_a_ref_that_shares_no_history(branch: TrackerRepo, tracker) -> None:
    git(branch.root, "switch", "-q", "--orphan", "elsewhere")
    branch.commit("an unrelated start")
    git(branch.root, "switch", "-q", "feature")
    result = tracker("validate", "--changed-since", "elsewhere")
    assert result.exit_code == 2
    assert result.stderr.strip() == "tracker: error: 'elsewhere' and HEAD share no history"
