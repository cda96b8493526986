"""Every figure traceable: a test follows every link of the review's HTML set
and checks that it opens, and that each figure's list has exactly that many
items. On the hand-made records, scoped reviews, the final review, and a
synthetic repository of a thousand activities."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TrackerRepo
from tests.review_links import follow_every_link, number_in


@pytest.mark.parametrize("args", [
    ["2026"],
    ["2026", "--economy", "SGP"],
    ["2026", "--forum", "TELWG"],
    ["2030", "--cumulative"],
])
def test_every_link_opens_and_every_figure_counts_its_list(records: TrackerRepo, tracker, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    result = tracker("report", *args, "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    followed = follow_every_link(tmp_path)
    assert followed.problems == []
    assert followed.figures > 150 and followed.links > followed.figures
    assert followed.outside <= {"https://example.org/jpn-skills"}


def test_figures_are_read_as_officials_read_them() -> None:
    assert [number_in(text) for text in ("Forty-two activities", "twelve", "all 21", "1,250 activities", "All 12",
                                         "ninety-nine")] == [42, 12, 21, 1250, 12, 99]


def test_a_figure_that_lies_is_caught(tmp_path: Path) -> None:
    (tmp_path / "main.html").write_text('<p><a class="fig" href="d/list.html#x">Three activities</a>'
                                        '<a href="d/list.html#missing">gone</a><a href="d/none.html">none</a></p>')
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "list.html").write_text('<section id="x"><ul><li data-item="a">A</li><li data-item="b">B</li>'
                                              '</ul></section>')
    problems = follow_every_link(tmp_path).problems
    assert problems == ["main.html: d/list.html#x: says 'Three activities', the list holds 2",
                        "main.html: d/list.html#missing: no element with that id",
                        "main.html: d/none.html: no such page"]


def test_a_thousand_activities(thousand: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from apec_tracker.cli import app
    from tests.conftest import Run

    monkeypatch.setenv("TRACKER_TODAY", "2030-12-31")
    for args in (["2027"], ["2030", "--cumulative"]):
        ran = CliRunner().invoke(app, ["--repo", str(thousand), "report", *args, "-f", "html", "-o",
                                       str(tmp_path / args[0])], catch_exceptions=False)
        result = Run(ran.exit_code, ran.stdout, ran.stderr)
        assert result.exit_code == 0, result.stderr
        followed = follow_every_link(tmp_path / args[0])
        assert followed.problems == []
        assert followed.figures > 300
