"""`tracker report YEAR` as a user runs it: files written and printed, the
validation gate, options, scopes, drafts, reproducibility, and editable templates."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import TrackerRepo
from tests.report_records import RECORDS


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the reviews are built on: 2026 is over."""
    monkeypatch.setenv("TRACKER_TODAY", "2027-02-01")


def test_writes_the_main_document_its_detail_and_prints_the_paths(records: TrackerRepo, tracker) -> None:
    result = tracker("report", "2026")
    assert result.exit_code == 0, result.stderr
    folder = records.root / "reports" / "2026"
    assert result.stdout.splitlines() == [str(folder / f"apec-ai-initiative-2026.{ext}") for ext in
                                          ("md", "html", "docx")] + [str(folder / "apec-ai-initiative-2026") + "/"]
    markdown = (folder / "apec-ai-initiative-2026.md").read_text()
    assert markdown.startswith("# APEC Artificial Intelligence (AI) Initiative (2026-2030): Progress review 2026\n")
    assert "Three activities were active in 2026, all of them new." in markdown
    assert "Six of the 21 member economies took part" in markdown
    html = (folder / "apec-ai-initiative-2026.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "http-equiv=\"Content-Security-Policy\"" in html
    detail = folder / "apec-ai-initiative-2026"
    for name in ("figures.html", "goal-a.html", "action-c-iii.html", "economy-hkc.html", "forum-ewg.html",
                 "activities-jpn.html", "activities.csv", "activities.json", "changes-since-2025.md"):
        assert (detail / name).is_file(), name
    assert 'id="jpn-2026-ai-skills-for-public-servants"' in (detail / "activities-jpn.html").read_text()
    assert '<a href="https://example.org/jpn-skills">' in (detail / "activities-jpn.html").read_text()


def test_a_section_has_one_number_in_every_format(records: TrackerRepo, tracker) -> None:
    """An official quoting "section 9" to another holding the Word or Markdown
    copy means the same section: only the HTML's list of detail pages, last,
    is its own."""
    import re

    assert tracker("report", "2026").exit_code == 0
    folder = records.root / "reports" / "2026"
    markdown = re.findall(r"^## (\d+\. .+)$", (folder / "apec-ai-initiative-2026.md").read_text(), re.MULTILINE)
    html = [re.sub(r"<[^>]+>", "", heading) for heading in re.findall(
        r'<h2 id="[^"]+-h">(.+?)</h2>', (folder / "apec-ai-initiative-2026.html").read_text())]
    assert html[:-1] == markdown and html[-1].endswith("Detail and downloads")
    assert markdown[-1].endswith("About this review")


def test_each_format_alone(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        result = tracker("report", "2026", "--format", "md", "--output", str(tmp_path / "out"))
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0
    written = tmp_path / "out" / "apec-ai-initiative-2026.md"
    assert result.stdout.splitlines() == [str(written)]
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # readable by others, as a report is shared
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["apec-ai-initiative-2026.md"]
    assert not (records.root / "reports").exists()
    word = tracker("report", "2026", "-f", "docx", "-o", str(tmp_path / "word"))
    assert word.stdout.splitlines() == [str(tmp_path / "word" / "apec-ai-initiative-2026.docx")]
    html = tracker("report", "2026", "-f", "html", "-o", str(tmp_path / "html"))
    assert html.stdout.splitlines() == [str(tmp_path / "html" / "apec-ai-initiative-2026.html"),
                                        str(tmp_path / "html" / "apec-ai-initiative-2026") + "/"]


def test_the_word_document_has_headings_tables_and_page_numbers(records: TrackerRepo, tracker,
                                                                tmp_path: Path) -> None:
    from docx import Document

    assert tracker("report", "2026", "-f", "docx", "-o", str(tmp_path)).exit_code == 0
    document = Document(str(tmp_path / "apec-ai-initiative-2026.docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "APEC Artificial Intelligence (AI) Initiative (2026-2030)")
    assert ("Heading 1", "1. Executive summary") in headings
    assert ("Heading 2", "Goal B. Building AI Capacities at All Levels") in headings
    assert ("Heading 1", "13. Reporting for 2026") in headings
    assert headings[-2:] == [("Heading 1", "15. About this review"), ("Heading 2", "How the figures are counted")]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Three activities were active in 2026, all of them new." in body
    assert "All its activities" not in body and "DRAFT" not in body  # no links to follow, and 2026 is over
    tables = document.tables
    coverage = next(t for t in tables if t.rows[0].cells[1].text == "A.i")
    assert [cell.text for cell in coverage.rows[0].cells][:3] == ["Economy", "A.i", "A.ii"]
    assert coverage.rows[0]._tr.trPr.xpath("./w:tblHeader")  # the header row repeats on every page
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "fldChar" in footer
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


def test_a_draft_says_so_on_every_page(records: TrackerRepo, tracker, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")
    assert tracker("report", "2026", "-o", str(tmp_path)).exit_code == 0
    mark = "DRAFT · 1 March 2027"  # the records' date (the fixture commits them then)
    assert f"**{mark}.** 2026 is not over" in (tmp_path / "apec-ai-initiative-2026.md").read_text()
    for page in [tmp_path / "apec-ai-initiative-2026.html", *(tmp_path / "apec-ai-initiative-2026").glob("*.html")]:
        text = page.read_text()
        assert mark in text, page.name
        assert f'@top-center {{ content: "{mark}"' in text, page.name  # on every printed page
    from docx import Document

    document = Document(str(tmp_path / "apec-ai-initiative-2026.docx"))
    assert document.sections[0].header.paragraphs[0].text == mark


def test_the_same_commit_gives_byte_identical_files(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    tracker("report", "2026", "-o", str(tmp_path / "one"))
    tracker("report", "2026", "-o", str(tmp_path / "two"))
    one = sorted(path.relative_to(tmp_path / "one") for path in (tmp_path / "one").rglob("*") if path.is_file())
    assert len(one) > 60
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_rebuild_leaves_no_page_of_the_earlier_build(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    stale = tmp_path / "apec-ai-initiative-2026" / "economy-xyz.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("an economy page of an earlier build")
    keep = tmp_path / "notes.txt"
    keep.write_text("the user's")
    assert tracker("report", "2026", "-o", str(tmp_path)).exit_code == 0
    assert not stale.exists() and keep.read_text() == "the user's"


def test_the_downloads_are_what_export_gives(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    assert tracker("report", "2026", "-o", str(tmp_path)).exit_code == 0
    detail = tmp_path / "apec-ai-initiative-2026"
    exported = tracker("export", "--year", "2026", "--format", "csv", "-o", str(tmp_path / "export.csv"))
    assert exported.exit_code == 0
    assert (detail / "activities.csv").read_bytes() == (tmp_path / "export.csv").read_bytes()
    as_json = json.loads(tracker("export", "--year", "2026", "--format", "json").stdout)
    assert json.loads((detail / "activities.json").read_text()) == as_json
    assert [a["id"] for a in as_json["activities"]] == ["desg-2026-ai-policy-dialogue",
                                                         "jpn-2026-ai-skills-for-public-servants",
                                                         "sgp-2026-ai-infrastructure-investment"]
    assert (detail / "changes-since-2025.md").read_text() == tracker("diff", "2025", "2026", "--format", "md").stdout


def test_invalid_data_stops_the_report_and_lists_the_errors(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    records.write("data/economies/JPN/broken.yaml", "id: broken\ntitle: [unclosed\n")
    out = tmp_path / "out"
    result = tracker("report", "2026", "-o", str(out))
    assert result.exit_code == 1
    assert "data/economies/JPN/broken.yaml:" in result.stderr
    assert "the records have 1 error; fix them, or build anyway with --allow-invalid" in result.stderr
    assert not out.exists()

    allowed = tracker("report", "2026", "-o", str(out), "--allow-invalid")
    assert allowed.exit_code == 0
    stamped = (out / "apec-ai-initiative-2026.md").read_text()
    assert "> **Based on invalid data.** Validation found 1 error in the records" in stamped
    assert "Based on invalid data." in (out / "apec-ai-initiative-2026.html").read_text()
    assert "Based on invalid data." in (out / "apec-ai-initiative-2026" / "goal-a.html").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["2025"], "2025 is the year before the Initiative began, not one of its reporting years (2026–2030)"),
    (["2026", "--economy", "Korea"], "did you mean ROK"),
    (["2026", "--forum", "ABAC"], "partner, not an APEC forum"),
    (["2026", "--as-of", "no-such-tag"], "does not exist"),
])
def test_misuse_is_a_one_line_error_and_exit_2(records: TrackerRepo, tracker, args: list[str], message: str) -> None:
    result = tracker("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_each_economy_and_forum_given_has_its_own_review(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    result = tracker("report", "2026", "--economy", "ROK", "--economy", "SGP", "--forum", "DESG", "-f", "md",
                     "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        "apec-ai-initiative-2026-rok.md", "apec-ai-initiative-2026-sgp.md", "apec-ai-initiative-2026-desg.md"]
    korea = (tmp_path / "apec-ai-initiative-2026-rok.md").read_text()
    assert "Progress review 2026: Korea" in korea and "of the 21" not in korea
    assert "Korea took part in one activity active in 2026" in korea
    assert "Singapore took part in two activities active in 2026" in (
        tmp_path / "apec-ai-initiative-2026-sgp.md").read_text()


def test_file_names_are_unambiguous(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    names = []
    for args in (["2026"], ["2026", "--cumulative"], ["2030", "--cumulative"]):
        result = tracker("report", *args, "-f", "md", "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        names.append(Path(result.stdout.strip()).name)
    assert names == ["apec-ai-initiative-2026.md", "apec-ai-initiative-2026-cumulative.md",
                     "apec-ai-initiative-2026-2030-final.md"]
    final = (tmp_path / "apec-ai-initiative-2026-2030-final.md").read_text()
    assert "# APEC Artificial Intelligence (AI) Initiative (2026-2030): Final review 2026–2030" in final
    assert "DRAFT" in final and "2030 has not begun" in final
    assert "## 10. Changes since 2025" in final and "| 2028 | not yet reported |" in final


def test_as_of_rebuilds_from_an_earlier_commit(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    from tests.conftest import git

    first = git(records.root, "rev-parse", "HEAD").strip()
    records.write("data/economies/VN/vn-2026-ai-literacy.yaml", RECORDS[
        "data/economies/SGP/sgp-2026-ai-infrastructure-investment.yaml"].replace(
        "sgp-2026-ai-infrastructure-investment", "vn-2026-ai-literacy").replace("reporter: SGP", "reporter: VN"))
    records.commit("one more record")
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "now"))
    tracker("report", "2026", "-f", "md", "-o", str(tmp_path / "then"), "--as-of", first)
    assert "Built from 7 valid records" in (tmp_path / "now" / "apec-ai-initiative-2026.md").read_text()
    then = (tmp_path / "then" / "apec-ai-initiative-2026.md").read_text()
    assert "Built from 6 valid records" in then and f"commit {first[:12]}" in then


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
    assert "## 1. Executive summary\n\nActive: 3.\n" in text and "## 15. About this review" in text


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


def test_a_broken_detail_template_is_named_too(records: TrackerRepo, tracker, tmp_path: Path) -> None:
    custom = tmp_path / "custom" / "detail"
    custom.mkdir(parents=True)
    (custom / "items.html.j2").write_text("{% macro item(v) %}{{ v.no_such_field }}{% endmacro %}\n"
                                          "{% macro row(v) %}{% endmacro %}\n")
    result = tracker("report", "2026", "-f", "html", "-o", str(tmp_path / "out"), "--templates", str(custom.parent))
    assert result.exit_code == 2 and "items.html.j2:1" in result.stderr and "no_such_field" in result.stderr
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
    result = tracker("report", "2026", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "apec-ai-initiative-2026.md").read_text()
    changes = text[text.index("## 10. Changes since 2025"):text.index("## 11.")]
    assert "2025 as in the review published as review-2025; 2026 as the records are now." in changes
    assert "| New activities in 2026 | 4 |" in changes, "first reported after publication: new"
    # The detail is what `tracker diff 2025 2026 --format md` prints, to the byte.
    download = (tmp_path / "apec-ai-initiative-2026" / "changes-since-2025.md").read_text()
    assert download == tracker("diff", "2025", "2026", "--format", "md").stdout
    assert "- vn-2025-ai-literacy: AI literacy for all (Viet Nam)" in download


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
    every file of the earlier run as it was, and no temporary file."""
    out = tmp_path / "out"
    assert tracker("report", "2026", "-o", str(out)).exit_code == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    custom = tmp_path / "custom" / "partials"
    custom.mkdir(parents=True)
    # The Markdown renders, differently; the HTML fails once its page has begun.
    (custom / "summary.md.j2").write_text("A new summary.\n")
    (custom / "blocks.html.j2").write_text("{% macro blocks(items, base) %}{{ report.no_such_field }}"
                                           "{% endmacro %}\n")
    broken = tracker("report", "2026", "-o", str(out), "--templates", str(custom.parent))
    assert broken.exit_code == 2 and "blocks.html.j2:1" in broken.stderr
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before


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
