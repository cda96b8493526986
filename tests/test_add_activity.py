"""`tracker add-activity`: what a contact types ends up as a valid, tidy record
in the right folder, or is refused with a message they can act on."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from apec_tracker._speed import no_store
from apec_tracker.authoring import new_record as author
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.reference import load_framework
from tests.conftest import TrackerRepo, git

JPN = "data/economies/JPN"
RECORD = f"{JPN}/jpn-2026-ai-skills-for-public-servants.yaml"
SCRIPTED = (
    "add-activity", "--economy", "JPN", "--title", "AI skills for public servants",
    "--summary", "A training programme on using AI tools in public services.",
    "--action", "B.i", "--action", "B.iii", "--type", "workshop", "--planned-start", "2026-03-01",
    "--co-sponsor", "ROK", "--co-sponsor", "VN", "--target-group", "public-sector-personnel",
)

EXPECTED_RECORD = """\
# yaml-language-server: $schema=../../../schema/activity.schema.json
id: jpn-2026-ai-skills-for-public-servants
title: AI skills for public servants
summary: A training programme on using AI tools in public services.
reporter: JPN
co_sponsors: [ROK, VN]
actions:
  - code: B.i
    role: principal
  - code: B.iii
    role: significant
activity_type: workshop
status: planned
planned_start: 2026-03-01
target_groups: [public-sector-personnel]
"""


def test_scripted_writes_a_tidy_record_that_validates(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker(*SCRIPTED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{RECORD}\n"
    assert "Not committed" in result.stderr
    assert (tracker_repo.root / RECORD).read_text(encoding="utf-8") == EXPECTED_RECORD
    assert tracker("validate").exit_code == 0


def test_same_title_twice_gets_the_next_id(tracker_repo: TrackerRepo, tracker) -> None:
    assert tracker(*SCRIPTED).exit_code == 0
    second = tracker(*SCRIPTED)
    assert second.exit_code == 0, second.stderr
    assert second.stdout == f"{JPN}/jpn-2026-ai-skills-for-public-servants-2.yaml\n"
    assert "id: jpn-2026-ai-skills-for-public-servants-2\n" in (tracker_repo.root / second.stdout.strip()).read_text()
    assert tracker("validate").exit_code == 0


def test_a_body_reports_an_apec_wide_record_in_its_own_folder(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("add-activity", "--body", "DAMM", "--host-economy", "ROK", "--title",
                     "Digital and AI Ministerial Meeting", "--summary", "Ministers adopted a statement.",
                     "--action", "A.iii", "--type", "ministerial", "--status", "completed",
                     "--actual-start", "2025-08-04", "--actual-end", "2025-08-04", "--partner-forum", "DESG")
    assert result.exit_code == 0, result.stderr
    path = "data/bodies/DAMM/damm-2025-digital-and-ai-ministerial.yaml"  # ids stop at 40 characters
    assert result.stdout == f"{path}\n"
    text = (tracker_repo.root / path).read_text(encoding="utf-8")
    assert "reporter: DAMM\nhost_economy: ROK\npartner_fora: [DESG]\n" in text
    assert tracker("validate", "--strict").exit_code == 0


def test_reporter_options_are_one_of_three_and_of_the_right_kind(tracker_repo: TrackerRepo, tracker) -> None:
    both = tracker(*SCRIPTED, "--body", "ABAC")
    assert both.exit_code == 2
    assert "give one of --economy, --forum and --body, not --economy and --body" in both.stderr
    wrong_kind = tracker("add-activity", "--forum", "ABAC", "--title", "x", "--summary", "y", "--action", "A.ii",
                         "--type", "meeting", "--yes")
    assert wrong_kind.exit_code == 2
    assert "--forum: ABAC is an APEC body; use --body ABAC" in wrong_kind.stderr


def test_an_economy_level_record_of_a_body_is_refused(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("add-activity", "--body", "ABAC", "--level", "economy", "--title", "AI report",
                     "--summary", "A report on AI.", "--action", "A.iii", "--type", "publication",
                     "--planned-start", "2026-05-01")
    assert result.exit_code == 1
    assert "--level: the record is economy-level, but ABAC is not an economy" in result.stderr
    assert not (tracker_repo.root / "data/bodies/ABAC").exists()


def test_missing_required_field_names_the_option(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("add-activity", "--yes", "--economy", "JPN", "--title", "AI skills")
    assert result.exit_code == 2
    assert result.stderr.startswith("tracker: error: missing --summary, --action, --type")
    assert not (tracker_repo.root / JPN).exists()


def test_unknown_code_in_an_option_is_explained(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker(*SCRIPTED[:-2], "--co-sponsor", "Korea", "--yes")
    assert result.exit_code == 0  # an economy's name is read as its code
    bad = tracker(*SCRIPTED, "--lead", "JPNN")
    assert bad.exit_code == 2
    assert "--lead: 'JPNN' is not an economy code: did you mean JPN?" in bad.stderr
    wrong_action = tracker(*SCRIPTED, "--action", "B.vii")
    assert wrong_action.exit_code == 2
    assert "--action: 'B.vii' is not an action of goal B: goal B has the actions B.i–B.v" in wrong_action.stderr


def test_a_vocabulary_term_may_be_given_by_the_name_the_prompt_shows(tracker_repo: TrackerRepo, tracker) -> None:
    # The prompt lists "public-sector-personnel  public sector personnel"; a contact
    # who types the words rather than the code is understood.
    result = tracker(*SCRIPTED[:-2], "--target-group", "public sector personnel", "--target-group", "workforce",
                     "--aider", "Inclusiveness", "--yes")
    assert result.exit_code == 0, result.stderr
    text = (tracker_repo.root / RECORD).read_text(encoding="utf-8")
    assert "target_groups: [public-sector-personnel, workforce]\n" in text
    assert "aider_focus_areas: [inclusiveness]\n" in text
    assert tracker("validate").exit_code == 0
    wrong = tracker(*SCRIPTED[:-2], "--target-group", "farmers", "--yes")
    assert wrong.exit_code == 2
    assert "--target-group: 'farmers' is not a target group" in wrong.stderr


def test_dry_run_prints_record_and_path_and_writes_nothing(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker(*SCRIPTED, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_RECORD
    assert f"would write {RECORD}" in result.stderr
    assert not (tracker_repo.root / RECORD).exists()


def test_from_file_yaml_or_json_with_options_on_top(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> None:
    partial = tmp_path / "draft.json"
    partial.write_text(json.dumps({
        "title": "AI skills for public servants", "reporter": "JPN",
        "summary": "A training programme on using AI tools in public services.",
        "actions": ["B.i", "B.iii"], "activity_type": "workshop", "planned_start": "2026-03-01",
        "co_sponsors": ["ROK", "VN"], "target_groups": ["public-sector-personnel"], "partners": [],
    }))
    result = tracker("add-activity", "--from", str(partial), "--yes")
    assert result.exit_code == 0, result.stderr
    assert (tracker_repo.root / RECORD).read_text() == EXPECTED_RECORD

    yaml_draft = tmp_path / "draft.yaml"
    yaml_draft.write_text("title: Another one\nreporter: DESG\nactivity_type: meeting\nactions: [A.iii]\n")
    result = tracker("add-activity", "--from", str(yaml_draft), "--summary", "A policy dialogue.",
                     "--status", "ongoing", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"data/fora/DESG/desg-{date.today().year}-another-one.yaml")


def test_from_file_with_unknown_field_or_code(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("titel: AI skills\n")
    result = tracker("add-activity", "--from", str(draft), "--yes")
    assert result.exit_code == 2
    assert "unknown field 'titel'" in result.stderr
    draft.write_text("partners: [ACBA]\n")
    result = tracker(*SCRIPTED, "--from", str(draft), "--yes")
    assert result.exit_code == 1
    assert "partners[0]: 'ACBA' is not a partner code (did you mean ABAC?)" in result.stderr


def test_record_failing_a_repository_rule_is_never_written(tracker_repo: TrackerRepo, tracker) -> None:
    # Another record already claims the project number: validate would refuse the pair.
    assert tracker(*SCRIPTED, "--project", "HRDWG_204_2023A").exit_code == 0
    result = tracker("add-activity", "--economy", "ROK", "--title", "Other", "--summary", "Other.",
                     "--action", "B.i", "--type", "project", "--project", "HRDWG_204_2023A")
    assert result.exit_code == 1
    assert "--project: the project HRDWG_204_2023A is also claimed by" in result.stderr
    assert not (tracker_repo.root / "data/economies/ROK").exists()


def test_commit_commits_just_that_file(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    tracker_repo.write("notes.txt", "staged but not ours\n")
    git(tracker_repo.root, "add", "notes.txt")
    for key in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(key, "Test")
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(key, "t@example.org")
    result = tracker(*SCRIPTED, "--commit")
    assert result.exit_code == 0, result.stderr
    assert "Committed as" in result.stderr
    assert git(tracker_repo.root, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "Add", "activity", "jpn-2026-ai-skills-for-public-servants", RECORD]
    assert git(tracker_repo.root, "diff", "--cached", "--name-only").strip() == "notes.txt"


# -- at a terminal ---------------------------------------------------------------


ANSWERS = [
    "Japon",  # not an economy: explained, asked again
    "JPN",
    "",  # level: as the reporter says (an economy's own initiative)
    "AI skills for public servants",
    "A training programme on using AI tools in public services.",
    "B.ix",  # not an action: asked again
    "b.iii, A.ii",
    "workshop",
    "",  # status: the default, planned
    "2026-03-01",
    "2026-01-01",  # before the start: asked again
    "2026-12-31",
    "",  # lead economies: the default, the reporter
    "ROK, VN",
    "",  # host economy: none
    "", "", "workforce", "", "", "", "", "",
    "y",
]


def test_interactive_flow_through_prompts(tracker_repo: TrackerRepo, tracker) -> None:
    result = tracker("add-activity", "--interactive", input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    out = result.stdout
    assert "The economy, forum or body (a ministerial, Leaders, ABAC, ...) that reports the activity" in out
    assert "AELM   APEC Economic Leaders' Meeting" in out
    assert "JPN Japan" in out and "HKC Hong Kong, China" in out and "DESG   Digital Economy Steering Group" in out
    assert "  B  Building AI Capacities at All Levels\n" in out
    assert "     B.iii  Workforce Capacity\n" in out
    assert "'Japon' is not an economy, APEC forum or body code: did you mean JPN (Japan)?" in out
    assert "'B.ix' is not an action of goal B: goal B has the actions B.i–B.v" in out
    assert "planned_end 2026-01-01 is before planned_start 2026-03-01 — please try again." in out
    assert "[planned]" in out
    assert f"The record, to be written to {JPN}/jpn-2026-ai-skills-for-public-servants.yaml:" in out
    text = (tracker_repo.root / RECORD).read_text()
    assert "lead_economies: [JPN]\nco_sponsors: [ROK, VN]\n" in text
    assert "actions:\n  - code: B.iii\n    role: principal\n  - code: A.ii\n    role: significant\n" in text
    assert "status: planned\nplanned_start: 2026-03-01\nplanned_end: 2026-12-31\ntarget_groups: [workforce]\n" in text
    assert tracker("validate").exit_code == 0


def test_interactive_answer_no_writes_nothing(tracker_repo: TrackerRepo, tracker) -> None:
    answers = [*ANSWERS[:-1], "n"]
    result = tracker("add-activity", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0
    assert "Nothing written." in result.stdout
    assert not (tracker_repo.root / JPN).exists()


def test_stopping_at_a_question_writes_nothing_and_is_not_a_data_problem(tracker_repo: TrackerRepo, tracker) -> None:
    # The input ends (Ctrl-D) in the middle of the questions; Ctrl-C is the same Abort.
    result = tracker("add-activity", "--interactive", input="\n".join(ANSWERS[:3]) + "\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == "tracker: stopped before the end of the questions; nothing was written"
    assert not (tracker_repo.root / JPN).exists()


def test_at_a_real_terminal_it_asks(tracker_repo: TrackerRepo) -> None:
    """Through a pseudo-terminal, without --interactive: stdin is a terminal."""
    from tests.terminal import run_at_terminal

    answers = [a for a in ANSWERS if a not in ("Japon", "B.ix", "2026-01-01")]
    output, code = run_at_terminal(
        [sys.executable, "-m", "apec_tracker", "--repo", str(tracker_repo.root), "add-activity"], answers)
    assert code == 0, output
    assert "Reporter:" in output and "Write it? [Y/n]:" in output
    assert (tracker_repo.root / RECORD).is_file()


# -- two contacts at the same moment ------------------------------------------------------


def test_two_concurrent_runs_with_the_same_title_write_two_files(tracker_repo: TrackerRepo) -> None:
    command = [sys.executable, "-m", "apec_tracker", "--repo", str(tracker_repo.root), *SCRIPTED, "--yes"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    written = sorted(stdout.strip() for stdout, _ in results)
    assert written == sorted([RECORD, f"{JPN}/jpn-2026-ai-skills-for-public-servants-2.yaml"])
    assert sorted(p.name for p in (tracker_repo.root / JPN).iterdir()) == [
        "jpn-2026-ai-skills-for-public-servants-2.yaml", "jpn-2026-ai-skills-for-public-servants.yaml"]


def test_an_id_taken_between_check_and_write_moves_to_the_next(tracker_repo: TrackerRepo, monkeypatch) -> None:
    """The race itself, made certain: the check sees an empty repository, the
    file is there when the write comes; link() refuses and the next id is used."""
    repo = Repository(tracker_repo.root)
    framework = load_framework(repo.reference_dir)
    store = no_store()
    draft = author.Draft({"reporter": "JPN", "title": "AI skills for public servants", "summary": "S.",
                          "actions": [{"code": "B.i", "role": "principal"}], "activity_type": "workshop",
                          "status": "planned", "planned_start": "2026-03-01"})
    first = author.create(repo, framework, draft, today=date(2027, 1, 1), store=store)
    monkeypatch.setattr(author, "ids_in_use", lambda *_: set())  # the check saw none taken
    second = author.create(repo, framework, draft, today=date(2027, 1, 1), store=store)
    assert first.activity.id == "jpn-2026-ai-skills-for-public-servants"
    assert second.activity.id == "jpn-2026-ai-skills-for-public-servants-2"
    assert first.path.read_text() != second.path.read_text()


def test_ids_are_readable_and_stable() -> None:
    assert author.base_id("JPN", 2026, "AI Skills for Public Servants!") == "jpn-2026-ai-skills-for-public-servants"
    assert author.base_id("HKC", 2027, "Séminaire sur l’IA") == "hkc-2027-seminaire-sur-l-ia"
    assert author.base_id("PRC", 2026, "人工智能") == "prc-2026-activity"
    long_id = author.base_id("DESG", 2026, "word " * 40)
    assert len(long_id) <= author.MAX_ID_LENGTH and not long_id.endswith("-")
    assert author.free_id("a-2026-x", {"a-2026-x", "a-2026-x-2"}) == "a-2026-x-3"


# -- each answer checked when it is given -------------------------------------------------


def test_an_answer_validation_refuses_is_asked_again_at_once(tracker_repo: TrackerRepo, tracker,
                                                             monkeypatch) -> None:
    """The checks of `tracker validate` run on each answer: an actual start
    still to come is refused at its question, not after the last one."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    answers = ["JPN", "", "AI skills", "A programme.", "B.i", "workshop", "ongoing", "", "",
               "2027-01-05",  # actual start: still to come
               "2026-03-15", "", "", "", "", "", "", "", "", "", "", "", "", "y"]
    result = tracker("add-activity", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    said = ("actual_start 2027-01-05 is in the future (a date still to come is planned: use planned_start) — "
            "please try again.\nActual start (Enter to skip): 2026-03-15\n")
    assert said in result.stdout
    text = (tracker_repo.root / JPN / "jpn-2026-ai-skills.yaml").read_text()
    assert "title: AI skills\n" in text and "actual_start: 2026-03-15\n" in text


def test_a_status_the_given_dates_contradict_is_refused_at_its_question(tracker_repo: TrackerRepo, tracker,
                                                                        monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    answers = ["JPN", "", "AI skills", "A programme.", "B.i", "workshop", "planned", "ongoing", "", "", "", "", "",
               "", "", "", "", "", "", "", "", "y"]
    result = tracker("add-activity", "--actual-start", "2026-03-15", "--interactive",
                     input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert ("the status is planned but the activity started on 2026-03-15 (set the status to ongoing) — please try "
            "again.") in result.stdout
    assert "status: ongoing\n" in (tracker_repo.root / JPN / "jpn-2026-ai-skills.yaml").read_text()


def test_an_option_validation_refuses_is_said_first_and_asked(tracker_repo: TrackerRepo, tracker,
                                                               monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    # Asked: the level, the planned end, the actual start again, eleven optional fields; then "Write it?".
    answers = ["", "", "2026-03-15", *[""] * 11, "y"]
    result = tracker(*SCRIPTED, "--status", "ongoing", "--actual-start", "2027-05-01", "--interactive",
                     input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--actual-start: actual_start 2027-05-01 is in the future (a date still to come "
                                    "is planned: use planned_start) — it is asked again below.\n")
    assert "actual_start: 2026-03-15\n" in (tracker_repo.root / RECORD).read_text()


def test_without_a_terminal_a_refused_option_is_named_as_at_the_prompt(tracker_repo: TrackerRepo, tracker,
                                                                       monkeypatch) -> None:
    """The file was never written: its line numbers would point nowhere."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    result = tracker(*SCRIPTED, "--status", "ongoing", "--actual-start", "2027-05-01", "--yes")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  --actual-start: actual_start 2027-05-01 is in the future (a date still to come is planned: use "
        "planned_start)"]
    assert not (tracker_repo.root / "data/economies/JPN").exists() or not any(
        (tracker_repo.root / "data/economies/JPN").iterdir())


def test_a_rule_across_records_asks_again_only_the_field_it_concerns(tracker_repo: TrackerRepo, tracker) -> None:
    """Only at the end can the project number be seen to be another record's:
    that question is asked again, and every other answer is kept."""
    assert tracker("add-activity", "--economy", "ROK", "--title", "Other", "--summary", "Other.", "--action", "B.i",
                   "--type", "project", "--project", "HRDWG_204_2023A", "--planned-start", "2026-01-01",
                   "--yes").exit_code == 0
    answers = ["JPN", "", "AI skills", "A programme.", "B.i", "workshop", "", "2026-03-01", *[""] * 8,
               "HRDWG_204_2023A", *[""] * 4,
               "",  # the project number, asked again: none
               "y"]
    result = tracker("add-activity", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "R510 the project HRDWG_204_2023A is also claimed by data/economies/ROK/" in result.stdout
    assert "Validation refuses the record for this; that answer is asked again." in result.stdout
    text = (tracker_repo.root / JPN / "jpn-2026-ai-skills.yaml").read_text()
    assert "apec_project" not in text and "summary: A programme.\n" in text


# -- warnings before anything is written -------------------------------------------------


def test_every_warning_is_shown_before_the_question(tracker_repo: TrackerRepo, tracker) -> None:
    answers = [*[""] * 11, "n"]  # the level, the status, the planned end, eight optional fields; then "Write it?"
    result = tracker(*SCRIPTED, "--lead", "JPN", "--co-sponsor", "JPN", "--interactive",
                     input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    warning = "R511 JPN listed as both lead and co-sponsor"
    assert warning in result.output
    assert result.output.index(warning) < result.output.index("Write it? [Y/n]:")
    assert "Nothing written." in result.stdout and not (tracker_repo.root / JPN).exists()
    dry = tracker(*SCRIPTED, "--lead", "JPN", "--co-sponsor", "JPN", "--dry-run")
    assert warning in dry.stderr


# -- the same activity added twice -------------------------------------------------------


def test_the_same_add_activity_twice_is_not_written_without_a_word(tracker_repo: TrackerRepo, tracker) -> None:
    assert tracker(*SCRIPTED, "--yes").exit_code == 0
    second = tracker(*SCRIPTED, "--yes")
    assert second.exit_code == 0  # a warning, as validate gives: two activities may share a name
    assert second.stderr.startswith(
        f"warning: {JPN}/jpn-2026-ai-skills-for-public-servants-2.yaml:3:8: R513 {RECORD} is also an activity of "
        "JPN with this title, starting in 2026")
    assert second.output.index("R513") < second.output.index("-2.yaml\n")


# -- ids -------------------------------------------------------------------------------


def test_ids_are_short_and_stay_unique(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    title = "Capacity building workshop on the responsible adoption of artificial intelligence by MSMEs"
    command = ("add-activity", "--forum", "SMEWG", "--title", title, "--summary", "A workshop.", "--action", "B.ii",
               "--type", "workshop", "--planned-start", "2026-05-01", "--yes")
    written = [tracker(*command).stdout.strip() for _ in range(3)]
    ids = [Path(path).stem for path in written]
    assert ids == ["smewg-2026-capacity-building-workshop", "smewg-2026-capacity-building-workshop-2",
                   "smewg-2026-capacity-building-workshop-3"]
    assert all(len(record_id) <= author.MAX_ID_LENGTH for record_id in ids)
    # Beside a short id, the title column has room for words, not a word a line.
    listed = tracker("list", "--forum", "SMEWG").stdout.splitlines()
    first_row = next(line for line in listed if line.startswith(ids[0] + " "))
    assert "Capacity building workshop" in first_row


def test_an_id_never_runs_past_the_limit() -> None:
    for title in ("word " * 40, "Supercalifragilisticexpialidociousandevenmorelettershere", "AI"):
        base = author.base_id("PPSTI", 2026, title)
        taken = {base}
        for _ in range(11):
            taken.add(author.free_id(base, taken))
        assert len(taken) == 12
        assert all(len(record_id) <= author.MAX_ID_LENGTH for record_id in taken), taken
