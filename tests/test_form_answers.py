"""`tracker add-activity --from-issue` and `tracker progress --from-issue`: a
submitted issue form, as GitHub renders it in the issue, becomes a record by
the same path as prompts and options, or is refused with every problem named by
the form's question."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apec_tracker.authoring.form_answers import NO_RESPONSE, chosen, read_answers
from apec_tracker.authoring.forms import activity_form
from apec_tracker.reading.reference import load_framework
from tests.conftest import REFERENCE, TrackerRepo

BODIES = Path(__file__).parent / "issue_bodies"
# GitHub writes a submitted form as below; tests/issue_bodies/ hold whole ones.
ACTIVITY_BODY = (BODIES / "new-activity.md").read_text(encoding="utf-8")
PROGRESS_BODY = (BODIES / "progress.md").read_text(encoding="utf-8")
RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
FRAMEWORK = load_framework(REFERENCE)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")


def answer(body: str, label: str, text: str) -> str:
    """The body with the answer to ``label`` replaced."""
    head, heading, rest = body.partition(f"### {label}\n\n")
    assert heading, label
    _, separator, after = rest.partition("\n\n### ")
    return f"{head}{heading}{text}{separator}{after}"


def issue(tmp_path: Path, body: str, name: str = "issue.md") -> str:
    path = tmp_path / name
    path.write_bytes(body.encode("utf-8"))
    return str(path)


# -- a new activity ---------------------------------------------------------------------


def test_a_submitted_form_makes_the_record_the_options_make(tracker, tracker_repo: TrackerRepo,
                                                             tmp_path: Path) -> None:
    from_options = tracker(
        "add-activity", "--economy", "JPN", "--title", "AI skills for public servants",
        "--summary", "A training programme on using AI tools in public services.",
        "--action", "B.i", "--action", "A.ii", "--action", "B.iii", "--type", "workshop", "--status", "ongoing",
        "--planned-start", "2026-03-01", "--planned-end", "2027-12-31", "--actual-start", "2026-03-15",
        "--lead", "JPN", "--co-sponsor", "HKC", "--co-sponsor", "ROK", "--co-sponsor", "VN",
        "--partner-forum", "PPSTI", "--partner", "ABAC", "--target-group", "public-sector-personnel",
        "--aider", "innovation-adoption", "--funding-source", "self-funded",
        "--link", "https://www.apec.org/press/news-releases/2026/ai-skills",
        "--link", "https://www.digital.go.jp/en/ai-skills?lang=en,ja", "--dry-run", "--yes",
    )
    assert from_options.exit_code == 0, from_options.stderr
    from_issue = tracker("add-activity", "--from-issue", issue(tmp_path, ACTIVITY_BODY), "--dry-run")
    assert from_issue.exit_code == 0, from_issue.stderr
    assert from_issue.stdout == from_options.stdout
    assert f"would write {RECORD}" in from_issue.stderr

    written = tracker("add-activity", "--from-issue", issue(tmp_path, ACTIVITY_BODY))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == f"{RECORD}\n"
    text = (tracker_repo.root / RECORD).read_text(encoding="utf-8")
    # Several actions, the principal one first; "Hong Kong, China" is one economy;
    # a comma inside an address stays in it; empty answers leave their fields out.
    assert "  - code: B.i\n    role: principal\n  - code: A.ii\n    role: significant\n" in text
    assert "co_sponsors: [HKC, ROK, VN]" in text
    assert "  - https://www.digital.go.jp/en/ai-skills?lang=en,ja\n" in text
    for field in ("actual_end", "apec_project", "shares_project_with", "amount_usd", "sources"):
        assert field not in text
    assert tracker("validate").exit_code == 0


def test_same_ids_as_every_other_way(tracker, tmp_path: Path) -> None:
    """A second activity of the same title gets the next free id, as at the prompt."""
    first = tracker("add-activity", "--from-issue", issue(tmp_path, ACTIVITY_BODY))
    second = tracker("add-activity", "--from-issue", issue(tmp_path, ACTIVITY_BODY))
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == RECORD.replace(".yaml", "-2.yaml") + "\n"


def test_empty_optional_answers_and_a_body_edited_in_the_browser(tracker, tracker_repo: TrackerRepo,
                                                                  tmp_path: Path) -> None:
    """Every optional question left empty, and the line breaks a browser sends
    when the issue is edited (CR LF)."""
    body = ACTIVITY_BODY
    for label in ("Other actions", "Planned start", "Planned end", "Actual start", "Lead economies",
                  "Co-sponsoring economies", "Partner fora", "Other partners", "Target groups", "AIDER focus areas",
                  "Funding source", "Links"):
        body = answer(body, label, NO_RESPONSE)
    body = answer(body, "Status", "planned")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body.replace("\n", "\r\n")))
    assert result.exit_code == 0, result.stderr
    text = (tracker_repo.root / RECORD).read_text(encoding="utf-8")
    assert text.splitlines()[1:] == [
        "id: jpn-2026-ai-skills-for-public-servants",
        "title: AI skills for public servants",
        "summary: A training programme on using AI tools in public services.",
        "reporter: JPN",
        "actions:",
        "  - code: B.i",
        "    role: principal",
        "activity_type: workshop",
        "status: planned",
    ]


def test_a_bad_date_is_refused_by_its_question_and_nothing_is_written(tracker, tracker_repo: TrackerRepo,
                                                                       tmp_path: Path) -> None:
    body = answer(ACTIVITY_BODY, "Planned start", "2026-02-30")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
    assert result.exit_code == 1
    assert result.stderr == (
        "tracker: error: the answers in the issue cannot make a record; nothing was written:\n"
        "  Planned start: there is no 2026-02-30: February 2026 has 28 days\n")
    assert not (tracker_repo.root / "data/economies/JPN").exists()


def test_every_problem_at_once_in_the_forms_order(tracker, tmp_path: Path) -> None:
    body = answer(ACTIVITY_BODY, "Title", NO_RESPONSE)
    body = answer(body, "Other actions", "B.i Public Sector Capacity, D.i Something")
    body = answer(body, "Planned end", "2025-12-31")
    body = answer(body, "Actual start", "2027-01-15")
    body = answer(body, "Co-sponsoring economies", "Korea, Atlantis")
    body = answer(body, "Funding (USD)", "a lot")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == [
        "Title", "Other actions", "Planned end", "Actual start", "Co-sponsoring economies", "Funding (USD)"]
    assert "Title: this question needs an answer" in result.stderr
    assert "Planned end: 2025-12-31 is before “Planned start” 2026-03-01" in result.stderr
    assert "Actual start: 2027-01-15 is in the future (a date still to come is planned: use “Planned start”)" in (
        result.stderr)
    assert "'Atlantis' is not an economy code" in result.stderr


def test_problems_validation_finds_are_named_by_the_question_not_the_field(tracker, tracker_repo: TrackerRepo,
                                                                            tmp_path: Path) -> None:
    # Answers that contradict one another: told at the answer that brings the
    # contradiction, as a prompt would tell it.
    body = answer(ACTIVITY_BODY, "Status", "planned")
    body = answer(body, "Actual end", "2026-04-01")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
    assert result.exit_code == 1
    assert ("  Actual end: the status is planned but the activity ended on 2026-04-01 (set the status to "
            "completed, or remove “Actual end”)\n") in result.stderr
    assert "actual_end" not in result.stderr and "actual_start" not in result.stderr

    # What only the whole repository shows (another record claims the project):
    # named by the question whose answer is on the line validation points at.
    assert tracker("add-activity", "--economy", "ROK", "--title", "Other", "--summary", "Other.", "--action", "B.i",
                   "--type", "project", "--project", "HRDWG_204_2023A", "--planned-start", "2026-01-01",
                   "--yes").exit_code == 0
    claimed = answer(ACTIVITY_BODY, "APEC project number", "HRDWG_204_2023A")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, claimed))
    assert result.exit_code == 1
    assert "  APEC project number: the project HRDWG_204_2023A is also claimed by data/economies/ROK/" in result.stderr
    assert "[R510]" in result.stderr and "apec_project" not in result.stderr

    funded = answer(ACTIVITY_BODY, "Funding source", NO_RESPONSE)
    funded = answer(funded, "Funding (USD)", "50,000")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, funded))
    assert result.exit_code == 1
    assert "  Funding source: this question needs an answer\n" in result.stderr


def test_the_principal_action_cannot_be_left_to_the_others(tracker, tmp_path: Path) -> None:
    body = answer(ACTIVITY_BODY, "Principal action", NO_RESPONSE)
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == ["  Principal action: this question needs an answer"]


def test_a_question_removed_from_the_issue_or_another_issue_altogether(tracker, tmp_path: Path) -> None:
    without_title = ACTIVITY_BODY.replace("### Title\n\nAI skills for public servants\n\n", "")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, without_title))
    assert result.exit_code == 1
    assert "Title: this question needs an answer, and its heading “### Title” is not in the issue" in result.stderr

    for body in ("Please add our workshop on AI.", PROGRESS_BODY):
        result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
        assert result.exit_code == 1
        assert "the issue holds none of the questions of the form “New activity”" in result.stderr
        assert "cannot make a record" in result.stderr
    progress = tracker("progress", "--from-issue", issue(tmp_path, "Please note our progress."))
    assert progress.exit_code == 1
    assert progress.stderr.startswith("tracker: error: the answers in the issue cannot update the record;")
    assert "the issue holds none of the questions of the form “Progress for a year”" in progress.stderr


def test_from_issue_takes_every_answer_from_the_issue(tracker, tmp_path: Path) -> None:
    result = tracker("add-activity", "--from-issue", issue(tmp_path, ACTIVITY_BODY), "--economy", "ROK")
    assert result.exit_code == 2
    assert "--from-issue takes every answer from the issue" in result.stderr
    missing = tracker("add-activity", "--from-issue", str(tmp_path / "nowhere.md"))
    assert missing.exit_code == 2
    assert "cannot read it" in missing.stderr
    huge = tracker("add-activity", "--from-issue", issue(tmp_path, "### Title\n\n" + "x" * (1 << 20)))
    assert huge.exit_code == 2
    assert "larger than an issue can be" in huge.stderr


def test_a_heading_inside_an_answer_is_part_of_the_answer(tracker, tracker_repo: TrackerRepo,
                                                           tmp_path: Path) -> None:
    body = answer(ACTIVITY_BODY, "Summary", "A training programme.\n\n### Why\n\nPublic services need AI skills.")
    result = tracker("add-activity", "--from-issue", issue(tmp_path, body))
    assert result.exit_code == 0, result.stderr
    from apec_tracker.reading.record_yaml import parse

    record = parse((tracker_repo.root / RECORD).read_text(encoding="utf-8"))
    assert record["summary"] == "A training programme.\n\n### Why\n\nPublic services need AI skills."


MULTIPLE = [question for question in activity_form(FRAMEWORK).questions if question.multiple]


@given(st.sampled_from(MULTIPLE).flatmap(
    lambda question: st.tuples(st.just(question), st.lists(st.sampled_from(question.choices), unique=True,
                                                           min_size=1))))
def test_chosen_options_read_back_though_they_hold_commas(drawn) -> None:  # type: ignore[no-untyped-def]
    """GitHub joins the options chosen with ", ", which "Hong Kong, China" and
    "Policy Partnership on Science, Technology and Innovation" hold too."""
    question, choices = drawn
    labels = [choice.label for choice in choices]
    assert chosen(question, ", ".join(labels)) == labels


def test_read_answers_knows_no_response_and_none() -> None:
    form = activity_form(FRAMEWORK)
    body = answer(answer(ACTIVITY_BODY, "Lead economies", "None"), "Title", NO_RESPONSE)
    given = read_answers("Intro text before the first question.\n\n" + body, form)
    assert given["lead_economies"] is None and given["title"] is None
    assert given["reporter"] == "Japan"
    assert "sources" in given and given["sources"] is None


# -- a year's progress ------------------------------------------------------------------


@pytest.fixture
def recorded(tracker_repo: TrackerRepo, valid_record: str) -> TrackerRepo:
    record = valid_record.split("progress:")[0]
    tracker_repo.write(RECORD, record)
    tracker_repo.commit("a record")
    return tracker_repo


def test_a_submitted_progress_form_updates_its_record_as_progress_does(tracker, recorded: TrackerRepo,
                                                                        tmp_path: Path) -> None:
    from_options = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026",
                           "--narrative", "Two workshops held in Tokyo; 120 officials trained.\n\nA third is planned "
                           "for March.", "--indicator", "officials trained=120",
                           "--indicator", "women among participants=45", "--dry-run", "--yes")
    assert from_options.exit_code == 0, from_options.stderr
    from_issue = tracker("progress", "--from-issue", issue(tmp_path, PROGRESS_BODY), "--dry-run")
    assert from_issue.exit_code == 0, from_issue.stderr
    assert from_issue.stdout == from_options.stdout

    written = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--from-issue",
                      issue(tmp_path, PROGRESS_BODY))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == f"{RECORD}\n"
    assert "Two workshops held in Tokyo" in (recorded.root / RECORD).read_text(encoding="utf-8")
    again = tracker("progress", "--from-issue", issue(tmp_path, PROGRESS_BODY))
    assert again.exit_code == 0
    assert again.stdout == "" and "nothing to change" in again.stderr


def test_a_warning_on_the_record_a_form_makes_is_named_by_the_question(tracker, recorded: TrackerRepo,
                                                                        tmp_path: Path) -> None:
    """The warnings go into the pull request the contact reads: in the form's
    words, as its problems are, not as lines and columns of a YAML file."""
    body = answer(PROGRESS_BODY, "Indicators", "pilot sites=3")
    result = tracker("progress", "--from-issue", issue(tmp_path, body), "--dry-run")
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warning.startswith("warning: Indicators: the indicator 'pilot sites' is not a standard indicator")
    assert warning.endswith("[I802]") and ".yaml:" not in warning


def test_paragraphs_of_an_answer_stay_paragraphs_as_with_the_option(tracker, recorded: TrackerRepo,
                                                                   tmp_path: Path) -> None:
    """A browser's text box breaks lines as it likes; a blank line between two
    paragraphs is the writer's, and the record keeps it, as `--narrative` does."""
    typed = "Two workshops held\nin Tokyo.\r\n\r\n  A third is planned\nfor March."
    body = answer(PROGRESS_BODY, "What happened", typed)
    from_issue = tracker("progress", "--from-issue", issue(tmp_path, body), "--dry-run")
    assert from_issue.exit_code == 0, from_issue.stderr
    from_options = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026",
                           "--narrative", "Two workshops held in Tokyo.\n\nA third is planned for March.",
                           "--indicator", "officials trained=120", "--indicator", "women among participants=45",
                           "--dry-run", "--yes")
    assert from_options.exit_code == 0, from_options.stderr
    assert from_issue.stdout == from_options.stdout
    assert "A third is planned for March." in from_issue.stdout


