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
    return sorted(cache_dir.glob("records-*.pickle"))


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


def test_entries_of_the_wrong_kind_are_misses(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                              cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    _validate(tracker)
    [file] = _cache_files(cache_dir)
    entries = pickle.loads(file.read_bytes())
    file.write_bytes(pickle.dumps({key: "stale" for key in entries}))
    assert _validate(tracker) == cold
    file.write_bytes(pickle.dumps({key: ("not", "diagnostics") for key in entries}))
    assert _validate(tracker) == cold


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
