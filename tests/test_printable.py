"""No file name, record, git text or argument can move a reviewer's cursor,
recolour their terminal, forge a line or an annotation, or reorder their text:
every output shows control characters as visible escapes (issue 19, item 5).

Records cannot hold such characters (the reader refuses them); file names can,
so most of these tests name a record file with one and look at every output.
"""

from __future__ import annotations

import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from apec_tracker.cli.printing import console
from apec_tracker.domain.printable import printable, printable_data
from apec_tracker.reading import record_yaml
from apec_tracker.reading.placement import RecordFile, ReporterKind
from apec_tracker.reading.records import LoadedRecord
from apec_tracker.reporting.export import to_csv, to_json
from apec_tracker.reporting.render import environment
from tests.conftest import VALID_RECORD, TrackerRepo

# Written out here rather than imported: what may never reach an output raw.
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\u2028\u2029\ud800-\udfff]")
FOLDER = "data/economies/JPN"

# A file name holding each kind of character, and how every output shows it.
NAMES = {
    "escape-sequence": ("jpn-2026-a\x1b[31mred\x1b[0m", "jpn-2026-a\\x1b[31mred\\x1b[0m"),
    "clear-screen": ("jpn-2026-a\x1b[2J\x1b[H", "jpn-2026-a\\x1b[2J\\x1b[H"),
    "newline": ("jpn-2026-a\nforged.yaml:1:1: ok", "jpn-2026-a\\nforged.yaml:1:1: ok"),
    "carriage-return": ("jpn-2026-a\rhidden", "jpn-2026-a\\rhidden"),
    "delete": ("jpn-2026-a\x7fb", "jpn-2026-a\\x7fb"),
    "c1-next-line": ("jpn-2026-a\x85b", "jpn-2026-a\\x85b"),
    "bidi-override": ("jpn-2026-a\u202egpj.exe", "jpn-2026-a\\u202egpj.exe"),
    "bidi-isolate": ("jpn-2026-a\u2067b\u2069", "jpn-2026-a\\u2067b\\u2069"),
    "line-separator": ("jpn-2026-a\u2028b", "jpn-2026-a\\u2028b"),
    "not-utf-8": (b"jpn-2026-caf\xe9", "jpn-2026-caf\\xe9"),
}


def write_named(tracker_repo: TrackerRepo, name: str | bytes) -> None:
    folder = tracker_repo.root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    with open(os.path.join(os.fsencode(folder), raw + b".yaml"), "wb") as handle:
        handle.write(VALID_RECORD.encode())


# -- the one definition --------------------------------------------------------------


def test_what_the_reader_refuses_in_a_record_is_what_every_output_escapes() -> None:
    """One set of characters: refused in a record's text (E204, E206, E207),
    shown as an escape wherever text from elsewhere is printed."""
    differ = []
    points = [*range(0xD800), *range(0xE000, 0x10000), 0x1F600, 0xE0001, 0x10FFFF]
    for point in points:
        char = chr(point)
        try:
            record_yaml.parse(record_yaml.decode(f"title: a{char}b\n".encode()).text)
            refused = False
        except record_yaml.YamlProblem as problem:
            refused = problem.code in ("E204", "E206", "E207")
        if refused != (printable(char, layout=True) != char):
            differ.append(f"U+{point:04X}")
    assert differ == []


@pytest.mark.parametrize(
    ("text", "one_line", "in_layout"),
    [
        ("AI skills · Hội thảo", "AI skills · Hội thảo", "AI skills · Hội thảo"),
        ("a\x1b[31mb", "a\\x1b[31mb", "a\\x1b[31mb"),
        ("a\nb\tc", "a\\nb\\tc", "a\nb\tc"),
        ("a\r\nb", "a\\r\\nb", "a\r\nb"),
        ("a\rb", "a\\rb", "a\\rb"),
        ("\x00\x7f\x85\x9f", "\\x00\\x7f\\x85\\x9f", "\\x00\\x7f\\x85\\x9f"),
        ("\u202e\u2066\u200f\u061c", "\\u202e\\u2066\\u200f\\u061c", "\\u202e\\u2066\\u200f\\u061c"),
        ("\u2028\u2029", "\\u2028\\u2029", "\\u2028\\u2029"),
        (os.fsdecode(b"caf\xe9"), "caf\\xe9", "caf\\xe9"),
        ("\ud800", "\\ud800", "\\ud800"),
        ("non\xa0breaking\u200bzero-width", "non\xa0breaking\u200bzero-width", "non\xa0breaking\u200bzero-width"),
    ],
)
def test_each_control_character_is_shown_as_what_it_was(text: str, one_line: str, in_layout: str) -> None:
    assert printable(text) == one_line
    assert printable(text, layout=True) == in_layout
    assert printable(printable(text)) == printable(text), "showing twice changes nothing"


def test_json_data_is_made_printable_keys_and_all() -> None:
    data = {"path\x1b": ["a\u202eb", {"n": 1, "t": None, "x": "line\nnext"}]}
    assert printable_data(data) == {"path\\x1b": ["a\\u202eb", {"n": 1, "t": None, "x": "line\nnext"}]}


