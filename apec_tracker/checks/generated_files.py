"""Files the tool writes from the reference data, and the check that they are
not out of date: .github/CODEOWNERS (`tracker owners`), the JSON Schema
editors validate records with (`tracker schema`) and the GitHub issue forms
contacts report through (`tracker forms`).

Each is made by a pure function of the framework; when the reference data
changes and the file does not, validation says so, with the command that
mends it. A repository without the file has not opted in, and is not told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from apec_tracker.authoring.forms import ACTIVITY_FORM, PROGRESS_FORM, activity_form_text, progress_form_text
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.json_schema import schema_text
from apec_tracker.domain.layout import SCHEMA_FILE, Repository
from apec_tracker.domain.ownership import CODEOWNERS, NoSecretariatOwners, codeowners_text


@dataclass(frozen=True)
class GeneratedFile:
    path: Path  # relative to the repository root
    code: str
    what: str
    command: str  # the command that writes it again
    render: Callable[[Framework], str]


GENERATED_FILES = (
    GeneratedFile(CODEOWNERS, "O701", "CODEOWNERS is out of date with the owners in data/reference/",
                  "tracker owners", codeowners_text),
    GeneratedFile(SCHEMA_FILE, "O702", "the JSON Schema is out of date with the reference data "
                  "(editors would check records against old codes)",
                  f"tracker schema --output {SCHEMA_FILE.as_posix()}", schema_text),
    GeneratedFile(ACTIVITY_FORM, "O703", "the issue form for a new activity is out of date with the reference "
                  "data (it would offer old choices)", "tracker forms", activity_form_text),
    GeneratedFile(PROGRESS_FORM, "O703", "the issue form for a year's progress is out of date with the reference "
                  "data (it would offer old choices)", "tracker forms", progress_form_text),
)


def stale_generated_files(repo: Repository, framework: Framework) -> list[Diagnostic]:
    return [problem for generated in GENERATED_FILES
            if (problem := _problem(repo, framework, generated)) is not None]


def _problem(repo: Repository, framework: Framework, generated: GeneratedFile) -> Diagnostic | None:
    shown = generated.path.as_posix()
    try:
        current = (repo.root / generated.path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        return Diagnostic(shown, 1, 1, generated.code, f"{shown} cannot be read: {error}",
                          f"run `{generated.command}` to write it again")
    try:
        expected = generated.render(framework)
    except NoSecretariatOwners as error:
        return Diagnostic(shown, 1, 1, generated.code, error.message)
    if current == expected:
        return None
    line = _first_difference(current.splitlines(), expected.splitlines())
    return Diagnostic(shown, line, 1, generated.code, generated.what,
                      f"run `{generated.command}` and commit {shown}")


def _first_difference(current: list[str], expected: list[str]) -> int:
    for number, (have, want) in enumerate(zip(current, expected, strict=False), start=1):
        if have != want:
            return number
    return min(len(current), len(expected)) + 1
