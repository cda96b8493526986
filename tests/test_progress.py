"""`tracker progress`: next year's progress goes into the same file, and
nothing else in the file moves: comments, quoting, blank lines, key order."""

from __future__ import annotations

from datetime import date

from tests.conftest import TrackerRepo, git

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
ID = "jpn-2026-ai-skills-for-public-servants"

# Written by hand, the way people do: comments everywhere, quotes, blank lines.
HAND_WRITTEN = """\
# yaml-language-server: $schema=../../../schema/activity.schema.json
# Kept by the Digital Agency; ask before renaming.
id: jpn-2026-ai-skills-for-public-servants
title: "AI skills for public servants"
summary: >-
  A training programme on using AI tools in public services.

reporter: JPN
lead_economies: [JPN]
co_sponsors: [ROK, VN]   # VN joined in May
actions:
  - code: B.i
    role: principal   # the main aim
  - code: B.iii
    role: significant
activity_type: workshop
status: 'ongoing'
planned_start: 2025-03-01
planned_end: 2027-12-31
actual_start: 2025-03-15

# Who it is for, as agreed at the kick-off.
target_groups: [public-sector-personnel]
progress:
  # The first year.
  - year: 2025
    status: ongoing
    narrative: Two workshops held in Tokyo.
    indicators:
      - name: officials trained
        unit: people
        baseline: 0
        target: 400
        value: 120   # from the attendance lists
"""

NEW_YEAR = """\
  - year: 2026
    status: ongoing
    narrative: Three more workshops, one in Hanoi.
    indicators:
      - name: officials trained
        unit: people
        baseline: 0
        target: 400
        value: 310
"""


