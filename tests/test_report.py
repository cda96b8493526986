"""What the review says, on a small hand-made repository where every figure is
known (tests/report_records.py says what the records hold): its figures, the
lists behind them, its sentences, its scope, its state and its years."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apec_tracker.domain.layout import Repository
from apec_tracker.domain.record import Activity, Level, Status
from apec_tracker.reading.reference import load_framework
from apec_tracker.reporting.review import Provenance, RecordInput, Report, ReportProblem, Scope, ScopeKind, build_report
from apec_tracker.reporting.review_model import ActivityView, Section
from apec_tracker.reporting.wording import Link, Prose, plain
from tests.conftest import TrackerRepo, validated
from tests.report_records import DAMM_2026, DAMM_PATH, RECORDS
from tests.review_links import number_in

PROVENANCE = Provenance(commit="0" * 40, dirty=False, date=date(2027, 3, 1), date_source="commit",
                        tool_version="test")
JPN = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


def build(tracker_repo: TrackerRepo, year: int = 2026, records: dict[str, str] | None = None,
          **options) -> Report:  # type: ignore[no-untyped-def]
    for path, text in (records or RECORDS).items():
        tracker_repo.write(path, text)
    framework = load_framework(tracker_repo.root / "data/reference")
    result = validated(tracker_repo.root, date(2026, 11, 28))
    assert result.diagnostics == []
    loaded = [RecordInput(r.file.path, r.activity) for r in result.records]
    return build_report(loaded, framework, year, provenance=PROVENANCE, **options)


def text_of(section: Section) -> str:
    """A section's words, as the Markdown and Word documents have them."""
    found: list[str] = []
    for block in section.blocks:
        if block.kind == "paragraph":
            found.append(plain(block.prose))  # type: ignore[union-attr]
        elif block.kind == "bullets":
            found += [plain(item) for item in block.items]  # type: ignore[union-attr]
        elif block.kind == "subheading":
            found.append(block.text)  # type: ignore[union-attr]
        elif block.kind == "table":
            found += [" | ".join(cell.text for cell in row) for row in block.rows]  # type: ignore[union-attr]
    return "\n".join(found)


def all_text(report: Report) -> str:
    return "\n".join(text_of(section) for section in report.contents)


def ids(report: Report, page: str, anchor: str) -> list[str]:
    assert report.detail is not None
    listing = report.detail.page(page).listing(anchor)
    return sorted(listing.keys())


def test_headline_figures(tracker_repo: TrackerRepo) -> None:
    s = build(tracker_repo).summary
    assert (s.records, s.reporters, s.in_scope) == (6, 6, 4)
    assert (s.active, s.new, s.completed) == (3, 3, 1)
    assert (s.planned, s.suspended, s.cancelled) == (0, 1, 0)
    assert (s.economies_taking_part, s.economies_total) == (6, 21)
    assert s.fora_taking_part == ("DESG", "TELWG")
    # ABAC and PECC take part as partners of active activities (JPN's and DESG's).
    assert s.bodies_taking_part == ("ABAC", "PECC")
    # JPN's and SGP's own records are economy-level; DESG's is APEC-wide.
    assert (s.economy_level, s.apec_wide) == (2, 1)
    assert (s.actions_with_principal, s.actions_total) == (3, 12)
    assert (s.apec_projects, s.economy_level, s.apec_wide) == (1, 2, 1)


