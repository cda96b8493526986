"""Every `tracker` command line written in the workflow and the guides names a
command and options the CLI has.

These name commands built on other branches (add-activity, progress, report,
diff, publish, validate --changed-since): on a branch without them this file
fails, naming each missing one; once every branch is merged it must pass.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tests.commandline import problems_with, tracker_invocations
from tests.conftest import PROJECT_ROOT
from tests.test_workflow import tracker_commands_in_workflow

GUIDES = sorted((PROJECT_ROOT / "docs" / "guides").glob("*.md"))
SHELL_BLOCKS = {"sh", "shell", "bash", "console", "shell-session"}


def guide_commands(text: str) -> list[list[str]]:
    """Commands in shell blocks (in `console` blocks only the `$ ` lines, the
    rest being output) and in inline code that starts with `tracker `."""
    found: list[list[str]] = []
    for token in MarkdownIt().parse(text):
        if token.type == "fence" and token.info.split()[:1] and token.info.split()[0] in SHELL_BLOCKS:
            lines = token.content.splitlines()
            if token.info.split()[0] in {"console", "shell-session"}:
                lines = _commands_of_session(lines)
            found += tracker_invocations("\n".join(lines))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "code_inline" and child.content.startswith("tracker "):
                    found += tracker_invocations(child.content)
    return found


def _commands_of_session(lines: list[str]) -> list[str]:
    """The `$ ` lines of a terminal session and their continuation lines."""
    commands: list[str] = []
    continued = False
    for line in lines:
        if line.startswith("$ ") or continued:
            commands.append(line)
            continued = line.endswith("\\")
    return commands


def test_the_guides_exist_and_show_commands() -> None:
    names = {path.name for path in GUIDES}
    assert {"contact.md", "reviewer.md", "secretariat.md"} <= names
    for path in GUIDES:
        assert guide_commands(path.read_text(encoding="utf-8")), f"{path.name} shows no tracker command"


def test_workflow_commands_exist() -> None:
    problems = [problem for words in tracker_commands_in_workflow() for problem in problems_with(words)]
    assert not problems, problems


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_guide_commands_exist(guide) -> None:  # type: ignore[no-untyped-def]
    problems = sorted({problem for words in guide_commands(guide.read_text(encoding="utf-8"))
                       for problem in problems_with(words)})
    assert not problems, f"{guide.name}: " + "; ".join(problems)


def test_command_line_checker_catches_mistakes() -> None:
    assert problems_with(["validate", "--format", "json"]) == []
    assert problems_with(["--repo", ".", "list", "--economy", "JPN"]) == []
    assert problems_with(["validat"]) == ["tracker has no command 'validat'"]
    assert problems_with(["list", "--country", "JPN"]) == ["tracker list has no option --country"]
    assert tracker_invocations('x=1 tracker list --year 2026 | head; tracker show "a b" > out') == [
        ["list", "--year", "2026"], ["show", "a b"]]
