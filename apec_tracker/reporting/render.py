"""The one module that renders templates: a review in, its pages out.

Autoescape is on for every template but ``.md.j2`` ones, so record text can
never become markup in HTML; Markdown gets its own escaping filters. ``StrictUndefined`` makes
a typo in a template an error naming the template and line, not a blank. Every
value a template prints is made printable first (apec_tracker.domain.printable):
no control character or bidirectional override reaches a reviewer's page.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup

from apec_tracker.domain.printable import printable
from apec_tracker.errors import SetupError
from apec_tracker.reporting.review import Report
from apec_tracker.reporting.review_model import ActivityView, Listing
from apec_tracker.reporting.review_state import date_span
from apec_tracker.reporting.wording import listed

# The templates shipped with the tool, inside the package so that every install
# carries them (pyproject.toml's package data), from any checkout. A
# repository's own templates/ folder, or --templates DIR, is searched first, so
# the Secretariat can replace one template or partial and keep the rest.
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Format(StrEnum):
    MD = "md"
    HTML = "html"
    DOCX = "docx"


TEMPLATE_NAMES = {Format.MD: "report.md.j2", Format.HTML: "report.html.j2"}
DETAIL_PAGE = "detail/page.html.j2"
ACTIVITIES_PAGE = "detail/activities.html.j2"
ITEMS = "detail/items.html.j2"


class TemplateProblem(SetupError):
    """A template is missing or broken; the message names the template and line."""


def environment(template_dirs: Sequence[Path]) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in (*template_dirs, BUILTIN_TEMPLATES)])
    env = Environment(
        loader=loader,
        # Escaping is on for every template but the Markdown ones, so a partial
        # the Secretariat adds under any other name is safe by default.
        autoescape=select_autoescape(enabled_extensions=("html.j2",), disabled_extensions=("md.j2",),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )
    env.filters.update(
        md_cell=md_cell, md_text=md_text, md_part=md_part, md_link=md_link, safe_url=safe_url,
        number=number, compact=compact, usd=usd, join_names=join_names, slug=slug, sentence=sentence,
        unbroken_years=unbroken_years, named=named, date_span=date_span,
    )
    return env


def render(report: Report, output_format: Format, template_dirs: Sequence[Path] = ()) -> str:
    """The main document as Markdown or HTML; TemplateProblem if a template fails."""
    return "".join(render_pieces(report, output_format, template_dirs))


def render_pieces(report: Report, output_format: Format, template_dirs: Sequence[Path] = (),
                  env: Environment | None = None) -> Iterator[str]:
    """The main document as Markdown or HTML, in pieces as the template makes
    them, to be written as they come. TemplateProblem if a template fails,
    which may be after some pieces."""
    yield from _generate(env or environment(template_dirs), TEMPLATE_NAMES[output_format], template_dirs,
                         report=report)


def render_detail(report: Report, template_dirs: Sequence[Path] = ()) -> dict[str, Iterator[str]]:
    """Every detail page of the review, by file name, each in pieces as it renders."""
    if report.detail is None:
        return {}
    env = environment(template_dirs)
    laid_out = _Items(env, template_dirs)
    pages: dict[str, Iterator[str]] = {}
    for page in report.detail.pages:
        pages[page.name] = _generate(env, DETAIL_PAGE, template_dirs, whole=True, report=report, page=page,
                                     items=laid_out.items, rows=laid_out.rows)
    for activity_page in report.detail.activity_pages:
        pages[activity_page.name] = _generate(env, ACTIVITIES_PAGE, template_dirs, whole=True, report=report,
                                              page=activity_page)
    return pages


class _Items:
    """An activity laid out as a list item or a table row once, and used in every
    list that holds it: the detail pages list the same activities many times."""

    def __init__(self, env: Environment, template_dirs: Sequence[Path]) -> None:
        self.env = env
        self.template_dirs = template_dirs
        self.module: Any = None
        self.laid_out: dict[tuple[str, str], str] = {}

    def _macro(self, name: str, view: ActivityView) -> str:
        key = (name, view.id)
        found = self.laid_out.get(key)
        if found is None:
            if self.module is None:
                # Loaded as a page asks for it: a broken template is reported
                # as that page's rendering reports any (see _generate).
                self.module = self.env.get_template(ITEMS).module
            found = self.laid_out[key] = str(getattr(self.module, name)(view))
        return found

    def items(self, listing: Listing) -> Markup:
        return LaidOut("".join(self._macro("item", view) for view in listing.activities))

    def rows(self, listing: Listing) -> Markup:
        return LaidOut("".join(self._macro("row", view) for view in listing.activities))


class LaidOut(Markup):
    """Markup a template has already laid out: every value in it was shown (made
    printable, then escaped) as it was printed. A long list printed again need
    not be searched again for control characters (see :func:`shown`)."""


def _generate(env: Environment, name: str, template_dirs: Sequence[Path], *, whole: bool = False,
              **context: object) -> Iterator[str]:
    """A template's output as it is written: in the pieces Jinja makes, or
    ``whole`` as one string (a page of a few megabytes: passing its million
    pieces on one by one costs more than holding it)."""
    try:
        template = env.get_template(name)
        if whole:
            yield template.render(**context)
        else:
            yield from template.generate(**context)
    except TemplateNotFound as error:
        raise TemplateProblem(f"template {error.name} not found in {_searched(template_dirs)}") from None
    except TemplateSyntaxError as error:
        where = error.filename or error.name or name
        raise TemplateProblem(f"{where}:{error.lineno}: {error.message}") from None
    except TemplateError as error:
        raise TemplateProblem(f"{_template_position(error, name)}: {error.message or error}") from None


def _searched(template_dirs: Sequence[Path]) -> str:
    return ", ".join(str(folder) for folder in (*template_dirs, BUILTIN_TEMPLATES))


def _template_position(error: BaseException, fallback: str) -> str:
    # Jinja rewrites the traceback so that template frames carry the template's
    # file and line: the innermost one is where the template went wrong.
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}"
    return fallback


def shown(value: Any) -> Any:
    """What a template prints of a value: text with its control characters as
    escapes (its lines and tabs kept); escaping for HTML comes after, and text a
    filter already made markup stays markup. What a template already laid out
    (:class:`LaidOut`) is printed as it is."""
    if isinstance(value, str) and not isinstance(value, LaidOut) and not value.isprintable():
        text = printable(value, layout=True)
        return Markup(text) if isinstance(value, Markup) else text
    return value


# -- filters -----------------------------------------------------------------------

# What could format, link or break a table. Parentheses need no escape once
# brackets are escaped (no link can form); an underscore inside a word (a
# project number such as PPSTI_108_2024A) starts no emphasis in GFM.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def md_text(value: Any) -> str:
    """Record text as one Markdown paragraph: markup characters escaped, lines joined,
    so a title can neither format nor break the document."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def md_part(value: Any) -> str:
    """A piece of a sentence in Markdown: escaped like md_text, its spaces at
    either end kept, since the pieces are joined as they are."""
    text = str(value)
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + md_text(text) + trail if text.strip() else (" " if text else "")


