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


def test_one_github_run_gives_the_annotations_and_the_step_summary(tracker_repo: TrackerRepo, tracker,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    """CI validates once: the annotations on stdout, and the same diagnostics
    added to the run's summary page, which earlier steps may have written to."""
    write_two_problems(tracker_repo)
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("an earlier step's summary\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    annotated = tracker("validate", "--format", "github")
    assert annotated.exit_code == 1
    assert annotated.stdout.startswith(f"::error file={RECORD},line=7,col=15,title=S404::")
    assert summary_file.read_text(encoding="utf-8") == (
        "an earlier step's summary\n"
        "### tracker validate: 1 error, 1 warning in 2 files.\n"
        "\n"
        "Every record file, and every rule across records.\n"
        "\n"
        "| where | code | problem |\n"
        "|---|---|---|\n"
        f"| {RECORD}:7:15 | S404 error | co\\_sponsors\\[0\\]: 'Korea' is not an economy code"
        "<br>hint: did you mean ROK (Korea)? |\n"
        "| data/economies/ROK/rok-2026-warning.yaml:23:13 | R509 warning | the latest progress entry (2026) says "
        "ongoing, the record says suspended<br>hint: the record's status is its status now: make the two agree |\n"
        "\n")
    # Other formats are for other readers: the summary page is left alone.
    before = summary_file.read_text(encoding="utf-8")
    assert tracker("validate", "--format", "text").exit_code == 1
    assert summary_file.read_text(encoding="utf-8") == before


def test_the_step_summary_shows_record_text_as_text(tracker_repo: TrackerRepo, tracker,
                                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("co_sponsors: [ROK, VN]",
                                                    "co_sponsors: ['<img src=x>|`x`*[y](z)']"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    tracker("validate", "--format", "github", "--changed-since", "HEAD")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "The record files changed since HEAD, and every rule across records." in summary
    assert "'&lt;img src=x&gt;\\|\\`x\\`\\*\\[y\\](z)' is not an economy code" in summary
    assert "<img" not in summary


def test_github_escapes_percent_newlines_and_property_separators() -> None:
    diagnostic = Diagnostic("data/economies/JPN/a,b:c%.yaml", 3, 1, "S401", "100% sure\nsecond line\r",
                            "a: b, c")
    out = io.StringIO()
    GithubFormatter().write([diagnostic], Summary(files=1, errors=1, warnings=0), out)
    first = out.getvalue().splitlines()[0]
    # A message is one line: a line break in one is shown as an escape, as in every format.
    assert first == ("::error file=data/economies/JPN/a%2Cb%3Ac%25.yaml,line=3,col=1,title=S401::"
                     "100%25 sure\\nsecond line\\r (hint: a: b, c)")


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
    assert "::warning " in tracker("validate", "--format", "github").stdout
    strict = tracker("validate", "--strict")
    assert strict.exit_code == 1
    # The run fails, and says why: the warning is not left looking harmless.
    assert strict.stdout.splitlines()[-1] == ("0 errors, 1 warning in 1 file; "
                                              "with --strict, warnings fail the check too.")
    annotations = tracker("validate", "--strict", "--format", "github").stdout
    assert "::error " in annotations and "::warning " not in annotations


def test_unknown_option_is_misuse(tracker) -> None:
    result = tracker("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


def test_unknown_format_is_misuse(tracker) -> None:
    assert tracker("validate", "--format", "xml").exit_code == 2


def test_unknown_command_is_misuse(tracker) -> None:
    assert tracker("no-such-command").exit_code == 2


# -- the command line's own misuse, in the tool's words ---------------------------------------

# What Click and pydantic would have said, and no message of the tool says.
THEIR_WORDS = ("Error:", "Usage:", "Try '", "Value error", "Invalid value", "Input should", "unable to parse",
               "Missing argument", "No such option", "No such command", "<int>", "<str>")


@pytest.mark.parametrize(("args", "told"), [
    (("validate", "--format", "xml"), "--format: 'xml' is not one of text, json, github"),
    (("list", "--status", "done"), "--status: 'done' is not one of planned, ongoing, completed, cancelled, suspended"),
    (("report", "twenty"), "YEAR: 'twenty' is not a whole number"),
    (("list", "--year", "20x6"), "--year: '20x6' is not a whole number"),
    (("list", "--year"), "--year needs a value; see `tracker list --help`"),
    (("validate", "--no-such-option"),
     "--no-such-option: tracker validate has no such option; `tracker validate --help` lists its options"),
    (("list", "--stat", "completed"), "--stat: tracker list has no such option; did you mean --status?"),
    (("show",), "tracker show needs ID; see `tracker show --help`"),
    (("diff",), "tracker diff needs [FROM] TO; see `tracker diff --help`"),
    (("no-such-command",), "'no-such-command' is not a tracker command; `tracker --help` lists the commands"),
    (("lst",), "'lst' is not a tracker command; did you mean `tracker list`?"),
    (("schema", "extra"), "tracker schema takes no more arguments, but was given extra; see `tracker schema --help`"),
    (("report", "2026", "--templates", "/no/such/folder"), "--templates: folder '/no/such/folder' does not exist"),
    (("--bogus", "list"), "--bogus: tracker has no such option; `tracker --help` lists its options"),
])
def test_misuse_of_the_command_line_is_told_in_the_tools_words(tracker, args: tuple[str, ...], told: str) -> None:
    result = tracker(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"tracker: error: {told}\n")


def test_every_commands_misuse_is_told_in_the_tools_words(tracker) -> None:
    """The class, not the examples: for every command, an unknown option, each
    option's wrong choice or number, and each missing argument."""
    tried = 0
    for name, command in registered_commands().items():
        attempts = [[name, "--no-such-option"]]
        for parameter in command.params:  # type: ignore[attr-defined]
            if parameter.param_type_name == "argument" and parameter.required:
                attempts.append([name])
            elif parameter.param_type_name == "option" and not getattr(parameter, "is_flag", False):
                shown = parameter.metavar or ""
                if shown.startswith("[") or shown == "YEAR":  # choices, or a whole number
                    attempts.append([name, parameter.opts[0], "nonsense"])
        for attempt in attempts:
            result = tracker(*attempt)
            tried += 1
            assert result.exit_code == 2, attempt
            [line] = result.stderr.splitlines()
            assert line.startswith("tracker: error: "), (attempt, result.stderr)
            assert not any(words in line for words in THEIR_WORDS), (attempt, line)
    assert tried > 20


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        ("fora.yaml", "fora:\n  - {code: DESG}\n", "fora.yaml:2:5"),
        ("economies.yaml", "economies: [\n", "economies.yaml"),
        ("framework.yaml", "title: only a title\n", "framework.yaml"),
        ("fora.yaml", "fora:\n  - {code: JPN, name: Japan forum}\n", "fora.yaml"),
        ("framework.yaml", "", "framework.yaml:1:1: the file is empty"),
        ("bodies.yaml", "bodies:\n  - {code: DESG, name: a body named like a forum, kind: ministerial}\n",
         "bodies.yaml: codes used twice across economies, fora and bodies: DESG"),
        ("bodies.yaml", "bodies:\n  - {code: AELM, name: Leaders}\n", "bodies.yaml:2:5"),
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


def test_a_path_of_the_reference_data_or_the_schema_checks_every_record(tracker_repo: TrackerRepo, tracker) -> None:
    """Every record is checked against them: a pre-commit hook given only the
    reference data that renamed an activity type must report the records using it."""
    tracker_repo.write(RECORD, VALID_RECORD)
    root = tracker_repo.root
    assert tracker("schema", "--output", str(root / "schema/activity.schema.json")).exit_code == 0
    framework = root / "data/reference/framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("  - code: workshop\n", "  - code: training\n"),
                         encoding="utf-8")
    for path in ("data/reference/framework.yaml", "data/reference", "schema/activity.schema.json"):
        result = tracker("validate", "-f", "json", str(root / path))
        assert result.exit_code == 1, path
        told = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
        assert (RECORD, "S404") in told, (path, told)
    # A record's own PATH still limits the report to it.
    elsewhere = json.loads(tracker("validate", "-f", "json", str(root / "data/fora")).stdout)
    assert elsewhere["diagnostics"] == []


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


# How users name values (and how the tool's messages name them), never Python's types.
USERS_WORDS = {"YEAR", "CODE", "GOAL", "PATH", "[PATH]...", "[FROM] TO", "REV", "REF", "FILE", "FOLDER", "TEXT",
               "ID", "STATUS", "DATE", "TYPE", "GROUP", "AREA", "LEVEL", "NUMBER", "USD", "URL", "NAME=VALUE",
               "ID=VALUE"}
CHOICES = re.compile(r"\[[a-z0-9-]+(\|[a-z0-9-]+)+\]")


def test_every_commands_help_names_values_as_users_think_of_them(tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option: its names, value and help
    for name in ["", *registered_commands()]:
        result = tracker(*filter(None, [name]), "--help")
        assert result.exit_code == 0, name
        text = result.stdout
        assert not re.search(r"<[a-z][^>]*>|\{|list\[|Path\b", text), (name, text)
        usage = text.splitlines()[0]
        for word in usage.split()[3 if name else 2:]:
            assert word.strip("[].") in USERS_WORDS | {"FROM", "TO", "OPTIONS", "COMMAND", "ARGS"}, (name, usage)
        section = ""
        for line in text.splitlines():
            if line.endswith(":") and not line.startswith(" "):
                section = line
                continue
            if section not in ("Arguments:", "Options:") or not line.startswith("  ") or line.startswith("   "):
                continue
            shown = re.split(r" {2,}", line.strip())[0]
            if section == "Arguments:":
                assert shown in USERS_WORDS, (name, line)
                continue
            value = shown.split(", ")[-1].partition(" ")[2]
            assert not value or value in USERS_WORDS or CHOICES.fullmatch(value), (name, line)


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


@pytest.mark.parametrize("command", [
    ["report", "2031"], ["status", "2031"], ["indicators", "2031"], ["diff", "2026", "2031"],
    ["publish", "2031"], ["nil-return", "2031", "--economy", "PNG", "--note", "Nothing."],
    ["list", "--year", "2031"], ["export", "--year", "2031"],
    ["progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2031", "--status", "ongoing",
     "--narrative", "x", "--yes"],
])
def test_every_command_refuses_a_year_outside_the_initiative_in_the_same_words(tracker, tracker_repo,
                                                                              command: list[str]) -> None:
    tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml", VALID_RECORD)
    result = tracker(*command)
    assert result.exit_code == 2, result.output
    assert "2031 is not a year of the Initiative (2026–2030" in result.stderr, result.stderr
