"""The review in a real browser: Debian's headless Chromium loads its pages with
no console error and no network request, injected script never runs; printed to
A4 as Chromium prints it, the main document of a thousand activities fits in
twenty pages, nothing runs past the page's width, and no date or code breaks.
The screenshots of docs/report.md and the README come from these runs: set
REVIEW_SCREENSHOTS to a folder (e.g. docs) to keep them there."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, PageVisit, visit
from tests.conftest import Run, TrackerRepo
from tests.report_records import RECORDS
from tests.test_report_safety import HOSTILE_RECORD

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]

# A4 less the page margins of templates/partials/style.css.j2 (15 mm each side), in CSS pixels.
PRINTABLE_WIDTH = round((210 - 2 * 15) / 25.4 * 96)
MAX_PAGES = 20

# Every element that ends past the printable width (or starts before it), and
# every date or code (class "keep") laid out on more than one line.
OVERFLOW = """[...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && (r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5);
}).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 60))"""
BROKEN = """[...document.querySelectorAll('.keep')].filter(e => {
  const lines = new Set([...e.getClientRects()].map(r => Math.round(r.top)));
  return lines.size > 1;
}).map(e => e.textContent)"""


def _keep(name: str, picture: bytes, tmp_path: Path) -> None:
    """A screenshot for people to look at: with pytest's temporary folders (the
    last three runs), and in REVIEW_SCREENSHOTS when it is set."""
    (tmp_path / name).write_bytes(picture)
    folder = os.environ.get("REVIEW_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(picture)


def test_the_review_loads_cleanly_offline_and_injected_script_never_runs(tracker_repo: TrackerRepo, tracker,
                                                                         tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    for path, text in RECORDS.items():
        tracker_repo.write(path, text)
    tracker_repo.write("data/economies/JPN/jpn-2026-hostile.yaml", HOSTILE_RECORD)
    tracker_repo.commit("records")
    result = tracker("report", "2026", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "apec-ai-initiative-2026.html"
    checks = {
        "pwned": "window.__pwned === undefined ? null : window.__pwned",
        "scripts": "document.scripts.length",
        "images": "document.images.length",
        "title": "document.title",
        "headings": "[...document.querySelectorAll('h2')].map(h => h.textContent.trim())",
        "captions": "[...document.querySelectorAll('table')].every(t => t.caption !== null)",
    }
    seen = visit(page, evaluate=checks, shots=("#summary",))
    _keep("report-2026.png", seen.screenshot, tmp_path)
    assert seen.errors == []
    assert seen.requests == [page.resolve().as_uri()]
    assert seen.evaluated["pwned"] is None
    assert (seen.evaluated["scripts"], seen.evaluated["images"]) == (0, 0)
    assert seen.evaluated["title"].endswith("Progress review 2026 (draft)")
    assert seen.evaluated["headings"][:2] == ["Contents", "1. Executive summary"]
    assert seen.evaluated["captions"] is True
    # The record of the hostile activity, with its summary and narrative, is text on its page too.
    records = tmp_path / "apec-ai-initiative-2026" / "activities-jpn.html"
    on_its_page = visit(records, evaluate={"pwned": checks["pwned"], "scripts": checks["scripts"],
                                           "images": checks["images"]})
    assert on_its_page.errors == [] and on_its_page.requests == [records.resolve().as_uri()]
    assert (on_its_page.evaluated["pwned"], on_its_page.evaluated["scripts"],
            on_its_page.evaluated["images"]) == (None, 0, 0)


def _printed(page: Path) -> PageVisit:
    return visit(page, width=PRINTABLE_WIDTH, media="print", pdf=True,
                 evaluate={"overflow": OVERFLOW, "broken": BROKEN})


def _text_of_pdf(pdf: bytes, tmp_path: Path) -> str | None:
    """The PDF's text, where poppler's pdftotext is installed (for the page numbers)."""
    if shutil.which("pdftotext") is None:
        return None
    (tmp_path / "printed.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "printed.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize(("args", "stem"), [
    (["2027"], "apec-ai-initiative-2027"),
    (["2030", "--cumulative"], "apec-ai-initiative-2026-2030-final"),
])
def test_a_thousand_activities_print_to_twenty_a4_pages_or_fewer(thousand: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                                 stem: str) -> None:
    from typer.testing import CliRunner

    from apec_tracker.cli import app

    monkeypatch.setenv("TRACKER_TODAY", "2030-12-31")
    ran = CliRunner().invoke(app, ["--repo", str(thousand), "report", *args, "-f", "html", "-o", str(tmp_path)],
                             catch_exceptions=False)
    result = Run(ran.exit_code, ran.stdout, ran.stderr)
    assert result.exit_code == 0, result.stderr
    printed = _printed(tmp_path / f"{stem}.html")
    (tmp_path / f"{stem}.pdf").write_bytes(printed.pdf)
    assert printed.errors == []
    assert 5 <= printed.pdf_pages <= MAX_PAGES
    assert printed.evaluated["overflow"] == []
    assert printed.evaluated["broken"] == []
    text = _text_of_pdf(printed.pdf, tmp_path)
    if text is not None:
        pages = text.split("\f")[:-1]
        assert len(pages) == printed.pdf_pages
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page  # the page numbers of the @page margin box
        # "Every figure and table": no page holds just a heading, and none is near empty but the last
        # two (the summary and the colophon may end short).
        assert all(len(page.strip().splitlines()) > 8 for page in pages[:-1]), [len(p.splitlines()) for p in pages]


def test_a_draft_is_marked_on_every_printed_page(records: TrackerRepo, tracker, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    assert tracker("report", "2026", "-f", "html", "-o", str(tmp_path)).exit_code == 0
    printed = _printed(tmp_path / "apec-ai-initiative-2026.html")
    assert printed.evaluated["overflow"] == [] and printed.evaluated["broken"] == []
    text = _text_of_pdf(printed.pdf, tmp_path)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    assert all("DRAFT · 1 March 2027" in page for page in pages)


def test_the_screenshots_for_the_docs(thousand: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures docs/report.md and the README show: the cover and the summary
    of the 2027 review of the synthetic thousand activities, a goal's page and
    an activity's record."""
    from typer.testing import CliRunner

    from apec_tracker.cli import app

    monkeypatch.setenv("TRACKER_TODAY", "2030-12-31")
    ran = CliRunner().invoke(app, ["--repo", str(thousand), "report", "2027", "-f", "html", "-o", str(tmp_path)],
                             catch_exceptions=False)
    assert ran.exit_code == 0
    main = visit(tmp_path / "apec-ai-initiative-2027.html", width=1000, height=1300, shots=("#summary",))
    _keep("report-screenshot.png", main.screenshot, tmp_path)
    _keep("report-summary.png", main.shots["#summary"], tmp_path)
    goal = visit(tmp_path / "apec-ai-initiative-2027" / "goal-b.html", width=1000, height=1300)
    _keep("report-goal.png", goal.screenshot, tmp_path)
    assert main.errors == [] and goal.errors == []
    assert all(picture.startswith(b"\x89PNG") for picture in (main.screenshot, main.shots["#summary"],
                                                               goal.screenshot))
