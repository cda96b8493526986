"""An interrupted write leaves the user's folder as it was: no half-written
record, ever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from apec_tracker.authoring.atomic_files import TargetExists, write_text_atomically


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