def test_a_body_reporting_is_counted_as_apec_wide_and_named(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write(DAMM_PATH, DAMM_2026)
    report = build(tracker_repo)
    s = report.summary
    assert s.bodies_taking_part == ("DAMM", "ABAC", "PECC")
    assert (s.economy_level, s.apec_wide) == (2, 2)
    # The host is named, and is not taken for an economy taking part.
    assert s.economies_taking_part == 6
    assert report.detail is not None
    [view] = [v for v in report.detail.page("action-a-iii.html").listing("principal").activities
              if v.reporter == "DAMM"]
    assert (view.reporter_name, view.host_economy, view.level) == (
        "APEC Digital and AI Ministerial Meeting", "China", "apec-wide")
    # The body has a page of its own, and the summary names the bodies that took part.
    assert ids(report, "body-damm.html", "own") == ["damm-2026-digital-and-ai-ministerial-meeting"]
    assert ("Three other APEC bodies took part, as reporter or partner: the APEC Digital and AI Ministerial Meeting, "
            "the APEC Business Advisory Council and the Pacific Economic Cooperation Council.") in text_of(
        report.executive)
    # Its activity is new in the changes; the body is not among the reporters
    # asked to report each year (economies and fora), so not "reported for 2026 only".
    changes = [item for section in report.changes.sections for item in section.items]
    assert any(item.startswith("damm-2026-digital-and-ai-ministerial-meeting: ") for item in changes)
    assert "APEC Digital and AI Ministerial Meeting (DAMM)" not in changes


def test_an_activity_named_in_the_summary_is_not_followed_by_the_name_its_title_says(
        tracker_repo: TrackerRepo) -> None:
    tracker_repo.write(DAMM_PATH, DAMM_2026.replace("title: Digital and AI Ministerial Meeting",
                                                    "title: APEC Digital and AI Ministerial Meeting 2026"))
    summary = text_of(build(tracker_repo).executive)
    assert "APEC Digital and AI Ministerial Meeting 2026 (completed in 2026)" in summary
    assert "(APEC Digital and AI Ministerial Meeting;" not in summary
    # A title that does not name its reporter keeps the name beside it.
    assert "Policy dialogue on AI governance (Digital Economy Steering Group; completed in 2026)" in summary


def test_the_executive_summary_is_sentences_an_official_can_quote(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    summary = text_of(report.executive)
    assert "Three activities were active in 2026, all of them new." in summary
    assert "One activity was completed during the year. Besides these, one activity was suspended." in summary
    assert "Six of the 21 member economies took part as reporter, lead or co-sponsor, and two APEC fora" in summary
    assert "The activities served three of the twelve actions of the Initiative as a principal objective." in summary
    assert "Two activities were carried out at the economy level and one APEC-wide." in summary
    # Highlights by goal, with no highlight in the records: the most significant, named.
    assert ("Goal A. Advancing Successful AI Transformation within APEC. One activity active, one new, one completed. "
            "The activity: Policy dialogue on AI governance (Digital Economy Steering Group; completed in 2026).") \
        in summary
    # What changed, in accurate words: the prior year is the one before the Initiative.
    assert ("Compared with 2025, the year before the Initiative began, three activities were new, one completed and "
            "one suspended in 2026.") in summary
    assert ("Two actions served in 2025 by work under way before the Initiative had no activity active in 2026 "
            "serving them as a principal objective.") in summary
    # The gaps say what is true: no activity *active* in the year.
    assert "Nine actions of the Initiative had no activity active in 2026 serving them as a principal objective." \
        in summary
    assert "Fifteen economies took part in no activity active in 2026." in summary
    assert "reported" not in summary.split("The main gaps")[-1]


def test_no_jargon_no_provenance_before_the_colophon(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    before = "\n".join(text_of(section) for section in report.contents if section.anchor != "about")
    for word in ("counted", "baseline", "outside", "0000000000", "apec-tracker", "warning", "countries"):
        assert word not in before.replace("is counted at the economy level", "").replace(
            "is counted once", ""), word
    about = text_of(report.section("about"))
    assert "as of commit 000000000000" in about and "apec-tracker test" in about
    assert "Validation: no errors, no warnings." in about


def test_plurals_and_apec_names(tracker_repo: TrackerRepo) -> None:
    text = all_text(build(tracker_repo))
    for wrong in ("1 activities", "one activities", "1 economies", "1 fora", "(s)", "one were", "one have"):
        assert wrong not in text, wrong
    # A list of names holding "Hong Kong, China" is separated by semicolons.
    assert "China; Hong Kong, China; Indonesia" in text


def test_one_activity_is_it_not_them(tracker_repo: TrackerRepo) -> None:
    summary = text_of(build(tracker_repo, records={JPN: RECORDS[JPN]}).executive)
    assert "One activity was active in 2026" in summary
    assert "no APEC forum reported it or was a partner forum." in summary
    assert "One activity active, one new. The activity: AI skills for public servants (Japan; new in 2026)." \
        in summary


def test_every_figure_is_the_count_of_its_list(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    figures = [part for section in report.contents for part in _parts(section) if part.is_figure]
    assert len(figures) > 100
    for part in figures:
        assert part.link is not None
        assert report.listing(part.link).count == part.count, part
        assert number_in(part.text) == part.count, part.text


def _parts(section: Section) -> Prose:
    parts: list = []  # type: ignore[type-arg]
    for block in section.blocks:
        if block.kind == "paragraph":
            parts += block.prose  # type: ignore[union-attr]
        elif block.kind == "bullets":
            parts += [part for item in block.items for part in item]  # type: ignore[union-attr]
        elif block.kind == "table":
            from apec_tracker.reporting.wording import Part

            parts += [Part(cell.text, cell.link, cell.count) for row in (*block.rows, *block.foot)  # type: ignore[union-attr]
                      for cell in row if cell.count is not None]
    return tuple(parts)


def test_lists_by_goal_action_economy_and_forum(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    assert ids(report, "goal-b.html", "active") == ["jpn-2026-ai-skills-for-public-servants"]
    assert ids(report, "action-b-iii.html", "significant") == ["jpn-2026-ai-skills-for-public-servants"]
    # The suspended survey is listed under B.iii, not as serving it.
    assert ids(report, "action-b-iii.html", "principal") == []
    assert ids(report, "action-b-iii.html", "other") == ["hrdwg-2025-ai-workforce-survey"]
    assert ids(report, "economy-sgp.html", "own") == ["sgp-2026-ai-infrastructure-investment"]
    assert ids(report, "economy-sgp.html", "joined") == ["desg-2026-ai-policy-dialogue"]
    assert ids(report, "economy-sgp.html", "all") == ["desg-2026-ai-policy-dialogue",
                                                      "sgp-2026-ai-infrastructure-investment"]
    assert ids(report, "economy-vn.html", "b-i") == ["jpn-2026-ai-skills-for-public-servants"]
    assert ids(report, "forum-telwg.html", "joined") == ["desg-2026-ai-policy-dialogue"]
    assert ids(report, "figures.html", "economies") == ["AUS", "JPN", "MAS", "ROK", "SGP", "VN"]
    assert ids(report, "figures.html", "economy-level") == ["jpn-2026-ai-skills-for-public-servants",
                                                            "sgp-2026-ai-infrastructure-investment"]
    assert ids(report, "partnerships.html", "abac") == ["jpn-2026-ai-skills-for-public-servants"]
    assert ids(report, "partnerships.html", "pair-desg-telwg") == ["desg-2026-ai-policy-dialogue"]
    assert ids(report, "aider.html", "innovation-adoption-b") == ["jpn-2026-ai-skills-for-public-servants"]
    assert ids(report, "projects.html", "projects") == ["DESG_201_2026A"]
    assert ids(report, "before.html", "before") == ["ppsti-2024-generative-ai-msme-industry-4-0"]
    assert ids(report, "changes.html", "no-longer-covered") == ["B.ii", "B.iii"]
    assert ids(report, "trend.html", "y2025-active") == ["hrdwg-2025-ai-workforce-survey",
                                                         "ppsti-2024-generative-ai-msme-industry-4-0"]


def test_every_activity_of_any_list_has_its_anchor(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo)
    assert report.detail is not None
    anchors = {f"{page.name}#{view.id}" for page in report.detail.activity_pages for view in page.views}
    assert anchors == {
        "activities-desg.html#desg-2026-ai-policy-dialogue", "activities-hrdwg.html#hrdwg-2025-ai-workforce-survey",
        "activities-jpn.html#jpn-2026-ai-skills-for-public-servants",
        "activities-ppsti.html#ppsti-2024-generative-ai-msme-industry-4-0",
        "activities-sgp.html#sgp-2026-ai-infrastructure-investment"}


def test_a_highlight_is_told_under_the_goal_of_the_principal_action(tracker_repo: TrackerRepo) -> None:
    records = dict(RECORDS)
    records[JPN] = RECORDS[JPN].replace(
        "    narrative: Two workshops held in Tokyo.\n",
        "    narrative: Two workshops held in Tokyo.\n    highlight: 120 officials from three economies trained\n")
    summary = text_of(build(tracker_repo, records=records).executive)
    assert ("Goal B. Building AI Capacities at All Levels. One activity active, one new. 120 officials from three "
            "economies trained (AI skills for public servants, Japan).") in summary
    assert "Among them" not in summary.split("Goal B.")[1].split("Goal C.")[0]


def _view(title: str, *, completed: bool = False, new: bool = False, economies: tuple[str, ...] = ("JPN",),
          project: str | None = None) -> ActivityView:
    record = _activity(title.lower(), "2026-01-10", None, "ongoing", [])
    return ActivityView(
        id=title.lower(), title=title, reporter="JPN", reporter_name="Japan", link=Link("activities-jpn.html", "x"),
        level=Level.ECONOMY, host_economy=None, status=Status.ONGOING, active=True, new=new, completed=completed,
        new_in=None, completed_in=None, economies=economies, fora=(), bodies=(), principal_actions=("B.i",),
        significant_actions=(), goal="B", apec_project=project, funding_usd=None, highlight=None, narrative=None,
        narrative_year=None, before_initiative=False, path=record.path, activity=record.activity)


def test_the_most_significant_come_first() -> None:
    """Completed, then new, then more economies, then APEC-funded, then by title."""
    from apec_tracker.reporting.highlights import most_significant, why_significant

    completed = _view("Zeta", completed=True, new=True)
    new = _view("Yankee", new=True)
    many = _view("Xray", economies=("JPN", "ROK", "VN"))
    funded = _view("Whiskey", project="HRDWG_204_2023A")
    plain_view = _view("Alpha")
    shuffled = [plain_view, funded, many, new, completed]
    assert most_significant(shuffled, 5) == [completed, new, many, funded, plain_view]
    assert most_significant(shuffled, 2) == [completed, new]
    assert [why_significant(view, "2027") for view in (completed, new, many, funded, plain_view)] == [
        "completed in 2027", "new in 2027", "three economies taking part", "APEC-funded", ""]


def test_one_economy_is_scoped_everywhere(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "JPN", "Japan"))
    assert report.title == "Progress review 2026: Japan" and report.stem == "apec-ai-initiative-2026-jpn"
    text = all_text(report)
    assert "of the 21" not in text and "took part in no activity" not in text.split("Actions:")[-1]
    summary = text_of(report.executive)
    assert "Japan took part in one activity active in 2026, and it was new." in summary
    assert "Japan reported it itself." in summary
    assert "that Japan took part in" in summary
    levels = report.section("levels")
    rows = [row for block in levels.blocks if block.kind == "table" for row in block.rows]  # type: ignore[union-attr]
    # Those that took part in Japan's activities: Korea and Viet Nam as co-sponsors, ABAC as a partner.
    assert {row[0].text for row in rows} == {"Japan", "Korea", "Viet Nam", "APEC Business Advisory Council"}
    forum = build(tracker_repo, scope=Scope(ScopeKind.FORUM, "TELWG", "Telecommunications and Information "
                                                                       "Working Group"))
    assert forum.summary.active == 1 and forum.stem == "apec-ai-initiative-2026-telwg"


def test_a_review_of_an_economy_that_took_part_in_nothing_has_no_empty_tables(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "PNG", "Papua New Guinea"))
    assert report.summary.active == 0
    nothing = "Papua New Guinea took part in no activity active in 2026, so there is nothing to show here."
    for anchor in ("levels", "coverage", "partnerships", "aider"):
        section = report.section(anchor)
        assert [block.kind for block in section.blocks] == ["paragraph"], anchor
        assert text_of(section).endswith(nothing), anchor
    indicators = report.section("indicators")
    assert [block.kind for block in indicators.blocks] == ["paragraph", "paragraph"]
    assert text_of(indicators).endswith("No activity active in 2026 reports a standard indicator.")


def test_a_year_not_over_is_a_draft_and_a_year_over_is_not(tracker_repo: TrackerRepo) -> None:
    draft = build(tracker_repo, today=date(2026, 12, 2))
    assert draft.state.draft and draft.state.mark == "DRAFT · 1 March 2027"
    assert "2026 is not over" in draft.state.reason
    final = build(tracker_repo, today=date(2027, 1, 1))
    assert not final.state.draft and final.state.mark == ""


def test_the_final_review_compares_2030_with_2025_and_shows_the_years_side_by_side(tracker_repo: TrackerRepo) -> None:
    report = build(tracker_repo, 2030, cumulative=True, today=date(2026, 12, 2))
    assert report.heading == "Final review 2026–2030" and report.stem == "apec-ai-initiative-2026-2030-final"
    assert report.state.draft and "2030 has not begun" in report.state.reason
    assert report.changes.prior_year == 2025 and report.changes.diff.to_year == 2030
    assert [(t.year, t.begun) for t in report.trend] == [(2025, True), (2026, True), (2027, False), (2028, False),
                                                         (2029, False), (2030, False)]
    trend = text_of(report.section("trend"))
    assert "2027 | not yet reported" in trend and "2030 | not yet reported" in trend
    assert "2026 | 3 | 3 | 1 | 6 | 3" in trend
    # An activity named in the summary says the year it was completed in; no activity is called
    # stalled in a year that has not begun.
    summary = text_of(report.executive)
    assert "completed in 2026)" in summary and "completed in 2026–2030" not in summary
    assert "no progress reported for 2030" not in summary
    # The changes since 2025 do not call five years' new activities "new in 2030",
    # the trend table's figure for the year alone.
    headings = [section.title for section in report.changes.sections]
    assert "Active in 2030, begun after 2025" in headings
    assert not any(heading.startswith("New activities in") for heading in headings)


def test_file_names_say_which_review() -> None:
    from apec_tracker.reporting.review_files import stem

    assert stem(2027, 2027, cumulative=False, final=False, scope_code=None) == "apec-ai-initiative-2027"
    assert stem(2026, 2026, cumulative=True, final=False, scope_code=None) == "apec-ai-initiative-2026-cumulative"
    assert stem(2026, 2028, cumulative=True, final=False, scope_code="ROK") == \
        "apec-ai-initiative-2026-2028-cumulative-rok"
    assert stem(2026, 2030, cumulative=True, final=True, scope_code=None) == "apec-ai-initiative-2026-2030-final"


def test_a_year_outside_the_period_is_refused(tracker_repo: TrackerRepo) -> None:
    with pytest.raises(ReportProblem, match="2025 is the year before the Initiative began"):
        build(tracker_repo, year=2025)


def _activity(id_: str, start: str, end: str | None, status: str, progress: list[tuple[int, str]],
              action: str = "B.i") -> RecordInput:
    data = {"id": id_, "title": id_, "summary": "s", "reporter": "JPN", "lead_economies": ["JPN"],
            "actions": [{"code": action, "role": "principal"}], "activity_type": "programme", "status": status,
            "actual_start": start, "progress": [{"year": y, "status": s, "narrative": "n"} for y, s in progress]}
    if end:
        data["actual_end"] = end
    return RecordInput(f"data/economies/JPN/{id_}.yaml", Activity.model_validate(data))


def test_a_cumulative_review_counts_each_activity_once(tracker_repo: TrackerRepo) -> None:
    framework = load_framework(Repository(tracker_repo.root).reference_dir)
    records = [
        _activity("jpn-one", "2026-01-10", "2027-06-30", "completed", [(2026, "ongoing"), (2027, "completed")]),
        _activity("jpn-two", "2028-02-01", None, "ongoing", [(2028, "ongoing"), (2029, "ongoing"),
                                                              (2030, "ongoing")], action="C.ii"),
        _activity("jpn-three", "2029-03-01", "2029-09-01", "completed", [(2029, "completed")], action="A.i"),
    ]
    report = build_report(records, framework, 2030, provenance=PROVENANCE, cumulative=True)
    s = report.summary
    assert (s.in_scope, s.active, s.new, s.completed, s.actions_with_principal) == (3, 3, 3, 2, 3)
    assert [(t.year, t.active, t.new, t.completed, t.actions_covered) for t in report.trend] == [
        (2025, 0, 0, 0, 0), (2026, 1, 1, 0, 1), (2027, 1, 0, 1, 1), (2028, 1, 1, 0, 1), (2029, 2, 1, 1, 2),
        (2030, 1, 0, 0, 1)]
    yearly = build_report(records, framework, 2030, provenance=PROVENANCE)
    assert yearly.heading == "Progress review 2030" and yearly.summary.active == 1


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(RECORDS))))
def test_the_order_records_are_read_in_changes_nothing(tracker_repo: TrackerRepo, order: list[int]) -> None:
    from apec_tracker.reporting.render import Format, render, render_detail

    report = build(tracker_repo)
    result = validated(tracker_repo.root, date(2026, 11, 28))
    records = [RecordInput(r.file.path, r.activity) for r in result.records]
    shuffled = build_report([records[i] for i in order], load_framework(Repository(tracker_repo.root).reference_dir),
                            2026, provenance=PROVENANCE)
    assert shuffled == report
    assert render(shuffled, Format.HTML) == render(report, Format.HTML)
    assert render(shuffled, Format.MD) == render(report, Format.MD)
    assert {name: "".join(pieces) for name, pieces in render_detail(shuffled).items()} == \
        {name: "".join(pieces) for name, pieces in render_detail(report).items()}


