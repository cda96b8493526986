"""One meaning for a record file: what was once read one way by validation and
another way by the writer, or by another YAML reader, is now refused where it
stands, with its line and column, and no command acts on it.

Each test is a reproduction of a file that used to mean two things."""

from __future__ import annotations

import json

import pytest

from tests.conftest import VALID_RECORD, TrackerRepo

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
ID = "jpn-2026-ai-skills-for-public-servants"


def diagnostics(tracker) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = tracker("validate", "--format", "json")
    return json.loads(result.stdout)["diagnostics"]  # type: ignore[no-any-return]


def at(diagnostic: dict[str, object]) -> tuple[object, object, object]:
    return diagnostic["code"], diagnostic["line"], diagnostic["column"]


def test_a_title_holding_a_line_separator_is_refused_and_progress_writes_nothing(
    tracker_repo: TrackerRepo, tracker
) -> None:
    # Written as YAML's \L escape: ruamel.yaml read it back as two spaces, so a
    # progress entry once rewrote the title.
    text = VALID_RECORD.replace("title: AI skills for public servants", 'title: "AI skills\\Lfor public servants"')
    path = tracker_repo.write(RECORD, text)
    [diagnostic] = diagnostics(tracker)
    assert at(diagnostic) == ("E207", 2, 18)
    result = tracker("progress", ID, "--year", "2026", "--status", "ongoing", "--narrative", "More.", "--yes")
    assert result.exit_code != 0
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("year", "code", "column"), [("0X7EA", "Y311", 11), ("_2026", "S403", 11),
                                                       ("! 2026", "Y304", 11)])
def test_a_year_not_written_in_plain_decimal_is_never_2026(tracker_repo: TrackerRepo, tracker, year: str,
                                                           code: str, column: int) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("  - year: 2026", f"  - year: {year}"))
    [diagnostic] = diagnostics(tracker)
    assert at(diagnostic) == (code, 22, column)
    shown = tracker("show", ID, "--format", "json")
    assert shown.exit_code != 0 or '"year": 2026' not in shown.stdout


def test_an_amount_with_an_underscore_is_refused_not_rewritten(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD + "funding:\n  source: self-funded\n  amount_usd: 1_000.5\n")
    [diagnostic] = diagnostics(tracker)
    assert at(diagnostic) == ("Y311", 33, 15)


def test_a_next_line_character_is_reported_where_it_is_beside_another_error(
    tracker_repo: TrackerRepo, tracker
) -> None:
    text = VALID_RECORD.replace("title: AI skills for public servants", "title: AI skills\u0085for public servants")
    tracker_repo.write(RECORD, text.replace("activity_type: workshop", "activity_type: seminar-ish"))
    found = diagnostics(tracker)
    assert at(found[0]) == ("E207", 2, 17)