def md_cell(value: Any) -> str:
    """Record text for a GitHub-flavoured table cell: a ``|`` or newline cannot split the row."""
    return md_text(value)


def safe_url(value: Any) -> str | None:
    """The address if it is http(s) and holds nothing that could leave an attribute, else None."""
    url = str(value).strip()
    if re.fullmatch(r"https?://[^\s<>\"'`]+", url, flags=re.IGNORECASE):
        return url
    return None


def md_link(value: Any) -> str:
    url = safe_url(value)
    if url is None:
        return md_text(value)
    return "<" + url.replace("(", "%28").replace(")", "%29") + ">"


def number(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def compact(value: float | int | None) -> str:
    """A large figure short enough for a chart's label: 9.4M, 120k; smaller ones as :func:`number`."""
    if value is None or abs(value) < 10_000:
        return number(value)
    for size, suffix in ((1e3, "k"), (1e6, "M"), (1e9, "B")):
        shown = round(value / size, 1)
        if abs(shown) < 1000 or suffix == "B":
            return f"{shown:g}{suffix}" if abs(shown) < 1e6 else f"{shown:,.0f}{suffix}"
    return number(value)


def usd(value: float | None) -> str:
    return "–" if value is None else f"USD {value:,.0f}"


def named(codes: Sequence[str], names: Mapping[str, str], conjunction: str | None = None) -> str:
    """Codes as the names ``names`` gives them (a code it does not know, as written):
    "Japan, Korea", or with ``conjunction``, "public sector personnel and the workforce"."""
    shown = [names.get(code, code) for code in codes]
    return listed(shown, conjunction) if conjunction else ", ".join(shown)


def join_names(values: Sequence[str], empty: str = "–") -> str:
    return ", ".join(values) if values else empty


def slug(value: Any) -> Markup:
    return Markup(re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"))


_YEAR_SPAN = re.compile(r"\(?\d{4}[-–]\d{4}\)?")


def unbroken_years(value: Any) -> Markup:
    """Text (escaped) with each span of years such as "(2026-2030)" kept on one line."""
    escaped = str(Markup.escape(value))
    return Markup(_YEAR_SPAN.sub(lambda match: f'<span class="keep">{match.group(0)}</span>', escaped))


def sentence(value: Any) -> str:
    """The first letter in capitals, the rest as written ("MSMEs and startups")."""
    text = str(value)
    return text[:1].upper() + text[1:]
