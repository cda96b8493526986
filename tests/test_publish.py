"""`tracker publish` and the restatement checks against published reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CONSULTED_2026, TrackerRepo, git

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in (("GIT_AUTHOR_NAME", "Secretariat"), ("GIT_AUTHOR_EMAIL", "sec@example.org"),
                            ("GIT_COMMITTER_NAME", "Secretariat"), ("GIT_COMMITTER_EMAIL", "sec@example.org")):
        monkeypatch.setenv(variable, value)


@pytest.fixture(autouse=True)
def consulted(tracker_repo: TrackerRepo) -> None:
    """The 2026 review has been through consultation: publishing it is allowed."""
    tracker_repo.calendar(CONSULTED_2026)
    tracker_repo.commit("the 2026 review's steps")


@pytest.fixture
def published(tracker_repo: TrackerRepo, tracker, valid_record: str) -> str:
    tracker_repo.write(RECORD, valid_record)
    sha = tracker_repo.commit("2026 progress")
    result = tracker("publish", "2026")
    assert result.exit_code == 0, result.stderr
    return sha


def test_publish_makes_an_annotated_tag(tracker_repo: TrackerRepo, tracker, published: str) -> None:
    assert git(tracker_repo.root, "cat-file", "-t", "review-2026").strip() == "tag"
    assert git(tracker_repo.root, "rev-parse", "review-2026^{commit}").strip() == published
    assert "progress review 2026" in git(tracker_repo.root, "tag", "-n", "review-2026")


def test_a_year_is_published_once(tracker, published: str) -> None:
    again = tracker("publish", "2026")
    assert again.exit_code == 2
    assert "2026 was already published (review-2026 at" in again.stderr


def test_uncommitted_changes_are_not_published(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    result = tracker("publish", "2026")
    assert result.exit_code == 2
    assert "uncommitted changes" in result.stderr
    assert git(tracker_repo.root, "tag") == ""


def test_invalid_records_are_not_published(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record.replace("reporter: JPN", "reporter: Japan"))
    tracker_repo.commit("a typo")
    result = tracker("publish", "2026")
    assert result.exit_code == 1
    assert "run `tracker validate`" in result.stderr
    assert git(tracker_repo.root, "tag") == ""


def test_publishing_from_a_detached_head_is_refused(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("2026 progress")
    git(tracker_repo.root, "checkout", "-q", "--detach")
    result = tracker("publish", "2026")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("tracker: error: HEAD is detached: check out the branch the review is "
                                     "published from (for example `git switch main`), then publish")


def test_publish_outside_git(tmp_path: Path, tracker, tracker_repo: TrackerRepo) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(tracker_repo.root / "data", plain / "data")
    result = tracker("publish", "2026", repo=plain)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


def test_a_restated_entry_is_a_warning_naming_the_fields(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                         published: str) -> None:
    tracker_repo.write(RECORD, valid_record.replace("value: 120", "value: 150")
                       .replace("    status: ongoing\n    narrative", "    status: suspended\n    narrative"))
    result = tracker("validate", "-f", "json")
    diagnostics = json.loads(result.stdout)["diagnostics"]
    [restated] = [d for d in diagnostics if d["code"] == "H601"]
    assert restated["severity"] == "warning"
    assert (restated["path"], restated["line"]) == (RECORD, 22)
    assert restated["message"] == ("the 2026 entry differs from the review published as review-2026: "
                                   "status ongoing → suspended; indicator 'officials-trained' value 120 → 150")
    diff = tracker("diff", "2026", "2026")
    assert "H601 the 2026 entry differs" in diff.stderr


def test_a_late_entry_for_a_published_year_is_a_warning(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                        published: str) -> None:
    late = valid_record.replace("jpn-2026-ai-skills-for-public-servants", "jpn-2026-late").replace(
        "AI skills for public servants", "A late report")
    tracker_repo.write("data/economies/JPN/jpn-2026-late.yaml", late)
    result = tracker("validate", "-f", "json")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["H603"]
    assert result.exit_code == 0
    assert tracker("validate", "--strict").exit_code == 1


def test_deleting_a_published_record_is_an_error(tracker_repo: TrackerRepo, tracker, published: str) -> None:
    (tracker_repo.root / RECORD).unlink()
    result = tracker("validate")
    assert result.exit_code == 1
    assert (f"{RECORD}:1:1: H602 jpn-2026-ai-skills-for-public-servants was in the 2026 review published as "
            "review-2026, and has been deleted") in result.stdout


def test_moving_a_published_record_is_not_deleting_it(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                      published: str) -> None:
    (tracker_repo.root / RECORD).unlink()
    tracker_repo.write(RECORD.replace("/JPN/", "/ROK/"), valid_record)  # in the wrong folder: R503, not H602
    codes = [d["code"] for d in json.loads(tracker("validate", "-f", "json").stdout)["diagnostics"]]
    assert "H602" not in codes and "R503" in codes


def test_a_review_published_later_does_not_judge_an_older_state(tracker_repo: TrackerRepo, tracker,
                                                                valid_record: str, published: str) -> None:
    (tracker_repo.root / RECORD).unlink()
    tracker_repo.commit("remove the record")
    assert tracker("validate", "--as-of", "HEAD").exit_code == 1  # the tag is in HEAD's history
    assert tracker("validate", "--as-of", "HEAD~2").exit_code == 0  # before the record or the review existed


# -- the review's path: consultation, and the branch it is published from -------------------


def test_a_review_not_through_consultation_is_not_published(tracker_repo: TrackerRepo, tracker,
                                                            valid_record: str) -> None:
    tracker_repo.calendar(CONSULTED_2026.split("      - {state: consultation")[0])
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("2026 progress; the review discussed, not yet consulted on")
    result = tracker("publish", "2026")
    assert result.exit_code == 1
    assert result.stderr == ("tracker: error: the consultation of the 2026 review with TELWG and other fora is not "
                             "recorded in data/reference/calendar.yaml: record it (state: consultation, with its date "
                             "and document), or publish anyway with --without-consultation, which the tag's message "
                             "will say\n")
    assert git(tracker_repo.root, "tag") == ""
    anyway = tracker("publish", "2026", "--without-consultation")
    assert anyway.exit_code == 0, anyway.stderr
    message = git(tracker_repo.root, "tag", "-l", "--format=%(contents)", "review-2026")
    assert message.startswith("APEC AI Initiative: progress review 2026, published with apec-tracker\n\n"
                              "Published with --without-consultation: no consultation of the 2026 review with "
                              "TELWG and other fora was recorded in data/reference/calendar.yaml.")


def test_a_consultation_dated_later_is_not_taken_yet(tracker_repo: TrackerRepo, tracker, valid_record: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A step is taken on its date: a consultation written in the calendar ahead
    of time does not let the review be published, nor shows as done."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-09-01")
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("2026 progress; the consultation planned for 15 September")
    result = tracker("publish", "2026")
    assert result.exit_code == 1
    assert result.stderr == ("tracker: error: the consultation of the 2026 review with TELWG and other fora is dated "
                             "2026-09-15 in data/reference/calendar.yaml, which has not come yet: publish once it "
                             "has taken place, or publish anyway with --without-consultation, which the tag's "
                             "message will say\n")
    steps = {step["state"]: step["date"] for step in json.loads(tracker("status", "2026", "-f", "json").stdout)[
        "review"]["steps"]}
    assert steps["discussed"] == "2026-08-20" and steps["consultation"] is None
    monkeypatch.setenv("TRACKER_TODAY", "2026-09-15")
    assert tracker("publish", "2026").exit_code == 0


def test_the_consultation_is_named_in_the_tag(tracker_repo: TrackerRepo, tracker, published: str) -> None:
    message = git(tracker_repo.root, "tag", "-l", "--format=%(contents)", "review-2026")
    assert "Consultation with TELWG and other fora: 2026-09-15, 2026/TELWG/CONS/001." in message


def test_only_the_main_branch_publishes(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("2026 progress")
    git(tracker_repo.root, "switch", "-q", "-c", "late-fixes")
    result = tracker("publish", "2026")
    assert result.exit_code == 2
    assert result.stderr == ("tracker: error: HEAD is on the branch 'late-fixes', and reviews are published from "
                             "'main' (main_branch in data/reference/calendar.yaml): `git switch main`, or publish "
                             "from this branch with --from-branch\n")
    assert git(tracker_repo.root, "tag") == ""
    anyway = tracker("publish", "2026", "--from-branch")
    assert anyway.exit_code == 0, anyway.stderr
    message = git(tracker_repo.root, "tag", "-l", "--format=%(contents)", "review-2026")
    assert "Published with --from-branch, from the branch 'late-fixes' rather than 'main'." in message


def test_the_calendar_names_the_main_branch(tracker_repo: TrackerRepo, tracker, valid_record: str) -> None:
    tracker_repo.calendar("main_branch: trunk\n" + CONSULTED_2026)
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.commit("2026 progress")
    refused = tracker("publish", "2026")
    assert refused.exit_code == 2
    assert "reviews are published from 'trunk'" in refused.stderr
    git(tracker_repo.root, "switch", "-q", "-c", "trunk")
    published = tracker("publish", "2026")
    assert published.exit_code == 0, published.stderr
    assert "--from-branch" not in git(tracker_repo.root, "tag", "-l", "--format=%(contents)", "review-2026")


NIL_RETURN = "data/returns/2026/PNG.yaml"


def test_a_nil_return_filed_after_publication_is_a_warning(tracker_repo: TrackerRepo, tracker,
                                                          published: str) -> None:
    filed = tracker("nil-return", "2026", "--economy", "PNG", "--note", "Nothing this year.", "--date", "2026-12-01")
    assert filed.exit_code == 0, filed.stderr
    result = tracker("validate", "-f", "json")
    assert result.exit_code == 0
    [late] = json.loads(result.stdout)["diagnostics"]
    assert (late["path"], late["code"], late["severity"]) == (NIL_RETURN, "H604", "warning")
    assert late["message"] == ("PNG's nil return for 2026 was filed after the 2026 review was published "
                               "(review-2026), which did not count it")
    assert tracker("validate", "--strict").exit_code == 1


def test_withdrawing_a_nil_return_the_review_counted_is_a_warning(tracker_repo: TrackerRepo, tracker,
                                                                 valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    for reporter in ("--economy", "PNG"), ("--forum", "PPFS"):
        assert tracker("nil-return", "2026", *reporter, "--note", "Nothing this year.",
                       "--date", "2026-12-01").exit_code == 0
    tracker_repo.commit("2026 progress and two nil returns")
    assert tracker("publish", "2026").exit_code == 0
    assert tracker("validate", "--strict").exit_code == 0  # unchanged since publication: nothing to say
    (tracker_repo.root / NIL_RETURN).unlink()
    result = tracker("validate", "-f", "json")
    [withdrawn] = json.loads(result.stdout)["diagnostics"]  # PNG's; PPFS's is as published
    assert (withdrawn["path"], withdrawn["code"], withdrawn["line"]) == (NIL_RETURN, "H605", 1)
    assert withdrawn["message"] == ("PNG's nil return for 2026 was counted in the review published as review-2026, "
                                    "and has been withdrawn")
