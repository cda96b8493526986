"""`tracker diff`, `tracker validate --as-of` and `tracker publish` on real git
repositories with several commits and tags."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TrackerRepo, git
from tests.report_records import DAMM_2026, DAMM_PATH

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
OTHER = "data/economies/VN/vn-2027-ai-for-msmes.yaml"

VN_RECORD = """\
id: vn-2027-ai-for-msmes
title: AI adoption clinics for MSMEs
summary: Clinics on AI tools for micro, small and medium enterprises.
reporter: VN
actions:
  - code: B.ii
    role: principal
activity_type: workshop
status: ongoing
planned_start: 2027-02-01
progress:
  - year: 2027
    status: ongoing
    narrative: Four clinics held.
"""

ENTRY_2027 = """\
  - year: 2027
    status: completed
    narrative: The programme ended with a final cohort.
    indicators:
      - id: officials-trained
        unit: people
        baseline: 0
        target: 400
        value: 410
"""


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tracker publish` makes a tag, which needs a name and email."""
    for variable, value in (("GIT_AUTHOR_NAME", "Secretariat"), ("GIT_AUTHOR_EMAIL", "sec@example.org"),
                            ("GIT_COMMITTER_NAME", "Secretariat"), ("GIT_COMMITTER_EMAIL", "sec@example.org")):
        monkeypatch.setenv(variable, value)


@pytest.fixture
def two_years(tracker_repo: TrackerRepo, valid_record: str) -> dict[str, str]:
    """2026 committed and published as review-2026; then 2027 committed."""
    tracker_repo.write(RECORD, valid_record)
    first = tracker_repo.commit("2026 progress")
    git(tracker_repo.root, "tag", "-a", "-m", "2026 review", "review-2026")
    tracker_repo.write(RECORD, valid_record
                       .replace("status: ongoing\nplanned_start", "status: completed\nplanned_start")
                       .replace("actual_start: 2026-03-15", "actual_start: 2026-03-15\nactual_end: 2027-11-30")
                       .replace("  - code: B.iii\n    role: significant", "  - code: B.iii\n    role: principal")
                       + ENTRY_2027)
    tracker_repo.write(OTHER, VN_RECORD)
    second = tracker_repo.commit("2027 progress")
    return {"first": first, "second": second}


