"""The progress bar of `tracker validate`: on stderr at a terminal, never in a
pipe or a CI log, and never mixed into the results on stdout."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from tests.conftest import TrackerRepo

# Runs the real command with the bar's delay set to nothing, so a small
# repository shows it as a large one would.
RUN = (
    "import sys; from apec_tracker.cli.progress_bar import ProgressBar; ProgressBar.DELAY_SECONDS = 0; "
    "from apec_tracker.cli import main; sys.argv = ['tracker', '--repo', sys.argv[1], 'validate']; main()"
)


def _records(tracker_repo: TrackerRepo, valid_record: str, count: int) -> None:
    for number in range(count):
        record_id = f"jpn-2026-ai-skills-{number:03d}"
        text = valid_record.replace("id: jpn-2026-ai-skills-for-public-servants", f"id: {record_id}").replace(
            "title: AI skills for public servants", f"title: AI skills, course {number}")
        tracker_repo.write(f"data/economies/JPN/{record_id}.yaml", text)


def test_bar_shows_on_a_terminal_and_results_stay_on_stdout(tracker_repo: TrackerRepo, valid_record: str) -> None:
    _records(tracker_repo, valid_record, 200)
    primary, secondary = pty.openpty()
    try:
        finished = subprocess.run([sys.executable, "-c", RUN, str(tracker_repo.root)], stdout=subprocess.PIPE,
                                  stderr=secondary, text=True, timeout=120)
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
    assert finished.returncode == 0
    assert finished.stdout.strip() == "All 200 files valid."
    assert b"Checking records" in seen


def test_no_bar_when_stderr_is_not_a_terminal(tracker_repo: TrackerRepo, valid_record: str) -> None:
    _records(tracker_repo, valid_record, 200)
    finished = subprocess.run([sys.executable, "-c", RUN, str(tracker_repo.root)], capture_output=True, text=True,
                              timeout=120)
    assert finished.returncode == 0
    assert finished.stderr == ""
