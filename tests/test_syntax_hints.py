"""The YAML mistakes officials make most, each told where to look and what to do.

The parser's own words name its grammar ("mapping values are not allowed
here"); the hint says what the author most likely did and how to mend it.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import TrackerRepo

PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("id: x\ntitle: AI skills: a primer\n", 2, 'put the value in quotes: title: "AI skills: a primer"'),
        ("id: x\nactions:\n\t- code: A.i\n", 3, "indent with spaces"),
        ("id: x\nactions:\n  - code: A.i\n   role: principal\n", 4, "check the indentation"),
        # The parser notices a missing colon or an unclosed quote a line later;
        # the diagnostic points at the line the author must mend.
        ("id: x\nactivity_type workshop\nstatus: ongoing\n", 2, "followed by a colon"),
        ('id: x\ntitle: "AI skills\nstatus: ongoing\n', 2, "is never closed"),
    ],
)
def test_syntax_error_has_the_line_to_mend_and_a_hint(
    tracker_repo: TrackerRepo, tracker, text: str, line: int, hint: str
) -> None:
    tracker_repo.write(PATH, text)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"]) == ("Y301", line)
    # What is wrong, then what to do: either may carry the words the author needs.
    assert hint in f"{diagnostic['message']}: {diagnostic['hint']}"


def test_windows_1252_file_is_named_as_such(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(PATH, valid_record.replace("Two workshops held in Tokyo.", "Café résumé.").encode("cp1252"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "E201"
    assert "Windows-1252" in diagnostic["hint"] and "UTF-8" in diagnostic["hint"]
