"""What a contact types, read the same way everywhere: at a prompt, as an option
and in a record that `tracker validate` checks. One vocabulary of codes, names
and aliases (the reference data's), one form of dates, one set of hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apec_tracker.domain.framework import CodeList, Framework
from apec_tracker.reading.reference import ReferenceDataError, load_framework
from tests.conftest import REFERENCE, VALID_RECORD, TrackerRepo

JPN = "data/economies/JPN"
RECORD = f"{JPN}/jpn-2026-ai-skills-for-public-servants.yaml"
SCRIPTED = (
    "add-activity", "--economy", "JPN", "--title", "AI skills for public servants",
    "--summary", "A training programme on using AI tools in public services.",
    "--action", "B.i", "--type", "workshop", "--planned-start", "2026-03-01",
)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(REFERENCE)


def only_diagnostic(tracker, path: str) -> dict:  # type: ignore[no-untyped-def]
    result = tracker("validate", "--format", "json")
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]  # type: ignore[no-any-return]


# -- economies: the names people type ------------------------------------------------------


@pytest.mark.parametrize(("typed", "code"), [("S. Korea", "ROK"), ("South Korea", "ROK"), ("Vietnamese", "VN"),
                                             ("Taiwan", "CT"), ("Hong Kong", "HKC"), ("viet nam", "VN")])
def test_an_economy_by_another_name_is_its_code_in_options(tracker_repo: TrackerRepo, tracker, typed: str,
                                                            code: str) -> None:
    result = tracker(*SCRIPTED, "--co-sponsor", typed, "--yes")
    assert result.exit_code == 0, result.stderr
    assert f"co_sponsors: [{code}]\n" in (tracker_repo.root / RECORD).read_text(encoding="utf-8")


@pytest.mark.parametrize(("written", "hint"), [("S. Korea", "did you mean ROK (Korea)?"),
                                               ("Vietnamese", "did you mean VN (Viet Nam)?"),
                                               ("Taiwan", "did you mean CT (Chinese Taipei)?"),
                                               ("Sth Korea", "did you mean ROK (Korea)?")])
def test_validate_suggests_the_code_for_the_same_names(tracker_repo: TrackerRepo, tracker, written: str,
                                                       hint: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("co_sponsors: [ROK, VN]", f"co_sponsors: ['{written}']"))
    diagnostic = only_diagnostic(tracker, RECORD)
    assert diagnostic["code"] == "S404"
    assert diagnostic["hint"] == hint


def test_the_prompt_hint_is_validates_hint(framework: Framework, tracker_repo: TrackerRepo, tracker) -> None:
    """A name nobody listed as an alias gets the same suggestion from the
    option and from validation: one function makes both."""
    option = tracker(*SCRIPTED, "--lead", "Sth Korea", "--yes")
    assert option.exit_code == 2
    assert "--lead: 'Sth Korea' is not an economy code: did you mean ROK (Korea)?" in option.stderr
    assert framework.hint(CodeList.ECONOMY, "Sth Korea") == "did you mean ROK (Korea)?"


def test_apec_names_are_kept(framework: Framework) -> None:
    assert framework.economies["CT"].name == "Chinese Taipei"
    assert framework.economies["HKC"].name == "Hong Kong, China"
    assert framework.lookup(CodeList.ECONOMY, "Taiwan") == "CT"


def test_every_bad_item_of_a_list_is_said(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker(*SCRIPTED, "--co-sponsor", "Narnia, ROK, S. Korea, Atlantis", "--yes")
    assert result.exit_code == 2
    assert "'Narnia' is not an economy code" in result.stderr
    assert "'Atlantis' is not an economy code" in result.stderr
    repeated = tracker(*SCRIPTED, "--co-sponsor", "Narnia", "--co-sponsor", "Atlantis", "--yes")
    assert "'Narnia'" in repeated.stderr and "'Atlantis'" in repeated.stderr
    actions = tracker(*SCRIPTED[:-6], "--action", "B.ix", "--action", "D.i", "--type", "workshop", "--yes")
    assert actions.exit_code == 2
    assert "'B.ix' is not an action of goal B" in actions.stderr and "'D.i' is not an action" in actions.stderr


def test_every_bad_item_is_said_at_the_prompt(tracker_repo: TrackerRepo, tracker) -> None:
    answers = ["JPN", "", "AI skills", "A programme.", "B.i", "workshop", "", "", "", "",
               "Narnia, Atlantis", "ROK", "", "", "", "", "", "", "", "", "", "y"]
    result = tracker("add-activity", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert ("'Narnia' is not an economy code: economy codes are listed in data/reference/economies.yaml; "
            "'Atlantis' is not an economy code") in result.stdout


# -- activity types and other terms ------------------------------------------------------


def test_a_word_the_type_list_shows_is_understood(tracker_repo: TrackerRepo, tracker) -> None:
    """The list says "workshop  workshop or training": training is a workshop."""
    result = tracker(*SCRIPTED[:-4], "--type", "training", "--planned-start", "2026-03-01", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "activity_type: workshop\n" in (tracker_repo.root / RECORD).read_text(encoding="utf-8")


def test_validate_suggests_the_type_for_the_same_word(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("activity_type: workshop", "activity_type: training"))
    diagnostic = only_diagnostic(tracker, RECORD)
    assert (diagnostic["code"], diagnostic["message"]) == ("S404", "activity_type: 'training' is not an activity type")
    assert diagnostic["hint"] == "did you mean workshop (workshop or training)?"


def test_a_word_naming_two_codes_is_refused_in_the_reference_data(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REFERENCE, tmp_path / "reference")
    framework_file = tmp_path / "reference" / "framework.yaml"
    text = framework_file.read_text(encoding="utf-8")
    framework_file.write_text(text.replace("aliases: [survey, review,", "aliases: [training, survey, review,"),
                              encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="'training' names both workshop and study"):
        load_framework(tmp_path / "reference")


# -- statuses: the prompt suggests what validate suggests ---------------------------------


@pytest.mark.parametrize(("typed", "meant"), [("ongoin", "ongoing"), ("finished", "completed"),
                                              ("in-progress", "ongoing"), ("on hold", "suspended")])
def test_a_status_misspelt_gets_the_same_suggestion_everywhere(tracker_repo: TrackerRepo, tracker, typed: str,
                                                               meant: str) -> None:
    option = tracker(*SCRIPTED, "--status", typed, "--yes")
    assert option.exit_code == 2
    assert f"--status: '{typed}' is not a status: did you mean {meant}?" in option.stderr
    written = VALID_RECORD.replace("status: ongoing\nplanned_start", f"status: {typed}\nplanned_start")
    tracker_repo.write(RECORD, written)
    diagnostic = only_diagnostic(tracker, RECORD)
    assert diagnostic["code"] == "S403"
    assert diagnostic["hint"] == f"did you mean {meant}?"


def test_the_progress_prompt_suggests_a_status(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    answers = ["2026", "ongoin", "ongoing", "", "", "", "", "n"]
    result = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--interactive",
                     input="\n".join(answers) + "\n")
    assert "'ongoin' is not a status: did you mean ongoing? — please try again." in result.stdout


# -- dates: YYYY-MM-DD, and nothing else ----------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), [("20260302", "2026-03-02"), ("2026-W10-1", "2026-03-02"),
                                              ("2026-03-02T00:00", "2026-03-02"), ("2026-3-2", None),
                                              ("02/03/2026", None)])
def test_an_option_takes_only_yyyy_mm_dd(tracker_repo: TrackerRepo, tracker, typed: str, meant: str | None) -> None:
    result = tracker(*SCRIPTED, "--actual-start", typed, "--status", "ongoing", "--yes")
    assert result.exit_code == 2
    expected = f"--actual-start: expected a date written YYYY-MM-DD, got '{typed}'"
    assert expected + (f" (did you mean {meant}?)" if meant else "") in result.stderr
    assert not (tracker_repo.root / JPN).exists()


def test_progress_end_date_takes_only_yyyy_mm_dd(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    result = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026", "--close",
                     "--end-date", "2026-W10-1")
    assert result.exit_code == 2
    assert "--end-date: expected a date written YYYY-MM-DD, got '2026-W10-1'" in result.stderr


def test_a_day_that_does_not_exist_is_told_so(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker(*SCRIPTED[:-2], "--planned-start", "2026-02-30", "--yes")
    assert result.exit_code == 2
    assert "--planned-start: there is no 2026-02-30: February 2026 has 28 days" in result.stderr
    tracker_repo.write(RECORD, VALID_RECORD.replace("planned_start: 2026-03-01", "planned_start: 2026-02-30"))
    diagnostic = only_diagnostic(tracker, RECORD)
    # The YAML reader refuses a day the calendar has not (another reader would
    # fail on it), at the value, in the same words.
    assert (diagnostic["line"], diagnostic["column"]) == (16, 16)
    assert diagnostic["message"] == "planned_start: there is no 2026-02-30: February 2026 has 28 days"


@pytest.mark.parametrize("written", ["2026-W10-1", "20260302", "'20260302'", "2026-03-02T00:00"])
def test_a_record_takes_only_yyyy_mm_dd_with_the_same_words(tracker_repo: TrackerRepo, tracker, written: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("planned_start: 2026-03-01", f"planned_start: {written}"))
    diagnostic = only_diagnostic(tracker, RECORD)
    assert diagnostic["code"] == "S403"
    shown = written if written == "20260302" else repr(written.strip("'"))
    assert diagnostic["message"] == f"planned_start: expected a date written YYYY-MM-DD, got {shown}"
    assert diagnostic["hint"] == "write it 2026-03-02"


def test_a_prompt_takes_only_yyyy_mm_dd(tracker_repo: TrackerRepo, tracker) -> None:
    answers = ["JPN", "", "AI skills", "A programme.", "B.i", "workshop", "", "2026-W10-1", "2026-02-30",
               "2026-03-02", "", "", "", "", "", "", "", "", "", "", "", "", "y"]
    result = tracker("add-activity", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert ("expected a date written YYYY-MM-DD, got '2026-W10-1' (did you mean 2026-03-02?) — please try again."
            in result.stdout)
    assert "there is no 2026-02-30: February 2026 has 28 days — please try again." in result.stdout
    assert "planned_start: 2026-03-02\n" in (tracker_repo.root / JPN / "jpn-2026-ai-skills.yaml").read_text()


def test_tracker_today_takes_only_yyyy_mm_dd(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-W49-3")
    result = tracker("validate")
    assert result.exit_code == 2
    assert "TRACKER_TODAY='2026-W49-3': expected a date written YYYY-MM-DD" in result.stderr
