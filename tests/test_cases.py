"""Example records under tests/cases/, each checked through `tracker validate`.

A case is copied into a throwaway repository and validated alone. Its first
lines are comments that say what it must produce:

    # expect: S404@7:15 R503@5:11
    # path: data/fora/PPSTI/{name}.yaml

``expect`` lists every diagnostic the file must produce, nothing more: a code
and ``@line:column`` (1-based, counted in the case file as it is, header
included; a problem of the whole file or folder is at ``@1:1``). Positions are
part of every expectation: a diagnostic an official cannot find in the file is
half a diagnostic. ``path`` says where the case is put in the repository
(default ``data/economies/JPN/{name}.yaml``; ``{name}`` is the case's file name
without .yaml). Valid cases must produce no diagnostic at all, warnings included.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from apec_tracker.domain.diagnostics import CHECKS
from tests.conftest import TrackerRepo

CASES = Path(__file__).parent / "cases"
DEFAULT_PATH = "data/economies/JPN/{name}.yaml"
_EXPECTED = re.compile(r"^([A-Z]\d{3})@(\d+):(\d+)$")

# Codes no single case file can produce, and the tests that cover them instead.
COVERED_ELSEWHERE = {
    "F106": "tests/test_hostile_input.py (symlink out of the repository, FIFO, folder named x.yaml)",
    "F107": "tests/test_hostile_input.py (oversized file)",
    "F108": "tests/test_hostile_input.py (dangling symlink)",
    "F114": "tests/test_hostile_input.py (a file with hundreds of problems lists the first hundred)",
    "Y314": "tests/test_record_yaml.py (more values than a record could need), "
            "tests/test_hostile_input.py (the worst files found)",
    "E201": "tests/test_hostile_input.py (invalid UTF-8, UTF-16)",
    "E206": "tests/test_record_yaml.py (control characters, also made by escapes)",
    "E207": "tests/test_record_yaml.py (U+0085, U+2028, U+2029, a lone CR)",
    "E203": "tests/test_hostile_input.py (empty file)",
    "E204": "tests/test_hostile_input.py (NUL bytes, binary)",
    "R502": "tests/test_cross_record_rules.py (two records, one id)",
    "R510": "tests/test_cross_record_rules.py (one project number, two records)",
    "R513": "tests/test_cross_record_rules.py (one title and start year, two records of one reporter)",
    "R519": "tests/test_nil_returns.py (a nil return beside a progress entry of the same year)",
    "O701": "tests/test_owners.py (a stale .github/CODEOWNERS)",
    "O702": "tests/test_schema_file.py (a stale schema/activity.schema.json)",
    "O703": "tests/test_forms.py (a stale issue form)",
    "H601": "tests/test_publish.py (an entry of a published year changed)",
    "H602": "tests/test_publish.py (a published record deleted)",
    "H603": "tests/test_publish.py (an entry for a published year added later)",
    "H604": "tests/test_publish.py (a nil return for a published year filed later)",
    "H605": "tests/test_publish.py (a nil return the published review counted withdrawn)",
}
# Codes that exist in CHECKS but that validation does not report today.
NOT_REPORTED = {
    "E202": "retired: a UTF-8 byte-order mark is accepted (tests/test_hostile_input.py)",
    "Y305": "retired: anchors and aliases are refused outright (Y309)",
    "F109": "a PATH argument that does not exist is a usage error (exit 2), not a diagnostic",
}


@dataclass(frozen=True)
class Expected:
    code: str
    line: int
    column: int

    def matches(self, diagnostic: dict[str, object]) -> bool:
        return (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == (self.code, self.line, self.column)


@dataclass(frozen=True)
class Case:
    file: Path
    expected: tuple[Expected, ...]
    target: str

    @property
    def name(self) -> str:
        return self.file.stem


def read_case(file: Path) -> Case:
    expected: list[Expected] = []
    target = DEFAULT_PATH
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if key == "expect":
            for item in value.split():
                found = _EXPECTED.match(item)
                assert found, f"{file.name}: cannot read the expectation {item!r} (CODE@line:column)"
                code, row, column = found.groups()
                assert code in CHECKS, f"{file.name}: {code} is not a code in CHECKS"
                expected.append(Expected(code, int(row), int(column)))
        elif key == "path":
            target = value.strip()
    return Case(file, tuple(expected), target.format(name=file.stem))


def cases(kind: str) -> list[Case]:
    return [read_case(file) for file in sorted((CASES / kind).glob("*.yaml"))]


def _validate_case(case: Case, tracker_repo: TrackerRepo, tracker) -> tuple[int, list[dict[str, object]]]:
    tracker_repo.write(case.target, case.file.read_bytes())
    result = tracker("validate", "--strict", "--format", "json")
    report = json.loads(result.stdout)
    return result.exit_code, report["diagnostics"]


@pytest.mark.parametrize("case", cases("valid"), ids=lambda case: case.name)
def test_valid_case_has_no_diagnostic(case: Case, tracker_repo: TrackerRepo, tracker) -> None:
    assert not case.expected, "a valid case expects nothing"
    exit_code, diagnostics = _validate_case(case, tracker_repo, tracker)
    assert diagnostics == []
    assert exit_code == 0


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda case: case.name)
def test_invalid_case_produces_exactly_what_it_declares(case: Case, tracker_repo: TrackerRepo, tracker) -> None:
    assert case.expected, f"{case.file.name} declares no `# expect:` line"
    exit_code, diagnostics = _validate_case(case, tracker_repo, tracker)
    unmatched = list(diagnostics)
    missing = []
    for expected in case.expected:
        found = next((d for d in unmatched if expected.matches(d)), None)
        if found is None:
            missing.append(expected)
        else:
            unmatched.remove(found)
    assert (missing, unmatched) == ([], []), "missing expectations, unexpected diagnostics"
    assert exit_code == 1
    for diagnostic in diagnostics:
        # A misplaced folder is reported once, at the folder.
        assert case.target == diagnostic["path"] or case.target.startswith(f"{diagnostic['path']}/")
        assert diagnostic["message"]


@pytest.mark.parametrize("expectation", ["S403", "S403@3", "S403@3:", "S403@3:5:1", "s403@3:5"])
def test_an_expectation_without_its_exact_position_is_refused(tmp_path: Path, expectation: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(f"# expect: {expectation}\nid: case\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="cannot read the expectation"):
        read_case(case)


def test_every_check_is_exercised_somewhere() -> None:
    by_cases = {expected.code for case in cases("invalid") for expected in case.expected}
    assert set(CHECKS) == by_cases | set(COVERED_ELSEWHERE) | set(NOT_REPORTED)
    assert not by_cases & set(COVERED_ELSEWHERE), "a code covered by a case need not be listed elsewhere"