# -- every output of validate ----------------------------------------------------------


@pytest.mark.parametrize("kind", NAMES)
@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_file_name_with_control_characters_is_shown_as_escapes(
    tracker_repo: TrackerRepo, tracker, kind: str, output_format: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name, shown = NAMES[kind]
    write_named(tracker_repo, name)
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = tracker("validate", "--format", output_format)
    assert result.exit_code == 1  # the id differs from the file name (R501)
    assert not DANGEROUS.search(result.stdout + result.stderr), repr(result.stdout)
    path = f"{FOLDER}/{shown}.yaml"
    if output_format == "json":
        [diagnostic] = json.loads(result.stdout)["diagnostics"]
        assert (diagnostic["path"], diagnostic["code"]) == (path, "R501")
    elif output_format == "github":
        assert result.stdout.startswith(f"::error file={path.replace(':', '%3A')},line=1,col=5,title=R501::")
        assert len(result.stdout.splitlines()) == 2  # the annotation and the closing line: none forged
        assert not DANGEROUS.search(summary.read_text(encoding="utf-8"))
    else:
        assert result.stdout.startswith(f"{path}:1:5: R501 ")
        assert len(result.stdout.splitlines()) == 4  # the diagnostic, its hint, a blank line, the closing line


def test_colour_on_a_terminal_is_the_tools_own(tracker_repo: TrackerRepo) -> None:
    """rich's consoles keep their colours and escape everything they are given,
    as text, as markup or in a table."""
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    terminal = console(file=out, force_terminal=True, highlight=False, emoji=False, width=80)
    terminal.print("[bold]a\x1b[2Jb\rc[/bold]")
    terminal.print(Text("x\u202ey\nz"), style="red")
    table = Table()
    table.add_column("path")
    table.add_row("p\x1b[8mq")
    terminal.print(table)
    shown = out.getvalue()
    assert "\x1b[1m" in shown and "\x1b[31m" in shown, "the tool's own styles are kept"
    assert "a\\x1b[2Jb\\rc" in shown and "x\\u202ey" in shown and "p\\x1b[8mq" in shown
    assert not re.search("\x1b(?!\\[[0-9;]*m)", shown), "no escape sequence but colours"
    assert not DANGEROUS.search(shown.replace("\x1b", ""))


def test_the_note_of_files_left_out_shows_escapes(tracker_repo: TrackerRepo, tracker) -> None:
    write_named(tracker_repo, "jpn-2026-a\x1b[2J\nb")
    for command in (("list",), ("export", "--format", "json"), ("status", "2026")):
        result = tracker(*command)
        assert "jpn-2026-a\\x1b[2J\\nb.yaml" in result.stderr, command
        assert not DANGEROUS.search(result.stdout + result.stderr), command


def test_an_argument_echoed_in_an_error_shows_escapes(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("show", "jpn-2026-\x1b[2Jgone")
    assert result.exit_code != 0
    assert "\\x1b[2J" in result.stderr and not DANGEROUS.search(result.stderr)


# -- the reviews and the exports -------------------------------------------------------


def test_templates_print_every_value_escaped() -> None:
    env = environment([])
    html = env.from_string("<p>{{ title }}</p><p>{{ title | safe }}</p>").render(title="a<b>\x1b[31m\u202ec")
    assert html == "<p>a&lt;b&gt;\\x1b[31m\\u202ec</p><p>a<b>\\x1b[31m\\u202ec</p>"
    markdown = env.get_template("report.md.j2").environment.from_string("{{ narrative }}")
    assert markdown.render(narrative="one\ntwo\u2028three") == "one\ntwo\\u2028three"


def _record_holding(text: str) -> LoadedRecord:
    """A record whose title and summary hold ``text``: the model itself takes
    any text, so outputs cannot count on the reader alone."""
    from apec_tracker.reading.record_yaml import decode, parse

    data = parse(decode(VALID_RECORD.encode()).text)
    from apec_tracker.domain.record import Activity

    activity = Activity.model_validate({**data, "title": f"AI {text} skills", "summary": f"one\n{text}"})
    path = f"{FOLDER}/{activity.id}.yaml"
    return LoadedRecord(RecordFile(path, ReporterKind.ECONOMY, "JPN"), "0" * 40, activity)


def test_csv_and_json_exports_show_escapes(tracker_repo: TrackerRepo) -> None:
    from apec_tracker.reading.reference import load_framework

    framework = load_framework(tracker_repo.root / "data/reference")
    record = _record_holding("\x1b[2J\u202e\x85")
    csv_text = to_csv([record], framework, for_spreadsheets=False)
    assert "AI \\x1b[2J\\u202e\\x85 skills" in csv_text and "one\n\\x1b" in csv_text
    assert not DANGEROUS.search(csv_text.replace("\r\n", "\n"))
    document = json.loads(to_json([record]))
    assert document["activities"][0]["title"] == "AI \\x1b[2J\\u202e\\x85 skills"
    assert date.fromisoformat(document["activities"][0]["planned_start"]) == date(2026, 3, 1)
