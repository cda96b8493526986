"""The names of a review's files: the main document, and beside it a folder of
detail pages and downloads, every one linked from the main document.

    apec-ai-initiative-2027.html        the main document (also .md and .docx)
    apec-ai-initiative-2027/            its detail: one page per goal, action,
        goal-a.html, action-a-i.html    economy and forum, the activities of each
        economy-jpn.html, forum-desg.html  reporter (an anchor per activity), the
        body-abac.html
        activities-jpn.html#<id>        lists behind the figures, and downloads
        figures.html, changes.html, ...
        activities.csv, activities.json, changes-since-2026.md

The folder holds no sub-folder, so every link inside it is a bare file name
and the set opens offline from wherever it is copied.
"""

from __future__ import annotations

import re

PREFIX = "apec-ai-initiative"

FIGURES = "figures.html"
CHANGES = "changes.html"
PARTNERSHIPS = "partnerships.html"
AIDER = "aider.html"
PROJECTS = "projects.html"
TREND = "trend.html"
BEFORE = "before.html"
REPORTING = "reporting.html"
INDICATORS = "indicators.html"
CSV = "activities.csv"
JSON = "activities.json"


def slug(code: str) -> str:
    """A code as part of a file name or anchor: "A.i" -> "a-i", "HKC" -> "hkc"."""
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def stem(first_year: int, year: int, *, cumulative: bool, final: bool, scope_code: str | None) -> str:
    """The main document's name without extension, one per kind of review:
    ``apec-ai-initiative-2027`` (the review of a year), ``...-2026-2027-cumulative``
    (every year from the first), ``...-2026-2030-final`` (the final review),
    each with ``-jpn`` or ``-desg`` when scoped to an economy or forum."""
    if not cumulative:
        name = f"{PREFIX}-{year}"
    else:
        span = str(year) if first_year == year else f"{first_year}-{year}"
        name = f"{PREFIX}-{span}-{'final' if final else 'cumulative'}"
    return f"{name}-{slug(scope_code)}" if scope_code else name


def goal_page(code: str) -> str:
    return f"goal-{slug(code)}.html"


def action_page(code: str) -> str:
    return f"action-{slug(code)}.html"


def economy_page(code: str) -> str:
    return f"economy-{slug(code)}.html"


def forum_page(code: str) -> str:
    return f"forum-{slug(code)}.html"


def body_page(code: str) -> str:
    return f"body-{slug(code)}.html"


def activities_page(reporter: str) -> str:
    return f"activities-{slug(reporter)}.html"


def changes_download(prior_year: int) -> str:
    return f"changes-since-{prior_year}.md"
