"""Who may approve changes to which folder: .github/CODEOWNERS from the owners
named in the reference data.

GitHub applies the last matching line of CODEOWNERS, so the file starts with the
Secretariat owning everything, then gives each economy's, forum's and body's
folder, and each reporter's nil returns (data/returns/<YEAR>/<CODE>.yaml), to its
own owners and the Secretariat. Rendering is a pure function; `tracker
owners` writes the file, and validation reports it when it is out of date
(apec_tracker.checks.generated_files).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import BODIES_DIR, ECONOMIES_DIR, FORA_DIR, RETURNS_DIR
from apec_tracker.errors import SetupError

CODEOWNERS = Path(".github/CODEOWNERS")

HEADER = """\
# Written by `tracker owners` from the owners in data/reference/economies.yaml,
# data/reference/fora.yaml and data/reference/bodies.yaml. Do not edit by hand:
# change the owners there and run `tracker owners` again (`tracker validate`
# reports this file when it is stale).
#
# The last matching line wins: the Secretariat owns everything, and each
# economy's, forum's and body's folder, and each reporter's nil returns, are
# owned by its own contacts and the Secretariat.
"""


class NoSecretariatOwners(SetupError):
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
    for code in framework.economies:
        lines.append(_line(ECONOMIES_DIR, code, reporter_owners(framework, code), secretariat))
    lines.append("")
    lines.append("# Fora")
    for code in framework.fora:
        lines.append(_line(FORA_DIR, code, reporter_owners(framework, code), secretariat))
    lines.append("")
    lines.append("# Nil returns: each reporter's own, whatever the year")
    for code in (*framework.economies, *framework.fora):
        owners = reporter_owners(framework, code)
        everyone = [*owners, *(owner for owner in secretariat if owner not in owners)]
        lines.append(f"/{RETURNS_DIR.as_posix()}/*/{code}.yaml {' '.join(everyone)}")
    lines.append("")
    lines.append("# Other APEC bodies")
    for body in framework.bodies.values():
        lines.append(_line(BODIES_DIR, body.code, body.owners, secretariat))
    lines.append("")
    lines.append("# The reference data decides who owns what: only the Secretariat changes it.")
    lines.append(f"/data/reference/ {' '.join(secretariat)}")
    lines.append(f"/{CODEOWNERS.as_posix()} {' '.join(secretariat)}")
    return "\n".join(lines) + "\n"


def reporter_owners(framework: Framework, code: str) -> tuple[str, ...]:
    """A reporter's own owners (an economy's or a forum's), as the reference data
    names them: who CODEOWNERS asks, beside the Secretariat, to approve its
    records and nil returns, and whom `tracker status` reminds."""
    reporter = framework.economies.get(code) or framework.fora.get(code)
    return tuple(reporter.owners) if reporter is not None else ()


def _line(top: Path, code: str, owners: Sequence[str], secretariat: Sequence[str]) -> str:
    everyone = [*owners, *(owner for owner in secretariat if owner not in owners)]
    return f"/{top.as_posix()}/{code}/ {' '.join(everyone)}"