def test_the_record_may_be_given_by_its_address(tracker, recorded: TrackerRepo, tmp_path: Path) -> None:
    address = f"https://github.com/apec/records/blob/main/{RECORD}"
    body = answer(PROGRESS_BODY, "Record id", address)
    body = answer(body, "Actual end date", "2026-11-20")
    result = tracker("progress", "--from-issue", issue(tmp_path, body), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "+actual_end: 2026-11-20" in result.stdout and "+    status: completed" in result.stdout


def test_progress_problems_are_named_by_the_question(tracker, recorded: TrackerRepo, tmp_path: Path) -> None:
    future = answer(PROGRESS_BODY, "Reporting year", "2027")
    result = tracker("progress", "--from-issue", issue(tmp_path, future))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "tracker: error: the answers in the issue cannot update the record; nothing was written:",
        "  Reporting year: progress for 2027 is reported before that year has begun [R507]"]

    bad = answer(PROGRESS_BODY, "Actual end date", "20 November")
    bad = answer(bad, "Status at the end of the year", "ongoing")
    bad = answer(bad, "Indicators", "officials trained: 120")
    bad = answer(bad, "What happened", NO_RESPONSE)
    result = tracker("progress", "--from-issue", issue(tmp_path, bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  What happened: this question needs an answer",
        "  Indicators: 'officials trained: 120' is not ID=VALUE (a standard indicator's id, or the name of one of "
        "the activity's own), e.g. 'officials-trained=120'",
        "  Actual end date: expected a date written YYYY-MM-DD, got '20 November'"]

    closing = answer(PROGRESS_BODY, "Actual end date", "2026-11-20")
    closing = answer(closing, "Status at the end of the year", "ongoing")
    result = tracker("progress", "--from-issue", issue(tmp_path, closing))
    assert result.exit_code == 1
    assert ("  Status at the end of the year: an activity with an actual end date is completed, not ongoing"
            in result.stderr)

    unknown = answer(PROGRESS_BODY, "Record id", "jpn-2026-ai-skills-for-public-servant")
    result = tracker("progress", "--from-issue", issue(tmp_path, unknown))
    assert result.exit_code == 1
    assert "  Record id: no record has the id 'jpn-2026-ai-skills-for-public-servant'" in result.stderr
    assert "did you mean jpn-2026-ai-skills-for-public-servants?" in result.stderr
    assert "progress:" not in (recorded.root / RECORD).read_text(encoding="utf-8")


def test_a_standard_indicators_question_gives_its_value_by_id_as_the_option_does(tracker, recorded: TrackerRepo,
                                                                                  tmp_path: Path) -> None:
    narrative = "Two workshops held in Tokyo; 120 officials trained.\n\nA third is planned for March."
    from_options = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026", "--narrative",
                           narrative, "--indicator", "pilot sites=3", "--indicator", "participants-trained=140",
                           "--indicator", "officials-trained=120", "--dry-run", "--yes")
    assert from_options.exit_code == 0, from_options.stderr
    body = answer(PROGRESS_BODY, "Indicators", "pilot sites=3")
    body = answer(body, "Participants trained (people)", "140")
    body = answer(body, "Public officials trained (people)", " 120 ")
    from_issue = tracker("progress", "--from-issue", issue(tmp_path, body), "--dry-run")
    assert from_issue.exit_code == 0, from_issue.stderr
    assert from_issue.stdout == from_options.stdout
    assert ("+      - id: participants-trained\n+        value: 140\n"
            "+      - id: officials-trained\n+        value: 120\n") in from_issue.stdout


