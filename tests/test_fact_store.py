"""The store of record facts makes `validate --changed-since` faster, never
different: whatever state the store is in, every command answers exactly as a
run without it (`--no-cache`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from apec_tracker.checks.registry import Finding, RuleContext, cross_record_rule, unregister
from apec_tracker.reading.records import RecordFacts
from tests.conftest import TrackerRepo, git, record_for

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
SECOND = "data/economies/JPN/jpn-2026-second.yaml"
BROKEN_SCHEMA = "data/economies/VN/vn-2026-broken.yaml"
BROKEN_YAML = "data/fora/HRDWG/hrdwg-2026-bad-yaml.yaml"
ROK = "data/economies/ROK/rok-2026-ai-skills.yaml"


def _mixed_repository(repo: TrackerRepo, valid_record: str) -> None:
    """A valid record, one whose id clashes (a rule across records), one with a
    schema error and one that is not YAML; committed on main."""
    repo.write(RECORD, valid_record)
    repo.write(SECOND, valid_record.replace("title: AI skills for public servants", "title: AI skills, again"))
    repo.write(BROKEN_SCHEMA, record_for(valid_record, "VN", "vn-2026-broken").replace("role: principal", "role: main"))
    repo.write(BROKEN_YAML, "id: hrdwg-2026-bad-yaml\ntitle: [unclosed\n")
    repo.write(ROK, record_for(valid_record, "ROK", "rok-2026-ai-skills"))
    repo.commit("records")


def _validate(tracker, *options: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    result = tracker("validate", "--format", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def _store_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("facts/*.json"))


def _branch_with_a_change(repo: TrackerRepo, valid_record: str) -> None:
    git(repo.root, "switch", "-q", "-c", "feature")
    repo.write(ROK, record_for(valid_record, "ROK", "rok-2026-ai-skills").replace("target: 400", "target: 500"))


def test_a_warm_store_answers_as_a_run_without_it(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                  cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cold = _validate(tracker, "--no-cache")
    assert not _store_files(cache_dir), "--no-cache writes nothing"
    assert cold[0] == 1
    assert {d["code"] for d in cold[1]["diagnostics"]} >= {"R502", "S403", "Y301"}
    assert _validate(tracker) == cold
    assert _store_files(cache_dir)
    assert _validate(tracker) == cold
    _branch_with_a_change(tracker_repo, valid_record)
    without = _validate(tracker, "--changed-since", "main", "--no-cache")
    assert [d["path"] for d in without[1]["diagnostics"]] == [RECORD, SECOND], "the id clash, reported everywhere"
    assert _validate(tracker, "--changed-since", "main") == without


def test_a_file_changed_since_its_facts_were_stored_is_read_again(tracker_repo: TrackerRepo, tracker,
                                                                   valid_record: str) -> None:
    _mixed_repository(tracker_repo, valid_record)
    _validate(tracker)  # stores every file's facts
    _branch_with_a_change(tracker_repo, valid_record)
    # An unchanged file of main's now takes the id a changed file holds, uncommitted.
    tracker_repo.write(BROKEN_SCHEMA, record_for(valid_record, "VN", "rok-2026-ai-skills"))
    warm = _validate(tracker, "--changed-since", "main")
    assert warm == _validate(tracker, "--changed-since", "main", "--no-cache")
    assert (ROK, "R502") in [(d["path"], d["code"]) for d in warm[1]["diagnostics"]]


def test_changed_reference_data_is_never_answered_from_the_store(tracker_repo: TrackerRepo, tracker,
                                                                  valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    assert _validate(tracker)[0] == 0
    framework = tracker_repo.root / "data" / "reference" / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        "code: public-sector-personnel\n", "code: civil-servants\n"), encoding="utf-8")
    warm = _validate(tracker)
    assert warm == _validate(tracker, "--no-cache")
    assert warm[0] == 1
    assert "public-sector-personnel" in json.dumps(warm[1])


@pytest.mark.parametrize("damage", ["truncated", "one byte changed", "not json", "empty", "a folder"])
def test_a_damaged_store_costs_time_never_the_answer(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                     cache_dir: Path, damage: str) -> None:
    _mixed_repository(tracker_repo, valid_record)
    _validate(tracker)
    _branch_with_a_change(tracker_repo, valid_record)
    expected = _validate(tracker, "--changed-since", "main", "--no-cache")
    [store] = _store_files(cache_dir)
    data = store.read_bytes()
    if damage == "truncated":
        store.write_bytes(data[: len(data) // 2])
    elif damage == "one byte changed":
        # An id in the stored facts, changed: the answer must not follow it.
        assert b'"rok-2026-ai-skills"' in data
        store.write_bytes(data.replace(b'"rok-2026-ai-skills"', b'"jpn-2026-ai-skills-for-public-servants"', 1))
    elif damage == "not json":
        store.write_bytes(b"\x00\xff garbage")
    elif damage == "empty":
        store.write_bytes(b"")
    else:
        store.unlink()
        store.mkdir()
    assert _validate(tracker, "--changed-since", "main") == expected
    assert _validate(tracker) == _validate(tracker, "--no-cache")


def test_an_unwritable_store_costs_time_never_the_answer(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                         cache_dir: Path) -> None:
    _mixed_repository(tracker_repo, valid_record)
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.write_text("a file where the cache folder would be\n")  # nothing can be written beneath it
    assert _validate(tracker) == _validate(tracker, "--no-cache")
    assert cache_dir.read_text() == "a file where the cache folder would be\n"


def test_the_store_lives_outside_the_repository(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                cache_dir: Path) -> None:
    tracker_repo.write(RECORD, valid_record)
    before = sorted(path.relative_to(tracker_repo.root) for path in tracker_repo.root.rglob("*") if ".git" not in
                    path.parts)
    _validate(tracker)
    after = sorted(path.relative_to(tracker_repo.root) for path in tracker_repo.root.rglob("*") if ".git" not in
                   path.parts)
    assert after == before
    assert _store_files(cache_dir)


def test_a_new_rule_across_records_is_enforced_under_changed_since(tracker_repo: TrackerRepo, tracker,
                                                                   valid_record: str) -> None:
    """A rule across records declares what it reads; the store keeps exactly
    that, so a rule added later is never silently left out of a partial run."""
    _mixed_repository(tracker_repo, valid_record)
    _validate(tracker)  # the store holds facts of the rules there were then

    # (A field no rule read when the facts were stored.)
    @cross_record_rule(reads=("summary",))
    def summaries_unique(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
        seen: dict[str, str] = {}
        for record in records:
            if record["summary"] in seen:
                # (A code validation knows, with a message of this test's own.)
                message = f"test rule: the summary is also {seen[record['summary']]}'s"
                yield Finding(record.file.path, ("summary",), "R511", message)
            seen.setdefault(record["summary"], record.file.path)

    try:
        _branch_with_a_change(tracker_repo, valid_record)
        warm = _validate(tracker, "--changed-since", "main")
        assert warm == _validate(tracker, "--changed-since", "main", "--no-cache")
        assert (SECOND, f"test rule: the summary is also {RECORD}'s") in [
            (d["path"], d["message"]) for d in warm[1]["diagnostics"]], \
            "found on an unchanged file, from facts stored before the rule existed"
    finally:
        unregister(summaries_unique)


def test_a_rule_reading_a_field_it_did_not_declare_fails_in_every_run(tracker_repo: TrackerRepo, tracker,
                                                                       valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)

    @cross_record_rule(reads=("id",))
    def careless(records: Sequence[RecordFacts], context: RuleContext) -> Iterator[Finding]:
        for record in records:
            if record["summary"]:
                yield from ()

    try:
        with pytest.raises(KeyError, match="summary"):
            tracker("validate", "--no-cache")
    finally:
        unregister(careless)
