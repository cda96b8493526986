"""The detail one click away from the main document: a page for each goal,
action, economy and forum, the lists behind the figures, and every activity's
record on the page of its reporter, with an anchor of its own.
"""

from __future__ import annotations

from apec_tracker.reporting import review_files as files
from apec_tracker.reporting.review_facts import Facts, Lists, PartyKind, PartyLists
from apec_tracker.reporting.review_model import (
    ActivityPage,
    ActivityView,
    Block,
    Bullets,
    Detail,
    DetailPage,
    Listing,
    Paragraph,
    RecordNames,
    Subheading,
)
from apec_tracker.reporting.review_text import Writer, ended
from apec_tracker.reporting.wording import Part, Sentences, capitalised, in_sentence, verb


def build_detail(facts: Facts, lists: Lists, writer: Writer) -> Detail:
    framework = facts.framework
    pages = [
        DetailPage(files.FIGURES, "Lists", "The figures of the summary",
                   (Paragraph((Part("Each list below holds what one figure of the review counts."),)),),
                   (*lists.figure_lists(), *(listing for listing in lists.objectives.values()
                                             if listing.page == files.FIGURES))),
    ]
    pages += [_goal(facts, lists, writer, goal.code) for goal in framework.goals]
    pages += [_action(facts, lists, writer, code) for code in framework.actions]
    involved = {code for view in facts.views for code in (*view.economies, *view.fora, *view.bodies)}
    if facts.scope.code:
        involved.add(facts.scope.code)
    pages += [_party(facts, writer, party) for code, party in lists.economy_parties.items()
              if facts.scope.apec_wide or code in involved]
    pages += [_party(facts, writer, party) for code, party in lists.forum_parties.items()
              if facts.scope.apec_wide or code in involved]
    # A body's page only when it is in the review: bodies are not asked to report each year.
    pages += [_party(facts, writer, party) for code, party in lists.body_parties.items() if code in involved]
    pages.append(DetailPage(files.PARTNERSHIPS, "Lists", "Partnerships and cross-fora collaboration", (), (
        *lists.partners, lists.cross_fora, *lists.pairs, lists.multi_economy, *lists.target_groups)))
    pages.append(DetailPage(files.AIDER, "Lists", "AIDER key focus areas", (Paragraph((Part(
        "Active activities mapped to each key focus area of the APEC Internet and Digital Economy Roadmap, by the "
        "goal of their principal actions."),)),), lists.aider))
    pages.append(DetailPage(files.PROJECTS, "Lists", "APEC-funded projects", (Paragraph((Part(
        "Activities with an APEC project number, in the period or reported for it; a project two records report "
        "is one item."),)),), (lists.projects,)))
    trend: list[Listing] = []
    for point in lists.trend:
        if point.begun:
            trend += [listing for listing in (point.active, point.new, point.completed, point.economies, point.actions)
                      if listing.page == files.TREND]
    pages.append(DetailPage(files.TREND, "Lists", "Year by year", (Paragraph((Part(
        "Each year as the records tell it now."),)),), tuple(trend)))
    pages.append(DetailPage(files.BEFORE, "Lists", f"Work before {framework.period.start}", (Paragraph((Part(
        f"Activities reported for {framework.period.start - 1} and earlier: context, not part of the review's "
        "figures."),)),), (lists.before,)))
    if lists.reporting is not None:
        reporting = lists.reporting
        pages.append(DetailPage(files.REPORTING, "Lists", f"Reporting for {reporting.year}", (Paragraph((Part(
            "Who had reported progress for the year, who said they had nothing to report, and who had not, as of "
            "the records the review is built from."),)),), (reporting.reported, reporting.nil_returns,
                                                             reporting.missing)))
    if lists.indicators is not None:
        found = lists.indicators
        intro = Paragraph((Part("Each standard indicator's total by goal, action, economy and forum; then the "
                                "activities behind each total, and those whose targets tell whether each action "
                                "is on track."),))
        breakdown = writer.indicator_breakdown(found)
        pages.append(DetailPage(files.INDICATORS, "Lists", f"Standard indicators, {found.report.year}",
                                (intro, *breakdown),
                                (*(listing for _, listing in found.totals), *(listing for _, listing in found.tracks))))
    changes = writer.changes
    pages.append(DetailPage(files.CHANGES, "Lists", f"Changes since {changes.prior_year}",
                            (Paragraph(writer.changes_sentences()),), tuple(lists.changes.values())))
    reporters: dict[str, list[ActivityView]] = {}
    for view in facts.views:
        reporters.setdefault(view.reporter, []).append(view)
    activity_pages = tuple(
        ActivityPage(files.activities_page(code), f"Activities reported by {framework.reporter_name(code)}",
                     tuple(views))
        for code, views in sorted(reporters.items()))
    return Detail(tuple(pages), activity_pages, _names(facts))