def test_a_name_the_record_gives_its_own_indicator_keeps_meaning_that_one(tracker, recorded: TrackerRepo,
                                                                          tmp_path: Path) -> None:
    """As at the prompt: "officials trained" is the record's own indicator, not
    the standard officials-trained, when the record already names one so."""
    text = (recorded.root / RECORD).read_text(encoding="utf-8")
    (recorded.root / RECORD).write_text(text + """\
progress:
  - year: 2025
    status: ongoing
    narrative: Planning.
    indicators:
      - name: officials trained
        unit: people
        baseline: 0
        target: 400
        value: 0
""", encoding="utf-8")
    from_options = tracker("progress", "jpn-2026-ai-skills-for-public-servants", "--year", "2026", "--narrative",
                           "Two workshops held in Tokyo; 120 officials trained.\n\nA third is planned for March.",
                           "--indicator", "officials trained=120", "--indicator", "women among participants=45",
                           "--dry-run", "--yes")
    assert from_options.exit_code == 0, from_options.stderr
    from_issue = tracker("progress", "--from-issue", issue(tmp_path, PROGRESS_BODY), "--dry-run")
    assert from_issue.exit_code == 0, from_issue.stderr
    assert from_issue.stdout == from_options.stdout
    assert "+      - name: officials trained\n+        unit: people\n" in from_issue.stdout


