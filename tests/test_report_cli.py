"""`tracker report YEAR` as a user runs it: files written and printed, the
validation gate, options, reproducibility, and editable templates."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import TrackerRepo
from tests.report_records import RECORDS


def test_writes_markdown_and_html_under_reports_and_prints_the_paths(records: TrackerRepo, tracker) -> None:
    result = tracker("report", "2026")
    assert result.exit_code == 0, result.stderr
    folder = records.root / "reports" / "2026"
    assert result.stdout.splitlines() == [str(folder / "apec-ai-initiative-2026.md"),
                                          str(folder / "apec-ai-initiative-2026.html")]
    markdown = (folder / "apec-ai-initiative-2026.md").read_text()
    assert markdown.startswith("# APEC Artificial Intelligence (AI) Initiative (2026-2030): Progress review 2026\n")
    assert "- **3** activities active in 2026: **3** new, **1** completed" in markdown
    assert "- **6 of the 21** economies took part." in markdown
    html = (folder / "apec-ai-initiative-2026.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "http-equiv=\"Content-Security-Policy\"" in html


def test_format_and_output_folder(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        result = tracker("report", "2026", "--format", "md", "--output", str(tmp_path / "out"))
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0
    written = tmp_path / "out" / "apec-ai-initiative-2026.md"
    assert result.stdout.splitlines() == [str(written)]
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # readable by others, as a report is shared
    assert not (records.root / "reports").exists()


def test_the_same_commit_gives_byte_identical_files(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    tracker("report", "2026", "-o", str(tmp_path / "one"))
    tracker("report", "2026", "-o", str(tmp_path / "two"))
    for name in ("apec-ai-initiative-2026.md", "apec-ai-initiative-2026.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_provenance_names_the_commit_the_date_and_uncommitted_changes(records: TrackerRepo, tracker,
                                                                       tmp_path: Path, monkeypatch) -> None:
    from tests.conftest import git

    head = git(records.root, "rev-parse", "HEAD").strip()
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path))
    text = (tmp_path / "apec-ai-initiative-2026.md").read_text()
    assert f"| Records' commit | `{head[:12]}` |" in text
    assert "| Date | 2027-03-01 (from the commit) |" in text  # the fixture's commit date, not today
    records.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml",
                  RECORDS["data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"] + "# edited\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path))
    text = (tmp_path / "apec-ai-initiative-2026.md").read_text()
    assert "with uncommitted changes in the working tree" in text
    assert "| Date | 2026-01-01 (from the SOURCE_DATE_EPOCH) |" in text


def test_invalid_data_stops_the_report_and_lists_the_errors(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    records.write("data/economies/JPN/broken.yaml", "id: broken\ntitle: [unclosed\n")
    out = tmp_path / "out"
    result = tracker("report", "2026", "-o", str(out))
    assert result.exit_code == 1
    assert "data/economies/JPN/broken.yaml:" in result.stderr
    assert "--allow-invalid" in result.stderr
    assert not out.exists()

    allowed = tracker("report", "2026", "-o", str(out), "--allow-invalid")
    assert allowed.exit_code == 0
    stamped = (out / "apec-ai-initiative-2026.md").read_text()
    assert "> **Based on invalid data.** Validation found 1 error(s)" in stamped
    assert "Based on invalid data." in (out / "apec-ai-initiative-2026.html").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["2025"], "outside the Initiative's period"),
    (["2026", "--economy", "Korea"], "did you mean ROK"),
    (["2026", "--forum", "ABAC"], "partner, not an APEC forum"),
    (["2026", "--economy", "JPN", "--forum", "DESG"], "not both"),
    (["2026", "--as-of", "no-such-tag"], "does not exist"),
])
def test_misuse_is_a_one_line_error_and_exit_2(records: TrackerRepo, tracker, args: list[str], message: str) -> None:
    result = tracker("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_one_economy_one_forum_and_the_final_review_have_their_own_files(records: TrackerRepo, tracker,
                                                                         tmp_path: Path) -> None:
    economy = tracker("report", "2026", "--economy", "SGP", "-f", "md", "-o", str(tmp_path))
    assert economy.stdout.strip().endswith("apec-ai-initiative-2026-sgp.md")
    assert "**Scope:** activities involving Singapore (SGP)." in Path(economy.stdout.strip()).read_text()
    forum = tracker("report", "2026", "--forum", "DESG", "-f", "md", "-o", str(tmp_path))
    assert forum.stdout.strip().endswith("apec-ai-initiative-2026-desg.md")
    cumulative = tracker("report", "2026", "--cumulative", "-f", "md", "-o", str(tmp_path))
    assert cumulative.stdout.strip().endswith("apec-ai-initiative-2026-2026.md")


def test_as_of_rebuilds_from_an_earlier_commit(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    from tests.conftest import git

    first = git(records.root, "rev-parse", "HEAD").strip()
    records.write("data/economies/VN/vn-2026-ai-literacy.yaml", RECORDS[
        "data/economies/SGP/sgp-2026-ai-infrastructure-investment.yaml"].replace(
        "sgp-2026-ai-infrastructure-investment", "vn-2026-ai-literacy").replace("reporter: SGP", "reporter: VN"))
    records.commit("one more record")
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "now"))
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "then"), "--as-of", first)
    assert "7 valid records" in (tmp_path / "now" / "apec-ai-initiative-2026.md").read_text()
    then = (tmp_path / "then" / "apec-ai-initiative-2026.md").read_text()
    assert "6 valid records" in then and f"`{first[:12]}`" in then


def test_as_of_checks_records_against_the_reference_data_of_then(records: TrackerRepo, tracker,
                                                                  tmp_path: Path) -> None:
    """A record valid then and invalid by today's reference data is still valid
    in the report as of then, built the same to the byte."""
    from tests.conftest import git

    first = git(records.root, "rev-parse", "HEAD").strip()
    cold = tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "cold"), "--as-of", first)
    assert cold.exit_code == 0
    warm = tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "warm"), "--as-of", first)
    assert warm.exit_code == 0
    assert (tmp_path / "warm" / "apec-ai-initiative-2026.md").read_bytes() == \
        (tmp_path / "cold" / "apec-ai-initiative-2026.md").read_bytes()

    framework = records.root / "data" / "reference" / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        "  - code: public-sector-personnel\n", "  - code: civil-servants\n"), encoding="utf-8")
    assert tracker("validate").exit_code == 1  # today, a record's target group is unknown
    then = tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "then"), "--as-of", first)
    assert then.exit_code == 0, then.stderr
    assert (tmp_path / "then" / "apec-ai-initiative-2026.md").read_bytes() == \
        (tmp_path / "cold" / "apec-ai-initiative-2026.md").read_bytes()


def test_templates_folder_replaces_one_partial_and_keeps_the_rest(records: TrackerRepo, tracker,
                                                                  tmp_path: Path) -> None:
    custom = tmp_path / "custom" / "partials"
    custom.mkdir(parents=True)
    (custom / "summary.md.j2").write_text("Active: {{ report.summary.active }}.\n")
    result = tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "out"), "--templates", str(custom.parent))
    assert result.exit_code == 0
    text = (tmp_path / "out" / "apec-ai-initiative-2026.md").read_text()
    assert "## Executive summary\n\nActive: 3.\n" in text and "## Annex: every activity" in text


def test_a_template_typo_names_the_template_and_line(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    custom = tmp_path / "custom" / "partials"
    custom.mkdir(parents=True)
    (custom / "summary.md.j2").write_text("fine\n{{ report.sumary.active }}\n")
    result = tracker("report", "2026", "-o", str(tmp_path / "out"), "--templates", str(custom.parent))
    assert result.exit_code == 2
    assert "summary.md.j2:2" in result.stderr and "sumary" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    (custom / "summary.md.j2").write_text("{% if %}\n")
    broken = tracker("report", "2026", "-o", str(tmp_path / "out"), "--templates", str(custom.parent))
    assert broken.exit_code == 2 and "summary.md.j2:1" in broken.stderr
    assert not (tmp_path / "out").exists()


def test_changes_read_the_prior_year_as_published(records: TrackerRepo, tracker, tmp_path: Path,
                                                   monkeypatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    assert tracker("publish", "2025").exit_code == 0
    # Reported after the 2025 review was published, though it began in 2025.
    records.write("data/economies/VN/vn-2025-ai-literacy.yaml", """\
