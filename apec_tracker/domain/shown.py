"""A value from a file, shown in a message the way the file writes it.

YAML's own words, not Python's: ``true`` (not True), ``null`` (not None),
``[a, b]`` and ``{a: b}`` (not ['a', 'b'] and {'a': 'b'}). Text keeps its
quotes, so that ``'2026'`` is told apart from the number 2026. A long value is
shortened with "…": a 1 MB value makes a message line of a few dozen characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

# About as much as a message line can quote and still be read at a glance.
SHOWN_LENGTH = 60
# Text that YAML would read back as the same text when written without quotes
# inside [ ] or { }: a word, a code, a few words, a date (which records keep as text).
_PLAIN = re.compile(r"[A-Za-z_][\w.\-/@+]*(?: [\w.\-/@+]+)*|[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def shown(value: Any, limit: int = SHOWN_LENGTH) -> str:
    """``value`` as YAML writes it, at most about ``limit`` characters."""
    text = ""
    for piece in _pieces(value, quoted=True, room=limit):
        text += piece
        if len(text) > limit:
            return _cut(text, limit, quoted_text=isinstance(value, str))
    return text


def _cut(text: str, limit: int, *, quoted_text: bool) -> str:
    if quoted_text:
        # Keep the closing quote, so that the value still reads as text.
        return text[: limit - 2] + "…" + text[0]
    return text[: limit - 1] + "…"


def _pieces(value: Any, *, quoted: bool, room: int) -> Iterator[str]:
    """The text of ``value`` piece by piece, so that a huge list or text is never
    written out whole: the caller stops once it has enough."""
    if value is None:
        yield "null"
    elif isinstance(value, bool):
        yield "true" if value else "false"
    elif isinstance(value, float):
        yield (".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")) if not math.isfinite(value) \
            else repr(value)
    elif isinstance(value, int):
        yield str(value)  # at most a few thousand digits: the reader refuses more
    elif isinstance(value, str):
        part = value[: room + 2]
        if not quoted and len(value) <= room and _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
            yield value
        else:
            text = repr(part)
            yield text if len(part) == len(value) else text[:-1]  # cut: the caller closes it
    elif isinstance(value, dict):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield (", " if number else "")
            yield from _pieces(key, quoted=False, room=room)
            yield ": "
            yield from _pieces(item, quoted=False, room=room)
        yield "}"
    elif isinstance(value, list | tuple):
        yield "["
        for number, item in enumerate(value):
            yield (", " if number else "")
            yield from _pieces(item, quoted=False, room=room)
        yield "]"
    else:
        yield str(value)[: room + 1]
