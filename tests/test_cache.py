"""The cache of checked files makes validate faster, never different: whatever
state the cache is in, validate answers exactly as a run without it."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from tests.conftest import TrackerRepo

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
SECOND = "data/economies/JPN/jpn-2026-second.yaml"
BROKEN_SCHEMA = "data/economies/VN/vn-2026-broken.yaml"
BROKEN_YAML = "data/fora/HRDWG/hrdwg-2026-bad-yaml.yaml"


def _mixed_repository(repo: TrackerRepo, valid_record: str) -> None:
    """A valid record, one whose id clashes (a rule across records), one with a
    schema error and one that is not YAML."""
    repo.write(RECORD, valid_record)
    repo.write(SECOND, valid_record)
    repo.write(BROKEN_SCHEMA, valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", "id: vn-2026-broken")
               .replace("reporter: JPN", "reporter: VN").replace("status: ongoing\nplanned", "status: begun\nplanned"))
    repo.write(BROKEN_YAML, "id: hrdwg-2026-bad-yaml\ntitle: [unclosed\n")


def _validate(tracker, *options: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    result = tracker("validate", "--format", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def _cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("records-*/*.segment"))


def test_a_warm_cache_answers_as_a_cold_run(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                              cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    assert not _cache_files(cache_dir), "--no-cache writes no cache"
    assert cold[0] == 1
    assert {d["code"] for d in cold[1]["diagnostics"]} >= {"R502", "S403", "Y301"}
    filling = _validate(tracker)
    assert _cache_files(cache_dir)
    warm = _validate(tracker)
    assert filling == cold
    assert warm == cold


def test_a_changed_file_is_checked_again(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    assert _validate(tracker)[0] == 0
    tracker_repo.write(RECORD, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
    warm = _validate(tracker)
    assert warm == _validate(tracker, "--no-cache")
    assert [d["code"] for d in warm[1]["diagnostics"]] == ["S404"]
    # and back: the first outcome is found again, still right
    tracker_repo.write(RECORD, valid_record)
    assert _validate(tracker) == _validate(tracker, "--no-cache")


def test_changed_reference_data_is_never_answered_from_the_cache(tracker_repo: TrackerRepo, tracker,
                                                                  valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    assert _validate(tracker)[0] == 0
    framework = tracker_repo.root / "data" / "reference" / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        "  - code: public-sector-personnel\n", "  - code: civil-servants\n"), encoding="utf-8")
    warm = _validate(tracker)
    assert warm == _validate(tracker, "--no-cache")
    assert warm[0] == 1
    assert "public-sector-personnel" in json.dumps(warm[1])


def test_a_damaged_cache_file_is_ignored_and_replaced(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                      cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    _validate(tracker)
    for damage in (b"", b"not a pickle at all", b"\x80\x05garbage", pickle.dumps(["a", "list"])):
        for file in _cache_files(cache_dir):
            file.write_bytes(damage)
        assert _validate(tracker) == cold
        assert _validate(tracker) == cold


def _forge_index(file: Path, entry: object) -> None:
    """Rewrite a segment's index so that every key maps to ``entry``."""
    data = file.read_bytes()
    offset = int.from_bytes(data[-8:], "little")
    magic, index = pickle.loads(data[offset:-8])
    forged = pickle.dumps((magic, {key: entry for key in index}))
    file.write_bytes(data[:offset] + forged + offset.to_bytes(8, "little"))