def test_an_activitys_entry_gives_its_dates_and_status_in_words(tracker_repo: TrackerRepo) -> None:
    from apec_tracker.reporting.render import render_detail

    pages = {name: "".join(pieces) for name, pieces in render_detail(build(tracker_repo)).items()}
    japan = pages["activities-jpn.html"]
    # Planned 2026-03-01 to 2027-12-31, started 2026-03-15; ongoing in 2026 and now.
    assert "<dt>Planned</dt><dd>1 March 2026 to 31 December 2027</dd>" in japan
    assert "<dt>Dates</dt><dd>from 15 March 2026</dd>" in japan
    assert "<dt>Status</dt><dd>ongoing in 2026</dd>" in japan
    assert "in the record" not in japan and " to …" not in japan
    # Suspended in 2026, the record says so too: said once.
    assert "<dt>Status</dt><dd>suspended in 2026</dd>" in pages["activities-hrdwg.html"]


def test_a_partys_page_reads_right_for_one_activity_and_for_none(tracker_repo: TrackerRepo) -> None:
    from apec_tracker.reporting.review_model import Paragraph

    report = build(tracker_repo)
    assert report.detail is not None

    def opening(page: str) -> str:
        [paragraph] = [block for block in report.detail.page(page).intro if isinstance(block, Paragraph)][:1]
        return plain(paragraph.prose)

    # Korea co-sponsors one activity, Japan's, new in 2026.
    assert opening("economy-rok.html") == (
        "Korea took part in one activity active in 2026: it reported none and led or co-sponsored one reported by "
        "others; it was new.")
    # The Philippines took part in nothing active: "one activity", not "one more".
    philippines = opening("economy-phl.html")
    assert philippines.startswith("The Philippines took part in no activity active in 2026. One activity involving "
                                  "it was planned, suspended or cancelled.")


