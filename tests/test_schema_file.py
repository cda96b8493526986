"""The schema file every record's header comment points editors to must be what
`tracker schema` prints today; otherwise editors would offer stale codes."""

from __future__ import annotations

from apec_tracker.domain.framework import load_framework
from apec_tracker.domain.json_schema import schema_text
from apec_tracker.domain.layout import Repository
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