def test_diff_between_two_years_as_json(tracker, two_years: dict[str, str]) -> None:
    result = tracker("diff", "2026", "2027", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert (document["from_year"], document["to_year"]) == (2026, 2027)
    assert [item["id"] for item in document["new"]] == ["vn-2027-ai-for-msmes"]
    [completed] = document["completed"]
    assert (completed["activity"]["id"], completed["before"], completed["after"]) == (
        "jpn-2026-ai-skills-for-public-servants", "ongoing", "completed")
    [actions] = document["action_changes"]
    assert actions["role_changed"] == [{"code": "B.iii", "before": "significant", "after": "principal"}]
    [indicator] = document["indicators"]
    assert (indicator["before"], indicator["after"], indicator["movement"], indicator["reached"]) == (
        120, 410, "toward", True)
    assert document["newly_covered"] == ["B.ii", "B.iii"]
    assert document["reporters_only_after"] == ["VN"]
    assert document["source"]["before"] == "the published review review-2026"
    assert document["source"]["commit"] == two_years["second"]
    assert document["restatements"] == []


def test_diff_of_one_year_means_against_the_year_before(tracker, two_years: dict[str, str]) -> None:
    assert tracker("diff", "2027", "-f", "json").stdout == tracker("diff", "2026", "2027", "-f", "json").stdout


def test_diff_as_markdown_is_the_report_section(tracker, two_years: dict[str, str]) -> None:
    result = tracker("diff", "2027", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Changes since 2026\n")
    assert "### New activities in 2027 (1)\n\n- vn-2027-ai-for-msmes: AI adoption clinics for MSMEs (Viet Nam)" \
        in result.stdout
    assert "- B.iii Workforce Capacity" in result.stdout or "- B.iii " in result.stdout
    assert "| jpn-2026-ai-skills-for-public-servants | Public officials trained (people) | 120 | 410 | 400 |" \
        in result.stdout


def test_diff_as_text(tracker, two_years: dict[str, str]) -> None:
    result = tracker("diff", "2026", "2027")
    assert result.exit_code == 0
    assert "Completed (1)" in result.stdout
    assert "jpn-2026-ai-skills-for-public-servants: AI skills for public servants (Japan): ongoing → completed" \
        in result.stdout
    assert "2026 as in the review published as review-2026; 2027 as the records are now." in result.stdout


def test_an_activity_new_and_completed_in_the_year_says_so_in_words(tracker_repo: TrackerRepo, tracker,
                                                                     two_years: dict[str, str]) -> None:
    done = VN_RECORD.replace("status: ongoing", "status: completed")  # the record's and its 2027 entry's
    tracker_repo.write(OTHER, done)
    line = "vn-2027-ai-for-msmes: AI adoption clinics for MSMEs (Viet Nam): new in 2027, completed"
    assert line in tracker("diff", "2026", "2027").stdout
    markdown = tracker("diff", "2026", "2027", "-f", "md").stdout
    assert f"- {line}" in markdown
    assert "None" not in markdown


def test_a_body_that_met_in_one_year_is_not_a_reporter_gone_quiet(tracker_repo: TrackerRepo, tracker,
                                                                   two_years: dict[str, str]) -> None:
    """Economies and fora are asked to report every year (as `tracker status`
    lists them); a ministerial meeting reports the year it meets."""
    tracker_repo.write(DAMM_PATH, DAMM_2026)
    document = json.loads(tracker("diff", "2026", "2027", "-f", "json").stdout)
    assert "DAMM" not in document["reporters_only_before"]
    assert document["reporters_only_after"] == ["VN"]


def test_a_year_with_itself_is_empty(tracker, two_years: dict[str, str]) -> None:
    result = tracker("diff", "2027", "2027", "-f", "md")
    assert result.stdout == ("## Changes since 2027\n\nBoth years as the records are now.\n\n"
                             "No changes between 2027 and 2027.\n")


def test_diff_as_of_an_older_commit_ignores_the_working_tree(
        tracker_repo: TrackerRepo, tracker, two_years: dict[str, str]) -> None:
    tracker_repo.write(RECORD, "<<<<<<< HEAD\nid: x\n=======\nid: y\n>>>>>>> other\n")
    now = tracker("diff", "2026", "2027", "-f", "json")
    assert now.exit_code == 1  # a record could not be read: left out, and said so
    assert "not valid records" in now.stderr
    then = tracker("diff", "2026", "2027", "-f", "json", "--as-of", "HEAD")
    assert then.exit_code == 0
    assert json.loads(then.stdout)["completed"][0]["after"] == "completed"
    older = json.loads(tracker("diff", "2026", "2027", "-f", "json", "--as-of", two_years["first"][:10]).stdout)
    assert older["new"] == [] and older["completed"] == []
    assert older["stalled"][0]["id"] == "jpn-2026-ai-skills-for-public-servants"


def test_validate_as_of_reads_the_revision(tracker_repo: TrackerRepo, tracker, two_years: dict[str, str]) -> None:
    tracker_repo.write(RECORD, "<<<<<<< HEAD\nid: x\n=======\nid: y\n>>>>>>> other\n")
    broken = tracker("validate", "-f", "json")
    assert broken.exit_code == 1
    assert [(d["path"], d["code"]) for d in json.loads(broken.stdout)["diagnostics"] if d["path"] == RECORD] == [
        (RECORD, "E205")]
    at_first = tracker("validate", "--as-of", "review-2026")
    assert at_first.exit_code == 0, at_first.stdout
    assert "All 1 file valid." in at_first.stdout
    assert (tracker_repo.root / RECORD).read_text().startswith("<<<<<<<")


@pytest.mark.parametrize(("args", "message"), [
    (("diff", "2019", "2027"), "2019 is not a year of the Initiative (2026–2030, and 2025 to compare with)"),
    (("diff", "2025"), "2024 (the year before 2025, which `tracker diff 2025` compares with) is not a year of"),
    (("diff", "2024"), "tracker: error: 2024 is not a year of the Initiative"),
    (("diff", "2026", "2027", "2028"), "expected FROM TO or TO"),
    # Years reversed: said so, with the command the user meant.
    (("diff", "2027", "2026"), "FROM (2027) is after TO (2026): the earlier year comes first, "
                               "`tracker diff 2026 2027`"),
    (("diff", "2027", "--as-of", "no-such-tag"), "the revision 'no-such-tag' does not exist"),
    (("validate", "--as-of", "HEAD~9"), "the revision 'HEAD~9' does not exist"),
    (("validate", "--as-of", "--format"), "is not a revision"),
])
def test_misuse_is_one_line_and_exit_2(tracker, two_years: dict[str, str], args: tuple[str, ...],
                                       message: str) -> None:
    result = tracker(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_as_of_outside_git_is_exit_2(tmp_path: Path, tracker, tracker_repo: TrackerRepo) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(tracker_repo.root / "data", plain / "data")
    result = tracker("diff", "2027", "--as-of", "HEAD", repo=plain)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr
    assert tracker("diff", "2027", repo=plain).exit_code == 0  # without --as-of, no git needed


def test_shallow_clone_lacking_the_revision(tmp_path: Path, tracker, two_years: dict[str, str],
                                            tracker_repo: TrackerRepo) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tracker_repo.root}", str(clone)], check=True)
    result = tracker("validate", "--as-of", two_years["first"], repo=clone)
    assert result.exit_code == 2
    assert "not in this shallow clone" in result.stderr
    assert "fetch-depth: 0" in result.stderr
    assert tracker("diff", "2027", "--as-of", "HEAD", repo=clone).exit_code == 0


def test_detached_head_reads_as_usual(tracker_repo: TrackerRepo, tracker, two_years: dict[str, str]) -> None:
    git(tracker_repo.root, "checkout", "-q", two_years["first"])
    assert tracker("validate").exit_code == 0
    assert tracker("diff", "2026", "2027", "--as-of", "main", "-f", "json").exit_code == 0