def test_new_year_appends_only_the_new_lines(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    tracker_repo.commit()
    result = tracker("progress", ID, "--year", "2026", "--narrative", "Three more workshops, one in Hanoi.",
                     "--indicator", "officials trained=310")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{RECORD}\n"
    # Byte for byte: the file as it was, and the new entry after it.
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN + NEW_YEAR
    assert git(tracker_repo.root, "diff", "--numstat").split() == ["9", "0", RECORD]
    assert tracker("validate").exit_code == 0


def test_closing_changes_just_the_status_lines_and_adds_the_end(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    tracker_repo.commit()
    result = tracker("progress", ID, "--year", "2025", "--close", "--end-date", "2025-11-20",
                     "--narrative", "Four workshops; the programme ended in November.")
    assert result.exit_code == 0, result.stderr
    expected = (
        HAND_WRITTEN
        .replace("status: 'ongoing'\n", "status: 'completed'\n")
        .replace("actual_start: 2025-03-15\n", "actual_start: 2025-03-15\nactual_end: 2025-11-20\n")
        .replace("    status: ongoing\n    narrative: Two workshops held in Tokyo.\n",
                 "    status: completed\n    narrative: Four workshops; the programme ended in November.\n")
    )
    assert (tracker_repo.root / RECORD).read_text() == expected
    # The comment above target_groups stays above target_groups.
    assert "actual_end: 2025-11-20\n\n# Who it is for, as agreed at the kick-off.\ntarget_groups" in expected
    assert tracker("validate").exit_code == 0


def test_updating_an_indicator_changes_one_line(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    tracker_repo.commit()
    result = tracker("progress", ID, "--year", "2025", "--indicator", "officials trained=150", "--yes")
    assert result.exit_code == 0, result.stderr
    diff = git(tracker_repo.root, "diff", "-U0").splitlines()
    assert [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))] == [
        "-        value: 120   # from the attendance lists",
        "+        value: 150   # from the attendance lists",
    ]


def test_dry_run_shows_the_diff_and_writes_nothing(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    result = tracker("progress", ID, "--year", "2025", "--status", "suspended", "--dry-run")
    assert result.exit_code == 0
    assert "-status: 'ongoing'\n+status: 'suspended'\n" in result.stdout
    assert "-    status: ongoing\n+    status: suspended\n" in result.stdout
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN


def test_refused_when_the_result_would_not_validate(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    future = date.today().year + 1
    result = tracker("progress", ID, "--year", str(min(future, 2030)), "--narrative", "Not yet.")
    if future <= 2030:
        assert result.exit_code == 1
        assert "R507" in result.stderr and "nothing was written" in result.stderr
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN


def test_misuse_is_exit_2(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    assert "no record has the id" in tracker("progress", "nope", "--year", "2026").stderr
    missing = tracker("progress", ID, "--narrative", "x")
    assert missing.exit_code == 2 and "missing --year" in missing.stderr
    new_entry = tracker("progress", ID, "--year", "2026")
    assert new_entry.exit_code == 2 and "needs a narrative (--narrative)" in new_entry.stderr
    bad = tracker("progress", ID, "--year", "2025", "--indicator", "officials trained")
    assert bad.exit_code == 2 and "is not ID=VALUE" in bad.stderr
    assert tracker("progress", ID, "--year", "2031").exit_code == 2


def test_interactive_progress(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    answers = [
        "2026",  # year
        "finished",  # not a status: asked again
        "ongoing",
        "Three more workshops, one in Hanoi.",
        "",  # no highlight
        "many",  # not a number
        "310",
        "",  # no further indicator
        "y",
    ]
    result = tracker("progress", ID, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "A new entry for 2026." in result.stdout
    assert "'finished' is not a status" in result.stdout
    assert "The indicator 'officials trained' (unit people, baseline 0, target 400) in 2026." in result.stdout
    assert "'many' is not a number" in result.stdout
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN + NEW_YEAR


def test_commit_commits_the_record(tracker_repo: TrackerRepo, tracker, monkeypatch) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    tracker_repo.commit()
    for key in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(key, "Test")
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(key, "t@example.org")
    result = tracker("progress", ID, "--year", "2025", "--close", "--end-date", "2025-11-20", "--commit")
    assert result.exit_code == 0, result.stderr
    assert git(tracker_repo.root, "log", "-1", "--format=%s").strip() == f"Close 2025 for {ID}"
    assert git(tracker_repo.root, "status", "--porcelain") == ""


def test_a_comment_that_closes_the_file_stays_at_its_end(tracker_repo: TrackerRepo, tracker) -> None:
    """A comment after a blank line at the end of the file is the file's, not
    the last entry's: the new entry goes before it. A comment on the entry's
    own line (no blank line before it) stays with that entry."""
    closing = "\n# Reviewed by the JPN contact, March 2026.\n"
    tracker_repo.write(RECORD, HAND_WRITTEN + closing)
    result = tracker("progress", ID, "--year", "2026", "--narrative", "Three more workshops, one in Hanoi.",
                     "--indicator", "officials trained=310")
    assert result.exit_code == 0, result.stderr
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN + NEW_YEAR + closing
    assert tracker("validate").exit_code == 0


def test_other_indentation_is_kept(tracker_repo: TrackerRepo, tracker) -> None:
    """Lists written flush with their key (`- code:` under `actions:`) stay so."""
    flush = HAND_WRITTEN.replace("\n  - code", "\n- code").replace("\n    role", "\n  role")
    indented = ("  # The first year.\n  - year: 2025\n    status: ongoing\n"
                "    narrative: Two workshops held in Tokyo.\n"
                "    indicators:\n      - name: officials trained\n        unit: people\n"
                "        baseline: 0\n        target: 400\n        value: 120   # from the attendance lists\n")
    flush_entries = ("# The first year.\n- year: 2025\n  status: ongoing\n"
                     "  narrative: Two workshops held in Tokyo.\n"
                     "  indicators:\n  - name: officials trained\n    unit: people\n"
                     "    baseline: 0\n    target: 400\n    value: 120   # from the attendance lists\n")
    flush = flush.replace(indented, flush_entries)
    assert flush != HAND_WRITTEN
    tracker_repo.write(RECORD, flush)
    result = tracker("progress", ID, "--year", "2025", "--status", "suspended")
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr
    expected = flush.replace("status: 'ongoing'", "status: 'suspended'")
    assert (tracker_repo.root / RECORD).read_text() == expected.replace("  status: ongoing\n", "  status: suspended\n")


def test_a_layout_tracker_cannot_keep_is_said(tracker_repo: TrackerRepo, tracker) -> None:
    odd = HAND_WRITTEN.replace("title: \"AI skills for public servants\"\n",
                               "title: AI skills\n  for public servants\n")
    tracker_repo.write(RECORD, odd)
    result = tracker("progress", ID, "--year", "2025", "--status", "suspended")
    assert result.exit_code == 0, result.stderr
    assert "cannot reproduce exactly; other lines may change too" in result.stderr
    assert tracker("validate").exit_code == 0


def test_an_id_cut_short_is_answered_with_the_id_meant(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    result = tracker("progress", "jpn-2026-ai-skills", "--year", "2026", "--narrative", "x")
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(f"did you mean {ID}?")
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN


def test_closing_a_year_after_the_end_date_given_is_refused(tracker_repo: TrackerRepo, tracker) -> None:
    """Closing 2026 with an end date in 2025 would leave a 2026 entry after the
    end: the record is not written, and the message says why."""
    tracker_repo.write(RECORD, HAND_WRITTEN)
    result = tracker("progress", ID, "--year", "2026", "--close", "--end-date", "2025-12-31",
                     "--narrative", "Closed.", "--yes")
    assert result.exit_code != 0
    assert "R508" in result.stderr and "after the activity ended on 2025-12-31" in result.stderr
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN


def test_highlight_is_written_after_the_narrative_and_kept_on_update(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    result = tracker("progress", ID, "--year", "2026", "--status", "ongoing", "--narrative",
                     "Three more workshops, one in Hanoi.", "--highlight",
                     "310 officials from three economies trained in AI tools.")
    assert result.exit_code == 0, result.stderr
    text = (tracker_repo.root / RECORD).read_text()
    assert text == HAND_WRITTEN + """\
  - year: 2026
    status: ongoing
    narrative: Three more workshops, one in Hanoi.
    highlight: 310 officials from three economies trained in AI tools.
"""
    changed = tracker("progress", ID, "--year", "2026", "--highlight", "Training reached Hanoi.")
    assert changed.exit_code == 0, changed.stderr
    assert "    highlight: Training reached Hanoi.\n" in (tracker_repo.root / RECORD).read_text()
    too_long = tracker("progress", ID, "--year", "2026", "--highlight", "x" * 301)
    assert too_long.exit_code == 1 and "301 characters; at most 300" in too_long.stderr


# -- a write keeps what it was not asked to change --------------------------------------


def _progress_2026(tracker) -> object:  # type: ignore[no-untyped-def]
    return tracker("progress", ID, "--year", "2026", "--status", "ongoing", "--narrative", "Three more workshops.",
                   "--yes")


def test_windows_line_breaks_and_a_byte_order_mark_are_kept(tracker_repo: TrackerRepo, tracker) -> None:
    """A file saved by Notepad: CRLF line breaks and a byte-order mark. The new
    entry is written in the same form, and nothing else in the file moves."""
    written = "\ufeff" + HAND_WRITTEN.replace("\n", "\r\n")
    path = tracker_repo.write(RECORD, written.encode("utf-8"))
    result = _progress_2026(tracker)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n"), "every line break is CRLF"
    assert after.decode("utf-8").startswith(written.split("progress:")[0]), "nothing before the progress moved"
    assert tracker("validate").exit_code == 0


def test_a_file_without_a_final_line_break_keeps_none(tracker_repo: TrackerRepo, tracker) -> None:
    path = tracker_repo.write(RECORD, HAND_WRITTEN.rstrip("\n"))
    assert _progress_2026(tracker).exit_code == 0
    assert not path.read_text(encoding="utf-8").endswith("\n")


def test_an_edit_that_would_change_anything_else_writes_nothing(tracker_repo: TrackerRepo, tracker,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The new text is read back with the validation reader before it is written:
    should the YAML writer ever change another field, nothing is written (exit 1)."""
    from apec_tracker.authoring import progress_entry

    path = tracker_repo.write(RECORD, HAND_WRITTEN)
    real = progress_entry.dump_document

    def careless(document, layout=None):  # type: ignore[no-untyped-def]
        return real(document, layout).replace("AI skills for public servants", "XI skills for public servants")

    monkeypatch.setattr(progress_entry, "dump_document", careless)
    result = _progress_2026(tracker)
    assert result.exit_code == 1
    assert "would also change title; nothing was written" in result.stderr
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


# -- each answer checked when it is given -------------------------------------------------


def test_a_year_not_begun_is_refused_at_the_year(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                 monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record)
    answers = ["2028", "2026", "", "", "", "", "", "y"]  # no status, narrative, highlight or indicator
    result = tracker("progress", ID, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    # Refused at once, before the status and the narrative are typed.
    assert ("Year [2026]: 2028\n  progress for 2028 is reported before that year has begun — please try again.\n"
            "Year [2026]: 2026\nUpdating the entry for 2026.\n") in result.stdout
    assert tracker("validate").exit_code == 0


def test_a_year_given_that_validation_refuses_is_asked_again(tracker_repo: TrackerRepo, tracker,
                                                            valid_record: str, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("progress", ID, "--year", "2027", "--close", "--interactive",
                     input="\n".join(["2026", "", "", "", "", "", "y"]) + "\n")
    assert result.exit_code == 0, result.output
    assert "--year 2027: progress for 2027 is reported before that year has begun — it is asked again below." in (
        result.stdout)
    assert "actual_end: 2026-12-02\n" in (tracker_repo.root / RECORD).read_text()


def test_an_end_date_that_leaves_progress_after_it_is_refused_at_its_question(
        tracker_repo: TrackerRepo, tracker, valid_record: str, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2027-06-30")
    with_2027 = valid_record + "  - year: 2027\n    status: ongoing\n    narrative: More workshops.\n"
    tracker_repo.write(RECORD, with_2027)
    answers = ["2027", "completed", "2026-11-30", "2027-05-31", "", "", "", "", "y"]
    result = tracker("progress", ID, "--interactive", input="\n".join(answers) + "\n")
    said = ("progress is reported for 2027, after the activity ended on 2026-11-30 (correct actual_end, or the year "
            "of the entry) — please try again.")
    assert said in result.stdout
    assert "actual_end: 2027-05-31\n" in (tracker_repo.root / RECORD).read_text()


# -- closing -------------------------------------------------------------------------------


def test_closing_an_existing_year_needs_no_narrative(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                     monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("progress", ID, "--year", "2026", "--close", "--yes")
    assert result.exit_code == 0, result.stderr
    # The planned end (2027-12-31) is not in 2026, and 2026 has not ended: today.
    assert "note: the activity ended on 2026-12-02, today (--end-date says another day)" in result.stderr
    text = (tracker_repo.root / RECORD).read_text()
    assert "actual_end: 2026-12-02\n" in text and "narrative: Two workshops held in Tokyo.\n" in text
    assert tracker("validate").exit_code == 0


def test_completed_without_a_terminal_ends_the_activity_as_close_does(tracker_repo: TrackerRepo, tracker,
                                                                     valid_record: str, monkeypatch) -> None:
    """--status completed --yes takes the end date the prompt would offer, says
    so, and leaves no completed activity without its end."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record)
    closed = tracker("progress", ID, "--year", "2026", "--close", "--yes", "--dry-run").stdout
    result = tracker("progress", ID, "--year", "2026", "--status", "completed", "--yes", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "note: the activity ended on 2026-12-02, today (--end-date says another day)" in result.stderr
    assert result.stdout == closed and "+actual_end: 2026-12-02" in result.stdout
    other_day = tracker("progress", ID, "--year", "2026", "--status", "completed", "--end-date", "2026-11-20",
                        "--yes")
    assert other_day.exit_code == 0, other_day.stderr
    assert "actual_end: 2026-11-20\n" in (tracker_repo.root / RECORD).read_text()
    assert tracker("validate").exit_code == 0


def test_closing_a_past_year_ends_on_its_planned_end_and_says_so(tracker_repo: TrackerRepo, tracker,
                                                                  valid_record: str, monkeypatch) -> None:
    """The issue's command, run once 2027 is over: the activity ended on its
    planned end in 2027, and the new entry needs a narrative only validation asks for."""
    monkeypatch.setenv("TRACKER_TODAY", "2028-01-15")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("progress", ID, "--year", "2027", "--close")
    assert result.exit_code == 0, result.stderr
    assert "note: the activity ended on 2027-12-31, the planned end (--end-date says another day)" in result.stderr
    assert ('note: no narrative was given, so the new 2027 entry says "The activity was completed on 2027-12-31." '
            "(--narrative says more)") in result.stderr
    text = (tracker_repo.root / RECORD).read_text()
    assert "actual_end: 2027-12-31\n" in text
    assert text.endswith("  - year: 2027\n    status: completed\n"
                         "    narrative: The activity was completed on 2027-12-31.\n")
    assert tracker("validate").exit_code == 0


def test_closing_a_past_year_the_plan_did_not_end_in_ends_on_its_last_day(tracker_repo: TrackerRepo, tracker,
                                                                          valid_record: str, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2027-03-01")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("progress", ID, "--year", "2026", "--close")
    assert result.exit_code == 0, result.stderr
    assert "note: the activity ended on 2026-12-31, the last day of 2026" in result.stderr
    assert "actual_end: 2026-12-31\n" in (tracker_repo.root / RECORD).read_text()


def test_closing_in_a_year_not_begun_is_refused(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record)
    result = tracker("progress", ID, "--year", "2027", "--close")
    assert result.exit_code == 2
    assert "2027 has not begun, so the activity cannot have ended in it" in result.stderr
    assert "R508" not in result.stderr
    assert (tracker_repo.root / RECORD).read_text() == valid_record


def test_the_end_date_question_offers_the_planned_end(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                      monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    tracker_repo.write(RECORD, valid_record.replace("planned_end: 2027-12-31", "planned_end: 2026-10-31"))
    answers = ["2026", "completed", "", "", "", "", "", "y"]
    result = tracker("progress", ID, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert ("The activity is completed: the day it ended (YYYY-MM-DD; the default is the planned end).\n"
            "Actual end date [2026-10-31]: \n") in result.stdout
    assert "actual_end: 2026-10-31\n" in (tracker_repo.root / RECORD).read_text()


# -- warnings and what to do next -------------------------------------------------------


def test_warnings_are_shown_before_the_question_and_in_a_dry_run(tracker_repo: TrackerRepo, tracker,
                                                                  valid_record: str) -> None:
    both = valid_record.replace("co_sponsors: [ROK, VN]", "co_sponsors: [JPN, VN]")
    tracker_repo.write(RECORD, both)
    dry = tracker("progress", ID, "--year", "2026", "--status", "suspended", "--dry-run")
    assert dry.exit_code == 0
    assert "warning: " + RECORD + ":7:1: R511 JPN listed as both lead and co-sponsor" in dry.stderr
    asked = tracker("progress", ID, "--year", "2026", "--status", "suspended", "--interactive",
                    input="\n".join(["", "", "", "", "n"]) + "\n")
    assert asked.output.index("R511") < asked.output.index("Write this change?")
    assert (tracker_repo.root / RECORD).read_text() == both


def test_the_advice_works_for_a_file_git_does_not_know_yet(tracker_repo: TrackerRepo, tracker,
                                                            valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)  # as add-activity leaves it: not added to git
    result = tracker("progress", ID, "--year", "2026", "--status", "suspended")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"Not committed: the file is new to git, so `git diff` shows nothing: `git add {RECORD}`, "
                             "then review `git diff --cached` and commit it (or use --commit).\n")
    assert git(tracker_repo.root, "diff", RECORD) == ""
    git(tracker_repo.root, "add", RECORD)
    assert "+    status: suspended" in git(tracker_repo.root, "diff", "--cached")


def test_the_advice_for_a_committed_file_is_git_diff(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit()
    result = tracker("progress", ID, "--year", "2026", "--status", "suspended")
    assert f"review `git diff {RECORD}`, then commit it" in result.stderr
    assert "+    status: suspended" in git(tracker_repo.root, "diff", RECORD)


def test_where_a_file_stands_with_git(tracker_repo: TrackerRepo, valid_record: str, tmp_path) -> None:
    from apec_tracker.git import FileState, file_state

    path = tracker_repo.write(RECORD, valid_record)
    assert file_state(tracker_repo.root, path) is FileState.UNTRACKED
    git(tracker_repo.root, "add", RECORD)
    assert file_state(tracker_repo.root, path) is FileState.STAGED
    path.write_text(valid_record + "# more\n")
    assert file_state(tracker_repo.root, path) is FileState.CHANGED
    tracker_repo.commit()
    assert file_state(tracker_repo.root, path) is FileState.UNCHANGED
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("x: 1\n")
    assert file_state(tmp_path, outside) is FileState.NOT_IN_GIT


def test_a_bodys_record_gets_its_progress_in_its_own_folder(tracker_repo: TrackerRepo, tracker) -> None:
    path = "data/bodies/SOM/som-2026-first-senior-officials-meeting.yaml"
    tracker_repo.write(path, """\
id: som-2026-first-senior-officials-meeting
title: First Senior Officials' Meeting 2026
summary: Senior officials set the year's priorities, AI cooperation among them.
reporter: SOM
host_economy: PRC
actions:
  - code: A.iii
    role: principal
activity_type: meeting
status: completed
actual_start: 2026-02-01
actual_end: 2026-02-10
""")
    result = tracker("progress", "som-2026-first-senior-officials-meeting", "--year", "2026", "--status",
                     "completed", "--narrative", "Met in Guangzhou.")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}\n"
    assert (tracker_repo.root / path).read_text(encoding="utf-8").endswith(
        "progress:\n  - year: 2026\n    status: completed\n    narrative: Met in Guangzhou.\n")


# -- standard indicators ---------------------------------------------------------------------


def test_a_standard_indicator_by_its_id(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    result = tracker("progress", ID, "--year", "2026", "--narrative", "Three more workshops, one in Hanoi.",
                     "--indicator", "participants-trained=310", "--indicator", "Women among participants trained=140",
                     "--indicator", "officials trained=300")
    assert result.exit_code == 0, result.stderr
    # The activity's own 'officials trained' keeps its name (and its targets), the others are standard.
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN + """\
  - year: 2026
    status: ongoing
    narrative: Three more workshops, one in Hanoi.
    indicators:
      - id: participants-trained
        value: 310
      - id: women-trained
        value: 140
      - name: officials trained
        unit: people
        baseline: 0
        target: 400
        value: 300
"""
    # What validation says of the file is shown: the indicator of the activity's own is a warning.
    assert "warning:" in result.stderr and "I802" in result.stderr


def test_a_value_outside_the_bounds_or_a_misspelt_id_is_refused(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN)
    for given, said in (("women-share=105", "105 is more than its maximum, 100: women-share takes values from 0 to "
                                            "100"),
                        ("participants-trained=12.5", "12.5 is not a whole number"),
                        ("participant-trained=12", "'participant-trained' is not a standard indicator: did you mean "
                                                   "participants-trained?")):
        result = tracker("progress", ID, "--year", "2025", "--indicator", given)
        assert result.exit_code == 2
        assert said in result.stderr, result.stderr
    assert (tracker_repo.root / RECORD).read_text() == HAND_WRITTEN


def test_the_prompt_offers_the_catalogue_that_fits_the_actions_first(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, HAND_WRITTEN.replace("  - code: B.iii\n    role: significant\n", ""))
    answers = [
        "2026", "ongoing", "Three more workshops, one in Hanoi.",
        "",  # no highlight
        "",  # no value for the activity's own 'officials trained' this year
        "women-share",  # a standard indicator, by its id
        "105",  # out of its bounds: asked again
        "48.5",
        "",  # no further indicator
        "y",
    ]
    result = tracker("progress", ID, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    def listed(heading: str) -> list[str]:
        block = result.stdout[result.stdout.index(heading):].split("\n\n")[0]
        return [line.split()[0] for line in block.splitlines()[1:]]

    # B.i's indicators first, in the catalogue's order, then the others.
    assert listed("Standard indicators for B.i:") == ["participants-trained", "women-trained", "women-share",
                                                      "officials-trained", "economies-taking-part", "policy-outputs"]
    assert listed("Other standard indicators:") == ["msmes-reached", "funding-mobilised"]
    assert "105 is more than its maximum, 100" in result.stdout
    assert (tracker_repo.root / RECORD).read_text().endswith("      - id: women-share\n        value: 48.5\n")