def _goal(facts: Facts, lists: Lists, writer: Writer, code: str) -> DetailPage:
    goal = facts.framework.goals_by_code[code]
    goal_lists = lists.goals[code]
    intro: list[Block] = [Paragraph((Part(ended(goal.text)),))]
    words = Sentences()
    if goal_lists.active.count:
        writer.opening(words, goal_lists.active, "activity")
        words.say(f" active {writer.in_period} had a principal action under this goal: ")
        writer.number(words, goal_lists.new)
        words.say(" new, ")
        writer.number(words, goal_lists.completed)
        words.say(" completed. ")
        if goal_lists.significant_only.count:
            writer.opening(words, goal_lists.significant_only, "more activity", "more activities")
            words.say(" served it as a significant objective.")
    else:
        words.say(f"No activity active {writer.in_period} had a principal action under this goal.")
    intro += [Paragraph(words.prose()), writer.actions_table(code), Subheading("Highlights", "highlights")]
    if goal_lists.highlights:
        intro.append(Bullets(tuple(
            Sentences().say(ended(view.highlight.text if view.highlight else "") + " ").link(view.title, view.link)
            .say(f" ({view.reporter_name}, {view.highlight.year if view.highlight else ''})").prose()
            for view in goal_lists.highlights)))
    else:
        # The summary then names the goal's most significant activities: said, so that the two agree.
        instead = ("; the summary names its most significant activities instead" if goal_lists.active.count
                   else "")
        intro.append(Paragraph((Part(f"No record gives a highlight {writer.in_period} for an activity under this "
                                     f"goal{instead}."),)))
    return DetailPage(files.goal_page(code), "Strategic goal", f"Goal {goal.code}. {goal.title}", tuple(intro),
                      (goal_lists.active, goal_lists.new, goal_lists.completed, goal_lists.significant_only))


def _action(facts: Facts, lists: Lists, writer: Writer, code: str) -> DetailPage:
    action = facts.framework.actions[code]
    action_lists = lists.actions[code]
    intro = (Paragraph((Part(ended(action.text)),)), Paragraph(writer.action_sentence(code, link=False)))
    return DetailPage(files.action_page(code), f"Action under goal {action.goal_code}", action.label, intro,
                      (action_lists.principal, action_lists.significant, action_lists.new, action_lists.completed,
                       action_lists.economies, action_lists.other))


_JOINED = {PartyKind.ECONOMY: "led or co-sponsored ", PartyKind.FORUM: "was a partner forum of ",
           PartyKind.BODY: "was a partner of "}
_KICKER = {PartyKind.ECONOMY: "Economy", PartyKind.FORUM: "APEC forum", PartyKind.BODY: "Other APEC body"}


def _subject(party: PartyLists) -> str:
    """The party as a sentence begins with it: "Japan", "The Philippines", "The Digital Economy Steering Group"."""
    return capitalised(in_sentence(party.name, economy=party.kind is PartyKind.ECONOMY))


def _party(facts: Facts, writer: Writer, party: PartyLists) -> DetailPage:
    words = Sentences()
    # In a review of one economy or forum, another's page counts only the activities of the review.
    among = ("" if writer.apec or party.code == facts.scope.code
             else f"Among the activities {writer.who} took part in, ")
    subject = (in_sentence(party.name, economy=party.kind is PartyKind.ECONOMY) if among else _subject(party))
    if party.all.count:
        words.say(f"{among}{subject} took part in ")
        writer.number(words, party.all, "activity")
        words.say(f" active {writer.in_period}: it reported ")
        writer.number(words, party.own)
        if party.joined.count:
            words.say(" and " + _JOINED[party.kind])
            writer.number(words, party.joined)
            words.say(" reported by others")
        if party.all.count == 1:
            words.say("; it was new." if party.new.count else "; it was not new.")
        elif party.new.count:
            words.say("; ")
            writer.number(words, party.new)
            words.say(" of them new.")
        else:
            words.say("; none of them new.")
    else:
        words.say(f"{among}{subject} took part in no activity active {writer.in_period}.")
    if party.other.count:
        words.say(" ")
        more = "more " if party.all.count else ""
        writer.opening(words, party.other, f"{more}activity", f"{more}activities")
        words.say(f" involving it {verb(party.other.count, 'was', 'were')} planned, suspended or cancelled.")
    return DetailPage(party.page, _KICKER[party.kind], party.name, (Paragraph(words.prose()),),
                      (party.all, party.new, party.by_action, party.other))


def _names(facts: Facts) -> RecordNames:
    framework = facts.framework
    reporter_pages = {code: files.economy_page(code) for code in framework.economies}
    reporter_pages.update({code: files.forum_page(code) for code in framework.fora})
    # A body's page is written only when it takes part in the review.
    involved = {code for view in facts.views for code in view.bodies}
    reporter_pages.update({code: files.body_page(code) for code in framework.bodies if code in involved})
    return RecordNames(
        reporters_names={code: framework.reporter_name(code) for code in framework.reporters},
        partners_names={code: partner.name for code, partner in framework.partners.items()},
        types_names={code: term.name for code, term in framework.activity_types.items()},
        groups_names={code: term.name for code, term in framework.target_groups.items()},
        aider_names={code: term.name for code, term in framework.aider_focus_areas.items()},
        actions_names={code: action.label for code, action in framework.actions.items()},
        indicator_names={key: item.name for key, item in framework.indicators.items()},
        indicator_units={key: item.unit.value for key, item in framework.indicators.items()},
        reporter_pages=reporter_pages,
        action_pages={code: files.action_page(code) for code in framework.actions},
        period=str(facts.year) if facts.first == facts.year else f"{facts.first}–{facts.year}",
    )