def test_entries_of_the_wrong_kind_are_misses(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                              cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    _validate(tracker)
    for entry in ("stale", (-1, ("not", "diagnostics")), (0, "not keys"), ("0", ("id", None, ()))):
        for file in _cache_files(cache_dir):
            _forge_index(file, entry)
        assert _validate(tracker) == cold, entry


def test_a_damaged_record_inside_an_intact_cache_is_checked_afresh(tracker_repo: TrackerRepo, tracker,
                                                                    valid_record: str, cache_dir: Path) -> None:
    """Records are unpickled only when asked for, so damage can be found late:
    it still costs nothing but speed."""
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    _validate(tracker)
    [file] = _cache_files(cache_dir)
    data = bytearray(file.read_bytes())
    data[2:40] = b"\xff" * 38  # inside the first chunk of records, before the index
    file.write_bytes(bytes(data))
    assert _validate(tracker) == cold


def test_runs_that_add_files_add_segments_which_are_merged(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                           cache_dir: Path) -> None:
    from apec_tracker._speed.cache import MAX_SEGMENTS

    tracker_repo.write(RECORD, valid_record)
    for number in range(MAX_SEGMENTS + 1):
        name = f"jpn-2026-activity-{number}"
        tracker_repo.write(f"data/economies/JPN/{name}.yaml",
                           valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", f"id: {name}"))
        assert _validate(tracker)[0] == 0
    assert 1 <= len(_cache_files(cache_dir)) <= MAX_SEGMENTS
    assert _validate(tracker) == _validate(tracker, "--no-cache")


def test_files_git_knows_unchanged_are_found_without_reading_them(
        tracker_repo: TrackerRepo, tracker, valid_record: str, cache_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from apec_tracker.reading import records as load

    _mixed_repository(tracker_repo, valid_record)
    clean = "data/economies/JPN/jpn-2026-clean.yaml"
    tracker_repo.write(clean, valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", "id: jpn-2026-clean"))
    tracker_repo.commit("records")
    cold = _validate(tracker, "--no-cache")
    assert _validate(tracker) == cold
    reads: list[str] = []
    real_read = load.read_record_bytes
    monkeypatch.setattr(load, "read_record_bytes", lambda repo, path: reads.append(path) or real_read(repo, path))
    assert _validate(tracker) == cold
    # Only the two records whose shared id is reported are read, for the
    # positions; the cache kept the broken files' diagnostics with theirs.
    assert set(reads) == {RECORD, SECOND}


def test_what_git_is_told_not_to_look_at_is_read(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                 cache_dir: Path) -> None:
    """A file marked assume-unchanged or skip-worktree can differ from git's
    index without git noticing: the cache must not take git's word for it."""
    import subprocess

    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("a record")
    assert _validate(tracker)[0] == 0
    for flag in ("--assume-unchanged", "--skip-worktree"):
        subprocess.run(["git", "update-index", flag, RECORD], cwd=tracker_repo.root, check=True)
        tracker_repo.write(RECORD, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
        warm = _validate(tracker)
        assert warm == _validate(tracker, "--no-cache")
        assert [d["code"] for d in warm[1]["diagnostics"]] == ["S404"], flag
        tracker_repo.write(RECORD, valid_record)
        subprocess.run(["git", "update-index", flag.replace("--", "--no-"), RECORD], cwd=tracker_repo.root,
                       check=True)


def test_a_committed_file_changed_in_place_is_checked_again(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                            cache_dir: Path) -> None:
    """git's own check of a file's size and times, with the same length and
    within the same second: git compares contents then, and so must the cache."""
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("a record")
    assert _validate(tracker)[0] == 0
    same_length = valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [ROK, XX]")
    assert len(same_length) == len(valid_record)
    path = tracker_repo.write(RECORD, same_length)
    stat = path.stat()
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    warm = _validate(tracker)
    assert warm == _validate(tracker, "--no-cache")
    assert warm[0] == 1


def test_an_unwritable_cache_costs_speed_not_the_answer(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made here")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(blocker / "cache"))
    assert _validate(tracker) == cold


def test_the_cache_lives_outside_the_repository(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("add a record")
    _validate(tracker)
    status = [line for line in __import__("subprocess").run(
        ["git", "status", "--porcelain", "--ignored"], cwd=tracker_repo.root, capture_output=True, text=True,
        check=True).stdout.splitlines()]
    assert status == []


def test_naming_files_reports_exactly_their_part_of_a_full_run(tracker_repo: TrackerRepo, tracker,
                                                                valid_record: str) -> None:
    """Rules on one record run only for the files asked about; rules across
    records still see them all. Either way the answer is the full run's, cut."""
    _mixed_repository(tracker_repo, valid_record)
    full = _validate(tracker, "--no-cache")[1]["diagnostics"]
    for chosen in (SECOND, RECORD, BROKEN_SCHEMA, "data/economies/JPN", "data/fora"):
        part = _validate(tracker, str(tracker_repo.root / chosen))[1]["diagnostics"]
        assert part == [d for d in full if d["path"] == chosen or d["path"].startswith(chosen + "/")]
        assert part, chosen


def test_a_record_changing_while_damaged_cache_is_read_is_a_clear_error(
        tracker_repo: TrackerRepo, tracker, valid_record: str, cache_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The one case the cache cannot answer: its copy of a record is damaged
    and the file changed since it was listed. One line and exit 2, no traceback."""
    import sys

    from apec_tracker.reading import records as load
    from apec_tracker.cli import main

    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("a record")
    _validate(tracker)
    [file] = _cache_files(cache_dir)
    data = bytearray(file.read_bytes())
    data[2:40] = b"\xff" * 38
    file.write_bytes(bytes(data))
    real_read = load.read_record_bytes
    monkeypatch.setattr(load, "read_record_bytes", lambda repo, path: real_read(repo, path) + b"# edited\n")
    monkeypatch.setattr(sys, "argv", ["tracker", "--repo", str(tracker_repo.root), "validate"])
    try:
        main()
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("tracker should have stopped")
    error = capsys.readouterr().err
    assert error.startswith("tracker: error: ") and RECORD in error and "run it again" in error
    assert "Traceback" not in error


def test_a_run_at_an_old_revision_keeps_the_cache_of_the_working_tree(
        tracker_repo: TrackerRepo, tracker, valid_record: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A run at a revision sees that revision's files, not the working tree's: it
    must not judge the working tree's cache entries unused and drop them."""
    from apec_tracker._speed import cache
    from apec_tracker.reading import records as load

    monkeypatch.setattr(cache, "UNUSED_SLACK", 0)  # as in a repository of thousands of files
    tracker_repo.write(RECORD, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [ROK]"))
    first = tracker_repo.commit("one record")  # as no later run sees it
    tracker_repo.write(RECORD, valid_record)
    for number in range(4):
        name = f"jpn-2026-activity-{number}"
        tracker_repo.write(f"data/economies/JPN/{name}.yaml",
                           valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", f"id: {name}"))
    tracker_repo.commit("four more")
    assert _validate(tracker)[0] == 0
    tracker_repo.write(SECOND, valid_record.replace("id: jpn-2026-ai-skills-for-public-servants",
                                                    "id: jpn-2026-second"))
    assert _validate(tracker, "--as-of", first)[0] == 0
    checked: list[str] = []
    real_check = load._Loader._check
    monkeypatch.setattr(load._Loader, "_check", lambda self, record_file, data, blob: (
        checked.append(record_file.path), real_check(self, record_file, data, blob))[1])
    assert _validate(tracker)[0] == 0
    assert checked == [SECOND], "only the file no run had seen is checked"
