"""Helper processes (apec_tracker._speed.helper) speed commands up on a second core and
never change what they answer: a helper that fails, dies or cannot be had
leaves the work to the command itself."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from apec_tracker._speed import helper as helpers
from apec_tracker.reading import records as load
from apec_tracker._speed.helper import Helper, HelperLost
from tests.conftest import TrackerRepo

pytestmark = pytest.mark.skipif(not helpers.helpers_allowed(), reason="helpers are made on Linux with two cores")


def test_a_helper_computes_in_another_process_and_hands_back_its_value() -> None:
    helper = Helper.start(lambda: (os.getpid(), [1, 2, 3]))
    assert helper is not None
    with helper:
        pid, value = helper.result()
    assert pid != os.getpid() and value == [1, 2, 3]


def test_what_the_work_raises_is_raised_in_the_parent() -> None:
    def work() -> None:
        raise ValueError("a template is broken")

    helper = Helper.start(work)
    assert helper is not None
    with pytest.raises(ValueError, match="a template is broken"):
        helper.result()


def test_a_helper_that_dies_is_lost_not_waited_for_forever() -> None:
    helper = Helper.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert helper is not None
    with pytest.raises(HelperLost):
        helper.result()


def test_a_helper_left_behind_is_stopped_and_reaped() -> None:
    helper = Helper.start(lambda: threading.Event().wait(60))
    assert helper is not None
    with helper:
        pid = helper._pid
    with pytest.raises(ChildProcessError):  # gone, and not a zombie: already reaped
        os.waitpid(pid, os.WNOHANG)


def test_no_helper_when_asked_for_one_process_or_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_JOBS", "1")
    assert Helper.start(lambda: 1) is None
    monkeypatch.delenv("TRACKER_JOBS")
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert Helper.start(lambda: 1) is None, "a fork copies one thread; another's locks would stay held"
    finally:
        release.set()
        thread.join()


def test_no_helper_when_a_copy_of_the_process_would_pass_the_memory_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "MEMORY_BUDGET_BYTES", 1024 * 1024)
    assert Helper.start(lambda: 1) is None


# -- checking records: a helper fills the cache ------------------------------------------


def _many_records(repo: TrackerRepo, valid_record: str, count: int) -> None:
    for number in range(count):
        name = f"jpn-2026-activity-{number:03d}"
        text = valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", f"id: {name}")
        if number % 7 == 3:
            text = text.replace("status: ongoing\nplanned", "status: begun\nplanned")  # a schema error
        if number % 11 == 5:
            text = "id: broken\ntitle: [unclosed\n"  # not YAML
        repo.write(f"data/economies/JPN/{name}.yaml", text)
    repo.write("data/economies/JPN/jpn-2026-activity-000-again.yaml", valid_record.replace(
        "id: jpn-2026-ai-skills-for-public-servants", "id: jpn-2026-activity-000"))  # a clash across records
    repo.commit("records")


def _validate(tracker: Any, *options: str) -> tuple[int, dict[str, Any]]:
    result = tracker("validate", "--format", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def _segment_writers(cache_dir: Path) -> set[int]:
    return {int(path.stem.rsplit("-", 1)[1]) for path in cache_dir.glob("records-*/*.segment")}


def test_a_first_run_checks_files_in_two_processes_and_answers_as_one(
        tracker_repo: TrackerRepo, tracker: Any, valid_record: str, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _many_records(tracker_repo, valid_record, 60)
    monkeypatch.setattr(load, "HELPER_MIN_FILES", 10)
    alone = _validate(tracker, "--no-cache")
    assert alone[0] == 1
    assert {d["code"] for d in alone[1]["diagnostics"]} >= {"R502", "S403", "Y301"}
    checked_here: list[str] = []
    real_check = load._Loader._check

    def counting_check(self: load._Loader, record_file: load.RecordFile, data: bytes, blob: str) -> Any:
        checked_here.append(record_file.path)  # in this process only: the helper counts in its own copy
        return real_check(self, record_file, data, blob)

    monkeypatch.setattr(load._Loader, "_check", counting_check)
    helped = _validate(tracker)
    assert helped == alone
    writers = _segment_writers(cache_dir)
    assert len(writers) == 2 and os.getpid() in writers, "the helper wrote a segment of its own"
    assert 0 < len(checked_here) < 61 * 2 // 3, "what the helper checked is taken from the cache, not checked again"
    assert _validate(tracker) == alone, "and the cache it filled answers the same"


def test_a_pull_request_checked_with_no_cache_gets_a_helper_too(
        tracker_repo: TrackerRepo, tracker: Any, valid_record: str, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """CI's first run of a pull request, before main left a cache: git's thread
    has ended by the time the files are loaded, so a helper may check half."""
    from tests.conftest import git

    _many_records(tracker_repo, valid_record, 40)
    git(tracker_repo.root, "switch", "-q", "-c", "feature")
    tracker_repo.write("data/economies/JPN/jpn-2026-activity-001.yaml", "id: jpn-2026-activity-001\n")
    tracker_repo.commit("break one")
    monkeypatch.setattr(load, "HELPER_MIN_FILES", 10)
    alone = _validate(tracker, "--changed-since", "main", "--no-cache")
    assert _validate(tracker, "--changed-since", "main") == alone
    assert len(_segment_writers(cache_dir) - {os.getpid()}) == 1


@pytest.mark.parametrize("failure", ["dies", "raises"])
def test_files_a_failed_helper_did_not_check_are_checked_by_the_command(
        tracker_repo: TrackerRepo, tracker: Any, valid_record: str, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    _many_records(tracker_repo, valid_record, 40)
    monkeypatch.setattr(load, "HELPER_MIN_FILES", 10)
    alone = _validate(tracker, "--no-cache")

    def fail(files: object, loader: object) -> int:
        if failure == "dies":
            os._exit(1)
        raise MemoryError

    monkeypatch.setattr(load, "_check_into_new_segment", fail)
    assert _validate(tracker) == alone
    assert _segment_writers(cache_dir) == {os.getpid()}


# -- reports: a helper renders one format and works out the changes and trend -------------


def test_a_report_made_with_helpers_is_byte_identical_to_one_made_alone(
        records: TrackerRepo, tracker: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    real_start = Helper.start.__func__  # type: ignore[attr-defined]

    def counting_start(cls: type[Helper[Any]], work: Any) -> Any:
        helper = real_start(cls, work)
        started.append(helper)
        return helper

    monkeypatch.setattr(Helper, "start", classmethod(counting_start))
    assert tracker("report", "2026", "--cumulative", "-o", str(tmp_path / "helped")).exit_code == 0
    assert len([h for h in started if h is not None]) >= 2, "the render and the trend had helpers"
    monkeypatch.setenv("TRACKER_JOBS", "1")
    assert tracker("report", "2026", "--cumulative", "-o", str(tmp_path / "alone")).exit_code == 0
    names = sorted(path.name for path in (tmp_path / "alone").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "helped").iterdir()) and len(names) == 2
    for name in names:
        assert (tmp_path / "helped" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()


def test_a_helper_lost_while_rendering_is_replaced_by_the_command(
        records: TrackerRepo, tracker: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert tracker("report", "2026", "-o", str(tmp_path / "expected")).exit_code == 0

    def lost(self: Helper[object]) -> object:
        self.stop()  # killed, whatever it had written
        raise HelperLost

    monkeypatch.setattr(Helper, "result", lost)
    assert tracker("report", "2026", "-o", str(tmp_path / "out")).exit_code == 0
    expected = {path.name: path.read_bytes() for path in (tmp_path / "expected").iterdir()}
    assert {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()} == expected


def test_the_cache_a_report_saves_meanwhile_is_complete_when_the_command_ends(
        records: TrackerRepo, tracker: Any, tmp_path: Path, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert tracker("report", "2026", "-o", str(tmp_path / "out")).exit_code == 0
    assert _segment_writers(cache_dir) - {os.getpid()}, "written by a helper"
    monkeypatch.setattr(load._Loader, "_check", lambda *args: pytest.fail("a file was checked again"))
    assert tracker("validate").exit_code == 0
