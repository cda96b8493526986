"""The first promises of `tracker validate`: a valid record passes, a broken one
is reported at its position, and exit codes say which happened."""

from __future__ import annotations

import json

from tests.conftest import TrackerRepo

RECORD_PATH = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def test_valid_record_passes(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record)
    result = tracker("validate")
    assert result.exit_code == 0, result.stdout
    assert "All 1 file valid." in result.stdout


def test_unknown_economy_reported_with_position_and_hint(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "S404"
    assert (diagnostic["path"], diagnostic["line"], diagnostic["column"]) == (RECORD_PATH, 7, 15)
    assert "did you mean ROK" in diagnostic["hint"]


def test_a_misspelt_field_is_one_error_at_the_key_typed(tracker_repo: TrackerRepo, tracker,
                                                        valid_record: str) -> None:
    """`titel:` is one mistake: told at that key, with the field meant; not also as
    "required field 'title' missing" at the top of the record."""
    tracker_repo.write(RECORD_PATH, valid_record.replace("title:", "titel:").replace("narrative:", "narative:"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    told = [(d["code"], d["line"], d["column"], d["message"], d["hint"])
            for d in json.loads(result.stdout)["diagnostics"]]
    assert told == [
        ("S401", 2, 1, "unknown field 'titel'", "did you mean title, a required field?"),
        ("S401", 24, 5, "unknown field 'narative' in progress[0]",
         "did you mean narrative, a required field?"),
    ]


def test_an_unknown_field_unlike_the_missing_one_leaves_both_told(tracker_repo: TrackerRepo, tracker,
                                                                  valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("title: AI skills for public servants\n", "country: JP\n"))
    result = tracker("validate", "--format", "json")
    assert sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"]) == ["S401", "S402"]


def test_outside_a_tracker_repository_is_misuse(tmp_path, tracker) -> None:
    result = tracker("validate", repo=tmp_path)
    assert result.exit_code == 2
    assert "not inside a tracker repository" in result.stderr


def test_an_impossible_date_says_what_is_off(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("planned_end: 2027-12-31", "planned_end: 2027-13-01"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("Y313", 17, 14)
    assert diagnostic["message"] == "planned_end: there is no 2027-13-01: months run from 01 to 12"
    assert "YYYY-MM-DD" in diagnostic["hint"]
    # The same date in quotes is text, and the schema's check says it in the same words.
    tracker_repo.write(RECORD_PATH, valid_record.replace("planned_end: 2027-12-31", 'planned_end: "2027-13-01"'))
    [quoted] = json.loads(tracker("validate", "--format", "json").stdout)["diagnostics"]
    assert (quoted["code"], quoted["message"]) == ("S403", diagnostic["message"])


def test_a_list_written_without_brackets_is_told_how_to_write_it(
    tracker_repo: TrackerRepo, tracker, valid_record: str
) -> None:
    tracker_repo.write(RECORD_PATH, valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: ROK, VN"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"]) == ("S403", 7)
    assert diagnostic["message"] == "co_sponsors: expected a list, got 'ROK, VN'"
    assert diagnostic["hint"] == "write a list in square brackets, e.g. [ROK, VN], even for one item"


def _only_diagnostic(tracker_repo: TrackerRepo, tracker, text: str) -> dict:  # type: ignore[no-untyped-def]
    tracker_repo.write(RECORD_PATH, text)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    return diagnostic  # type: ignore[no-any-return]


def test_a_number_written_with_quotes_unit_or_currency_says_which_number(
    tracker_repo: TrackerRepo, tracker, valid_record: str
) -> None:
    funded = valid_record.rstrip("\n") + "\nfunding:\n  source: self-funded\n  amount_usd: $50,000\n"
    diagnostic = _only_diagnostic(tracker_repo, tracker, funded)
    assert diagnostic["message"] == "funding.amount_usd: expected a number, got '$50,000'"
    assert diagnostic["hint"].endswith("thousands separator: 50000")
    entry = valid_record.replace("  - year: 2026", '  - year: "2026"')
    diagnostic = _only_diagnostic(tracker_repo, tracker, entry)
    assert diagnostic["message"] == "progress[0].year: expected a whole number, got '2026'"
    assert diagnostic["hint"].endswith(": 2026")


def test_text_lost_to_a_comment_sign_is_explained(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    lost = valid_record.replace("summary: >-\n  A training programme on using AI tools in public services.",
                                "summary: #1 training programme on using AI tools in public services.")
    diagnostic = _only_diagnostic(tracker_repo, tracker, lost)
    assert diagnostic["message"] == "summary: expected text, found nothing"
    assert "must be put in quotes" in diagnostic["hint"]


def test_indentation_of_non_breaking_spaces_is_named(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    pasted = valid_record.replace("    role: significant", "\u00a0\u00a0\u00a0\u00a0role: significant")
    tracker_repo.write(RECORD_PATH, pasted)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["message"], diagnostic["hint"]) == (
        "Y301", "invisible non-breaking spaces around 'role' (copied from a document?)",
        "delete the indentation and type it again with ordinary spaces")
