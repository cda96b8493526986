"""Everything a command prints goes through here: lines, whole documents (JSON,
Markdown, CSV) and rich's consoles. Each shows control characters as visible
escapes (apec_tracker.services.printing), so that no file name, record, git
text or argument can move a reviewer's cursor, recolour the terminal, forge a
line or reorder text. tests/test_architecture.py keeps every other command
module from printing by itself.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import typer

from apec_tracker.services.printing import printable, printable_data

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """A line (or lines) on stdout, or on stderr with ``err``."""
    typer.echo(printable(text, layout=True), err=err, nl=nl)


def write(document: str) -> None:
    """A whole document on stdout as it is (Markdown, CSV, text), its control
    characters shown as escapes; its line breaks (LF or CRLF) and tabs kept."""
    sys.stdout.write(printable(document, layout=True))


def write_json(document: Any) -> None:
    """JSON data on stdout, indented; every text in it made printable first
    (escaping the JSON text afterwards could make escapes JSON does not know)."""
    json.dump(printable_data(document), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def console(**options: Any) -> Console:
    """rich's Console (with ``options``) that shows control characters in what
    it prints as escapes, whether printed as text, markup or in a table; rich's
    own colours and cursor moves are unaffected."""
    return _printable_console()(**options)


@cache
def _printable_console() -> type[Console]:
    # rich is imported only by the commands that draw with it: a plain
    # `tracker validate` in CI never loads it.
    from rich.console import Console
    from rich.segment import Segment

    class PrintableConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Text:
            # Before rich reads the markup, and before its Text silently drops
            # a few control characters (CR, BEL, backspace).
            return super().render_str(printable(text, layout=True), **kwargs)

        def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
            # Text made directly (rich.text.Text), whatever its origin, as it is laid out.
            for segment in super().render(renderable, options):
                if segment.control or segment.text.isprintable():
                    yield segment
                else:
                    yield Segment(printable(segment.text, layout=True), segment.style, segment.control)

    return PrintableConsole