id: vn-2025-ai-literacy
title: AI literacy for all
summary: Courses for the general public.
reporter: VN
lead_economies: [VN]
actions:
  - {code: B.iv, role: principal}
activity_type: programme
status: ongoing
actual_start: 2025-06-01
progress:
  - {year: 2025, status: ongoing, narrative: Pilot courses.}
  - {year: 2026, status: ongoing, narrative: Courses in three provinces.}
""")
    records.commit("a late report")
    result = tracker("report", "2026", "-f", "md", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "apec-ai-initiative-2026.md").read_text()
    changes = text[text.index("## Changes since 2025"):text.index("## Trend")]
    assert "2025 read from the published review review-2025; 2026 from the working tree." in changes
    assert "### New activities in 2026 (4)" in changes
    assert "- vn-2025-ai-literacy: AI literacy for all (Viet Nam)" in changes, "first reported after publication"
    # The section is what `tracker diff 2025 2026 --format md` prints, to the byte.
    assert changes.rstrip("\n") == tracker("diff", "2025", "2026", "--format", "md").stdout.rstrip("\n")


def test_an_edited_template_shows_in_the_next_report(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    """An edit to a template is never hidden by what was rendered before it."""
    custom = tmp_path / "custom" / "partials"
    custom.mkdir(parents=True)
    summary = custom / "summary.md.j2"
    summary.write_text("First wording.\n")
    out = tmp_path / "out"
    assert tracker("report", "2026", "-o", str(out), "--templates", str(custom.parent)).exit_code == 0
    assert "First wording." in (out / "apec-ai-initiative-2026.md").read_text(encoding="utf-8")
    summary.write_text("Second wording.\n")
    assert tracker("report", "2026", "-o", str(out), "--templates", str(custom.parent)).exit_code == 0
    text = (out / "apec-ai-initiative-2026.md").read_text(encoding="utf-8")
    assert "Second wording." in text and "First wording." not in text


def test_a_template_that_breaks_halfway_leaves_the_earlier_reports(records: TrackerRepo, tracker,
                                                                   tmp_path: Path) -> None:
    """Reports are written as they render; one that fails part way leaves
    every report of the earlier run as it was, and no temporary file."""
    out = tmp_path / "out"
    assert tracker("report", "2026", "-o", str(out)).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    custom = tmp_path / "custom" / "partials"
    custom.mkdir(parents=True)
    # The Markdown renders, differently; the HTML fails once its page has begun.
    (custom / "summary.md.j2").write_text("A new summary.\n")
    (custom / "matrix.html.j2").write_text("<p>matrix</p>\n{{ report.no_such_field }}\n")
    broken = tracker("report", "2026", "-o", str(out), "--templates", str(custom.parent))
    assert broken.exit_code == 2 and "matrix.html.j2:2" in broken.stderr
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_latest_reviews_the_last_year_the_records_report_whatever_the_calendar_says(
    tracker_repo: TrackerRepo, tracker, valid_record: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """CI builds `tracker report --latest` on every push to main: in January it
    must not review a year that has barely begun, nor fail from 2031."""
    record = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"

    def latest(today: str) -> str:
        monkeypatch.setenv("TRACKER_TODAY", today)
        result = tracker("report", "--latest", "--format", "md", "--output", str(tmp_path / today))
        assert result.exit_code == 0, result.stderr
        return Path(result.stdout.strip()).name

    planned = (valid_record.replace("status: ongoing\nplanned_start", "status: planned\nplanned_start")
               .replace("actual_start: 2026-03-15\n", "").split("progress:")[0])
    tracker_repo.write(record, planned)
    assert latest("2026-02-01") == "apec-ai-initiative-2026.md"  # nothing reported yet: the first year
    tracker_repo.write(record, valid_record)
    assert latest("2027-01-15") == "apec-ai-initiative-2026.md"  # January: the year just ended
    entries = "".join(f"  - year: {year}\n    status: ongoing\n    narrative: Workshops held in {year}.\n"
                      for year in range(2027, 2031))
    tracker_repo.write(record, valid_record.replace("planned_end: 2027-12-31", "planned_end: 2030-12-31")
                       + entries)
    assert latest("2031-01-15") == "apec-ai-initiative-2030.md"  # after the period: its last year


@pytest.mark.parametrize(("args", "told"), [
    ((), "give YEAR or --latest"),
    (("2026", "--latest"), "give YEAR (2026) or --latest, not both"),
])
def test_year_or_latest(records: TrackerRepo, tracker, args: tuple[str, ...], told: str) -> None:
    result = tracker("report", *args)
    assert (result.exit_code, result.stderr) == (2, f"tracker: error: {told}\n")
