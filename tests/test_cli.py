"""The command line a reviewer wires into CI: output formats, exit codes,
PATH arguments, and the help and version every command owes its users."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from apec_tracker import __version__
from apec_tracker.cli.output import GithubFormatter, TextFormatter
from apec_tracker.domain.diagnostics import CHECKS, Diagnostic, Summary
from tests.conftest import PROJECT_ROOT, VALID_RECORD, TrackerRepo

NAME = "jpn-2026-ai-skills-for-public-servants"
RECORD = f"data/economies/JPN/{NAME}.yaml"
ANSI = re.compile(r"\x1b\[")


def write_two_problems(tracker_repo: TrackerRepo) -> None:
    """One error (an unknown economy) and, in another file, one warning (R509)."""
    tracker_repo.write(RECORD, VALID_RECORD.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
    warning = VALID_RECORD.replace(f"id: {NAME}", "id: rok-2026-warning").replace("reporter: JPN", "reporter: ROK")
    warning = warning.replace("status: ongoing\nplanned_start", "status: suspended\nplanned_start")
    tracker_repo.write("data/economies/ROK/rok-2026-warning.yaml", warning)


def write_one_warning(tracker_repo: TrackerRepo) -> None:
    suspended = VALID_RECORD.replace("status: ongoing\nplanned_start", "status: suspended\nplanned_start")
    tracker_repo.write(RECORD, suspended)


# -- --format json ---------------------------------------------------------------------


def test_json_shape(tracker_repo: TrackerRepo, tracker) -> None:
    write_two_problems(tracker_repo)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report == {
        "version": 1,
        "summary": {"files": 2, "errors": 1, "warnings": 1},
        "diagnostics": [
            {"path": RECORD, "line": 7, "column": 15, "code": "S404", "severity": "error",
             "message": "co_sponsors[0]: 'Korea' is not an economy code", "hint": "did you mean ROK (Korea)?"},
            {"path": "data/economies/ROK/rok-2026-warning.yaml", "line": 23, "column": 13, "code": "R509",
             "severity": "warning",
             "message": "the latest progress entry (2026) says ongoing, the record says suspended",
             "hint": "the record's status is its status now: make the two agree"},
        ],
    }


def test_json_when_all_is_valid(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"version": 1, "summary": {"files": 1, "errors": 0, "warnings": 0},
                                         "diagnostics": []}


def test_json_hint_is_null_when_there_is_none(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("title: AI skills for public servants\n", ""))
    [diagnostic] = json.loads(tracker("validate", "-f", "json").stdout)["diagnostics"]
    assert diagnostic["hint"] is None


# -- --format github ----------------------------------------------------------------------


def test_github_annotations(tracker_repo: TrackerRepo, tracker) -> None:
    write_two_problems(tracker_repo)
    result = tracker("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={RECORD},line=7,col=15,title=S404::co_sponsors[0]: 'Korea' is not an economy code "
        "(hint: did you mean ROK (Korea)?)",
        "::warning file=data/economies/ROK/rok-2026-warning.yaml,line=23,col=13,title=R509::the latest progress "
        "entry (2026) says ongoing, the record says suspended (hint: the record's status is its status now: "
        "make the two agree)",
        "1 error, 1 warning in 2 files.",
    ]


def test_github_escapes_percent_newlines_and_property_separators() -> None:
    diagnostic = Diagnostic("data/economies/JPN/a,b:c%.yaml", 3, 1, "S401", "100% sure\nsecond line\r",
                            "a: b, c")
    out = io.StringIO()
    GithubFormatter().write([diagnostic], Summary(files=1, errors=1, warnings=0), out)
    first = out.getvalue().splitlines()[0]
    assert first == ("::error file=data/economies/JPN/a%2Cb%3Ac%25.yaml,line=3,col=1,title=S401::"
                     "100%25 sure%0Asecond line%0D (hint: a: b, c)")


def test_github_path_with_comma_and_colon_through_the_cli(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/JPN/notes, draft: v2.txt", "not a record\n")
    result = tracker("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=data/economies/JPN/notes%2C draft%3A v2.txt,line=1,col=1,"
                                    "title=F102::")


# -- text output -----------------------------------------------------------------------------


def test_text_output_grouped_with_hints_and_summary(tracker_repo: TrackerRepo, tracker) -> None:
    write_two_problems(tracker_repo)
    result = tracker("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{RECORD}:7:15: S404 co_sponsors[0]: 'Korea' is not an economy code\n"
        "    hint: did you mean ROK (Korea)?\n"
        "\n"
        "data/economies/ROK/rok-2026-warning.yaml:23:13: R509 the latest progress entry (2026) says ongoing, "
        "the record says suspended\n"
        "    hint: the record's status is its status now: make the two agree\n"
        "\n"
        "1 error, 1 warning in 2 files.\n"
    )


def test_text_output_is_plain_when_not_a_terminal(tracker_repo: TrackerRepo, tracker) -> None:
    write_two_problems(tracker_repo)
    assert not ANSI.search(tracker("validate").stdout)


def test_rich_markup_in_user_text_is_shown_as_written() -> None:
    diagnostic = Diagnostic("data/economies/JPN/x.yaml", 1, 1, "S401", "unknown field '[bold]x[/bold]'")
    out = io.StringIO()
    TextFormatter(color=True).write([diagnostic], Summary(files=1, errors=1, warnings=0), out)
    assert "[bold]x[/bold]" in ANSI.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()))


def run_at_a_terminal(root: Path, env: dict[str, str]) -> str:
    """`tracker validate` with stdout on a pseudo-terminal, as a person runs it."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "apec_tracker", "--repo", str(root), "validate"],
        stdout=follower, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        env={**{k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")},
             "TERM": "xterm-256color", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_at_a_terminal_and_none_with_no_color(tracker_repo: TrackerRepo) -> None:
    write_two_problems(tracker_repo)
    coloured = run_at_a_terminal(tracker_repo.root, {})
    plain = run_at_a_terminal(tracker_repo.root, {"NO_COLOR": "1"})
    assert ANSI.search(coloured)
    assert not ANSI.search(plain)
    assert "1 error, 1 warning in 2 files." in plain


def test_summary_line_counts(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    assert tracker("validate").stdout == "All 1 file valid.\n"
    for name in ("a", "b"):
        tracker_repo.write(f"data/economies/ROK/rok-2026-{name}.yaml", VALID_RECORD.replace(
            f"id: {NAME}", f"id: rok-2026-{name}").replace("title: AI skills", f"title: AI skills {name}"))
    assert tracker("validate").stdout.splitlines()[-1] == "2 errors, 0 warnings in 3 files."


def test_empty_repository_is_valid(tracker) -> None:
    result = tracker("validate")
    assert (result.exit_code, result.stdout) == (0, "No record file to check.\n")


@pytest.mark.parametrize(("files", "errors", "warnings", "line"), [
    (0, 0, 0, "No record file to check."),
    (0, 1, 0, "1 error, 0 warnings."),  # a published record deleted, under --changed-since
    (1, 0, 0, "All 1 file valid."),
    (3, 2, 1, "2 errors, 1 warning in 3 files."),
])
def test_the_closing_line_says_what_was_checked(files: int, errors: int, warnings: int, line: str) -> None:
    from apec_tracker.cli.output import closing_line
    from apec_tracker.domain.diagnostics import Summary

    assert closing_line(Summary(files, errors, warnings)) == line


# -- exit codes ------------------------------------------------------------------------------


def test_warnings_pass_unless_strict(tracker_repo: TrackerRepo, tracker) -> None:
    write_one_warning(tracker_repo)
    relaxed = tracker("validate")
    assert relaxed.exit_code == 0
    assert relaxed.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file."
    assert tracker("validate", "--strict").exit_code == 1


def test_unknown_option_is_misuse(tracker) -> None:
    result = tracker("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


def test_unknown_format_is_misuse(tracker) -> None:
    assert tracker("validate", "--format", "xml").exit_code == 2


def test_unknown_command_is_misuse(tracker) -> None:
    assert tracker("no-such-command").exit_code == 2


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        ("fora.yaml", "fora:\n  - {code: DESG}\n", "fora.yaml:2:5"),
        ("economies.yaml", "economies: [\n", "economies.yaml"),
        ("framework.yaml", "title: only a title\n", "framework.yaml"),
        ("fora.yaml", "fora:\n  - {code: JPN, name: Japan forum}\n", "fora.yaml"),
        ("fora.yaml", "\ufefffora: []\n", "fora.yaml:1:1: the file starts with a byte-order mark"),
        ("framework.yaml", "", "framework.yaml:1:1: the file is empty"),
    ],
)
def test_broken_reference_data_is_exit_2_naming_the_file(tracker_repo: TrackerRepo, tracker, file: str,
                                                          text: str, where: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.write(f"data/reference/{file}", text)
    result = tracker("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("tracker: error: the reference data is broken: ")
    assert where in line


def test_missing_reference_file_is_exit_2(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / "data/reference/economies.yaml").unlink()
    result = tracker("validate")
    assert result.exit_code == 2
    assert "economies.yaml" in result.stderr


# -- PATH arguments ---------------------------------------------------------------------------


def test_paths_limit_the_report_to_files_and_folders(tracker_repo: TrackerRepo, tracker) -> None:
    write_two_problems(tracker_repo)
    root = tracker_repo.root
    by_file = json.loads(tracker("validate", "-f", "json", str(root / RECORD)).stdout)
    assert [d["path"] for d in by_file["diagnostics"]] == [RECORD]
    assert by_file["summary"]["files"] == 1
    by_folder = json.loads(tracker("validate", "-f", "json", str(root / "data/economies/ROK")).stdout)
    assert [d["code"] for d in by_folder["diagnostics"]] == ["R509"]
    both = json.loads(tracker("validate", "-f", "json", str(root / "data/economies")).stdout)
    assert both["summary"] == {"files": 2, "errors": 1, "warnings": 1}


def test_path_relative_to_the_current_folder(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    write_two_problems(tracker_repo)
    monkeypatch.chdir(tracker_repo.root / "data/economies")
    result = tracker("validate", "-f", "json", "ROK")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["R509"]
    assert result.exit_code == 0


def test_nonexistent_path_is_misuse(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("validate", str(tracker_repo.root / "data/economies/XYZ"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_path_outside_the_repository_is_misuse(tracker, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(VALID_RECORD)
    result = tracker("validate", str(outside))
    assert result.exit_code == 2
    assert "not inside the repository" in result.stderr


# -- version and help -----------------------------------------------------------------------------


def test_version(tracker) -> None:
    result = tracker("--version")
    assert (result.exit_code, result.stdout) == (0, f"tracker {__version__}\n")


def test_python_dash_m_help() -> None:
    result = subprocess.run([sys.executable, "-m", "apec_tracker", "--help"], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0
    assert "validate" in result.stdout and "schema" in result.stdout


def registered_commands() -> dict[str, object]:
    from apec_tracker.cli import app

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_text(tracker) -> None:
    commands = registered_commands()
    assert {"validate", "schema"} <= set(commands)
    overview = tracker("--help").stdout
    for name, command in commands.items():
        summary = command.get_short_help_str(limit=200)  # type: ignore[attr-defined]
        assert summary.strip(), f"`tracker {name}` has no help text"
        assert name in overview
        result = tracker(name, "--help")
        assert result.exit_code == 0, name
        for parameter in command.params:  # type: ignore[attr-defined]
            if parameter.param_type_name == "option" and parameter.name != "help":
                assert parameter.help, f"`tracker {name} {parameter.opts[0]}` has no help text"


def test_every_diagnostic_code_is_documented() -> None:
    documentation = (PROJECT_ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    for code, check in CHECKS.items():
        assert re.search(rf"^\| `{code}` \| {check.severity.value} \| ", documentation, re.MULTILINE), code


def test_path_through_a_link_to_the_repository(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> None:
    write_two_problems(tracker_repo)
    link = tmp_path / "link-to-records"
    link.symlink_to(tracker_repo.root)
    result = tracker("validate", "-f", "json", str(link / "data/economies/ROK"), repo=link)
    assert result.exit_code == 0, result.stderr
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["R509"]


def test_dot_dot_out_of_the_repository_is_misuse(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    monkeypatch.chdir(tracker_repo.root)
    result = tracker("validate", "..")
    assert result.exit_code == 2
    assert "not inside the repository" in result.stderr
    monkeypatch.chdir(tracker_repo.root / "data")
    write_two_problems(tracker_repo)
    assert json.loads(tracker("validate", "-f", "json", "..").stdout)["summary"]["files"] == 2
