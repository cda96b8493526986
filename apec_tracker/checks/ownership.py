"""Who may approve changes to which folder: .github/CODEOWNERS from the owners
named in the reference data.

GitHub applies the last matching line of CODEOWNERS, so the file starts with the
Secretariat owning everything, then gives each economy's and forum's folder to
its own owners and the Secretariat. Rendering is a pure function; the file is
written by the CLI through apec_tracker.authoring.atomic_files, and validation compares it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import ECONOMIES_DIR, FORA_DIR, Repository

CODEOWNERS = Path(".github/CODEOWNERS")

HEADER = """\
# Written by `tracker owners` from the owners in data/reference/economies.yaml and
# data/reference/fora.yaml. Do not edit by hand: change the owners there and run
# `tracker owners` again (`tracker validate` reports this file when it is stale).
#
# The last matching line wins: the Secretariat owns everything, and each
# economy's and forum's folder is owned by its own contacts and the Secretariat.
"""


class NoSecretariatOwners(Exception):
    """The reference data names no owner for the Secretariat."""


def codeowners_text(framework: Framework) -> str:
    secretariat = list(framework.secretariat.owners)
    if not secretariat:
        raise NoSecretariatOwners(
            "the Secretariat has no owners: add `secretariat: {owners: [\"@org/team\"]}` to "
            "data/reference/fora.yaml"
        )
    lines = [HEADER, f"* {' '.join(secretariat)}", ""]
    lines.append("# Economies")
    for economy in framework.economies.values():
        lines.append(_line(ECONOMIES_DIR, economy.code, economy.owners, secretariat))
    lines.append("")
    lines.append("# Fora")
    for forum in framework.fora.values():
        lines.append(_line(FORA_DIR, forum.code, forum.owners, secretariat))
    lines.append("")
    lines.append("# The reference data decides who owns what: only the Secretariat changes it.")
    lines.append(f"/data/reference/ {' '.join(secretariat)}")
    lines.append(f"/{CODEOWNERS.as_posix()} {' '.join(secretariat)}")
    return "\n".join(lines) + "\n"


def _line(top: Path, code: str, owners: Sequence[str], secretariat: Sequence[str]) -> str:
    everyone = [*owners, *(owner for owner in secretariat if owner not in owners)]
    return f"/{top.as_posix()}/{code}/ {' '.join(everyone)}"


def codeowners_diagnostics(repo: Repository, framework: Framework) -> list[Diagnostic]:
    """O701 when the repository keeps a CODEOWNERS file that no longer says what
    the reference data does. A repository without one has not opted in."""
    path = repo.root / CODEOWNERS
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        return [Diagnostic(CODEOWNERS.as_posix(), 1, 1, "O701", f"CODEOWNERS cannot be read: {error}",
                           "run `tracker owners` to write it again")]
    try:
        expected = codeowners_text(framework)
    except NoSecretariatOwners as error:
        return [Diagnostic(CODEOWNERS.as_posix(), 1, 1, "O701", str(error))]
    if current == expected:
        return []
    line = _first_difference(current.splitlines(), expected.splitlines())
    return [Diagnostic(
        CODEOWNERS.as_posix(), line, 1, "O701",
        "CODEOWNERS is out of date with the owners in data/reference/",
        "run `tracker owners` and commit .github/CODEOWNERS",
    )]


def _first_difference(current: list[str], expected: list[str]) -> int:
    for number, (have, want) in enumerate(zip(current, expected, strict=False), start=1):
        if have != want:
            return number
    return min(len(current), len(expected)) + 1