def test_in_a_scoped_review_another_partys_page_says_it_counts_the_reviews_activities(
        tracker_repo: TrackerRepo) -> None:
    from apec_tracker.reporting.review_model import Paragraph

    report = build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "JPN", "Japan"))
    assert report.detail is not None

    def opening(page: str) -> str:
        return plain(next(b for b in report.detail.page(page).intro if isinstance(b, Paragraph)).prose)

    # Korea co-sponsors Japan's activity: its page in Japan's review is about that activity alone.
    assert opening("economy-rok.html").startswith(
        "Among the activities Japan took part in, Korea took part in one activity active in 2026")
    assert opening("economy-jpn.html").startswith("Japan took part in one activity active in 2026")


def test_a_scoped_summary_reads_right_whatever_the_party_did(tracker_repo: TrackerRepo) -> None:
    # The Philippines leads only HRDWG's activity, suspended in 2026.
    philippines = text_of(build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "PHL", "Philippines")).executive)
    assert philippines.startswith("The Philippines took part in no activity active in 2026. One activity was "
                                  "suspended.")
    # Korea co-sponsors Japan's activity (its own begins in 2027).
    korea = text_of(build(tracker_repo, scope=Scope(ScopeKind.ECONOMY, "ROK", "Korea")).executive)
    assert "Korea led or co-sponsored it; Japan reported it." in korea
    assert "The activity served one of the twelve actions" in korea
