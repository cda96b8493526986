"""The main document, section by section: what it says, in sentences and
tables whose every figure links to the list it counts.

The sentences are written here, once, so that the HTML, Markdown and Word
documents say the same words; docs/report.md shows what each section says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from apec_tracker.domain.framework import Combine, Unit
from apec_tracker.reporting import review_files as files
from apec_tracker.reporting.highlights import HIGHLIGHTS_PER_GOAL, most_significant, named_for_action, why_significant
from apec_tracker.reporting.indicators import IndicatorTotals, SeriesPoint
from apec_tracker.reporting.review_facts import Facts, IndicatorLists, Lists, PartyLists, ReportingLists
from apec_tracker.reporting.review_model import (
    ActivityView,
    Block,
    Bullets,
    Cell,
    Changes,
    Charts,
    Column,
    ColumnChart,
    Downloads,
    Listing,
    Paragraph,
    Provenance,
    Section,
    Subheading,
    Table,
    Validity,
)
from apec_tracker.reporting.review_state import long_date
from apec_tracker.reporting.wording import (
    Link,
    Part,
    Prose,
    Sentences,
    amount,
    capitalised,
    counted,
    digits,
    in_sentence,
    in_words,
    listed,
    noun,
    separator,
    verb,
)

# Fora pairs shown in the main document; the rest are on the partnerships page.
PAIRS_SHOWN = 8
# Names listed in a sentence; beyond this, the sentence links to the list instead.
NAMES_IN_A_SENTENCE = 8


def figure(listing: Listing, text: str) -> Part:
    return Part(text, listing.link, listing.count)


def figure_cell(listing: Listing, *, blank_zero: bool = False) -> Cell:
    if blank_zero and not listing.count:
        return Cell("", numeric=True)
    return Cell(digits(listing.count), listing.link, listing.count, numeric=True)


def ended(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class Writer:
    """The sections of one review's main document."""

    def __init__(self, facts: Facts, lists: Lists, changes: Changes, downloads: Downloads, *,
                 state_step: str = "") -> None:
        self.f = facts
        self.state_step = state_step  # the step of the review's path the calendar records, in a sentence
        self.lists = lists
        self.changes = changes
        self.downloads = downloads
        framework = facts.framework
        self.framework = framework
        self.period = str(facts.year) if facts.first == facts.year else f"{facts.first}–{facts.year}"
        self.in_period = f"in {self.period}"
        self.during = "during the year" if facts.first == facts.year else "during the period"
        scope = facts.scope
        # The economy or forum a scoped review is about, as a sentence names it:
        # "Japan", "the Digital Economy Steering Group"; ``Who`` begins a sentence.
        self.who = scope.in_sentence
        self.Who = capitalised(self.who) if self.who else self.who
        self.apec = scope.apec_wide

    # -- helpers ------------------------------------------------------------------------

    def nothing_active(self) -> str:
        """What a section of tables says in their place when no activity is
        active: a review of an economy that took part in none, or of a year no
        one has reported for yet."""
        if self.apec:
            return f"No activity was active {self.in_period}, so there is nothing to show here."
        return f"{self.Who} took part in no activity active {self.in_period}, so there is nothing to show here."

    def opening(self, words: Sentences, listing: Listing, singular: str, plural: str | None = None) -> None:
        """Start a sentence with a figure: in words up to 99 ("Forty-two activities"),
        else after "In all," ("In all, 612 activities"); none is "No activity"."""
        count = listing.count
        if count == 0:
            words.say(f"No {singular}")
        elif count <= 99:
            words.extend([figure(listing, capitalised(counted(count, singular, plural)))])
        else:
            words.say("In all, ").figure(counted(count, singular, plural), listing.link, count)

    def number(self, words: Sentences, listing: Listing, singular: str | None = None,
               plural: str | None = None) -> None:
        """A figure inside a sentence: "twelve" or "twelve activities"; none is
        "none" or "no activities", with no link to an empty list."""
        if listing.count == 0:
            words.say("none" if singular is None else f"no {noun(0, singular, plural)}")
            return
        count = listing.count
        text = in_words(count) if singular is None else counted(count, singular, plural)
        in_digits = digits(count) if singular is None else counted(count, singular, plural, words=False)
        words.figure(text, listing.link, count, in_digits)

    def names(self, words: Sentences, items: Sequence[tuple[str, Link | None]]) -> None:
        """Names, linked: "A, B and C", or with semicolons when a name holds a comma."""
        between = separator([name for name, _ in items])
        last = "; and " if between == "; " else " and "
        for index, (name, link) in enumerate(items):
            if index:
                words.say(last if index == len(items) - 1 else between)
            if link is None:
                words.say(name)
            else:
                words.link(name, link)

    def names_or_stop(self, words: Sentences, items: Sequence[tuple[str, Link | None]]) -> None:
        """": A, B and C." when they are few enough for a sentence, else "."."""
        if items and len(items) <= NAMES_IN_A_SENTENCE:
            words.say(": ")
            self.names(words, items)
        words.say(".")

    def activity_names(self, words: Sentences, views: Sequence[ActivityView], *, reasons: bool = True) -> None:
        for index, view in enumerate(views):
            if index:
                words.say((" and " if len(views) == 2 else "; and ") if index == len(views) - 1 else "; ")
            words.link(view.title, view.link)
            said = [_reporter_unless_named(view), why_significant(view, self.period) if reasons else ""]
            if any(said):
                words.say(f" ({'; '.join(part for part in said if part)})")

    # -- the executive summary ---------------------------------------------------------

    def executive(self) -> Section:
        blocks: list[Block] = [Paragraph(self.key_figures())]
        participation = self.participation()
        if participation:
            blocks.append(Paragraph(participation))
        blocks.append(Subheading(f"Highlights {self.in_period}, by strategic goal", "highlights"))
        blocks += [Paragraph(self.goal_highlights(goal.code)) for goal in self.framework.goals]
        blocks.append(Subheading(f"What changed since {self.changes.prior_year}", "summary-changes"))
        blocks.append(Paragraph(self.changes_sentences()))
        blocks.append(Subheading("The main gaps", "summary-gaps"))
        blocks.append(Paragraph(self.gaps_sentences()))
        return Section("summary", "Executive summary", tuple(blocks))

    def key_figures(self) -> Prose:
        lists, words = self.lists, Sentences()
        active = lists.active
        if self.apec:
            if active.count == 0:
                words.say(f"No activity was active {self.in_period}.")
            else:
                self.opening(words, active, "activity")
                words.say(f" {verb(active.count, 'was', 'were')} active {self.in_period}")
                self._new_and_continuing(words)
        else:
            if active.count == 0:
                words.say(f"{self.Who} took part in no activity active {self.in_period}.")
            else:
                words.say(f"{self.Who} took part in ")
                self.number(words, active, "activity")
                words.say(f" active {self.in_period}")
                self._new_and_continuing(words)
        completed = lists.completed
        if completed.count and completed.count == active.count and completed.count <= 2:
            words.say(" ")
            # Every active activity: the figure before says how many.
            words.say(f"{'It was' if completed.count == 1 else 'Both were'} completed {self.during}.")
        elif completed.count:
            words.say(" ")
            self.opening(words, completed, "activity")
            words.say(f" {verb(completed.count, 'was', 'were')} completed {self.during}.")
        others = [(listing, word) for listing, word in ((lists.planned, "planned"), (lists.suspended, "suspended"),
                                                        (lists.cancelled, "cancelled")) if listing.count]
        if others:
            words.say(" Besides these, " if active.count else " ")
            for index, (listing, word) in enumerate(others):
                if index:
                    words.say(" and " if index == len(others) - 1 else ", ")
                if index == 0:
                    if active.count:
                        self.number(words, listing, "activity")
                    else:
                        self.opening(words, listing, "activity")
                    words.say(f" {verb(listing.count, 'was', 'were')} {word}")
                else:
                    self.number(words, listing)
                    words.say(f" {word}")
            words.say(".")
        projects = lists.projects
        if projects.count:
            words.say(f" Among the activities {self.in_period} {verb(projects.count, 'is', 'are')} ")
            self.number(words, projects, "APEC-funded project")
            words.say(" (with an APEC project number)")
            if lists.funding_usd:
                words.say(f", with USD {lists.funding_usd:,.0f} of funding reported")
            words.say(".")
        return words.prose()

    def _new_and_continuing(self, words: Sentences) -> None:
        lists = self.lists
        new, continuing = lists.new, lists.continuing
        if new.count and continuing.count:
            words.say(": ")
            self.number(words, new)
            words.say(" new and ")
            self.number(words, continuing)
            words.say(" begun in earlier years.")
        elif new.count:
            words.say({1: ", and it was new.", 2: ", both of them new."}.get(new.count, ", all of them new."))
        else:
            words.say({1: ", begun in an earlier year.", 2: ", both begun in earlier years."}.get(
                continuing.count, ", all of them begun in earlier years."))

    def participation(self) -> Prose:
        lists, words = self.lists, Sentences()
        if not lists.active.count:
            return ()
        total = len(self.framework.economies)
        economies, fora = lists.economies, lists.fora
        if self.apec:
            if economies.count == 0:
                words.say("No member economy is named as reporter, lead or co-sponsor of "
                          + ("this activity" if lists.active.count == 1 else "these activities"))
                if fora.count:
                    words.say("; ")
                    self.number(words, fora, "APEC forum", "APEC fora")
                    words.say(" took part, as reporter or partner forum.")
                else:
                    words.say(", nor any APEC forum as reporter or partner forum.")
            else:
                if economies.count == total:
                    words.extend([figure(economies, f"All {digits(total)}")])
                    words.say(" member economies took part")
                else:
                    words.extend([figure(economies, capitalised(in_words(economies.count)))])
                    words.say(f" of the {digits(total)} member economies took part")
                words.say(" as reporter, lead or co-sponsor")
                if fora.count:
                    words.say(", and ")
                    self.number(words, fora, "APEC forum", "APEC fora")
                    words.say(" as reporter or partner forum.")
                else:
                    them = "it" if lists.active.count == 1 else "them"
                    words.say(f"; no APEC forum reported {them} or was a partner forum.")
            bodies = lists.bodies
            if bodies.count:
                words.say(" ")
                self.opening(words, bodies, "other APEC body", "other APEC bodies")
                words.say(" took part, as reporter or partner")
                self.names_or_stop(words, [(f"the {item.name}", item.link) for item in bodies.named])
        else:
            party = self.party()
            if party is not None:
                joining = "led or co-sponsored" if self.f.scope.kind == "economy" else "was a partner forum of"
                if party.own.count and party.joined.count:
                    words.say(f"{self.Who} reported ")
                    self.number(words, party.own)
                    words.say(f" of them itself and {joining} ")
                    self.number(words, party.joined)
                    words.say(" reported by others. ")
                elif party.own.count:
                    words.say(f"{self.Who} reported {'it' if party.own.count == 1 else 'all of them'} itself. ")
                else:
                    if party.joined.count == 1 and len(party.joined.activities) == 1:
                        view = party.joined.activities[0]  # one activity: its reporter is named
                        who = in_sentence(view.reporter_name, economy=view.reporter in self.framework.economies)
                        others = f"it; {who} reported it"
                    else:
                        others = "them; others reported them all"
                    words.say(f"{self.Who} {joining} {others}. ")
            self.opening(words, economies, "economy", "economies")
            words.say(f" took part{' in all' if economies.count > 1 else ''}, as reporter, lead or co-sponsor.")
        covered, total_actions = lists.covered, len(self.framework.actions)
        words.say(f" {'The activity' if lists.active.count == 1 else 'The activities'} served ")
        if covered.count == total_actions:
            words.extend([figure(covered, f"all {in_words(total_actions)}")])
            words.say(" actions of the Initiative as a principal objective.")
        else:
            self.number(words, covered)
            words.say(f" of the {in_words(total_actions)} actions of the Initiative as a principal objective.")
        economy_level, apec_wide = lists.economy_level, lists.apec_wide
        if economy_level.count:
            words.say(" ")
            self.opening(words, economy_level, "activity")
            words.say(f" {verb(economy_level.count, 'was', 'were')} carried out at the economy level")
            if apec_wide.count:
                words.say(" and ")
                self.number(words, apec_wide)
                words.say(" APEC-wide.")
            else:
                words.say("; none APEC-wide.")
        elif apec_wide.count:
            words.say(" ")
            self.opening(words, apec_wide, "activity")
            words.say(f" {verb(apec_wide.count, 'was', 'were')} carried out APEC-wide; none at the economy level.")
        return words.prose()

    def party(self) -> PartyLists | None:
        code = self.f.scope.code
        if code is None:
            return None
        return self.lists.economy_parties.get(code) or self.lists.forum_parties.get(code)

    def goal_highlights(self, code: str) -> Prose:
        goal = self.framework.goals_by_code[code]
        lists = self.lists.goals[code]
        words = Sentences().strong(f"Goal {goal.code}. {goal.title}. ")
        if lists.active.count == 0:
            words.say(f"No activity active {self.in_period} had a principal action under this goal.")
            return words.prose()
        self.opening(words, lists.active, "activity")
        words.say(" active")
        if lists.new.count:
            words.say(", ")
            self.number(words, lists.new)
            words.say(" new")
        if lists.completed.count:
            words.say(", ")
            self.number(words, lists.completed)
            words.say(" completed")
        words.say(".")
        shown = lists.highlights[:HIGHLIGHTS_PER_GOAL]
        for view in shown:
            assert view.highlight is not None
            words.say(" " + ended(view.highlight.text)[:-1] + " (")
            words.link(view.title, view.link)
            reporter = _reporter_unless_named(view)
            words.say(f", {reporter})." if reporter else ").")
        if len(lists.highlights) > len(shown):
            words.pointer(" ", "Further highlights", Link(files.goal_page(code), "highlights"),
                          " are on the goal's page.")
        if not shown:
            words.say(" The activity: " if lists.active.count == 1 else " Among them: ")
            self.activity_names(words, most_significant(lists.active.activities, HIGHLIGHTS_PER_GOAL))
            words.say(".")
        return words.prose()

    def changes_sentences(self) -> Prose:
        changes, lists = self.changes, self.lists.changes
        prior, year = changes.prior_year, self.f.year
        words = Sentences()
        since = (f"Compared with {prior}, the year before the Initiative began" if changes.prior_is_baseline
                 else f"Compared with {prior}")
        if changes.empty:
            words.say(f"{since}, the records report no change {self.in_period}.")
            return words.prose()
        words.say(f"{since}, ")
        new = lists.get("new")
        ended = [(lists[key], word) for key, word in (("completed", "completed"), ("cancelled", "cancelled"),
                                                      ("suspended", "suspended")) if key in lists]
        if self.f.first != year:
            # Several years: the activities of the last year new since the prior
            # one, and what ended or paused in any year of the period.
            if new is not None:
                self.number(words, new, "activity")
                words.say(f" active in {year} {verb(new.count, 'was', 'were')} new since {prior}")
                words.say("; " if ended else ".")
            self._ended(words, ended, self.in_period)
        elif new is not None or ended:
            self._ended(words, ([(new, "new")] if new is not None else []) + ended, self.in_period)
        else:
            words.say(f"no activity was new, completed, cancelled or suspended {self.in_period}.")
        if "regressions" in lists:
            words.say(" ")
            self.opening(words, lists["regressions"], "completed activity", "completed activities")
            words.say(f" {verb(lists['regressions'].count, 'was', 'were')} reopened.")
        # Before its year has begun no activity could have reported for it: not stalled yet.
        if "stalled" in lists and self.f.begun(year):
            words.say(" ")
            self.opening(words, lists["stalled"], "activity", "activities")
            words.say(f" still open had no progress reported for {year}.")
        gained, lost = lists.get("newly_covered"), lists.get("no_longer_covered")
        if gained is not None:
            words.say(" ")
            self.opening(words, gained, "action")
            words.say(f" {verb(gained.count, 'was', 'were')} served as a principal objective in {year} but not in "
                      f"{prior}.")
        if lost is not None:
            words.say(" ")
            self.opening(words, lost, "action")
            if changes.prior_is_baseline:
                words.say(f" served in {prior} by work under way before the Initiative had no activity active in "
                          f"{year} serving {verb(lost.count, 'it', 'them')} as a principal objective.")
            else:
                words.say(f" {verb(lost.count, 'was', 'were')} served as a principal objective in {prior} but not in "
                          f"{year}.")
        return words.prose()

    def _ended(self, words: Sentences, found: list[tuple[Listing, str]], when: str) -> None:
        """"three activities were new, one completed and one suspended in 2026."."""
        for index, (listing, word) in enumerate(found):
            if index:
                words.say(" and " if index == len(found) - 1 else ", ")
            if index == 0:
                self.number(words, listing, "activity")
                words.say(f" {verb(listing.count, 'was', 'were')} {word}")
            else:
                self.number(words, listing)
                words.say(f" {word}")
        if found:
            words.say(f" {when}.")

    def gaps_sentences(self) -> Prose:
        lists, words = self.lists, Sentences()
        missing = lists.not_covered
        if missing.count:
            self.opening(words, missing, "action")
            if self.apec:
                words.say(f" of the Initiative had no activity active {self.in_period} serving "
                          f"{verb(missing.count, 'it', 'them')} as a principal objective")
            else:
                words.say(f" of the Initiative {verb(missing.count, 'was', 'were')} served as a principal objective "
                          f"by no activity active {self.in_period} that {self.who} took part in")
            self.names_or_stop(words, [(item.name, item.link) for item in missing.named])
        else:
            words.say(f"Every action of the Initiative was served as a principal objective by an activity active "
                      f"{self.in_period}.")
        if self.apec:
            absent = lists.economies_absent
            if absent.count == len(self.framework.economies):
                words.say(f" No member economy took part in an activity active {self.in_period} as reporter, "
                          "lead or co-sponsor.")
            elif absent.count:
                words.say(" ")
                self.opening(words, absent, "economy", "economies")
                words.say(f" took part in no activity active {self.in_period}")
                self.names_or_stop(words, [(item.name, item.link) for item in absent.named])
            else:
                words.say(" Every member economy took part.")
            fora = lists.fora_absent
            if fora.count:
                words.say(" Of the APEC fora, ")
                self.number(words, fora)
                words.say(" took part in none")
                self.names_or_stop(words, [(item.key, item.link) for item in fora.named])
        return words.prose()

    # -- the body -------------------------------------------------------------------------

    def body(self, provenance: Provenance, validity: Validity, records: int, reporters: int) -> list[Section]:
        sections = [self.objectives(), self.goals(), self.levels(), self.coverage(), self.partnerships(),
                    self.aider(), self.projects()]
        if self.lists.indicators is not None:
            sections.append(self.indicators(self.lists.indicators))
        sections += [self.changes_section(), self.trend(), self.gaps()]
        if self.lists.reporting is not None:
            sections.append(self.reporting(self.lists.reporting))
        sections.append(self.before())
        sections.append(self.colophon(provenance, validity, records, reporters))
        # Last: the HTML's list of detail pages, which the Markdown and Word documents
        # leave out; every section before it has the same number in all three.
        sections.append(self.detail())
        return sections

    def objectives(self) -> Section:
        framework = self.framework
        reading = listed([f"goal{'s' if len(o.goals) > 1 else ''} {listed(o.goals)} as serving objective {o.code}"
                          for o in framework.objectives if o.goals])
        blocks: list[Block] = [Paragraph((Part(
            "The Initiative sets three objectives (paragraph 2), served by its strategic goals and actions "
            f"(paragraph 4). The Initiative does not map one to the other; this review takes {reading}."),))]
        for objective in framework.objectives:
            listing = self.lists.objectives[objective.code]
            words = Sentences().strong(f"Objective {objective.code}. ").say(ended(objective.text) + " ")
            if not objective.goals:
                words.say("No strategic goal is read as serving it.")
            elif listing.count:
                self.opening(words, listing, "activity")
                words.say(f" active {self.in_period} had a principal action under "
                          f"goal{'s' if len(objective.goals) > 1 else ''} {listed(objective.goals)}.")
            else:
                words.say(f"No activity active {self.in_period} had a principal action under "
                          f"goal{'s' if len(objective.goals) > 1 else ''} {listed(objective.goals)}.")
            blocks.append(Paragraph(words.prose()))
        return Section("objectives", "Progress by objective", tuple(blocks))

    def goals(self) -> Section:
        blocks: list[Block] = [Paragraph((Part(
            "Each activity serves one or more actions, each as a principal objective (a main aim) or a significant "
            "one (important, but secondary). The figures count each activity once under a goal, by its principal "
            "actions. Each action's page lists its activities with their progress."),))]
        for goal in self.framework.goals:
            lists = self.lists.goals[goal.code]
            blocks.append(Subheading(f"Goal {goal.code}. {goal.title}", f"goal-{files.slug(goal.code)}"))
            words = Sentences()
            if lists.active.count:
                self.opening(words, lists.active, "activity")
                words.say(f" active {self.in_period} had a principal action under this goal")
                if lists.significant_only.count:
                    words.say("; ")
                    self.number(words, lists.significant_only)
                    words.say(" more served it as a significant objective")
                words.say(".")
            else:
                words.say(f"No activity active {self.in_period} had a principal action under this goal.")
            words.pointer(" ", f"Goal {goal.code} in detail", Link(files.goal_page(goal.code)), ".")
            blocks.append(Paragraph(words.prose()))
            blocks.append(self.actions_table(goal.code))
            blocks.append(Bullets(tuple(self.action_sentence(action.code) for action in goal.actions)))
        return Section("goals", "Progress by strategic goal and action", tuple(blocks))

    def actions_table(self, goal: str) -> Table:
        rows = []
        for action in self.framework.goals_by_code[goal].actions:
            lists = self.lists.actions[action.code]
            rows.append((
                Cell(action.label, Link(files.action_page(action.code)), header=True),
                figure_cell(lists.principal), figure_cell(lists.new), figure_cell(lists.completed),
                figure_cell(lists.significant), figure_cell(lists.economies),
            ))
        return Table(
            f"Goal {goal}: activities active {self.in_period}, by action",
            (Cell("Action"), Cell("Principal", numeric=True), Cell("New", numeric=True),
             Cell("Completed", numeric=True), Cell("Significant", numeric=True), Cell("Economies", numeric=True)),
            tuple(rows))

    def action_sentence(self, code: str, *, link: bool = True) -> Prose:
        """"B.i Public Sector Capacity: forty-one activities active, among them X (Japan; completed in 2027); ..."."""
        action = self.framework.actions[code]
        lists = self.lists.actions[code]
        words = Sentences().strong(f"{action.code} {action.title}: ")
        principal = lists.principal
        if principal.count:
            self.number(words, principal, "activity")
            words.say(" active")
            named = named_for_action(principal.activities)
            words.say(", among them " if principal.count > len(named) else ": ")
            self.activity_names(words, named)
            words.say(".")
        else:
            words.say(f"no activity active {self.in_period} served it as a principal objective")
            if lists.other.count:
                words.say(" (")
                self.number(words, lists.other)
                words.say(f" {verb(lists.other.count, 'was', 'were')} planned, suspended or cancelled)")
            words.say(".")
        if link:
            words.pointer(" ", "All its activities", Link(files.action_page(code)), ".")
        return words.prose()

    def levels(self) -> Section:
        lists = self.lists
        words = Sentences().say(
            "Paragraph 5 of the Initiative asks the review to share the related activities at the economy and "
            "APEC-wide level. An activity is at the level its record gives; where the record gives none, an activity "
            "a member economy reports is at the economy level, and one an APEC forum or another APEC body (Leaders, "
            "a ministerial meeting, ABAC, ...) reports is APEC-wide. ")
        active = lists.active
        if active.count and lists.economy_level.count and lists.apec_wide.count:
            words.say("Of the ")
            self.number(words, active, "activity")
            words.say(f" active {self.in_period}, ")
            self.number(words, lists.economy_level)
            words.say(f" {verb(lists.economy_level.count, 'was', 'were')} at the economy level and ")
            self.number(words, lists.apec_wide)
            words.say(" APEC-wide.")
        elif active.count:
            level = "at the economy level" if lists.economy_level.count else "APEC-wide"
            words.say("The " if active.count == 1 else "All ")
            self.number(words, active, "activity")
            words.say(f" active {self.in_period} {verb(active.count, 'was', 'were')} {level}.")
        else:
            return Section("levels", "At the economy level and APEC-wide",
                           (Paragraph(words.say(self.nothing_active()).prose()),))
        blocks: list[Block] = [Paragraph(words.prose())]
        blocks.append(self.party_table(
            "Economies", "Economy", [party for party in lists.economy_parties.values() if self.apec or party.all.count],
            ("As reporter", "Led or co-sponsored", "All", "New")))
        blocks.append(self.party_table(
            "APEC fora", "Forum", [party for party in lists.forum_parties.values() if self.apec or party.all.count],
            ("As reporter", "As partner forum", "All", "New")))
        # Other bodies (Leaders, ministerials, ABAC, ...) are not asked to report
        # each year: only those that took part are shown.
        bodies = [party for party in lists.body_parties.values() if party.all.count]
        if bodies:
            blocks.append(self.party_table("Other APEC bodies", "Body", bodies,
                                           ("As reporter", "As partner", "All", "New")))
        return Section("levels", "At the economy level and APEC-wide", tuple(blocks))

    def party_table(self, kind: str, singular: str, parties: Sequence[PartyLists], columns: tuple[str, ...]) -> Table:
        rows = tuple(
            (Cell(party.name, Link(party.page), header=True),
             figure_cell(party.own), figure_cell(party.joined), figure_cell(party.all), figure_cell(party.new))
            for party in parties)
        return Table(f"{kind}: activities active {self.in_period} they took part in",
                     (Cell(singular), *(Cell(c, numeric=True) for c in columns)), rows)

    def coverage(self) -> Section:
        if not self.lists.active.count:
            return Section("coverage", "Coverage of the actions", (Paragraph((Part(self.nothing_active()),)),))
        words = Sentences().say(
            f"Active activities {self.in_period} each economy and forum took part in, by the action they serve as a "
            "principal objective. An empty cell is a gap.")
        blocks: list[Block] = [Paragraph(words.prose())]
        for kind, parties in (("Economies", self.lists.economy_parties), ("APEC fora", self.lists.forum_parties)):
            shown = [party for party in parties.values() if self.apec or party.all.count]
            blocks.append(self.matrix(kind, shown))
        return Section("coverage", "Coverage of the actions", tuple(blocks))

    def matrix(self, kind: str, parties: Sequence[PartyLists]) -> Table:
        actions = list(self.framework.actions)
        economy = kind == "Economies"
        rows = []
        for party in parties:
            cells = [Cell(party.name if economy else party.code, Link(party.page), header=True, keep=not economy)]
            for code in actions:
                listing = party.action(code)
                cells.append(figure_cell(listing) if listing is not None else Cell("", numeric=True))
            rows.append(tuple(cells))
        # Not the column's sum: an activity several economies took part in is in each of their rows.
        foot = ((Cell("Activities, each once", header=True),
                 *(figure_cell(self.lists.actions[code].principal) for code in actions)),)
        return Table(f"{kind} by action: active activities {self.in_period}, as a principal objective",
                     (Cell("Economy" if economy else "Forum"), *(Cell(code, numeric=True, keep=True)
                                                                 for code in actions)),
                     tuple(rows), foot, compact=True)

    def partnerships(self) -> Section:
        lists = self.lists
        words = Sentences().say("Paragraph 5 asks for cross-fora collaboration and partnerships with ABAC, PECC "
                                "and other stakeholders. ")
        partners = [listing for listing in lists.partners]
        if lists.active.count:
            for index, (listing, (code, partner)) in enumerate(zip(partners, self.framework.partners.items(),
                                                                 strict=True)):
                if index == 0:
                    self.opening(words, listing, "activity")
                    words.say(f" active {self.in_period} involved the {partner.name} ({code})")
                else:
                    words.say(" and " if index == len(partners) - 1 else ", ")
                    self.number(words, listing)
                    words.say(f" the {partner.name} ({code})")
            if partners:
                words.say(". ")
            self.opening(words, lists.cross_fora, "activity")
            words.say(" involved two or more APEC fora, and ")
            self.number(words, lists.multi_economy)
            words.say(" involved two or more economies.")
        else:
            return Section("partnerships", "Partnerships and cross-fora collaboration",
                           (Paragraph(words.say(self.nothing_active()).prose()),))
        blocks: list[Block] = [Paragraph(words.prose())]
        if lists.pairs:
            rows = tuple((Cell(pair.heading, header=True), figure_cell(pair)) for pair in lists.pairs[:PAIRS_SHOWN])
            caption = "APEC fora working together" + (", the most frequent pairs" if len(lists.pairs) > PAIRS_SHOWN
                                                      else "")
            blocks.append(Table(caption, (Cell("Fora"), Cell("Activities", numeric=True)), rows))
            if len(lists.pairs) > PAIRS_SHOWN:
                blocks.append(Paragraph(Sentences().pointer("Every pair is on the ", "partnerships page",
                                                            Link(files.PARTNERSHIPS), ".").prose()))
        rows = tuple((Cell(listing.heading, header=True), figure_cell(listing)) for listing in lists.target_groups)
        blocks.append(Table("Whom the activities serve", (Cell("Stakeholders"), Cell("Activities", numeric=True)),
                            rows))
        return Section("partnerships", "Partnerships and cross-fora collaboration", tuple(blocks))

    def aider(self) -> Section:
        goals = self.framework.goals
        words = Sentences().say(
            "The Initiative aligns with the APEC Internet and Digital Economy Roadmap (AIDER), on whose "
            "implementation DESG reports to CSOM. ")
        if not self.lists.active.count:
            return Section("aider", "AIDER cross-walk", (Paragraph(words.say(self.nothing_active()).prose()),))
        words.say("Active activities mapped to each of AIDER's key focus areas, by the goal of their principal "
                  "actions:")
        rows = []
        for listing in self.lists.aider:
            cells = [Cell(listing.heading, header=True), figure_cell(listing)]
            cells += [figure_cell(child, blank_zero=True) for child in listing.children[:len(goals)]]
            rows.append(tuple(cells))
        table = Table("AIDER key focus areas", (Cell("Focus area"), Cell("Activities", numeric=True),
                                                *(Cell(f"Goal {g.code}", numeric=True) for g in goals)), tuple(rows))
        return Section("aider", "AIDER cross-walk", (Paragraph(words.prose()), table))

    def projects(self) -> Section:
        lists = self.lists
        words = Sentences()
        if lists.projects.count:
            self.opening(words, lists.projects, "APEC-funded project")
            words.say(f" (with an APEC project number) {verb(lists.projects.count, 'is', 'are')} among the "
                      f"activities {self.in_period}")
            if lists.funding_usd:
                words.say(f", with USD {lists.funding_usd:,.0f} of funding reported (a project reported in two "
                          "records is counted once)")
            words.say(".")
            their = "Its number" if lists.projects.count == 1 else "Their numbers"
            words.pointer(f" {their}, status and funding are on the ", "projects page", Link(files.PROJECTS), ".")
        else:
            words.say(f"No activity {self.in_period} carries an APEC project number.")
        return Section("projects", "APEC-funded projects", (Paragraph(words.prose()),))

    def indicators(self, lists: IndicatorLists) -> Section:
        """The standard indicators added up, as `tracker indicators` adds them: each
        total with the activities behind it, the years side by side, and whether
        each action is on track."""
        report = lists.report
        year = report.year
        words = Sentences().say(
            "The standard indicators are figures reporters give in their progress entries, each defined once for "
            f"the whole Initiative. Each is added up over the activities active in {year}, from their entries for "
            f"{year}; a value is never carried over from an earlier year. A share (a percentage) is never added "
            "up, and an economy named by several activities is taken once, so their total reads \"at least\".")
        blocks: list[Block] = [Paragraph(words.prose())]
        if not lists.totals:
            blocks.append(Paragraph((Part("The reference data defines no standard indicator."),)))
            return Section("indicators", "Standard indicators", tuple(blocks))
        if not any(point.count for item, _ in lists.totals for point in item.series):
            blocks.append(Paragraph((Part(f"No activity active {self.in_period} reports a standard indicator."),)))
            return Section("indicators", "Standard indicators", tuple(blocks))
        # The years side by side, when the review's years follow the Initiative's first.
        years = report.years if len(report.years) > 1 else ()
        header = (Cell("Indicator"), Cell("Unit"), Cell(f"Total {year}", numeric=True),
                  Cell("Activities", numeric=True), *(Cell(str(y), numeric=True, keep=True) for y in years))
        rows = []
        for item, listing in lists.totals:
            if not item.added_up:
                total = "not added up"
            elif item.total.value is None or not item.total.count:
                total = "–"  # no activity reports it: not a zero
            else:
                total = ("at least " if item.floor else "") + amount(item.total.value)
            series = [Cell(amount(point.value) if item.added_up and point.value is not None and point.count
                           else f"({digits(point.count)})" if not item.added_up else "–", numeric=True)
                      for point in item.series if point.year in years]
            rows.append((Cell(item.indicator.name, header=True), Cell(item.indicator.unit.shown),
                         Cell(total, numeric=True), figure_cell(listing), *series))
        # With the years beside it, the table is wide: laid out as the coverage tables are, to fit the page.
        blocks.append(Table(f"Standard indicators, {year}" + (f", and the years from {years[0]}" if years else ""),
                            header, tuple(rows), compact=bool(years)))
        dash = "A dash: no activity reported the indicator."
        if years and any(not item.added_up for item, _ in lists.totals):
            blocks.append(Paragraph((Part("For an indicator that is not added up, each year shows in brackets how "
                                          f"many activities reported it. {dash}"),)))
        else:
            blocks.append(Paragraph((Part(dash),)))
        # A series is drawn from its second year: one column says nothing the table does not.
        charts = tuple(_series_chart(item) for item, _ in lists.totals
                       if item.added_up and len(item.series) > 1 and any(point.value for point in item.series))
        if charts:
            blocks.append(Charts(f"The standard indicators' totals, {_years_span(item.series)}", charts))
        if not any(track.measures for track, _ in lists.tracks):
            blocks.append(Paragraph((Part(
                f"No activity active in {year} reports a standard indicator with a target, so whether an action is "
                "on track cannot be told yet."),)))
            return Section("indicators", "Standard indicators", tuple(blocks))
        track_rows = tuple(
            (Cell(track.label, Link(files.action_page(track.code)), header=True),
             Cell(track.status.value, tone=track.status.value.replace(" ", "-")),
             Cell(f"{track.percent}%" if track.percent is not None else "–", numeric=True), figure_cell(listing))
            for track, listing in lists.tracks)
        blocks.append(Table(f"Actions on track, {year}", (Cell("Action"), Cell("Status"),
                                                           Cell("Way to target", numeric=True),
                                                           Cell("Activities", numeric=True)), track_rows))
        blocks.append(Paragraph((Part(
            "Way to target: for each value of a standard indicator with a target, how far it has come from where it "
            "started to its target (from 0 to 100%), averaged over the action's principal activities active in the "
            "year. An action is on track from 75%, makes some progress from 25%, and is off track below; it has no "
            "data when none of its activities reports a target."),)))
        return Section("indicators", "Standard indicators", tuple(blocks))

    def indicator_breakdown(self, lists: IndicatorLists) -> tuple[Block, ...]:
        """Each added-up standard indicator's total by goal, action, economy and
        forum, as `tracker indicators` gives them (its text and JSON): one table
        a grouping, a column an indicator. A blank cell: no activity of the
        group reports the indicator."""
        shown = [item for item, _ in lists.totals if item.added_up and item.total.count]
        if not shown:
            return ()
        year = lists.report.year
        header = tuple(Cell(_breakable(item.indicator.name + (" (USD)" if item.indicator.unit is Unit.USD else "")),
                            numeric=True) for item in shown)
        blocks: list[Block] = []
        order = {code: index for index, code in enumerate((*self.framework.economies, *self.framework.fora))}
        for attribute, caption, label in (("by_goal", "By goal", "Goal"), ("by_action", "By action", "Action"),
                                          ("by_economy", "By economy (reporter, leads, co-sponsors)", "Economy"),
                                          ("by_forum", "By forum (reporter, partner fora)", "Forum")):
            columns = [{total.code: total for total in getattr(item, attribute)} for item in shown]
            # Every goal and action (a gap shows); the economies and fora with a figure.
            codes = list(columns[0]) if attribute in ("by_goal", "by_action") else sorted(
                {code for column in columns for code, total in column.items() if total.count}, key=order.__getitem__)
            rows = []
            for code in codes:
                first = next(column[code] for column in columns if code in column)
                cells = [Cell(first.label, header=True)]
                for column in columns:
                    total = column.get(code)
                    value = total.value if total is not None and total.count else None
                    cells.append(Cell(amount(value) if value is not None else "", numeric=True))
                rows.append(tuple(cells))
            if rows:
                blocks.append(Table(f"{caption}, {year}", (Cell(label), *header), tuple(rows), compact=True))
        return tuple(blocks)

    def changes_section(self) -> Section:
        changes = self.changes
        lists = self.lists.changes
        words = Sentences()
        if changes.prior_source:
            words.say(changes.sources + " ")
        words.extend(self.changes_sentences())
        blocks: list[Block] = [Paragraph(words.prose())]
        if lists:
            rows = tuple((Cell(listing.heading, header=True), figure_cell(listing)) for listing in lists.values())
            blocks.append(Table(f"Changes from {changes.prior_year} to {self.f.year}",
                                (Cell("What changed"), Cell("Number", numeric=True)), rows))
        blocks.append(Paragraph(Sentences().pointer("Every change, item by item: ", "the changes page",
                                                    Link(files.CHANGES), ", and the same as ").pointer(
            "", "a Markdown file", Link(self.downloads.changes), ".").prose()))
        return Section("changes", f"Changes since {changes.prior_year}", tuple(blocks))

    def trend(self) -> Section:
        total = len(self.framework.actions)
        rows: list[tuple[Cell, ...]] = []
        for point in self.lists.trend:
            label = f"{point.year} (before the Initiative)" if point.year < self.framework.period.start else str(
                point.year)
            if not point.begun:
                rows.append((Cell(label, header=True, keep=True), Cell("not yet reported", span=5)))
                continue
            rows.append((Cell(label, header=True, keep=True), figure_cell(point.active), figure_cell(point.new),
                         figure_cell(point.completed), figure_cell(point.economies), figure_cell(point.actions)))
        title = "The years side by side" if self.f.first != self.f.year else "Year by year"
        header = (Cell("Year"), Cell("Active", numeric=True), Cell("New", numeric=True),
                  Cell("Completed", numeric=True), Cell("Economies taking part", numeric=True),
                  Cell(f"Actions served (of {total})", numeric=True))
        words = Sentences().say("Each year as the records tell it now.")
        if self.f.first != self.f.year:
            words.say(f" The changes section compares {self.f.year} with {self.changes.prior_year}.")
        return Section("trend", title, (Paragraph(words.prose()),
                                         Table(f"{self.framework.period.baseline}–{self.f.year}", header, tuple(rows))))

    def gaps(self) -> Section:
        lists = self.lists
        items: list[Prose] = []
        missing = lists.not_covered
        words = Sentences()
        if missing.count:
            words.strong("Actions: ")
            self.number(words, missing, "action")
            words.say(f" had no activity active {self.in_period}"
                      + (f" that {self.who} took part in" if not self.apec else "")
                      + f" serving {verb(missing.count, 'it', 'them')} as a principal objective: ")
            self.names(words, [(item.name, item.link) for item in missing.named])
            words.say(".")
        else:
            words.strong("Actions: ").say(f"every action was served as a principal objective by an activity active "
                                          f"{self.in_period}.")
        items.append(words.prose())
        if self.apec:
            for listing, label, singular, plural in ((lists.economies_absent, "Economies", "economy", "economies"),
                                                     (lists.fora_absent, "APEC fora", "APEC forum", "APEC fora")):
                words = Sentences().strong(f"{label}: ")
                if listing.count:
                    self.number(words, listing, singular, plural)
                    words.say(f" took part in no activity active {self.in_period}: ")
                    self.names(words, [(item.key if label == "APEC fora" else item.name, item.link)
                                       for item in listing.named])
                    words.say(".")
                else:
                    words.say(f"every one took part {self.in_period}.")
                items.append(words.prose())
        intro = Sentences().say("A gap is an action, economy or forum with no activity active in the period; an "
                                "activity planned, suspended or cancelled does not fill it.")
        return Section("gaps", "Gaps", (Paragraph(intro.prose()), Bullets(tuple(items))))

    def reporting(self, lists: ReportingLists) -> Section:
        """Who reported for the year, who said they had nothing to report, who had
        not: as of the records the review is built from."""
        year = lists.year
        words = Sentences()
        if self.apec:
            words.say("As of the records this review is built from, ")
            self.number(words, lists.reported)
            words.say(f" of the {digits(lists.asked)} economies and fora asked to report had reported progress "
                      f"for {year}, ")
            self.number(words, lists.nil_returns)
            words.say(f" said {verb(lists.nil_returns.count, 'it', 'they')} had nothing to report, and ")
            self.number(words, lists.missing)
            words.say(" had not reported.")
        else:
            for listing, told in ((lists.reported, f"had reported progress for {year}"),
                                  (lists.nil_returns, f"said it had nothing to report for {year}"),
                                  (lists.missing, f"had not reported for {year}")):
                if listing.count:
                    words.say(f"As of the records this review is built from, {self.who} {told}.")
        blocks: list[Block] = [Paragraph(words.prose())]
        items = []
        for listing, label in ((lists.reported, "Reported"), (lists.nil_returns, "Nothing to report"),
                               (lists.missing, "Not reported")):
            if not listing.count:
                continue
            line = Sentences().strong(f"{label}: ")
            between = "; " if listing is lists.nil_returns else separator([item.name for item in listing.named])
            for index, item in enumerate(listing.named):
                if index:
                    line.say(between)
                if item.link is None:
                    line.say(item.name)
                else:
                    line.link(item.name, item.link)
                if item.note:
                    # A nil return's note is the reporter's sentence; the line ends it.
                    line.say(f": {item.note.strip().rstrip('.')}" if listing is lists.nil_returns
                             else f" ({item.note})")
            items.append(line.say(".").prose())
        if items:
            blocks.append(Bullets(tuple(items)))
        step = self.state_step
        blocks.append(Paragraph((Part(step or "The reporting calendar records no step of this review yet: its "
                                      "discussion at the joint DESG–TELWG meeting, the consultation with TELWG and "
                                      "other fora, its endorsement and DESG's report to CSOM are recorded as they "
                                      "happen."),)))
        return Section("reporting", f"Reporting for {year}", tuple(blocks))

    def before(self) -> Section:
        listing = self.lists.before
        start = self.framework.period.start
        words = Sentences()
        if listing.count:
            self.opening(words, listing, "activity")
            describe = verb(listing.count, "describes", "describe")
            words.say(f" reported for {start - 1} and earlier {describe} work under "
                      f"way before the Initiative began in {start}. "
                      + ("It is context, not part of the figures above." if listing.count == 1
                         else "They are context: none is part of the figures above."))
            words.pointer(" It is listed on " if listing.count == 1 else " They are listed on ",
                          f"the page of work before {start}", Link(files.BEFORE), ".")
        else:
            words.say(f"No activity before {start} is reported.")
        return Section("before", f"Work before {start}", (Paragraph(words.prose()),))

    def detail(self) -> Section:
        framework = self.framework
        f = self.f

        def links(items: Iterable[tuple[str, str]]) -> Prose:
            words = Sentences()
            for index, (text, page) in enumerate(items):
                if index:
                    words.say(" · ")
                words.link(text, Link(page))
            return words.prose()

        reporters = sorted({view.reporter for view in f.views},
                           key=lambda code: (code not in framework.economies, framework.reporter_name(code)))
        pages = [("the figures of the summary", files.FIGURES), ("partnerships", files.PARTNERSHIPS),
                 ("AIDER", files.AIDER), ("projects", files.PROJECTS), ("year by year", files.TREND),
                 ("changes", files.CHANGES), (f"work before {framework.period.start}", files.BEFORE)]
        if self.lists.indicators is not None:
            pages.append(("standard indicators", files.INDICATORS))
        if self.lists.reporting is not None:
            pages.append((f"reporting for {self.lists.reporting.year}", files.REPORTING))
        involved = {code for view in f.views for code in view.bodies}
        bodies = [code for code in framework.bodies if code in involved]
        items = [
            Sentences().strong("Strategic goals: ").extend(links(
                (f"Goal {g.code}", files.goal_page(g.code)) for g in framework.goals)).prose(),
            Sentences().strong("Actions: ").extend(links(
                (code, files.action_page(code)) for code in framework.actions)).prose(),
            Sentences().strong("Economies: ").extend(links(
                (e.name, files.economy_page(code)) for code, e in framework.economies.items()
                if self.apec or self.lists.economy_parties[code].all.count or code == f.scope.code)).prose(),
            Sentences().strong("APEC fora: ").extend(links(
                (code, files.forum_page(code)) for code in framework.fora
                if self.apec or self.lists.forum_parties[code].all.count or code == f.scope.code)).prose(),
            *([Sentences().strong("Other APEC bodies: ").extend(links(
                (code, files.body_page(code)) for code in bodies)).prose()] if bodies else []),
            Sentences().strong("Every activity, by reporter: ").extend(links(
                (framework.reporter_name(code) if code in framework.economies else code, files.activities_page(code))
                for code in reporters)).prose(),
            Sentences().strong("Lists: ").extend(links(pages)).prose(),
            Sentences().strong("Downloads: ").link(f"the activities {self.in_period}, for spreadsheets (CSV)",
                                                   Link(self.downloads.csv)).say(" · ").link(
                "the same as JSON", Link(self.downloads.json)).say(" · ").link(
                f"the changes since {self.changes.prior_year} (Markdown)", Link(self.downloads.changes)).prose(),
        ]
        intro = Sentences().say("Every figure above links to the activities it counts. The pages below open from "
                                "the folder beside this document, without a network connection.")
        return Section("detail", "Detail and downloads", (Paragraph(intro.prose()), Bullets(tuple(items))))

    @staticmethod
    def warnings(count: int) -> str:
        return "no warnings" if count == 0 else counted(count, "warning", words=False)

    def colophon(self, provenance: Provenance, validity: Validity, records: int, reporters: int) -> Section:
        words = Sentences().say(
            f"Built from {counted(records, 'valid record', words=False)} reported by "
            + counted(reporters, "economy, forum or other APEC body", "economies, fora and other APEC bodies",
                      words=False))
        if provenance.commit:
            words.say(f", as of commit {provenance.short_commit}")
            if provenance.dirty:
                words.say(" with changes not yet committed")
        if provenance.date:
            words.say(f", dated {long_date(provenance.date)}")
            if provenance.date_source == "SOURCE_DATE_EPOCH":
                words.say(" (SOURCE_DATE_EPOCH)")
        words.say(f"; apec-tracker {provenance.tool_version}. ")
        if validity.invalid:
            words.strong(f"Validation found {counted(validity.errors, 'error', words=False)} in the records; "
                         "records that could not be read are left out.")
            words.say(f" {self.warnings(validity.warnings).capitalize()}.")
        else:
            words.say(f"Validation: no errors, {self.warnings(validity.warnings)}.")
        definitions = (
            "An activity is active in a year when its status that year is ongoing or completed: work went on. Its "
            "status in a year is its progress entry for that year, or else what its dates and earlier entries say.",
            "New: active in the year, and in no earlier year. Completed: its status turned completed that year.",
            "An economy takes part when it reports, leads or co-sponsors an active activity; a forum, when it "
            "reports one or is its partner forum; another APEC body, when it reports one or is its partner. An "
            "action is served when an active activity has it as a principal objective.",
            "An activity is at the economy level or APEC-wide as its record says; where it says nothing, an activity "
            "a member economy reports is at the economy level, and one a forum or another APEC body reports is "
            "APEC-wide.",
            "Highlights are sentences the reporters or the Secretariat wrote in the records for the year. Where a goal "
            "has none, the activities named are the most significant: completed first, then new, then those "
            "involving more economies, then APEC-funded projects.",
        )
        blocks: list[Block] = [Paragraph(words.prose()), Subheading("How the figures are counted", "counting"),
                               Bullets(tuple((Part(text),) for text in definitions))]
        return Section("about", "About this review", tuple(blocks))


