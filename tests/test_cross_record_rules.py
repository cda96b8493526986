"""Rules that need more than one record: ids, project numbers, and a record's
folder; and the rules that depend on today's date, with the date fixed."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import VALID_RECORD, TrackerRepo, validated

NAME = "jpn-2026-ai-skills-for-public-servants"


def record(record_id: str = NAME, reporter: str = "JPN", extra: str = "") -> str:
    text = VALID_RECORD.replace(f"id: {NAME}", f"id: {record_id}").replace("reporter: JPN", f"reporter: {reporter}")
    return text + extra


def diagnostics(tracker, *args: str) -> tuple[int, list[tuple[str, str, int]]]:
    result = tracker("validate", "--format", "json", *args)
    found = json.loads(result.stdout)["diagnostics"]
    return result.exit_code, [(d["code"], d["path"], d["line"]) for d in found]


def test_one_id_in_two_folders_is_reported_at_both(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record())
    tracker_repo.write(f"data/economies/ROK/{NAME}.yaml", record(reporter="ROK"))
    exit_code, found = diagnostics(tracker)
    assert exit_code == 1
    assert found == [
        ("R502", f"data/economies/JPN/{NAME}.yaml", 1),
        ("R502", f"data/economies/ROK/{NAME}.yaml", 1),
    ]


def test_duplicate_id_message_names_the_other_file(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record())
    tracker_repo.write(f"data/fora/HRDWG/{NAME}.yaml", record(reporter="HRDWG"))
    result = tracker("validate", "--format", "json")
    messages = {d["path"]: d["message"] for d in json.loads(result.stdout)["diagnostics"]}
    assert f"data/fora/HRDWG/{NAME}.yaml" in messages[f"data/economies/JPN/{NAME}.yaml"]
    assert f"data/economies/JPN/{NAME}.yaml" in messages[f"data/fora/HRDWG/{NAME}.yaml"]


def test_project_number_claimed_twice(tracker_repo: TrackerRepo, tracker) -> None:
    project = "apec_project: HRDWG_204_2023A\n"
    tracker_repo.write("data/economies/PE/per-2023-workshop.yaml", record("per-2023-workshop", "PE", project))
    tracker_repo.write("data/fora/HRDWG/hrdwg-2023-workshop.yaml", record("hrdwg-2023-workshop", "HRDWG", project))
    exit_code, found = diagnostics(tracker)
    assert exit_code == 1
    assert found == [
        ("R510", "data/economies/PE/per-2023-workshop.yaml", 31),
        ("R510", "data/fora/HRDWG/hrdwg-2023-workshop.yaml", 31),
    ]


def test_project_shared_when_one_record_says_so(tracker_repo: TrackerRepo, tracker) -> None:
    project = "apec_project: HRDWG_204_2023A\n"
    tracker_repo.write("data/economies/PE/per-2023-workshop.yaml",
                       record("per-2023-workshop", "PE", project + "shares_project_with: [hrdwg-2023-workshop]\n"))
    tracker_repo.write("data/fora/HRDWG/hrdwg-2023-workshop.yaml", record("hrdwg-2023-workshop", "HRDWG", project))
    assert diagnostics(tracker) == (0, [])


def test_shares_project_with_a_record_of_another_project(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/PE/per-2023-workshop.yaml",
                       record("per-2023-workshop", "PE",
                              "apec_project: HRDWG_204_2023A\nshares_project_with: [hrdwg-2023-workshop]\n"))
    tracker_repo.write("data/fora/HRDWG/hrdwg-2023-workshop.yaml",
                       record("hrdwg-2023-workshop", "HRDWG", "apec_project: HRDWG_205_2023A\n"))
    exit_code, found = diagnostics(tracker)
    assert (exit_code, found) == (1, [("R516", "data/economies/PE/per-2023-workshop.yaml", 32)])


def test_three_records_of_one_project_each_name_the_others(tracker_repo: TrackerRepo, tracker) -> None:
    project = "apec_project: PPSTI 02 2020A\n"
    shares = "shares_project_with: [ppsti-b, ppsti-c]\n"
    for name, extra in (("a", project + shares), ("b", project), ("c", project)):
        # Three parts of one project, each an activity of its own name.
        tracker_repo.write(f"data/fora/PPSTI/ppsti-{name}.yaml", record(f"ppsti-{name}", "PPSTI", extra).replace(
            "title: AI skills for public servants", f"title: AI skills, part {name}"))
    exit_code, found = diagnostics(tracker)
    # b and c never said they share: each is reported against the other.
    assert exit_code == 1
    assert found == [
        ("R510", "data/fora/PPSTI/ppsti-b.yaml", 31),
        ("R510", "data/fora/PPSTI/ppsti-c.yaml", 31),
    ]


def test_record_filed_under_another_reporter(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(f"data/economies/ROK/{NAME}.yaml", record())
    tracker_repo.write("data/fora/DESG/desg-2026-dialogue.yaml", record("desg-2026-dialogue", "TELWG"))
    exit_code, found = diagnostics(tracker)
    assert exit_code == 1
    assert found == [
        ("R503", f"data/economies/ROK/{NAME}.yaml", 5),
        ("R503", "data/fora/DESG/desg-2026-dialogue.yaml", 5),
    ]


def test_economy_record_in_a_forum_folder(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(f"data/fora/HRDWG/{NAME}.yaml", record())
    result = tracker("validate", "--format", "json")
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "R503"
    assert "forum folder HRDWG" in diagnostic["message"]


def test_path_arguments_limit_the_report_not_the_rules(tracker_repo: TrackerRepo, tracker) -> None:
    # A duplicate id involves a file nobody named: the named one is still reported.
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record())
    tracker_repo.write(f"data/economies/ROK/{NAME}.yaml", record(reporter="ROK"))
    exit_code, found = diagnostics(tracker, str(tracker_repo.root / "data/economies/ROK"))
    assert (exit_code, found) == (1, [("R502", f"data/economies/ROK/{NAME}.yaml", 1)])


# -- rules that depend on the date -------------------------------------------------------


def check(tracker_repo: TrackerRepo, today: date) -> list[tuple[str, int]]:
    result = validated(tracker_repo.root, today)
    return [(d.code, d.line) for d in result.diagnostics]


def test_progress_for_a_year_not_begun(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record(
        extra="  - year: 2027\n    status: ongoing\n    narrative: Next year.\n"))
    assert check(tracker_repo, date(2026, 12, 31)) == [("R507", 31)]
    assert check(tracker_repo, date(2027, 1, 1)) == []


def test_actual_dates_in_the_future(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record().replace(
        "actual_start: 2026-03-15", "actual_start: 2026-03-15\nactual_end: 2026-12-01").replace(
        "status: ongoing\nplanned_start", "status: completed\nplanned_start").replace(
        "  - year: 2026\n    status: ongoing", "  - year: 2026\n    status: completed"))
    assert check(tracker_repo, date(2026, 11, 30)) == [("R507", 19)]
    assert check(tracker_repo, date(2026, 12, 1)) == []


def test_planned_status_turns_wrong_once_the_start_has_passed(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record().replace(
        "status: ongoing\nplanned_start", "status: planned\nplanned_start").replace(
        "  - year: 2026\n    status: ongoing", "  - year: 2026\n    status: planned"))
    assert check(tracker_repo, date(2026, 3, 15)) == [("R508", 15)]
    assert check(tracker_repo, date(2026, 3, 14)) == [("R507", 18)]


def test_sharing_a_project_needs_a_project_number(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/economies/PE/per-2023-workshop.yaml",
                       record("per-2023-workshop", "PE", "shares_project_with: [hrdwg-2023-workshop]\n"))
    tracker_repo.write("data/fora/HRDWG/hrdwg-2023-workshop.yaml", record("hrdwg-2023-workshop", "HRDWG"))
    result = tracker("validate", "--format", "json")
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["path"], diagnostic["line"]) == (
        "R516", "data/economies/PE/per-2023-workshop.yaml", 31)
    assert "no apec_project" in diagnostic["message"]
    assert result.exit_code == 1


def test_a_file_name_that_is_no_id_is_fixed_by_renaming_the_file(tracker_repo, tracker, valid_record) -> None:  # type: ignore[no-untyped-def]
    tracker_repo.write("data/economies/JPN/AI skills.yaml", valid_record)
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "R501"
    assert diagnostic["hint"] == (
        "the id is the file name: rename the file to jpn-2026-ai-skills-for-public-servants.yaml")


def test_an_end_before_the_planned_start_and_progress_after_the_end(tracker_repo: TrackerRepo) -> None:
    """An activity cannot end before it started, nor report progress for a year
    after it ended: either the date or the entry is wrong."""
    ended_early = record().replace("actual_start: 2026-03-15\n", "actual_end: 2025-01-01\n").replace(
        "status: ongoing\nplanned_start", "status: completed\nplanned_start").replace(
        "  - year: 2026\n    status: ongoing", "  - year: 2026\n    status: completed")
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", ended_early)
    found = check(tracker_repo, date(2026, 12, 31))
    assert [code for code, _ in found] == ["R506", "R508"], found
    # The same dates the right way round are fine.
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", ended_early.replace(
        "actual_end: 2025-01-01", "actual_end: 2026-11-30"))
    assert check(tracker_repo, date(2026, 12, 31)) == []


# -- one activity added twice ---------------------------------------------------------


def test_one_reporter_one_title_one_year_twice_is_warned_at_both(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record())
    # The same title, spaced and cased otherwise: the same activity added again.
    tracker_repo.write(f"data/economies/JPN/{NAME}-2.yaml", record(f"{NAME}-2").replace(
        "title: AI skills for public servants", "title: AI Skills for  public servants"))
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 0  # a warning: two workshops may share a name
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["path"], d["line"]) for d in found] == [
        ("R513", f"data/economies/JPN/{NAME}-2.yaml", 2),
        ("R513", f"data/economies/JPN/{NAME}.yaml", 2),
    ]
    assert found[1]["message"] == (f"data/economies/JPN/{NAME}-2.yaml is also an activity of JPN with this title, "
                                   "starting in 2026")


def test_same_title_in_another_year_or_of_another_reporter_is_no_duplicate(tracker_repo: TrackerRepo,
                                                                            tracker) -> None:
    tracker_repo.write(f"data/economies/JPN/{NAME}.yaml", record())
    tracker_repo.write("data/economies/JPN/jpn-2027-ai-skills.yaml", record("jpn-2027-ai-skills").replace(
        "planned_start: 2026-03-01", "planned_start: 2027-03-01").replace(
        "actual_start: 2026-03-15", "actual_start: 2027-03-15").replace("planned_end: 2027-12-31",
                                                                        "planned_end: 2028-12-31").replace(
        "  - year: 2026\n", "  - year: 2025\n"))
    tracker_repo.write("data/economies/ROK/rok-2026-ai-skills.yaml", record("rok-2026-ai-skills", "ROK"))
    assert [code for code, _, _ in diagnostics(tracker)[1] if code == "R513"] == []


def test_an_activity_added_many_times_names_one_other_record(tracker_repo: TrackerRepo, tracker) -> None:
    for number in (1, 2, 3, 4):
        tracker_repo.write(f"data/economies/JPN/{NAME}-{number}.yaml", record(f"{NAME}-{number}"))
    result = tracker("validate", "--format", "json")
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "R513"]
    assert len(messages) == 4
    assert messages[0] == (f"data/economies/JPN/{NAME}-2.yaml and 2 other records are also activities of JPN with "
                           "this title, starting in 2026")
    hints = {d["hint"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "R513"}
    assert hints == {"if it is the same activity, keep one of the records: next year's progress goes in the same "
                     "file; if not, give each a title that tells them apart"}


def test_an_id_that_is_not_the_file_name_is_said_beside_the_schemas_problems(tracker_repo: TrackerRepo,
                                                                             tracker) -> None:
    """A record copied to a new file and mistyped: both are told in one run, not
    the id once the field is fixed."""
    tracker_repo.write("data/economies/JPN/copy.yaml", record().replace("co_sponsors: [ROK, VN]",
                                                                       "co_sponsors: [Korea, VN]"))
    result = tracker("validate", "--format", "json")
    found = [(d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert [code for code, _ in found] == ["R501", "S404"]
    assert found[0][1] == 1  # at the id
