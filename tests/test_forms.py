"""The GitHub issue forms: `tracker forms` writes them from the reference data,
GitHub's schema for issue forms accepts them, every choice and help text is the
one the prompts offer, and `tracker validate` reports a form gone stale (O703)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from apec_tracker.authoring.fields import FIELDS, FIELDS_BY_NAME, PROGRESS_FIELDS
from apec_tracker.authoring.forms import ACTIVITY_FORM, PROGRESS_FORM, activity_form, progress_form
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Status
from apec_tracker.reading.reference import load_framework
from tests.conftest import PROJECT_ROOT, REFERENCE, TrackerRepo

FORMS = (ACTIVITY_FORM, PROGRESS_FORM)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(REFERENCE)


def load(path: Path) -> dict[str, Any]:
    document = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def questions(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The form's questions by label (the markdown block has none)."""
    return {item["attributes"]["label"]: item for item in form["body"] if item["type"] != "markdown"}


def options(form: dict[str, Any], label: str) -> list[str]:
    return list(questions(form)[label]["attributes"]["options"])


def test_forms_writes_both_forms_and_they_pass_githubs_schema(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("forms")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "".join(f"wrote {path.as_posix()}\n" for path in FORMS)
    paths = [tracker_repo.root / path for path in FORMS]
    checked = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-issue-forms", *map(str, paths)],
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Nothing changed: nothing written.
    assert tracker("forms").stdout == "".join(f"{path.as_posix()} is up to date.\n" for path in FORMS)


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_what_github_refuses_beyond_its_schema(path: Path) -> None:
    """GitHub also refuses a form whose ids or labels repeat, a dropdown offering
    "None" (its own empty choice) and a default that is not an option."""
    form = load(PROJECT_ROOT / path)
    items = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in items]
    labels = [item["attributes"]["label"] for item in items]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for item in items:
        attributes = item["attributes"]
        assert attributes["description"].strip(), item["id"]
        if item["type"] == "dropdown":
            assert "None" not in attributes["options"]
            assert len(set(attributes["options"])) == len(attributes["options"])
            if "default" in attributes:
                assert 0 <= attributes["default"] < len(attributes["options"])


def test_every_choice_comes_from_the_reference_data(framework: Framework) -> None:
    form = load(PROJECT_ROOT / ACTIVITY_FORM)
    reporters = options(form, "Reported by")
    assert reporters[:21] == [economy.name for economy in framework.economies.values()]
    fora_end = 21 + len(framework.fora)
    assert [label.split(" – ")[0] for label in reporters[21:fora_end]] == list(framework.fora)
    assert [label.split(" – ")[0] for label in reporters[fora_end:]] == list(framework.bodies)
    assert options(form, "Host economy") == reporters[:21]
    assert [label.split(" – ")[0] for label in options(form, "Level")] == ["economy", "apec-wide"]
    for label in ("Principal action", "Other actions"):
        assert options(form, label) == [f"{action.code} {action.title}" for action in framework.actions.values()]
    assert options(form, "Status") == [status.value for status in Status]
    assert questions(form)["Status"]["attributes"]["default"] == 0  # planned, as at the prompt
    assert [label.lower() for label in options(form, "Activity type")] == [
        term.name.lower() for term in framework.activity_types.values()]
    assert [label.lower() for label in options(form, "Target groups")] == [
        term.name.lower() for term in framework.target_groups.values()]
    assert options(form, "AIDER focus areas") == [term.name for term in framework.aider_focus_areas.values()]
    assert options(form, "Lead economies") == options(form, "Co-sponsoring economies") == reporters[:21]
    assert options(form, "Partner fora") == reporters[21:fora_end]
    assert [label.split(" – ")[0] for label in options(form, "Other partners")] == list(framework.partners)
    multiple = {label for label, item in questions(form).items() if item["attributes"].get("multiple")}
    assert multiple == {"Other actions", "Lead economies", "Co-sponsoring economies", "Partner fora",
                        "Other partners", "Target groups", "AIDER focus areas"}

    progress = load(PROJECT_ROOT / PROGRESS_FORM)
    years = [label.split()[0] for label in options(progress, "Reporting year")]
    assert years == [str(year) for year in framework.period.years_with_baseline]
    assert options(progress, "Status at the end of the year") == [status.value for status in Status]


