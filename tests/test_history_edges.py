"""The edges of history: each a one-line error with exit 2 (or a diagnostic),
never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, TrackerRepo, git

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
CONFLICT = "<<<<<<< HEAD\nid: one\n=======\nid: other\n>>>>>>> feature\n"


def _one_line_error(result, text: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("tracker: error: ") and text in line


def test_a_conflict_committed_by_mistake_is_a_diagnostic_at_that_revision(
        tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, CONFLICT)
    tracker_repo.commit("oops")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("validate", "--as-of", "HEAD", "-f", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["path"], diagnostic["code"], diagnostic["line"]) == (RECORD, "E205", 1)


def test_a_real_merge_conflict_in_the_working_tree(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("base")
    git(tracker_repo.root, "switch", "-q", "-c", "other")
    tracker_repo.write(RECORD, valid_record.replace("Two workshops", "Three workshops"))
    tracker_repo.commit("other")
    git(tracker_repo.root, "switch", "-q", "main")
    tracker_repo.write(RECORD, valid_record.replace("Two workshops", "Four workshops"))
    tracker_repo.commit("main")
    with pytest.raises(subprocess.CalledProcessError):  # git exits 1 on a conflict
        git(tracker_repo.root, "merge", "-q", "other")
    result = tracker("validate", "--changed-since", "HEAD")
    assert result.exit_code == 1
    assert f"{RECORD}:" in result.stdout and "E205 the file holds an unresolved merge conflict" in result.stdout
    # In the middle of the merge, history still reads what was committed.
    assert tracker("validate", "--as-of", "HEAD").exit_code == 0
    assert tracker("diff", "2026", "--as-of", "other", "-f", "json").exit_code == 0


def test_a_repository_without_commits(tmp_path: Path, tracker) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(REFERENCE, root / "data" / "reference")
    git(root, "init", "-q", "-b", "main")
    _one_line_error(tracker("validate", "--as-of", "HEAD", repo=root), "has no commits yet")
    _one_line_error(tracker("validate", "--changed-since", "main", repo=root), "has no commits yet")
    assert tracker("validate", repo=root).exit_code == 0


def test_without_git_installed(tracker_repo: TrackerRepo, tracker, monkeypatch: pytest.MonkeyPatch,
                               valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("a record")
    monkeypatch.setenv("PATH", str(tracker_repo.root / "no-such-folder"))
    assert tracker("validate").exit_code == 0  # history is not needed for plain validation
    _one_line_error(tracker("validate", "--as-of", "HEAD"), "git is not installed")
    _one_line_error(tracker("diff", "2026", "--as-of", "HEAD"), "git is not installed")
    _one_line_error(tracker("publish", "2026", "--without-consultation"), "git is not installed")


def test_a_lightweight_tag_is_not_a_publication(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("a record")
    git(tracker_repo.root, "tag", "review-2026")
    (tracker_repo.root / RECORD).unlink()
    assert tracker("validate").exit_code == 0
