"""The guides' terminal sessions, run as they are written.

docs/guides/contact.md and docs/authoring.md show terminal sessions (```console
blocks). Each `$ ` command is run here in order, as written, in a copy of the
repository made the way a contact gets theirs (its records, reference data and
generated files, committed in a fresh git repository with a remote to push
to), and must print what the guide shows: stdout and stderr as they come, and
the exit code of an `[exit N]` line. A command whose output shows a `[Y/n]`
question is run at a terminal and typed the answers the guide shows; the
others run without one, as in a script. Commands other than `tracker` must
succeed, and print what the guide shows if it shows anything.

What a reader does between commands, the guide says in words; for this test
it is said in HTML comments, which readers do not see:

    <!-- guide-test: today 2028-01-15 -->   the sessions after it run on that day
    <!-- guide-test: edit PATH
    - a line as it was
    + the line as the reader wrote it
    -->
    <!-- guide-test: file PATH -->          the next code block is that file as it is then

Commit and blob ids change with every run of the history: in output, any run of
7 to 40 hex digits (letters and digits both) matches any other.

`UPDATE_GUIDES=1 pytest tests/test_guides.py` writes the real output into the
guides instead of failing: for a change to what the tool prints.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.commandline import SessionCommand, session_commands
from tests.conftest import PROJECT_ROOT, git
from tests.terminal import run_at_terminal

GUIDES = [PROJECT_ROOT / "docs" / "guides" / "contact.md", PROJECT_ROOT / "docs" / "authoring.md"]
# The day the sessions were run, unless a guide says another.
TODAY = "2026-12-02"
# What a clone holds that the tracker reads.
CLONED = ("data", "schema", ".github/CODEOWNERS")

_DIRECTIVE = re.compile(r"<!--\s*guide-test:\s*(\w+)\s*(.*?)\s*-->", re.DOTALL)
_HEX = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")


@dataclass
class Session:
    commands: list[SessionCommand]


@dataclass
class Today:
    day: str


@dataclass
class Edit:
    path: str
    old: str
    new: str


@dataclass
class FileShown:
    path: str
    text: str
    line: int  # where the block starts in the guide


Step = Session | Today | Edit | FileShown


def steps_of(text: str) -> list[Step]:
    steps: list[Step] = []
    file_next: str | None = None
    for token in MarkdownIt().parse(text):
        if token.type == "html_block":
            for match in _DIRECTIVE.finditer(token.content):
                kind, rest = match.group(1), match.group(2)
                if kind == "today":
                    steps.append(Today(rest.strip()))
                elif kind == "file":
                    file_next = rest.strip()
                elif kind == "edit":
                    path, _, body = rest.partition("\n")
                    lines = body.splitlines()
                    old = [line[2:] for line in lines if line.startswith("-")]
                    new = [line[2:] for line in lines if line.startswith("+")]
                    steps.append(Edit(path.strip(), "".join(f"{line}\n" for line in old),
                                      "".join(f"{line}\n" for line in new)))
                else:
                    raise AssertionError(f"unknown guide-test directive {kind!r}")
        elif token.type == "fence" and token.map is not None:
            if file_next is not None:
                steps.append(FileShown(file_next, token.content, token.map[0]))
                file_next = None
            elif token.info.split()[:1] == ["console"]:
                steps.append(Session(session_commands(token.content.splitlines(), token.map[0] + 1)))
    return steps


@dataclass
class Clone:
    """The repository a contact works in, and the environment of their shell."""

    root: Path
    env: dict[str, str]
    mismatches: list[str] = field(default_factory=list)
    updates: list[tuple[SessionCommand, list[str]]] = field(default_factory=list)


def clone_of_the_project(tmp_path: Path) -> Clone:
    root = tmp_path / "apec-ai-records"
    tracked = git(PROJECT_ROOT, "ls-files", "-z", "--", *CLONED).split("\0")
    for relative in filter(None, tracked):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECT_ROOT / relative, target)
    git(root.parent, "init", "-q", "--bare", "origin.git")
    git(root, "init", "-q", "-b", "main")
    git(root, "remote", "add", "origin", "../origin.git")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The records as the contact cloned them")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin{os.pathsep}/bin{os.pathsep}/usr/local/bin",
        "HOME": str(tmp_path), "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1", "NO_COLOR": "1",
        "TRACKER_TODAY": TODAY, "TRACKER_CACHE_DIR": os.environ["TRACKER_CACHE_DIR"],
        "GIT_AUTHOR_NAME": "Kenji Sato", "GIT_AUTHOR_EMAIL": "kenji.sato@example.org",
        "GIT_COMMITTER_NAME": "Kenji Sato", "GIT_COMMITTER_EMAIL": "kenji.sato@example.org",
        "GIT_AUTHOR_DATE": "2026-12-02T10:00:00+09:00", "GIT_COMMITTER_DATE": "2026-12-02T10:00:00+09:00",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return Clone(root, env)


def run(clone: Clone, command: SessionCommand) -> tuple[list[str], int]:
    """What the command printed, as lines, and its exit code."""
    shell = ["bash", "-c", command.line]
    if any("[Y/n]:" in line for line in command.output):
        output, code = run_at_terminal(shell, _answers_from(command), cwd=clone.root, env=clone.env)
    else:
        done = subprocess.run(shell, cwd=clone.root, env=clone.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300, check=False)
        output, code = done.stdout, done.returncode
    lines = output.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return lines, code


def _answers_from(command: SessionCommand):  # type: ignore[no-untyped-def]
    """What to type at each prompt: what the guide shows after that prompt."""
    position = 0

    def answer(prompt: str) -> str:
        nonlocal position
        for index in range(position, len(command.output)):
            line = command.output[index]
            if line.startswith(prompt) or line.rstrip() == prompt.rstrip():
                position = index + 1
                return line[len(prompt):]
        raise AssertionError(f"`{command.line}` asks {prompt!r}, which the guide does not show (after output line "
                             f"{position + 1})")

    return answer


def _normal(lines: list[str]) -> list[str]:
    return [_HEX.sub("<hex>", line.rstrip()) for line in lines]


def replay(guide: Path, clone: Clone) -> None:
    for step in steps_of(guide.read_text(encoding="utf-8")):
        if isinstance(step, Today):
            clone.env["TRACKER_TODAY"] = step.day
        elif isinstance(step, Edit):
            path = clone.root / step.path
            text = path.read_text(encoding="utf-8")
            assert text.count(step.old) == 1, f"{guide.name}: edit of {step.path}: {step.old!r} is not in it once"
            path.write_text(text.replace(step.old, step.new), encoding="utf-8")
        elif isinstance(step, FileShown):
            actual = (clone.root / step.path).read_text(encoding="utf-8")
            if actual != step.text:
                clone.mismatches.append(f"{guide.name}:{step.line + 1}: {step.path} is not as shown:\n{actual}")
        else:
            for command in step.commands:
                _check(guide, clone, command)


def _check(guide: Path, clone: Clone, command: SessionCommand) -> None:
    lines, code = run(clone, command)
    where = f"{guide.name}:{command.first_output_line}: `{command.line}`"
    expected_code = command.exit_code if command.exit_code is not None else (None if command.runs_tracker else 0)
    if expected_code is not None and code != expected_code:
        clone.mismatches.append(f"{where} exited {code}, not {expected_code}:\n" + "\n".join(lines))
    if not command.runs_tracker and not command.output:
        return  # the guide shows no output of git: it need not be the same
    if _normal(lines) != _normal(command.output):
        clone.mismatches.append(f"{where} printed:\n" + "\n".join(lines) + "\n\nwhere the guide shows:\n"
                                + "\n".join(command.output))
        clone.updates.append((command, lines))


def _update(guide: Path, updates: list[tuple[SessionCommand, list[str]]]) -> None:
    lines = guide.read_text(encoding="utf-8").splitlines()
    for command, output in sorted(updates, key=lambda pair: -pair[0].first_output_line):
        lines[command.first_output_line:command.end_output_line] = output
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_the_guide_sessions_print_what_the_guide_shows(guide: Path, tmp_path: Path) -> None:
    clone = clone_of_the_project(tmp_path)
    replay(guide, clone)
    if clone.mismatches and os.environ.get("UPDATE_GUIDES") and clone.updates:
        _update(guide, clone.updates)
        pytest.skip(f"{guide.name}: {len(clone.updates)} outputs updated; review the change")
    assert not clone.mismatches, "\n\n".join(clone.mismatches)


def test_the_guides_show_closing_an_activity() -> None:
    """The command the issue found failing is among those run."""
    run_lines = [command.line for guide in GUIDES for step in steps_of(guide.read_text(encoding="utf-8"))
                 if isinstance(step, Session) for command in step.commands]
    assert any(line.startswith("tracker progress") and "--close" in line for line in run_lines)
    assert any(line.startswith("tracker add-activity") and "--yes" not in line for line in run_lines)