def test_the_progress_form_asks_for_each_standard_indicator_of_the_catalogue(framework: Framework,
                                                                            tracker_repo: TrackerRepo,
                                                                            tracker) -> None:
    body = load(PROJECT_ROOT / PROGRESS_FORM)["body"]
    written = [item for item in body if item.get("id", "").startswith("indicator-")]
    assert [item["id"] for item in written] == [f"indicator-{i}" for i in framework.indicators]
    assert [item["attributes"]["label"] for item in written] == [
        "Participants trained (people)", "Women among participants trained (people)",
        "Share of women among participants (percent)", "Public officials trained (people)",
        "Economies attending (economies)", "MSMEs reached (organisations)",
        "Policy recommendations and toolkits produced (items)", "Funding mobilised (usd)"]
    assert written[2]["attributes"]["description"].endswith(" Values: from 0 to 100.")
    # A new indicator in the catalogue is a new question: the form is stale until written again.
    catalogue = tracker_repo.root / "data/reference/indicators.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + """\
  - id: pilot-sites
    name: Pilot sites
    definition: Places where an AI system was tried in the reporting year.
    unit: items
    combine: sum
    min: 0
    whole: true
    actions: [A.iv]
    source:
      text: An example.
""", encoding="utf-8")
    assert tracker("forms").exit_code == 0
    form = load(tracker_repo.root / PROGRESS_FORM)
    assert questions(form)["Pilot sites (items)"]["id"] == "indicator-pilot-sites"


def test_help_and_required_come_from_the_fields_the_prompts_ask(framework: Framework) -> None:
    """Each question says what the prompt says of its field, and is required
    exactly when the record requires the field."""
    for form, fields in ((activity_form(framework), FIELDS), (progress_form(framework), PROGRESS_FIELDS)):
        written = questions(load(PROJECT_ROOT / form.path))
        asked = {question.field for question in form.questions}
        assert asked == {spec.name for spec in fields}, "every field is asked, and nothing else"
        for question in form.questions:
            spec = next(spec for spec in fields if spec.name == question.field)
            description = written[question.label]["attributes"]["description"]
            # A standard indicator's question says what the catalogue says of it.
            said = (framework.indicators[question.indicator].definition if question.indicator
                    else spec.help_for(None))
            assert description.startswith(said) or question.id == "other_actions", question.id
            required = written[question.label]["validations"]["required"]
            assert required == (spec.required and question.id != "other_actions"), question.id
    assert [spec.name for spec in FIELDS if spec.required] == [
        "reporter", "title", "summary", "actions", "activity_type", "status"]
    assert FIELDS_BY_NAME["status"].default is not None  # required, and chosen beforehand on the form


def test_validate_reports_a_stale_form_with_the_command_that_mends_it(tracker_repo: TrackerRepo, tracker,
                                                                     valid_record: str) -> None:
    tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml", valid_record)
    # Without forms the repository has not opted in, and validate is silent.
    assert tracker("validate").exit_code == 0
    assert tracker("forms", "--check").exit_code == 1
    assert tracker("forms").exit_code == 0
    assert tracker("validate").exit_code == 0

    # The Secretariat adds a forum: the forms no longer offer every reporter.
    fora = tracker_repo.root / "data/reference/fora.yaml"
    fora.write_text(fora.read_text(encoding="utf-8").replace(
        "  - {code: EWG, name: Energy Working Group, parent: SCE}\n",
        "  - {code: EWG, name: Energy Working Group, parent: SCE}\n"
        "  - {code: TWG, name: Tourism Working Group, parent: SCE}\n"), encoding="utf-8")
    check = tracker("forms", "--check")
    assert check.exit_code == 1
    assert ".github/ISSUE_TEMPLATE/new-activity.yml is out of date: run `tracker forms`." in check.stderr
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "O703"
    assert diagnostic["path"] == ACTIVITY_FORM.as_posix()
    assert diagnostic["hint"] == f"run `tracker forms` and commit {ACTIVITY_FORM.as_posix()}"
    form_lines = (tracker_repo.root / ACTIVITY_FORM).read_text(encoding="utf-8").splitlines()
    assert form_lines[diagnostic["line"] - 2].strip().startswith("- EWG"), "the line after EWG, where TWG goes"

    assert tracker("forms").exit_code == 0
    assert "TWG – Tourism Working Group" in options(load(tracker_repo.root / ACTIVITY_FORM), "Reported by")
    assert tracker("validate").exit_code == 0


def test_the_repositorys_forms_are_current(tracker) -> None:
    result = tracker("forms", "--check", repo=PROJECT_ROOT)
    assert result.exit_code == 0, result.stderr


def test_form_labels_name_the_workflows_trigger(framework: Framework) -> None:
    for form in (activity_form(framework), progress_form(framework)):
        assert load(PROJECT_ROOT / form.path)["labels"] == [form.label]
