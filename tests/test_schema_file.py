"""The schema file every record's header comment points editors to must be what
`tracker schema` prints today; otherwise editors would offer stale codes."""

from __future__ import annotations

from apec_tracker.domain.json_schema import schema_text
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.reference import load_framework
from tests.conftest import PROJECT_ROOT, TrackerRepo


def test_committed_schema_is_current() -> None:
    repo = Repository(PROJECT_ROOT)
    expected = schema_text(load_framework(repo.reference_dir))
    committed = repo.schema_file.read_text(encoding="utf-8")
    assert committed == expected, (
        "schema/activity.schema.json is stale: run `tracker schema -o schema/activity.schema.json` and commit it"
    )


def test_schema_command_prints_the_file(tracker, tracker_repo: TrackerRepo) -> None:
    result = tracker("schema")
    assert result.exit_code == 0
    assert result.stdout == (PROJECT_ROOT / "schema" / "activity.schema.json").read_text(encoding="utf-8")


def test_validate_reports_a_schema_file_the_reference_data_has_left_behind(tracker, tracker_repo: TrackerRepo) -> None:
    """After a forum is added, editors would refuse records of it: validation says
    so, with the command that mends the file."""
    assert tracker("schema", "-o", str(tracker_repo.root / "schema" / "activity.schema.json")).exit_code == 0
    assert tracker("validate").exit_code == 0
    fora = tracker_repo.root / "data" / "reference" / "fora.yaml"
    fora.write_text(fora.read_text(encoding="utf-8").replace(
        "  - {code: EWG,", "  - {code: NEWWG, name: A New Working Group, parent: SCE}\n  - {code: EWG,"),
        encoding="utf-8")
    result = tracker("validate")
    assert result.exit_code == 1
    assert "schema/activity.schema.json:" in result.stdout and " O702 " in result.stdout
    assert "tracker schema --output schema/activity.schema.json" in result.stdout
    assert tracker("schema", "--output", str(tracker_repo.root / "schema" / "activity.schema.json")).exit_code == 0
    assert tracker("validate").exit_code == 0
