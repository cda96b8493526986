"""Text from files and file names, made safe to show: the one definition every
output uses (the terminal, GitHub annotations, JSON, CSV, the Markdown and HTML
reviews).

Records cannot hold control characters (the reader refuses them, E206/E207),
but file names, folder names, git's text and command-line arguments can, and an
output must never let one move a reviewer's cursor, recolour a terminal, forge
a line or an annotation, or reorder text (a bidirectional override). Each such
character is shown as a visible escape, so nothing is silently lost: ESC as
``\\x1b``, U+202E as ``\\u202e``, a byte of a file name that is not UTF-8 (held
as a lone surrogate by os.fsdecode) as ``\\xff``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# C0 but TAB, LF and CR, DEL, C1 (U+0085 among them), the bidirectional
# controls, the line and paragraph separators, the non-characters U+FFFE and
# U+FFFF, and lone surrogates (bytes of a file name that are not UTF-8): the
# characters the reader refuses in a record (tests/test_printable.py).
_UNPRINTABLE = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                "\u2028\u2029\ufffe\uffff\ud800-\udfff")
# In a document, a CR is kept as the first half of a CRLF line break (a CSV's);
# alone it would send the cursor back over the line.
_IN_LAYOUT = re.compile(f"[{_UNPRINTABLE}]|\r(?!\n)")
_ON_ONE_LINE = re.compile(f"[\t\n\r{_UNPRINTABLE}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def printable(text: str, *, layout: bool = False) -> str:
    """``text`` with every control character shown as an escape. With
    ``layout``, tabs and line breaks (LF, CRLF) are kept (a narrative's lines, a
    document's); without, the text stays on one line (a path, a diagnostic)."""
    if text.isprintable():  # the usual case, checked in C; spaces other than " " fall through
        return text
    return (_IN_LAYOUT if layout else _ON_ONE_LINE).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    if 0xDC80 <= point <= 0xDCFF:  # a byte os.fsdecode could not decode, as the byte
        return f"\\x{point - 0xDC00:02x}"
    return f"\\u{point:04x}"


def printable_data(value: Any) -> Any:
    """JSON-like data (mappings, lists, text, numbers) with every text, keys
    included, made :func:`printable`: what a JSON output holds. Tabs and line
    feeds are kept: JSON writes them as escapes, and a narrative keeps its lines."""
    if isinstance(value, str):
        return printable(value, layout=True)
    if isinstance(value, Mapping):
        return {printable_data(key): printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value