def _series_chart(item: IndicatorTotals) -> ColumnChart:
    """An indicator's totals over the years as columns, on its own scale."""
    peak = max((point.value or 0 for point in item.series), default=0) or 1
    # Economies counted once are a floor, as the table says "at least".
    title = item.indicator.name + (" (USD)" if item.indicator.unit is Unit.USD else "") + (
        " (at least)" if item.indicator.combine is Combine.DISTINCT else "")
    return ColumnChart(title, tuple(
        Column(str(point.year), _short(point.value) if point.value is not None else "–", (point.value or 0) / peak)
        for point in item.series))


def _short(value: float) -> str:
    """A value short enough to stand over a column: "8,481", "46.4M" (the table
    beside the chart gives it in full)."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f}".removesuffix(".0") + "M"
    return amount(value)


def _years_span(series: Sequence[SeriesPoint]) -> str:
    first, last = series[0].year, series[-1].year
    return str(first) if first == last else f"{first} to {last}"


_VOWELS = frozenset("aeiouy")


def _breakable(heading: str) -> str:
    """A column heading whose long words may break, with a hyphen, where a
    syllable likely ends ("recom-mendations"): seven narrow columns of figures
    leave a long word no room, and a browser without a hyphenation dictionary
    would cut it anywhere."""
    def vowel(letter: str) -> bool:
        return letter.lower() in _VOWELS

    words = []
    for word in heading.split(" "):
        if len(word) > 11:
            places = sorted(range(3, len(word) - 3), key=lambda index: abs(index - len(word) // 2))
            # Between two consonants that stand between vowels (recom|men|dations), else before
            # a consonant that a vowel follows (parti|cipants).
            between = [at for at in places if vowel(word[at - 2]) and not vowel(word[at - 1])
                       and not vowel(word[at]) and vowel(word[at + 1])]
            before = [at for at in places if vowel(word[at - 1]) and not vowel(word[at]) and vowel(word[at + 1])]
            chosen = between or before
            if chosen:
                word = word[:chosen[0]] + "\u00ad" + word[chosen[0]:]
        words.append(word)
    return " ".join(words)


def _reporter_unless_named(view: ActivityView) -> str:
    """The reporter's name beside an activity's title, unless the title says it
    already ("First APEC Business Advisory Council meeting of 2026")."""
    return "" if view.reporter_name.casefold() in view.title.casefold() else view.reporter_name
