"""The repository's own records: real APEC activities that must stay valid."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from apec_tracker.cli import app
from tests.conftest import PROJECT_ROOT

HEADER = "# yaml-language-server: $schema=../../../schema/activity.schema.json\n"
RECORDS = sorted((PROJECT_ROOT / "data").glob("*/*/*.yaml"))
RECORDS = [path for path in RECORDS if path.parent.parent.name in ("economies", "fora")]


def test_the_repository_validates_strictly() -> None:
    result = CliRunner().invoke(app, ["--repo", str(PROJECT_ROOT), "validate", "--strict", "--format", "json"],
                                catch_exceptions=False)
    report = json.loads(result.stdout)
    assert report["diagnostics"] == []
    assert result.exit_code == 0
    assert report["summary"]["files"] == len(RECORDS) >= 10


def test_every_record_names_its_sources_and_its_schema() -> None:
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER), path.name
        assert re.search(r"^sources:\n  - https://", text, re.MULTILINE), path.name


def test_no_personal_details_in_records() -> None:
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{path.name} holds an e-mail address"
        telephone = re.search(r"\+\d{1,3}[\s-]*\(?\d{1,4}\)?[\s-]*\d{3,}", text)
        assert not telephone, f"{path.name}: a telephone number?"
        contact = re.search(r"\b(?:tel|phone|fax|e-?mail)\b", text, re.IGNORECASE)
        assert not contact, f"{path.name}: contact details?"


def test_baseline_activities_report_no_initiative_progress() -> None:
    # Activities before 2026 are the Initiative's baseline: no progress entries for them.
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        years = [int(year) for year in re.findall(r"^  - year: (\d{4})$", text, re.MULTILINE)]
        assert all(year >= 2026 for year in years), path.name