def test_a_standard_indicators_answer_is_checked_and_named_by_its_question(tracker, recorded: TrackerRepo,
                                                                          tmp_path: Path) -> None:
    bad = answer(PROGRESS_BODY, "Share of women among participants (percent)", "105")
    bad = answer(bad, "Participants trained (people)", "140")
    bad = answer(bad, "Indicators", "participants-trained=150")
    result = tracker("progress", "--from-issue", issue(tmp_path, bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  Participants trained (people): 'Participants trained' is given twice: give its value once",
        "  Share of women among participants (percent): 105 is more than its maximum, 100: women-share takes "
        "values from 0 to 100"]

    # What only validation sees, across two answers, is named by the question of the indicator it is on.
    larger = answer(PROGRESS_BODY, "Indicators", "pilot sites=3")
    larger = answer(larger, "Participants trained (people)", "40")
    larger = answer(larger, "Women among participants trained (people)", "60")
    result = tracker("progress", "--from-issue", issue(tmp_path, larger))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()[1:]
    assert len(problems) == 1 and problems[0].startswith("  Women among participants trained (people): ")
    assert problems[0].endswith("[I805]")
    assert "progress:" not in (recorded.root / RECORD).read_text(encoding="utf-8")


def test_progress_from_issue_takes_every_answer_from_the_issue(tracker, recorded: TrackerRepo,
                                                               tmp_path: Path) -> None:
    other = tracker("progress", "another-record", "--from-issue", issue(tmp_path, PROGRESS_BODY))
    assert other.exit_code == 2
    assert "the issue is about the record jpn-2026-ai-skills-for-public-servants, not another-record" in other.stderr
    options = tracker("progress", "--from-issue", issue(tmp_path, PROGRESS_BODY), "--year", "2026")
    assert options.exit_code == 2
    nothing = tracker("progress", "--yes")
    assert nothing.exit_code == 2
    assert "missing ID" in nothing.stderr
