"""Record text is text: it can neither inject markup or script into the HTML
report, nor break a table or format the Markdown one, nor run as a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import TrackerRepo

HOSTILE_TITLE = 'Skills | <script>window.__pwned = 1</script> `tick` {{ 7*7 }} *bold* [x](javascript:alert(1))'
HOSTILE_RECORD = """\
id: jpn-2026-hostile
title: |-
  Skills | <script>window.__pwned = 1</script> `tick` {{ 7*7 }}
  *bold* [x](javascript:alert(1))
summary: <img src=x onerror="window.__pwned = 2">
reporter: JPN
lead_economies: [JPN]
actions:
  - {code: B.i, role: principal}
activity_type: workshop
status: ongoing
actual_start: 2026-03-15
links: ['https://example.org/"onmouseover="window.__pwned=3"']
progress:
  - year: 2026
    status: ongoing
    narrative: |-
      <img src=x onerror="window.__pwned = 4"> {% raw %} {{ 7*7 }}
      <a href="javascript:alert(1)">click</a> | ``` fence
    indicators:
      - {name: "<b>trained</b> | people", unit: "`ppl`", baseline: 0, target: 10, value: 5}
"""


@pytest.fixture
def hostile(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> Path:
    tracker_repo.write("data/economies/JPN/jpn-2026-hostile.yaml", HOSTILE_RECORD)
    tracker_repo.commit("a hostile record")
    result = tracker("report", "2026", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out"


def _all_html(folder: Path) -> str:
    """The main page and every detail page."""
    return "\n".join(path.read_text() for path in sorted(folder.rglob("*.html")))


def test_html_escapes_every_piece_of_record_text(hostile: Path) -> None:
    html = _all_html(hostile)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html and "onmouseover=\"" not in html
    assert "`tick` 49" not in html  # {{ 7*7 }} is never evaluated
    assert "{{ 7*7 }}" in html and "{% raw %}" in html
    # Only http(s) addresses without quotes become links out of the review.
    outside = [href for href in re.findall(r'href="([^"]*)"', html) if "://" in href or ":" in href.split("/")[0]]
    assert outside == []


def _tables(tokens: list) -> list[list[list[str]]]:  # type: ignore[type-arg]
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(tokens[index + 1].content)
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_tables_survive_pipes_newlines_and_backticks(hostile: Path) -> None:
    text = (hostile / "apec-ai-initiative-2026.md").read_text()
    parser = MarkdownIt("commonmark").enable("table")
    tables = _tables(parser.parse(text))
    assert len(tables) > 5
    for table in tables:
        assert len({len(row) for row in table}) == 1, table[0]
    rendered = parser.render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="javascript:' not in rendered and "<em>bold</em>" not in rendered
    # The title reads as written, its line break become a space, where the review names it.
    named = next(line for line in text.splitlines() if "B.i Public Sector Capacity:" in line)
    inline = parser.renderInline(named)
    assert ("Skills | &lt;script&gt;window.__pwned = 1&lt;/script&gt; `tick` {{ 7*7 }} *bold* "
            "[x](javascript:alert(1))") in inline


@pytest.mark.parametrize("text", [
    "PPSTI_108_2024A and _underlined_ words", "a | b", "`code` and ``double``", "<em>tag</em> & &amp;",
    "*star* **strong** ~~gone~~", "[link](https://example.org) ![image](x.png)", "back\\slash \\| \\*",
    "# not a heading", "1. not a list", "line one\nline two",
])
def test_markdown_escaping_reads_back_as_the_text(text: str) -> None:
    from apec_tracker.reporting.render import md_cell

    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rendered = parser.render(f"| Title |\n| --- |\n| {md_cell(text)} |\n")
    cell = re.search(r"<td>(.*)</td>", rendered, re.S)
    assert cell is not None, rendered
    expected = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert cell.group(1) == expected
