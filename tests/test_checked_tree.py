"""`validate --changed-since` takes the files a pull request did not change from
the checked tree a run on its base left in the cache (apec_tracker._speed.checked_tree),
and answers exactly as a run that lists and checks every file."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apec_tracker.reading import records as load
from tests.conftest import TrackerRepo, git, record_for

JPN = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
ROK = "data/economies/ROK/rok-2026-ai-skills.yaml"
VN = "data/economies/VN/vn-2026-ai-skills.yaml"




def _forum_record(valid_record: str, record_id: str) -> str:
    return record_for(valid_record, "HRDWG", record_id).replace("lead_economies: [HRDWG]", "lead_economies: [JPN]")


def _trees(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("records-*/trees/*.tree"))


@pytest.fixture
def main_checked(tracker_repo: TrackerRepo, valid_record: str, tracker: Any, cache_dir: Path) -> TrackerRepo:
    """main: records (ROK's with a problem of its own), validated, which keeps
    main's checked tree in the cache; then a branch, feature."""
    tracker_repo.write(JPN, valid_record)
    tracker_repo.write(ROK, record_for(valid_record, "ROK", "rok-2026-renamed"))
    tracker_repo.write(VN, record_for(valid_record, "VN", "vn-2026-ai-skills"))
    for number in range(5):
        tracker_repo.write(f"data/fora/HRDWG/hrdwg-2026-{number}.yaml",
                           _forum_record(valid_record, f"hrdwg-2026-{number}"))
    tracker_repo.commit("records on main")
    assert tracker("validate").exit_code == 1  # ROK's own problem
    assert len(_trees(cache_dir)) == 1, "a run on a clean commit keeps its checked tree"
    git(tracker_repo.root, "switch", "-q", "-c", "feature")
    return tracker_repo


def _json(tracker: Any, *options: str) -> tuple[int, dict[str, Any]]:
    result = tracker("validate", "--changed-since", "main", "-f", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def _without_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the record folders are listed: the checked tree stands in for that."""
    def refuse(*args: object) -> object:
        raise AssertionError("the record folders were listed")

    monkeypatch.setattr(load, "discover", refuse)


CHANGES: dict[str, Callable[[TrackerRepo, str], None]] = {
    "a committed edit that breaks a record": lambda repo, record: (
        repo.write(JPN, record.replace("role: principal", "role: main")), repo.commit("edit")),
    "an uncommitted edit and an untracked file": lambda repo, record: (
        repo.write(VN, record_for(record, "VN", "vn-2026-ai-skills").replace("target: 400", "target: many")),
        repo.write("data/economies/VN/vn-2026-new.yaml", record_for(record, "VN", "vn-2026-other-id"))),
    "a deleted record": lambda repo, record: (
        (repo.root / "data/fora/HRDWG/hrdwg-2026-3.yaml").unlink(), repo.commit("delete")),
    "a new record with the id of one nobody changed": lambda repo, record: (
        repo.write("data/economies/VN/vn-2026-clash.yaml", record_for(record, "VN", "vn-2026-clash").replace(
            "id: vn-2026-clash", "id: hrdwg-2026-1")), repo.commit("clash")),
    "files where records cannot be": lambda repo, record: (
        repo.write("data/economies/XX/xx-2026-a.yaml", record_for(record, "JPN", "xx-2026-a")),
        repo.write("data/economies/JPN/jpn-2026-b.yml", record_for(record, "JPN", "jpn-2026-b")),
        repo.write("data/economies/JPN/sub/jpn-2026-c.yaml", record_for(record, "JPN", "jpn-2026-c")),
        repo.write("data/economies/stray.yaml", "id: stray\n")),
    "a broken file replaced by a good one": lambda repo, record: (
        repo.write(ROK, record_for(record, "ROK", "rok-2026-ai-skills")), repo.commit("fix ROK")),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_checked_tree_answers_as_listing_every_file_does(
        main_checked: TrackerRepo, valid_record: str, tracker: Any, monkeypatch: pytest.MonkeyPatch,
        change: str) -> None:
    CHANGES[change](main_checked, valid_record)
    expected = _json(tracker, "--no-cache")
    _without_listing(monkeypatch)
    assert _json(tracker) == expected


def test_what_the_tree_cannot_vouch_for_is_listed_and_read(main_checked: TrackerRepo, valid_record: str,
                                                           tracker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file marked assume-unchanged hides its edits from git's diff, and a
    file git ignores is left out of it: validation still reads both."""
    main_checked.write(VN, record_for(valid_record, "VN", "hrdwg-2026-1"))  # the id of another record
    subprocess.run(["git", "update-index", "--assume-unchanged", VN], cwd=main_checked.root, check=True)
    hidden = _json(tracker)
    assert hidden == _json(tracker, "--no-cache")
    assert "R502" in {d["code"] for d in hidden[1]["diagnostics"]}, "the hidden edit's clash is found"
    subprocess.run(["git", "update-index", "--no-assume-unchanged", VN], cwd=main_checked.root, check=True)
    main_checked.write(VN, record_for(valid_record, "VN", "vn-2026-ai-skills"))

    main_checked.write("data/.gitignore", "*-local.yaml\n")
    main_checked.commit("ignore local drafts")
    main_checked.write("data/fora/HRDWG/hrdwg-2026-local.yaml", _forum_record(valid_record, "hrdwg-2026-local")
                       .replace("id: hrdwg-2026-local", "id: hrdwg-2026-1"))
    ignored = _json(tracker)
    assert ignored == _json(tracker, "--no-cache")
    assert "R502" in {d["code"] for d in ignored[1]["diagnostics"]}, "the ignored file's clash is still found"


def test_a_tree_is_kept_only_for_a_clean_commit(tracker_repo: TrackerRepo, valid_record: str, tracker: Any,
                                                cache_dir: Path) -> None:
    tracker_repo.write(JPN, valid_record)
    tracker_repo.commit("a record")
    tracker_repo.write(VN, record_for(valid_record, "VN", "vn-2026-ai-skills"))  # untracked
    assert tracker("validate").exit_code == 0
    assert not _trees(cache_dir)
    tracker_repo.commit("another")
    assert tracker("validate").exit_code == 0
    assert len(_trees(cache_dir)) == 1


def test_a_damaged_tree_is_passed_over(main_checked: TrackerRepo, valid_record: str, tracker: Any,
                                       cache_dir: Path) -> None:
    CHANGES["a committed edit that breaks a record"](main_checked, valid_record)
    expected = _json(tracker, "--no-cache")
    for tree in _trees(cache_dir):
        tree.write_bytes(tree.read_bytes()[:100])
    assert _json(tracker) == expected


def test_a_branch_checked_at_its_own_commit_needs_no_tree_of_its_base(
        tracker_repo: TrackerRepo, valid_record: str, tracker: Any, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer's own run: the branch was validated at its last commit, main never was here."""
    tracker_repo.write(JPN, valid_record)
    tracker_repo.write(ROK, record_for(valid_record, "ROK", "rok-2026-renamed"))
    tracker_repo.commit("records on main")
    git(tracker_repo.root, "switch", "-q", "-c", "feature")
    CHANGES["a committed edit that breaks a record"](tracker_repo, valid_record)
    assert tracker("validate").exit_code == 1
    tracker_repo.write(VN, record_for(valid_record, "VN", "vn-2026-wrong"))  # and one more, not committed
    expected = _json(tracker, "--no-cache")
    assert {d["path"] for d in expected[1]["diagnostics"]} == {JPN, VN}
    _without_listing(monkeypatch)
    assert _json(tracker) == expected


def test_a_run_on_part_of_the_files_keeps_the_cache_of_the_rest(
        main_checked: TrackerRepo, valid_record: str, tracker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """--changed-since with a checked tree reads a few files; the next full run
    still finds every other file in the cache."""
    from apec_tracker._speed import cache

    monkeypatch.setattr(cache, "UNUSED_SLACK", 0)  # as in a repository of thousands of files
    CHANGES["a committed edit that breaks a record"](main_checked, valid_record)
    _json(tracker)
    checked: list[str] = []
    real_check = load._Loader._check

    def counting_check(self: load._Loader, record_file: load.RecordFile, data: bytes, blob: str) -> Any:
        checked.append(record_file.path)
        return real_check(self, record_file, data, blob)

    monkeypatch.setattr(load._Loader, "_check", counting_check)
    tracker("validate")
    assert checked == [], "every file was found in the cache"
