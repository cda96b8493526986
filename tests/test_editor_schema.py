"""What an editor checks while a contact types must agree with `tracker validate`.

Editors (VS Code's YAML extension, and other tools) check records against the
JSON Schema `tracker schema` prints. Here a third-party validator,
check-jsonschema, checks records against that output, and must reach the same
verdict as `tracker validate` on everything a schema can say: the shape, the
types, the enums and the reference codes. Rules across fields and records (dates
in order, ids unique) are the tracker's alone and are not compared.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, VALID_RECORD, TrackerRepo

RECORD_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"

# Each schema-level case: the record text and the code `tracker validate` gives.
INVALID = {
    "unknown field": (VALID_RECORD.replace("activity_type: workshop\n", "activity_type: workshop\ncountry: JP\n"),
                      "S401"),
    "wrong enum": (VALID_RECORD.replace("status: ongoing\nplanned_start", "status: underway\nplanned_start"), "S403"),
    "unknown code": (VALID_RECORD.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"), "S404"),
    "unknown action": (VALID_RECORD.replace("code: B.iii", "code: B.vi"), "S404"),
    "missing required field": (VALID_RECORD.replace("title: AI skills for public servants\n", ""), "S402"),
    "wrong type": (VALID_RECORD.replace("lead_economies: [JPN]", "lead_economies: {JPN: yes}"), "S403"),
    "progress year quoted": (VALID_RECORD.replace("  - year: 2026", '  - year: "2026"'), "S403"),
    "unknown standard indicator": (VALID_RECORD.replace("id: officials-trained", "id: officials-traned"), "I801"),
}


def check_jsonschema(schema: Path, *records: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, records)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def schema_file(tracker, tracker_repo: TrackerRepo, tmp_path: Path) -> Path:
    result = tracker("schema")
    assert result.exit_code == 0
    path = tmp_path / "activity.schema.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_valid_record_passes_both(tracker, tracker_repo: TrackerRepo, schema_file: Path) -> None:
    record = tracker_repo.write(RECORD_PATH, VALID_RECORD)
    assert tracker("validate").exit_code == 0
    checked = check_jsonschema(schema_file, record)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_repositorys_records_pass_both() -> None:
    records = sorted((PROJECT_ROOT / "data").glob("*/*/*.yaml"))
    records = [path for path in records if "reference" not in path.parts]
    assert records
    schema = PROJECT_ROOT / "schema" / "activity.schema.json"
    checked = check_jsonschema(schema, *records)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("case", sorted(INVALID))
def test_schema_level_problem_fails_both(case: str, tracker, tracker_repo: TrackerRepo, schema_file: Path) -> None:
    text, code = INVALID[case]
    record = tracker_repo.write(RECORD_PATH, text)
    validated = tracker("validate", "--format", "json")
    assert validated.exit_code == 1
    assert [d["code"] for d in json.loads(validated.stdout)["diagnostics"]] == [code]
    checked = check_jsonschema(schema_file, record)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "Schema validation errors were encountered" in checked.stdout + checked.stderr


def test_vs_code_settings_point_every_record_at_the_schema() -> None:
    settings = json.loads((PROJECT_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [(schema, globs)] = settings["yaml.schemas"].items()
    assert (PROJECT_ROOT / schema).is_file()
    covered = {path for pattern in globs for path in PROJECT_ROOT.glob(pattern)}
    records = {path for top in ("economies", "fora") for path in (PROJECT_ROOT / "data" / top).glob("*/*.yaml")}
    assert records and records <= covered
    recommended = json.loads((PROJECT_ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


# What a JSON Schema cannot judge, by the first letter of the codes: how the file
# is written (F files and folders, E bytes, Y the YAML subset: a schema checks
# the parsed data, not its spelling), and the rules across fields and records
# (R), published history (H) and generated files (O), which pass a schema.
# Everything else (S: a record's fields, their types, forms and codes) the
# schema and the tracker must judge alike. Of the indicators' checks, I801 (an
# id the catalogue does not have) is an unknown code like S404, which the
# schema's enum refuses too; the others weigh figures against the catalogue's
# bounds and each other, beyond a schema.
HOW_IT_IS_WRITTEN = ("F", "E", "Y")
SCHEMA_LEVEL = ("S", "I801")
CASES = sorted((PROJECT_ROOT / "tests" / "cases").glob("*/*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_every_case_gets_the_same_verdict_from_the_schema(case: Path, tracker, tracker_repo: TrackerRepo,
                                                         schema_file: Path) -> None:
    from tests.test_cases import read_case

    loaded = read_case(case)
    if loaded.target.startswith("data/returns/"):
        pytest.skip("a nil return, not an activity record: the schema is the record's")
    codes = {expected.code for expected in loaded.expected}
    if any(code.startswith(HOW_IT_IS_WRITTEN) for code in codes):
        pytest.skip("how the file is written, or where: not a schema's to judge")
    record = tracker_repo.write(loaded.target, case.read_bytes())
    checked = check_jsonschema(schema_file, record)
    schema_level = any(code.startswith(SCHEMA_LEVEL) for code in codes)
    assert (checked.returncode != 0) == schema_level, (codes, checked.stdout + checked.stderr)
