"""An interrupted write leaves the user's folder as it was: no half-written
record, ever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apec_tracker.authoring.atomic_files import STALE_STAGING_SECONDS, TargetExists, write_text_atomically
from apec_tracker.domain.layout import STAGING_PREFIX, is_staging_file
from tests.conftest import PROJECT_ROOT, VALID_RECORD, TrackerRepo, git


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "JPN" / "record.yaml"

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomically(target, "id: record\n" * 1000, overwrite=False)
    assert list(target.parent.iterdir()) == []


def test_interrupted_replace_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("old\n")
    monkeypatch.setattr(os, "replace", lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_text_atomically(target, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]
    assert target.read_text() == "old\n"


def test_never_overwrites_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("someone else's\n")
    with pytest.raises(TargetExists):
        write_text_atomically(target, "ours\n", overwrite=False)
    assert target.read_text() == "someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]


KILLED_MID_WRITE = """
import os, signal, sys
from pathlib import Path
from apec_tracker.authoring.atomic_files import write_text_atomically
# The process dies after the data is on disk but before it is put in place.
os.fsync = lambda descriptor: os.kill(os.getpid(), signal.SIGKILL)
write_text_atomically(Path(sys.argv[1]), "id: record\\n" * 100000, overwrite=False)
"""


def test_a_killed_process_leaves_no_record(tmp_path: Path) -> None:
    """A process killed mid-write (no cleanup runs) leaves at most a hidden
    temporary file, never a partial record under the record's name."""
    target = tmp_path / "JPN" / "jpn-2026-record.yaml"
    run = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(target)], capture_output=True)
    assert run.returncode == -signal.SIGKILL
    assert not target.exists()
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in target.parent.iterdir())


# -- a kill -9 at any moment of a command's write ----------------------------------------

# `python -m apec_tracker ARGS`, killed with SIGKILL (no clean-up can run) at
# one moment of its write, recognised through Python's audit events (sys.audit):
# "created" as the staging file, just made, is opened to be written; "written"
# as the complete staging file is about to be put in place; "in place" as it is
# about to be removed, the record already in place (a new record is linked).
KILLED_AT = """
import os, runpy, signal, sys

moment, prefix = sys.argv.pop(1), sys.argv.pop(1)
EVENTS = {"created": ("open",), "written": ("os.link", "os.rename"), "in place": ("os.remove",)}[moment]


def kill_at(event, args):
    if event in EVENTS and isinstance(args[0], str) and os.path.basename(args[0]).startswith(prefix):
        if event != "open" or args[1] == "w":
            os.kill(os.getpid(), signal.SIGKILL)


sys.addaudithook(kill_at)
sys.argv[0] = "tracker"
runpy.run_module("apec_tracker", run_name="__main__")
"""

NEW_RECORD = "data/economies/JPN/jpn-2026-ai-tools-for-public-servants.yaml"
OLD_RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
# Another activity than the one on file (the same title and year would be R513, a warning).
ADD = ("add-activity", "--economy", "JPN", "--title", "AI tools for public servants", "--summary",
       "A training programme.", "--action", "B.i", "--type", "workshop", "--planned-start", "2026-03-01")
PROGRESS = ("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026", "--narrative",
            "Three more workshops, one in Hanoi.", "--yes")


def _killed(root: Path, moment: str, command: tuple[str, ...]) -> None:
    run = subprocess.run([sys.executable, "-c", KILLED_AT, moment, STAGING_PREFIX, "--repo", str(root), *command],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert run.returncode == -signal.SIGKILL, run.stderr


def _staging_files(root: Path) -> list[Path]:
    return [path for path in (root / "data/economies/JPN").iterdir() if is_staging_file(path.name)]


@pytest.mark.parametrize(
    ("command", "moment"),
    [pytest.param(command, moment, id=f"{command[0]}-{moment}") for command, moment in
     ((ADD, "created"), (ADD, "written"), (ADD, "in place"), (PROGRESS, "created"), (PROGRESS, "written"))],
)
def test_a_kill_at_any_moment_of_a_write_never_fails_validation(tracker_repo: TrackerRepo, tracker,
                                                                command: tuple[str, ...], moment: str) -> None:
    """Issue 19, item 3: `kill -9` while add-activity or progress writes leaves
    the record as it was (or whole), and at most a staging file, which
    validation passes over and the next write in the folder removes once it is
    older than any write takes."""
    old = tracker_repo.write(OLD_RECORD, VALID_RECORD)
    tracker_repo.commit()
    _killed(tracker_repo.root, moment, command)
    [left] = _staging_files(tracker_repo.root)
    new = tracker_repo.root / NEW_RECORD
    if command is ADD:
        assert new.exists() == (moment == "in place")
        assert not new.exists() or new.read_bytes() == left.read_bytes(), "a record is whole, or not there"
    assert old.read_text(encoding="utf-8") == VALID_RECORD
    result = tracker("validate", "--format", "json")
    assert (result.exit_code, result.stdout.count('"code"')) == (0, 0), result.stdout
    # The next write in the folder removes it once it is stale, and succeeds.
    aged = time.time() - STALE_STAGING_SECONDS - 60
    os.utime(left, (aged, aged))
    again = tracker(*command)
    assert again.exit_code == 0, again.stderr
    assert _staging_files(tracker_repo.root) == []
    assert tracker("validate").exit_code == 0


def test_a_staging_file_a_write_may_still_be_using_is_left_alone(tracker_repo: TrackerRepo, tracker) -> None:
    """A staging file younger than any write takes may be another command's,
    writing now: the next write leaves it, and validation passes over it."""
    tracker_repo.write(OLD_RECORD, VALID_RECORD)
    _killed(tracker_repo.root, "written", ADD)
    [left] = _staging_files(tracker_repo.root)
    # Nor does `git add -A` take it into a commit.
    relative = f"data/economies/JPN/{left.name}"
    assert git(PROJECT_ROOT, "check-ignore", relative).strip() == relative
    assert tracker(*ADD).exit_code == 0
    assert _staging_files(tracker_repo.root) == [left]
    assert tracker("validate").exit_code == 0
