"""The fields of a record as people are asked for them: by the prompts and options
of `tracker add-activity` and `tracker progress`, and by the issue forms `tracker
forms` writes. Each field's help and reader live here once, so that a prompt,
an option and a form explain a field in the same words and read an answer the
same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from apec_tracker.authoring import user_input as answers


@dataclass(frozen=True)
class FieldSpec:
    """One field as people are asked for it: its option, its help, how an answer is read."""

    name: str  # the record field; funding's parts are funding.source etc.
    option: str
    help: str
    read: answers.Reader
    required: bool = False
    multiple: bool = False
    default: Callable[[Mapping[str, Any], date], Any] | None = None

    def help_for(self, year: int | None = None) -> str:
        """The help, naming the reporting year where it says {year}: the year
        itself at a prompt, "the reporting year" on a form asked before it."""
        return self.help.replace("{year}", str(year) if year is not None else "the reporting year")


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("reporter", "--economy/--forum/--body", "The economy, forum or body (a ministerial, Leaders, "
              "ABAC, ...) that reports the activity. Its records live in its own folder.", answers.reporter,
              required=True),
    FieldSpec("level", "--level", "economy: an economy's own initiative; apec-wide: work of APEC as a whole. "
              "Enter: what the reporter says (an economy's record is economy-level).", answers.level),
    FieldSpec("title", "--title", "The activity's name, as it appears in APEC documents.", answers.text,
              required=True),
    FieldSpec("summary", "--summary", "What the activity does and for whom, in one or two sentences.",
              answers.text, required=True),
    FieldSpec("actions", "--action", "The Initiative's actions it serves: the main one first (principal), "
              "others after it (significant).", answers.actions, required=True, multiple=True),
    FieldSpec("activity_type", "--type", "What kind of activity it is.", answers.activity_type, required=True),
    FieldSpec("status", "--status", "Where it stands now.", answers.status, required=True,
              default=lambda values, today: "planned"),
    FieldSpec("planned_start", "--planned-start", "When it is planned to start (YYYY-MM-DD).",
              answers.calendar_date),
    FieldSpec("planned_end", "--planned-end", "When it is planned to end (YYYY-MM-DD).", answers.calendar_date),
    FieldSpec("actual_start", "--actual-start", "When it did start (YYYY-MM-DD).", answers.calendar_date),
    FieldSpec("actual_end", "--actual-end", "When it did end (YYYY-MM-DD).", answers.calendar_date),
    FieldSpec("lead_economies", "--lead", "Economies leading it.", answers.many(answers.economy),
              multiple=True),
    FieldSpec("co_sponsors", "--co-sponsor", "Co-sponsoring economies.", answers.many(answers.economy),
              multiple=True),
    FieldSpec("host_economy", "--host-economy", "The economy that hosted it, for a meeting or event.",
              answers.economy),
    FieldSpec("partner_fora", "--partner-forum", "APEC fora it works with.", answers.many(answers.forum),
              multiple=True),
    FieldSpec("partners", "--partner", "Partners that are not fora.", answers.many(answers.partner),
              multiple=True),
    FieldSpec("target_groups", "--target-group", "Whom it serves.", answers.many(answers.target_group),
              multiple=True),
    FieldSpec("aider_focus_areas", "--aider", "AIDER key focus areas it contributes to.",
              answers.many(answers.aider_area), multiple=True),
    FieldSpec("apec_project", "--project", "The APEC project number, if it is an APEC project "
              "(HRDWG_204_2023A).", answers.project_number),
    FieldSpec("shares_project_with", "--shares-project-with", "Ids of other records reporting the same "
              "APEC project.", answers.many(answers.record_id), multiple=True),
    FieldSpec("funding.source", "--funding-source", "Who funds it (APEC Support Fund, self-funded, ...).",
              answers.text),
    FieldSpec("funding.amount_usd", "--funding-usd", "The funding in US dollars.", answers.amount),
    FieldSpec("funding.co_funding_usd", "--co-funding-usd", "Co-funding in US dollars.", answers.amount),
    FieldSpec("links", "--link", "Web pages about it.", answers.urls, multiple=True),
    FieldSpec("sources", "--source", "Public pages the record's facts come from.", answers.urls,
              multiple=True),
)
FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}


# One year's progress of a record (`tracker progress`, and the progress form).
PROGRESS_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("record_id", "ID", "The record's id: its file name without .yaml, such as "
              "jpn-2026-ai-skills-for-public-servants.", answers.record_id, required=True),
    FieldSpec("year", "--year", "The reporting year of the entry.", answers.year, required=True),
    FieldSpec("status", "--status", "The activity's status at the end of {year}.", answers.status),
    FieldSpec("narrative", "--narrative", "What happened in {year}, in a few sentences.", answers.text,
              required=True),
    FieldSpec("highlight", "--highlight", "Optional: one sentence the {year} review may quote in its summary, "
              "the result an official would cite (at most 300 characters).", answers.text),
    FieldSpec("indicators", "--indicator", "Indicators' values in {year}, each as ID=VALUE with the id of a "
              "standard indicator, such as participants-trained=120, or as NAME=VALUE for one of the activity's "
              "own, such as pilot sites=3.", answers.indicator_answer, multiple=True),
    FieldSpec("closed_on", "--end-date", "The day the activity ended (YYYY-MM-DD), if it has ended: it is "
              "then recorded as completed.", answers.calendar_date),
)
PROGRESS_FIELDS_BY_NAME = {spec.name: spec for spec in PROGRESS_FIELDS}
