"""The store of record facts makes `validate --changed-since` faster, never
different: whatever state the store is in, every command answers exactly as a
run without it (`--no-cache`)."""

from __future__ import annotations

import json
import os
import re
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


def test_a_worktree_of_main_fills_the_store_a_branch_reads(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                          cache_dir: Path, tmp_path: Path) -> None:
    """CI validates main, then a pull request's checkout with --changed-since; a
    worktree of main and the branch's checkout are one repository, one store."""
    _mixed_repository(tracker_repo, valid_record)
    main_tree = tmp_path / "main-tree"
    git(tracker_repo.root, "worktree", "add", "-q", "--detach", str(main_tree), "main")
    _branch_with_a_change(tracker_repo, valid_record)
    assert tracker("validate", repo=main_tree).exit_code == 1
    [store] = _store_files(cache_dir)
    assert _validate(tracker, "--changed-since", "main") == _validate(tracker, "--changed-since", "main", "--no-cache")
    assert _store_files(cache_dir) == [store]


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


@pytest.mark.parametrize("damage", ["truncated", "one byte changed", "not json", "empty", "a folder",
                                    "nested brackets"])
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
    elif damage == "nested brackets":  # deeper than Python's JSON reader can go
        store.write_bytes(b"[" * 100_000 + b"\n" + data)
    else:
        store.unlink()
        store.mkdir()
    assert _validate(tracker, "--changed-since", "main") == expected
    assert _validate(tracker) == _validate(tracker, "--no-cache")


def test_a_byte_of_the_store_damaged_anywhere_changes_no_answer(tracker_repo: TrackerRepo, tracker,
                                                                valid_record: str, cache_dir: Path,
                                                                tmp_path: Path) -> None:
    """A byte changed at every 8th place of the store's header and every 64th of
    its body, in turn: validate --changed-since answers as a run without the
    store; and diff and the review, which read no store, answer as before it."""
    _mixed_repository(tracker_repo, valid_record)
    _branch_with_a_change(tracker_repo, valid_record)

    def counted() -> tuple[object, ...]:
        diff = tracker("diff", "2025", "2026", "--format", "json")
        out = tmp_path / "review"
        review = tracker("report", "2026", "--format", "md", "--allow-invalid", "-o", str(out))
        pages = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.md")}
        assert pages, review.stderr
        return (diff.exit_code, diff.stdout), (review.exit_code, pages)

    before_any_store = counted()
    expected = _validate(tracker, "--changed-since", "main", "--no-cache")
    assert _validate(tracker) == _validate(tracker, "--no-cache")
    [store] = _store_files(cache_dir)
    data = store.read_bytes()
    header = data.index(b"\n") + 1
    for at in sorted(set(range(0, header, 8)) | set(range(header, len(data), 64))):
        store.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:])
        assert _validate(tracker, "--changed-since", "main") == expected, f"byte {at} changed"
    store.write_bytes(data[: len(data) // 3] + b"X" + data[len(data) // 3 + 1:])
    assert counted() == before_any_store


def test_a_file_name_that_is_not_utf8_is_stored_and_found_again(tracker_repo: TrackerRepo, tracker,
                                                                 valid_record: str, cache_dir: Path) -> None:
    """A file name with a byte that is not UTF-8 (made on another system, or on
    purpose) is a diagnostic like any other: the store keeps its facts and the
    next run answers as a run without it."""
    _mixed_repository(tracker_repo, valid_record)
    folder = os.fsencode(tracker_repo.root / "data/economies/JPN")
    with open(os.path.join(folder, b"jpn-2026-caf\xe9.yaml"), "wb") as handle:
        handle.write(valid_record.encode())
    expected = _validate(tracker, "--no-cache")
    assert _validate(tracker) == expected
    assert _store_files(cache_dir)
    assert _validate(tracker) == expected


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


# -- what the store's answers depend on ---------------------------------------------------

FACTS = {"id": "jpn-2026-x"}


def _stored_again(root: Path) -> bool:
    """Whether facts stored by a run are found by the next one, as `tracker
    validate` opens the store (apec_tracker._speed.open_store)."""
    from apec_tracker._speed import UNKNOWN, open_store

    return open_store(root, [b"reference data"]).get(RECORD, "blob") is not UNKNOWN


def _store_facts(root: Path) -> None:
    from apec_tracker._speed import open_store

    store = open_store(root, [b"reference data"])
    store.put(RECORD, "blob", FACTS)
    store.save()


def _runtime_libraries() -> list[str]:
    """The libraries apec-tracker declares it runs on, and pydantic's core (a
    library of a library, whose errors become diagnostics)."""
    import importlib.metadata

    declared = [text.split(";")[0] for text in importlib.metadata.requires("apec-tracker") or []
                if "extra" not in text.partition(";")[2]]
    return [re.match(r"[A-Za-z0-9._-]+", text).group() for text in declared] + ["pydantic-core"]  # type: ignore[union-attr]


@pytest.mark.parametrize("library", _runtime_libraries())
def test_a_new_version_of_a_library_the_tool_runs_on_empties_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        library: str) -> None:
    """A new YAML parser may place a key on another line, a new pydantic word an
    error otherwise: facts stored under the old version are not answers."""
    root = tmp_path / "repository"
    root.mkdir()
    _store_facts(root)
    assert _stored_again(root)
    # The library at another version: its metadata found first on the path, as
    # after `pip install --upgrade`.
    installed = tmp_path / "upgraded"
    metadata = installed / f"{re.sub(r'[-_.]+', '_', library)}-999.0.dist-info"  # as pip names it
    metadata.mkdir(parents=True)
    (metadata / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {library}\nVersion: 999.0\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(installed))
    assert not _stored_again(root)


STORE_SCRIPT = """
import sys
from pathlib import Path

import apec_tracker
from apec_tracker._speed import UNKNOWN, open_store

assert Path(apec_tracker.__file__).is_relative_to(sys.argv[2]), apec_tracker.__file__
store = open_store(Path(sys.argv[1]), [b"reference data"])
print("stored" if store.get("data/x.yaml", "blob") is not UNKNOWN else "unknown")
store.put("data/x.yaml", "blob", {"id": "x"})
store.save()
"""


def test_a_change_to_the_tools_own_code_empties_the_store(tmp_path: Path) -> None:
    """A checkout's edited rule or parser changes what files check to, whatever
    the version number says."""
    import shutil
    import site
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    source = tmp_path / "source"
    shutil.copytree(PROJECT_ROOT / "apec_tracker", source / "apec_tracker",
                    ignore=shutil.ignore_patterns("__pycache__"))
    root = tmp_path / "repository"
    root.mkdir()

    def run() -> str:
        # The copy, then the installed libraries; without `site` (-S), so the
        # editable install of the project itself is not on the path.
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source), *site.getsitepackages()])}
        return subprocess.run([sys.executable, "-S", "-c", STORE_SCRIPT, str(root), str(source)], env=environment,
                              cwd=tmp_path, check=True, capture_output=True, text=True, timeout=120).stdout.strip()

    assert run() == "unknown"
    assert run() == "stored"
    rules = source / "apec_tracker" / "checks" / "record_rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a rule changed\n", encoding="utf-8")
    assert run() == "unknown"
    assert run() == "stored"
