"""The HTML report in a real browser: Debian's headless Chromium loads it with no
console error and no network request, injected script never runs, and a
screenshot is saved for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, visit
from tests.conftest import TrackerRepo
from tests.report_records import RECORDS
from tests.test_report_safety import HOSTILE_RECORD

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]


def test_report_loads_cleanly_offline_and_injected_script_never_runs(tracker_repo: TrackerRepo, tracker,
                                                                     tmp_path: Path) -> None:
    for path, text in RECORDS.items():
        tracker_repo.write(path, text)
    tracker_repo.write("data/economies/JPN/jpn-2026-hostile.yaml", HOSTILE_RECORD)
    tracker_repo.commit("records")
    result = tracker("report", "2026", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "apec-ai-initiative-2026.html"

    seen = visit(page, evaluate={
        "pwned": "window.__pwned === undefined ? null : window.__pwned",
        "scripts": "document.scripts.length",
        "images": "document.images.length",
        "title": "document.title",
        "headings": "[...document.querySelectorAll('h2')].map(h => h.textContent.trim())",
        "captions": "[...document.querySelectorAll('table')].every(t => t.caption !== null)",
        "links": "[...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !h.includes('#'))",
        "charts": "document.querySelectorAll('svg[role=img]').length",
    })
    # Kept with pytest's temporary folders (the last three runs) for a person to look at.
    (tmp_path / "report-2026.png").write_bytes(seen.screenshot)

    assert seen.errors == []
    assert seen.requests == [page.resolve().as_uri()]
    assert seen.evaluated["pwned"] is None
    assert (seen.evaluated["scripts"], seen.evaluated["images"]) == (0, 0)
    assert seen.evaluated["title"].endswith("Progress review 2026")
    assert seen.evaluated["headings"][0] == "Contents" and "1. Executive summary" in seen.evaluated["headings"]
    assert seen.evaluated["captions"] is True
    assert set(seen.evaluated["links"]) == {"https://example.org/jpn-skills"}
    assert seen.evaluated["charts"] >= 4
    assert seen.screenshot.startswith(b"\x89PNG")
