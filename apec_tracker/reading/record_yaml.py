"""The YAML subset records are written in: bytes to text, text to values, values to positions.

Records and the reference data are read by this one pure-Python parser of a
small, documented subset of YAML 1.2 (docs/validate.md, "The YAML records are
written in"). Whatever lies outside the subset is refused with a stable code and
the exact line and column (1-based, columns counted in characters), never read
one way here and another way by ruamel.yaml, which the tool still uses to edit
files (tests/test_yaml_agreement.py checks that both read every accepted file to
the same data).

Every step is linear in the length of the text: each line is looked at a
bounded number of times, containers nest at most ``MAX_DEPTH`` levels (checked
as they open, so a file of 100,000 nested lists stops at the 17th), and nothing
recurses deeper than that limit.

Codes (the loader adds Y306, "the top level is not a mapping"):

====== =====================================================================
code   meaning
====== =====================================================================
E201   the bytes are not UTF-8 text (UTF-16, or Windows-1252 from Notepad/Excel)
E203   the file is empty
E204   the file holds NUL bytes: it is binary
E205   unresolved merge-conflict markers (<<<<<<<, =======, >>>>>>>)
E206   a control character: C0 other than tab/LF/CR, DEL, C1 other than U+0085,
       a bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
       U+2066-U+2069) or a non-character YAML forbids (U+FFFE, U+FFFF, a lone
       surrogate), written in the file or produced by a "\\..." escape
E207   a line break other than LF or CRLF: a lone CR, U+0085, U+2028, U+2029
       (also when produced by an escape: \\r, \\N, \\L, \\P, \\x85, ...)
Y301   YAML syntax outside the subset or broken (unclosed quote or bracket,
       indentation, tabs, a field name that is not a plain word or is longer
       than 1024 characters, a field in ``{...}`` without a value, ...)
Y302   a second document (a second ``---``, or anything after ``...``)
Y303   the same key twice in one mapping
Y304   a tag (``!``, ``!!str``, ``!foo``)
Y307   a merge key (``<<``)
Y308   a directive line (``%YAML``, ``%TAG``)
Y309   an anchor (``&name``) or an alias (``*name``)
Y310   a collection nested in a flow collection beyond what the subset reads:
       ``{...}`` or ``[...]`` inside ``[...]``, ``{...}`` inside ``{...}``
       (``[...]`` of scalars inside ``{...}`` is read), ``a: b`` inside
       ``[...]``, a ``? `` key inside either
Y311   a number not written in plain decimal (``012``, ``0x1F``, ``1_000``,
       ``.5``, ``1:20``, ``.inf``, ...): anything some YAML reader takes for a
       number but the subset's ``-?(0|[1-9][0-9]*)`` / decimal float does not
Y312   containers nested deeper than MAX_DEPTH (16) levels
Y313   a plain value shaped like a date or time that does not exist
       (2026-02-30): ruamel.yaml, which edits records, cannot read such a file
Y314   more than MAX_VALUES (10,000) values in the document (at 1:1): a record
       holds a few hundred at most, and what checks a record (the model, its
       diagnostics, their positions) grows with the number of values
====== =====================================================================

Flow mappings ``{code: A.i, role: principal}`` are read when their keys are
field names (as in block mappings) and their values scalars or flow sequences
of scalars, on one line or several; as a value after ``key:``, as a ``- ``
item, or as the whole document.

E202 (a byte-order mark) is retired: a UTF-8 BOM is accepted and reported in
:class:`Text` so that a write can keep it.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

__all__ = ["MAX_DEPTH", "MAX_VALUES", "Position", "Text", "YamlProblem", "decode", "locate", "parse"]

MAX_DEPTH: Final = 16
MAX_VALUES: Final = 10_000


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class YamlProblem(Exception):
    """A file that is not a usable record document, with where and why."""

    code: str
    message: str
    line: int
    column: int
    hint: str | None

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    def __repr__(self) -> str:
        return f"YamlProblem({self.code!r}, {self.message!r}, {self.line}, {self.column}, hint={self.hint!r})"


@dataclass(frozen=True, slots=True)
class Text:
    """A file's text as the parser reads it, and what a write must keep.

    ``text`` has the BOM removed and every CRLF turned into LF (positions do not
    change: a CR only ever ends a line); ``newline`` is the style of the file's
    first line break ("\\n" when it has none) and ``final_newline`` whether the
    file ends with one.
    """

    text: str
    bom: bool
    newline: str
    final_newline: bool


# ---------------------------------------------------------------------------
# Bytes to text


_BOM = b"\xef\xbb\xbf"
# decode() first tests for the markers as plain substrings (a memchr each):
# that rules out almost every file before this expression, which tries a match
# at every character, has to run.
_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)

# Characters no record needs and that make text look other than it is: NUL
# (E204), the odd line breaks (E207), the rest (E206). ``\r`` is fine only as
# part of CRLF. U+FFFE, U+FFFF and lone surrogates are refused by every YAML
# reader, so they are refused here with the same code as the controls.
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufffe\uffff\ud800-\udfff]|\r(?!\n)"
)
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\t\n"
# The same characters, \r included, for a fast search (a CR before LF is fine).
_BAD_CLASS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff\ud800-\udfff]"
)
_LINE_BREAKS = frozenset("\r\x85\u2028\u2029")


def decode(data: bytes) -> Text:
    """A file's bytes as :class:`Text`, or a YamlProblem saying what the bytes are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("E201", "the file is UTF-16 text", hint="save it as UTF-8")
    bom = data.startswith(_BOM)
    body = data[3:] if bom else data
    if not body or body.isspace():
        raise YamlProblem("E203", "the file is empty", hint="a record needs at least id, title and summary")
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _position_of_byte(body, nul)
        raise YamlProblem("E204", "the file holds NUL bytes: it is binary, not text", line, column)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(body, error.start)
        raise YamlProblem(
            "E201",
            f"the file is not UTF-8 text ({error.reason} at byte {error.start + 3 * bom})",
            line,
            column,
            hint=_encoding_hint(body),
        ) from None
    newline = "\n"
    if "\r" in text:
        first = text.find("\n")
        if first > 0 and text[first - 1] == "\r":
            newline = "\r\n"
        _check_characters(text)  # a lone CR is reported before the CRLFs go
        text = text.replace("\r\n", "\n")
    else:
        _check_characters(text)
    if "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text:
        conflict = _CONFLICT.search(text)
        if conflict:
            line, column = _position_of_index(text, conflict.start())
            raise YamlProblem(
                "E205",
                "the file holds an unresolved merge conflict",
                line,
                column,
                hint="keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> markers",
            )
    global _checked
    _checked = text
    return Text(text=text, bom=bom, newline=newline, final_newline=text.endswith("\n"))


# The text decode() returned last: parse() of that very object (the usual
# decode-then-parse) need not check its characters again.
_checked: str | None = None


def _encoding_hint(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "save it as UTF-8"
    # Bytes that are valid Windows-1252 but not UTF-8: most likely a file saved
    # by an older Windows editor or by Excel's plain "CSV"/"Text" export.
    return "it looks like Windows-1252 text; save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)"


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    # Columns count characters, as in every other diagnostic, not bytes.
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _check_characters(text: str) -> None:
    # Every refused character is one str.isprintable() refuses too, and that
    # test runs several times faster than a regular expression: search only
    # the text that holds something else than printable characters, line
    # breaks and tabs (a CRLF file, an NBSP, a zero-width space).
    if text.isascii():
        # Deleting every allowed byte leaves nothing: one C loop, no matching.
        if not text.encode("ascii").translate(None, _ASCII_ALLOWED):
            return
    elif text.replace("\n", "").replace("\t", "").isprintable():
        return
    start = 0
    while True:
        found = _BAD_CLASS.search(text, start)
        if found is None:
            return
        at = found.start()
        if text.startswith("\r\n", at):
            start = at + 2
            continue
        line, column = _position_of_index(text, at)
        raise _character_problem(text[at], line, column, escaped=False)


def _character_problem(char: str, line: int, column: int, *, escaped: bool) -> YamlProblem:
    code_point = f"U+{ord(char):04X}"
    if char == "\x00" and not escaped:
        return YamlProblem("E204", "the file holds NUL bytes: it is binary, not text", line, column)
    if char in _LINE_BREAKS:
        name = {
            "\r": "a carriage return (CR) on its own",
            "\x85": "a NEXT LINE character (U+0085)",
            "\u2028": "a LINE SEPARATOR (U+2028)",
            "\u2029": "a PARAGRAPH SEPARATOR (U+2029)",
        }[char]
        if escaped:
            return YamlProblem(
                "E207",
                f"this escape writes {name}, a line break records do not use",
                line,
                column,
                hint="write \\n for a line break",
            )
        return YamlProblem(
            "E207",
            f"the file holds {name}, a line break other than an ordinary one",
            line,
            column,
            hint="replace it with an ordinary line break (Enter), or delete it",
        )
    try:
        name = f"{code_point} {unicodedata.name(char)}"
    except ValueError:
        name = f"{code_point}, a control character"
    where = "this escape writes" if escaped else "the file holds"
    return YamlProblem(
        "E206",
        f"{where} an invisible control character ({name})",
        line,
        column,
        hint="delete it; if it came with pasted text, retype the text around it",
    )


# ---------------------------------------------------------------------------
# Scalars: how plain text is typed


# YAML 1.2 core schema, stricter: one spelling per value.
_WORDS: Final[dict[str, Any]] = {
    "null": None,
    "Null": None,
    "NULL": None,
    "~": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
# Everything some YAML reader takes for a number: ruamel.yaml's YAML 1.2 and
# YAML 1.1 resolvers (the latter is also PyYAML's), the YAML 1.2 core schema,
# and the case variants other readers accept (0X7EA, 0O17, .NaN, .iNf). A plain
# scalar matching this but not _INT/_FLOAT is refused: it would mean a number
# to one reader and text, or another number, to the next.
_NUMBER_LIKE = re.compile(
    r"""[-+]?(?:
        [0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?     # 12, 012, 1_000, 5., 1.5, 1e3, 1_e3
      | \.[0-9_]+(?:[eE][-+]?[0-9]+)?                # .5, .5e3
      | [1-9][0-9_]*(?::[0-5]?[0-9])+                # 1:20, 12:30:00 (YAML 1.1 base 60)
      | [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*       # 190:20:30.15, 0:20.5
      | 0[bB][01_]+ | 0[oO][0-7_]+ | 0[xX][0-9a-fA-F_]+
      | \.(?:[iI][nN][fF]|[nN][aA][nN])
    )""",
    re.VERBOSE,
)
_NUMBER_START = frozenset("-+.0123456789")
# Plain texts _resolve() must see: numbers and the words above, "=" and "<<";
# by their first character first (one lookup for most text).
_TYPED = frozenset([*_WORDS, "=", "<<"])
_TYPED_START = _NUMBER_START | {word[0] for word in _TYPED}
_NUMBER_HINT = "write numbers in plain decimal, e.g. 2026 or 1000.5; put text that only looks like a number in quotes"
# CPython refuses to convert longer digit strings (and converting them is
# quadratic); no record holds such a number.
_MAX_DIGITS = 4000

# Typographic quotes, as Word and Outlook write them.
_CURLY_OPEN = frozenset("\u201c\u2018")
_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


# What ruamel.yaml's resolver takes for a date or a timestamp. The subset
# keeps such values as the text they are, for the record model to read; one
# that is no real date (2026-02-30) is refused here, since ruamel.yaml cannot
# read a file that holds it at all.
_TIMESTAMP = re.compile(
    r"""([0-9]{4})-([0-9]{2})-([0-9]{2})
      | ([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]*)?
        (?:[ \t]*(?:Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?""",
    re.VERBOSE,
)


def _check_timestamp(text: str, line: int, column: int) -> None:
    found = _TIMESTAMP.fullmatch(text)
    if found is None:
        return
    parts = [int(part) if part and part not in "+-" else 0 for part in found.groups()]
    try:
        if found.group(1):
            datetime.date(parts[0], parts[1], parts[2])
        else:
            datetime.datetime(parts[3], parts[4], parts[5], parts[6], parts[7], parts[8])
            datetime.timezone(datetime.timedelta(hours=parts[10], minutes=parts[11]))
    except ValueError:
        message = f"{text!r} looks like a date or a time but is not a real one"
        if found.group(1) and len(text) == 10:
            # A day the calendar has not: said as every other date problem is said.
            from apec_tracker.domain.dates import NotADate, calendar_date

            try:
                calendar_date(text)
            except NotADate as problem:
                message = problem.message
        raise YamlProblem(
            "Y313", message, line, column, hint="write a date that exists, as YYYY-MM-DD; put other text in quotes"
        ) from None


def _resolve(text: str, line: int, column: int) -> Any:
    """The value of a one-line plain scalar (multi-line ones are always text)."""
    first = text[0]
    if first in _NUMBER_START:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the dates of a record, checked quickly
            try:
                datetime.date.fromisoformat(text)
            except ValueError:
                _check_timestamp(text, line, column)
            return text
        if _INT.fullmatch(text):
            if len(text) > _MAX_DIGITS:
                raise YamlProblem("Y311", "this number has too many digits", line, column, hint=_NUMBER_HINT)
            return int(text)
        if _FLOAT.fullmatch(text):
            number = float(text) if len(text) <= _MAX_DIGITS else math.inf
            if math.isinf(number):  # 1e999: no record holds a number out of a float's range
                raise YamlProblem("Y311", "this number is too large", line, column, hint=_NUMBER_HINT)
            return number
        if _NUMBER_LIKE.fullmatch(text):
            if ":" in text:  # 1:20 is a number (base 60) to YAML 1.1 readers, and looks like a time
                raise YamlProblem(
                    "Y311",
                    f"{text!r} looks like a time, which some YAML readers take for a number",
                    line,
                    column,
                    hint="put it in quotes if it is text; write a date as YYYY-MM-DD",
                )
            raise YamlProblem(
                "Y311", f"{text!r} is not a number written in plain decimal", line, column, hint=_NUMBER_HINT
            )
        _check_timestamp(text, line, column)
        return text
    if text in _WORDS:
        return _WORDS[text]
    if text == "=":
        # ruamel.yaml reads a lone "=" as a "value" tag, not as text.
        raise YamlProblem("Y301", "a value that is only '=' must be in quotes", line, column, hint="write '='")
    if text == "<<":
        raise YamlProblem(
            "Y307",
            "merge keys (<<) are not allowed in a record",
            line,
            column,
            hint="write the fields out in full, or put '<<' in quotes if it is text",
        )
    return text


# ---------------------------------------------------------------------------
# Lines


# The head of a block line: indentation, an optional "- ", an optional
# "key: ". Group 1 is the indentation, 2 the dash, 3 the key; the content
# starts at m.end().
_HEAD = re.compile(r"( *)(?:(-)(?= |\Z) *)?(?:([A-Za-z_][A-Za-z0-9_]*):(?= |\Z) *)?")
# The commonest line of a record, "key: value" with a plain one-line value
# (or "key:" alone), is read by one match; anything else by the general path.
# A one-line plain scalar in block context whose first character the caller
# has checked: no ": ", no " #" except a trailing comment, no tab. Group 1 is
# the text, group 2 a trailing comment. Anything else takes the general path.
# The repetition is possessive (*+): a backtracking one kept a state for each
# character, 150 MB for a line of 1 MB; none of its choices could be undone to
# a match anyway, since the text stops only at a comment, a ": ", a tab or the end.
_PLAIN_FAST = re.compile(r"((?:[^ \t:#]+| +(?=[^ \t#:])|:(?=[^ \t])|(?<! )#)*+)( +#.*)? *\Z")
# Where a plain scalar in block context stops: a comment, a ": " (a mapping
# indicator, refused inside a value) or a tab.
_PLAIN_STOP = re.compile(r" #|\t|:(?= |\Z)")
# The same in a flow sequence, where , [ ] { } also end it.
_FLOW_PLAIN_STOP = re.compile(r" #|\t|[,\[\]{}]|:(?=[ ,\[\]{}]|\Z)")
# A field name inside { }: the same words as in block mappings, a colon, then
# a space or the end of the line (ruamel.yaml reads "{a:b}" as the key "a:b").
_FLOW_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?= |\Z)")
_FLOW_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FLOW_INDICATOR = re.compile(r"[,{}\[\]]")  # where a value's text ends in a flow collection, for a hint
# ruamel.yaml reads no key longer than this (YAML's limit on implicit keys).
_MAX_KEY = 1024
# A flow sequence of simple words on one line, e.g. [JPN, VN] or [a b, c,].
_FLOW_FAST = re.compile(
    r"\[((?: *[A-Za-z0-9_][A-Za-z0-9_./ -]*,)* *(?:[A-Za-z0-9_][A-Za-z0-9_./ -]*)?)\](?: +#.*)? *\Z"
)
# The inside of a flow sequence the fast path takes: plain words only. A
# single character class: the expression engine runs it as one tight loop.
_FLOW_SIMPLE = re.compile(r"[A-Za-z0-9_./ ,-]*")
_AFTER_VALUE = re.compile(r" *(?:#.*)?\Z")  # the rest of a line after a value: spaces, a comment
_SPACES_COLON = re.compile(r" *:")  # after a quoted item in [ ]: a key, not an item
_BLOCK_HEADER = re.compile(r"[|>](?:([1-9])([-+])?|([-+])([1-9])?)?( +#.*)? *\Z")
# The headers of nearly every block scalar: header -> chomping indicator.
_SIMPLE_HEADERS: Final[dict[str, str | None]] = {"|": None, ">": None, "|-": "-", ">-": "-", "|+": "+", ">+": "+"}
_DQ_RUN = re.compile(r'["\\]')  # what ends a run of text in double quotes
_SQ_RUN = re.compile(r"'")
_HEX = re.compile(r"[0-9a-fA-F]+")

# Characters a plain scalar cannot start with (YAML's indicators), and those
# the fast path leaves to the general one: "-", "?" and ":" may start a plain
# scalar when no space follows, typographic quotes are refused.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` \t\u201c\u2018")

_ESCAPES: Final[dict[str, str]] = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_ESCAPE_DIGITS: Final[dict[str, int]] = {"x": 2, "u": 4, "U": 8}

_MAP, _SEQ, _ROOT = 0, 1, 2
# Spaces that look like a space but are not one to YAML (NO-BREAK, NARROW NO-BREAK, IDEOGRAPHIC).
_INVISIBLE_SPACES = "\u00a0\u202f\u3000"
_INDENT_HINT = "check the indentation: items of one list or fields of one entry line up exactly"
_FIELD_NAME = (
    "a field name is a plain word of letters A-Z, digits and _, starting with a letter or _, "
    "followed by a colon and a space, e.g. activity_type: workshop"
)


# Field names seen so far: a set lookup instead of four tests per line.
# Bounded, so that a file of a million distinct keys cannot grow it forever.
_FIELD_NAMES: set[str] = set()


def _field_name(key: str) -> bool:
    """Whether ``key`` is a field name the fast path may take ([A-Za-z_][A-Za-z0-9_]*, not null/true/false)."""
    if key in _FIELD_NAMES:
        return True
    if key.isidentifier() and key.isascii() and key not in _WORDS and len(key) <= _MAX_KEY:
        if len(_FIELD_NAMES) < 4096:
            _FIELD_NAMES.add(key)
        return True
    return False


# The shapes of line the fast path of _Parser.run() reads, as _shape() tells
# them: the first item of a tuple, the others say what the line holds.
_BLANK = 0  # (_BLANK,): nothing, or a comment
_OTHER = 1  # (_OTHER,): anything else; the general path reads it
_FIELD = 2  # (_FIELD, col, key, value, text, open): "key: text", text typed as value; open: no comment ends it
_FIELD_EMPTY = 3  # (_FIELD_EMPTY, col, key): "key:", its value maybe on the lines below
_FIELD_LIST = 4  # (_FIELD_LIST, col, key, items): "key: [a, b]", the items a tuple
_FIELD_BLOCK = 5  # (_FIELD_BLOCK, col, key, offset of | or >): "key: >-"
_ITEM_FIELD = 6  # (_ITEM_FIELD, col, offset of key, key, value, text): "- key: text"
_ITEM = 7  # (_ITEM, col, value, text): "- text"
# The shapes of lines seen, by line: most lines of a record are also in the
# record before it. Only short lines are kept (a long one is mostly a title or
# a summary), and at most so many.
_SHAPES: dict[str, tuple[Any, ...]] = {}
_SHAPE_LINE = 200
_SHAPE_COUNT = 10_000
_OTHER_SHAPE = (_OTHER,)


def _shape(line: str) -> tuple[Any, ...]:
    """What ``line`` holds if it is one of the fast path's shapes (see above).

    Only the line counts, never where it stands, and nothing is refused here:
    a value that would be (012, 2026-02-30) makes the line _OTHER, for the
    general path to refuse with its position.
    """
    content = line.lstrip(" ")
    if not content or content[0] == "#":
        return (_BLANK,)
    col = len(line) - len(content)
    try:
        if content[0] == "-":
            if content[1:2] != " ":
                return _OTHER_SHAPE
            value = content[2:].lstrip(" ")
            if not value or value[0] == "#" or value[0] == "-":
                return _OTHER_SHAPE
            off = len(line) - len(value)
            key, colon, value = value.partition(": ")
            if colon:
                plain = value.strip(" ")
                if (
                    plain
                    and _field_name(key)
                    and plain[0] not in _NOT_PLAIN_START
                    and plain[-1] != ":"
                    and ": " not in plain
                    and " #" not in plain
                    and "\t" not in plain
                ):
                    c = plain[0]
                    typed = plain
                    if c in _TYPED_START and (c in _NUMBER_START or plain in _TYPED):
                        typed = _resolve(plain, 0, 0)
                    return (_ITEM_FIELD, col, off, key, typed, plain)
                return _OTHER_SHAPE
            plain = key.rstrip(" ")
            c = plain[0]
            if c not in _NOT_PLAIN_START and plain[-1] != ":" and " #" not in plain and "\t" not in plain:
                typed = plain
                if c in _TYPED_START and (c in _NUMBER_START or plain in _TYPED):
                    typed = _resolve(plain, 0, 0)
                return (_ITEM, col, typed, plain)
            return _OTHER_SHAPE
        key, colon, value = content.partition(": ")
        if not colon:
            key = content[:-1] if content[-1] == ":" else ""
        if not _field_name(key):
            return _OTHER_SHAPE
        value = value.lstrip(" ")
        if not value or value[0] == "#":
            return (_FIELD_EMPTY, col, key)
        plain = value.rstrip(" ")
        c = plain[0]
        comment = plain.find(" #")
        if comment > 0:
            plain = plain[:comment].rstrip(" ")
        if c not in _NOT_PLAIN_START and plain[-1] != ":" and ": " not in plain and "\t" not in plain:
            typed = plain
            if c in _TYPED_START and (c in _NUMBER_START or plain in _TYPED):
                # _resolve() without a position: it raises for a value the subset refuses.
                typed = _resolve(plain, 0, 0)
            return (_FIELD, col, key, typed, plain, comment < 0)
        if c == "[" and comment < 0 and plain[-1] == "]":
            inner = plain[1:-1]
            items = _flow_items(inner, 0, 0) if _FLOW_SIMPLE.fullmatch(inner) else None
            if items is not None:
                return (_FIELD_LIST, col, key, tuple(items))
        elif c == "|" or c == ">":
            return (_FIELD_BLOCK, col, key, len(line) - len(value))
    except YamlProblem:
        pass
    return _OTHER_SHAPE


def _head(line: str, pos: int = 0) -> re.Match[str]:
    """_HEAD's match at ``pos`` (every part of it is optional: it always matches)."""
    found = _HEAD.match(line, pos)
    assert found is not None
    return found


def _is_marker(content: str) -> bool:
    """``---`` or ``...`` at the start of a line: a document boundary."""
    return content[:3] in ("---", "...") and (len(content) == 3 or content[3] in " \t")


class _Frame:
    """An open block collection (or the document itself) and its last entry."""

    __slots__ = ("entries", "indent", "indentless", "kind", "last", "line", "pending", "value")

    def __init__(self, kind: int, indent: int, value: Any, line: int, indentless: bool = False) -> None:
        self.kind = kind
        self.indent = indent  # the column (0-based) of its keys or dashes; -1 for the document
        self.value = value
        self.line = line  # 0-based line of its first entry, for messages
        self.indentless = indentless  # a sequence at the same column as its parent's keys
        self.pending = False  # the last entry's value may still come on the following lines
        self.last: str = ""  # the last key of a mapping
        # Positions, when tracked: a mapping's {key: (key, value)}, a sequence's [value].
        self.entries: Any = None

    def fill(self, value: Any) -> None:
        if self.kind == _MAP:
            self.value[self.last] = value
        else:
            self.value[-1] = value
        self.pending = False


class _Retrack(Exception):  # an internal signal, not an error
    """The fast parse found a problem whose message needs positions it did not keep."""


_Pos = tuple[int, int]


class _Parser:
    """One pass over the lines; each helper consumes the lines of one value and
    returns the index of the last line it used."""

    def __init__(self, text: str, track: bool) -> None:
        lines = text.split("\n")
        self.final_newline = lines[-1] == ""
        if self.final_newline:
            lines.pop()
        self.text = text
        self.lines = lines
        self.n = len(lines)
        self.track = track
        self.started = False  # a --- line was seen
        self.ended = -1  # the line of "...", once seen
        self.root = _Frame(_ROOT, -1, [None], 0)
        self.root.pending = True
        self.stack: list[_Frame] = [self.root]
        # Positions when tracked: id(container) -> (start, entries), and the document's own.
        self.positions: dict[int, tuple[_Pos, Any]] = {}
        self.root_position: _Pos | None = None

    # -- errors ---------------------------------------------------------------

    def _problem(self, code: str, message: str, index: int, offset: int, hint: str | None = None) -> YamlProblem:
        return YamlProblem(code, message, index + 1, offset + 1, hint)

    # -- the document ---------------------------------------------------------

    def run(self) -> Any:
        lines = self.lines
        n = self.n
        stack = self.stack
        fast = not self.track
        shapes = _SHAPES
        i = 0
        while i < n:
            if fast:
                # The fast path: the commonest lines of a record ("key: text",
                # "key:", "- key: text", "- text", "key: [a, b]", "key: >-").
                # What such a line holds does not depend on where it stands,
                # and records repeat many lines ("role: principal", "- year:
                # 2027"): _shape() reads a line once, its shape is kept, and
                # here only the indentation and the keys already seen are
                # checked. It does exactly what the general path (_line) would;
                # whatever it does not take goes there.
                line = lines[i]
                shape = shapes.get(line)
                if shape is None:
                    shape = _shape(line)
                    if len(line) < _SHAPE_LINE:
                        if len(shapes) >= _SHAPE_COUNT:
                            shapes.clear()  # bounded: a file of distinct lines cannot grow it
                        shapes[line] = shape
                kind = shape[0]
                if kind >= _FIELD:
                    col: int = shape[1]
                    top = stack[-1]
                    dash = kind >= _ITEM_FIELD
                    if top.pending:
                        if col > top.indent or (col == top.indent and dash and top.kind == _MAP):
                            # The first line of a collection that is the value of
                            # the open entry: open it here, read the line below.
                            if len(stack) > MAX_DEPTH:
                                i = self._line(i) + 1
                                continue
                            if dash:
                                opened = _Frame(_SEQ, col, [], i, top.kind == _MAP and col == top.indent)
                            else:
                                opened = _Frame(_MAP, col, {}, i)
                            top.fill(opened.value)
                            stack.append(opened)
                            top = opened
                        else:
                            top.pending = False
                    while col < top.indent or (top.indentless and col == top.indent and not dash):
                        stack.pop()
                        top = stack[-1]
                    if col == top.indent:
                        if not dash and top.kind == _MAP:
                            key: str = shape[2]
                            values = top.value
                            if key not in values:
                                if kind == _FIELD:
                                    top.last = key
                                    if shape[5] and i + 1 < n:
                                        # The value may go on on the next line only if that
                                        # line is blank or indented deeper than col: a space
                                        # at col is the quick test, _plain_lines decides.
                                        nxt = lines[i + 1]
                                        if not nxt or (nxt[0] == " " and (nxt[col : col + 1] == " " or nxt.isspace())):
                                            more, last = self._plain_lines(i, col)
                                            if more:
                                                values[key] = shape[4] + more
                                                i = last + 1
                                                continue
                                    values[key] = shape[3]
                                    i += 1
                                    continue
                                if kind == _FIELD_EMPTY:
                                    top.last = key
                                    values[key] = None
                                    top.pending = True
                                    i += 1
                                    continue
                                if kind == _FIELD_LIST:
                                    if len(stack) <= MAX_DEPTH:
                                        top.last = key
                                        values[key] = list(shape[3])
                                        i += 1
                                        continue
                                else:  # _FIELD_BLOCK
                                    top.last = key
                                    values[key] = None
                                    values[key], last = self._block(i, line, shape[3], col)
                                    i = last + 1
                                    continue
                        elif dash and top.kind == _SEQ:
                            if kind == _ITEM_FIELD:
                                if len(stack) <= MAX_DEPTH:
                                    # "- key: text": an item that is a mapping, its first key here.
                                    off: int = shape[2]
                                    key = shape[3]
                                    mapping = _Frame(_MAP, off, {}, i)
                                    top.value.append(mapping.value)
                                    top.pending = False
                                    stack.append(mapping)
                                    mapping.last = key
                                    if i + 1 < n:
                                        nxt = lines[i + 1]
                                        if not nxt or (nxt[0] == " " and (nxt[off : off + 1] == " " or nxt.isspace())):
                                            more, last = self._plain_lines(i, off)
                                            if more:
                                                mapping.value[key] = shape[5] + more
                                                i = last + 1
                                                continue
                                    mapping.value[key] = shape[4]
                                    i += 1
                                    continue
                            else:  # _ITEM: "- text", an item that is text
                                top.pending = False
                                if i + 1 < n:
                                    nxt = lines[i + 1]
                                    if not nxt or (nxt[0] == " " and (nxt[col : col + 1] == " " or nxt.isspace())):
                                        more, last = self._plain_lines(i, col)
                                        if more:
                                            top.value.append(shape[3] + more)
                                            i = last + 1
                                            continue
                                top.value.append(shape[2])
                                i += 1
                                continue
                elif kind == _BLANK:
                    i += 1  # a blank line or a comment
                    continue
            i = self._line(i) + 1
            # After "..." only comments may come: the general path says so.
            fast = fast and self.ended < 0
        self.root.pending = False
        return self.root.value[0]

    def _line(self, i: int) -> int:
        """The general path: line i, whatever it holds; the last line it used."""
        line = self.lines[i]
        stack = self.stack
        m = _head(line)
        off = m.end()
        dash = m.group(2)
        key = m.group(3)
        col = m.end(1)
        if dash is None and key is None:
            if off == len(line):
                return i
            c = line[off]
            if c == "#":
                return i
            if c == "\t":
                raise self._tab(i, off)
            if col == 0 and (c == "-" or c == "." or c == "%"):
                if c == "%":
                    raise self._directive(i, line, not self.root.pending or self.ended >= 0)
                if _is_marker(line):
                    if line[0] == "-" and (self.ended >= 0 or not self.root.pending or self.started):
                        raise self._problem(
                            "Y302",
                            "a second YAML document starts here; a record file holds one",
                            i,
                            0,
                            hint="put each record in a file of its own",
                        )
                    if not _AFTER_VALUE.match(line, 3):
                        raise self._problem(
                            "Y301",
                            f"nothing but a comment may follow {line[:3]} on its line",
                            i,
                            4,
                            hint=f"put the value on the next line, under {line[:3]}",
                        )
                    if line[0] == "-":
                        self.started = True
                    elif self.ended >= 0:
                        # ruamel.yaml reads a second "..." as the end of a second, empty document.
                        raise self._problem(
                            "Y302",
                            f"the document already ended ('...' on line "
                            f"{self.ended + 1}); a record file holds one document",
                            i,
                            0,
                            hint="remove this '...' line",
                        )
                    elif self.root.pending and not self.started:
                        raise self._problem(
                            "Y301", "'...' ends a document, but none has started", i, 0, hint="remove the '...' line"
                        )
                    else:
                        self.ended = i
                    return i
        if self.ended >= 0:
            raise self._problem(
                "Y302",
                f"there is more after the end of the document ('...' on line "
                f"{self.ended + 1}); a record file holds one document",
                i,
                col,
                hint="remove the '...' line, or put each record in a file of its own",
            )
        top = stack[-1]
        if top.pending:
            if col > top.indent or (col == top.indent and dash is not None and top.kind == _MAP):
                return self._node(i, line, col, top)
            top.pending = False
        # Close the collections this line is not part of.
        while col < top.indent or (top.indentless and col == top.indent and dash is None):
            stack.pop()
            top = stack[-1]
        if col > top.indent:
            raise self._misindented(i, col, top)
        if top.kind == _SEQ:
            if dash is None:
                raise self._problem(
                    "Y301",
                    f"a list item ('- ') is expected here: the list that starts on line "
                    f"{top.line + 1} has its items at this column",
                    i,
                    col,
                    hint=_INDENT_HINT,
                )
            return self._item(i, line, m, top)
        if top.kind == _MAP:
            if key is None:
                if dash is not None:
                    raise self._problem(
                        "Y301",
                        f"a list item cannot stand among the fields of the mapping that starts on line {top.line + 1}",
                        i,
                        col,
                        hint="put the list under a field (`field:` on the line above), or line it up",
                    )
                raise self._bad_key(i, line, off)
            return self._key(i, line, m, top)
        raise self._misindented(i, col, top)

    def _directive(self, i: int, line: str, late: bool) -> YamlProblem:
        name = line.split(None, 1)[0]
        if late:
            return self._problem(
                "Y302",
                "a directive line starts a second YAML document; a record file holds one",
                i,
                0,
                hint="put each record in a file of its own",
            )
        return self._problem(
            "Y308",
            f"records take no directives: remove the {name} line",
            i,
            0,
            hint="records are read as YAML 1.2 without it; there NO, on and yes are text, not booleans",
        )

    def _tab(self, i: int, offset: int) -> YamlProblem:
        line = self.lines[i]
        if not line[:offset].strip(" "):
            return self._problem(
                "Y301",
                "a tab is used for indentation here; indent with spaces",
                i,
                offset,
                hint="replace the tab with spaces",
            )
        return self._problem(
            "Y301",
            "a tab is used here outside quotes; use spaces",
            i,
            offset,
            hint="replace the tab with spaces, or put text that holds a tab in quotes",
        )

    def _misindented(self, i: int, col: int, top: _Frame) -> YamlProblem:
        if top.kind == _ROOT:
            first = self.lines[top.line]
            start = len(first) - len(first.lstrip(" "))
            if isinstance(top.value[0], str) and first[start : start + 1] not in ("'", '"', "|", ">", "[", "{"):
                # "id:x" or "title AI" on the first line: text, not a field.
                return self._bad_key(top.line, first, start)
            return self._problem(
                "Y301",
                f"this line is outside the document's one value (the value on line {top.line + 1} is already complete)",
                i,
                col,
                hint="a record is a list of `field: value` lines; check the indentation",
            )
        what = "fields" if top.kind == _MAP else "list items"
        return self._problem(
            "Y301",
            f"this line is indented more than the {what} around it: it should line up with line "
            f"{top.line + 1} (column {top.indent + 1}), or belong to a field that has no value yet",
            i,
            col,
            hint=_INDENT_HINT,
        )

    def _push(self, kind: int, indent: int, i: int, indentless: bool = False) -> _Frame:
        if len(self.stack) > MAX_DEPTH:
            raise self._problem(
                "Y312",
                f"the values here are nested more than {MAX_DEPTH} levels deep",
                i,
                indent,
                hint="records nest a few levels at most; check the indentation and the dashes",
            )
        frame = _Frame(kind, indent, {} if kind == _MAP else [], i, indentless)
        if self.track:
            frame.entries = {} if kind == _MAP else []
            self.positions[id(frame.value)] = ((i + 1, indent + 1), frame.entries)
        self.stack.append(frame)
        return frame

    def _fill(self, parent: _Frame, value: Any, i: int, offset: int) -> None:
        """Give the parent's open entry its value, which starts at line i, offset."""
        parent.fill(value)
        if parent.kind == _ROOT:
            parent.line = i
        if self.track:
            self._mark(parent, (i + 1, offset + 1))

    def _mark(self, parent: _Frame, position: _Pos) -> None:
        if parent.kind == _MAP:
            key_position = parent.entries[parent.last][0]
            parent.entries[parent.last] = (key_position, position)
        elif parent.kind == _SEQ:
            parent.entries[-1] = position
        else:
            self.root_position = position

    # -- block collections ----------------------------------------------------

    def _node(self, i: int, line: str, off: int, parent: _Frame) -> int:
        """A value that starts at ``off`` and fills the parent's open entry."""
        while True:
            m = _head(line, off)
            if m.group(2) is not None:  # "- ": a block sequence
                seq = self._push(_SEQ, off, i, indentless=parent.kind == _MAP and off == parent.indent)
                self._fill(parent, seq.value, i, off)
                return self._item(i, line, m, seq)
            if m.group(3) is not None:  # "key: ": a block mapping
                mapping = self._push(_MAP, off, i)
                self._fill(parent, mapping.value, i, off)
                return self._key(i, line, m, mapping)
            value, last = self._value(i, line, off, parent.indent, keyable=True)
            self._fill(parent, value, i, off)
            return last

    def _item(self, i: int, line: str, m: re.Match[str], seq: _Frame) -> int:
        """A "- " line of ``seq``; m is its _HEAD match."""
        seq.value.append(None)
        seq.pending = True
        if self.track:
            seq.entries.append((i + 1, m.start(2) + 1))
        off = m.start(3) if m.group(3) is not None else m.end()
        if off == len(line) or line[off] == "#":
            return i
        return self._node(i, line, off, seq)

    def _key(self, i: int, line: str, m: re.Match[str], mapping: _Frame) -> int:
        """A "key: ..." line of ``mapping``; m is its _HEAD match."""
        key = m.group(3)
        key_off = m.start(3)
        values = mapping.value
        if key in values:
            if not self.track:
                raise _Retrack
            first = mapping.entries[key][0][0]
            raise self._problem(
                "Y303",
                f"the key {key!r} appears twice in this mapping (first on line {first})",
                i,
                key_off,
                hint="keep one of the two",
            )
        if key in _WORDS:
            raise self._problem(
                "Y301",
                f"{key!r} cannot be a field name: YAML reads it as {'null' if _WORDS[key] is None else 'a boolean'}",
                i,
                key_off,
                hint=_FIELD_NAME,
            )
        if len(key) > _MAX_KEY:
            raise self._long_key(i, key_off)
        mapping.last = key
        values[key] = None
        off = m.end()
        if self.track:
            mapping.entries[key] = ((i + 1, key_off + 1), (i + 1, key_off + 1))
        if off == len(line) or line[off] == "#":
            mapping.pending = True
            return i
        mapping.pending = False
        if line[off] == "-" and (off + 1 == len(line) or line[off + 1] == " "):
            raise self._problem(
                "Y301",
                f"a list cannot start on the same line as its field {key!r}",
                i,
                off,
                hint=f"put each item on a line of its own under {key}:, e.g. `  - item`",
            )
        value, last = self._value(i, line, off, mapping.indent, keyable=False)
        values[key] = value
        if self.track:
            mapping.entries[key] = ((i + 1, key_off + 1), (i + 1, off + 1))
        return last

    def _long_key(self, i: int, off: int) -> YamlProblem:
        return self._problem(
            "Y301",
            f"this field name is longer than {_MAX_KEY} characters, which YAML does not allow",
            i,
            off,
            hint=_FIELD_NAME,
        )

    def _bad_key(self, i: int, line: str, off: int) -> YamlProblem:
        """What is wrong with a line that stands where a ``field: value`` line belongs."""
        c = line[off]
        if c in "\"'":
            return self._problem("Y301", "field names are written without quotes", i, off, hint=_FIELD_NAME)
        if c == "?" and (off + 1 == len(line) or line[off + 1] == " "):
            return self._problem("Y301", "complex keys ('? ') are not allowed in a record", i, off, hint=_FIELD_NAME)
        if line.startswith("<<", off) and line[off + 2 :].lstrip(" ").startswith(":"):
            return self._problem(
                "Y307", "merge keys (<<) are not allowed in a record", i, off, hint="write the fields out in full"
            )
        if c in "&*":
            return self._anchor(i, off)
        if c == "!":
            return self._tag(i, line, off)
        stop = _PLAIN_STOP.search(line, off)
        if stop is not None and stop.group() == "\t":
            return self._tab(i, stop.start())
        if stop is not None and stop.group() == ":":
            name = line[off : stop.start()]
            if name.strip(_INVISIBLE_SPACES) != name and _field_name(name.strip(_INVISIBLE_SPACES)):
                # Text pasted from Word or a web page indents with non-breaking spaces.
                return self._problem(
                    "Y301",
                    f"invisible non-breaking spaces around {name.strip(_INVISIBLE_SPACES)!r} (copied from a document?)",
                    i,
                    off,
                    hint="delete the indentation and type it again with ordinary spaces",
                )
            return self._problem("Y301", f"{name!r} is not a field name", i, off, hint=_FIELD_NAME)
        return self._problem(
            "Y301",
            "this line is not a `field: value` line: a field name must be followed by a colon and a space",
            i,
            off,
            hint=_FIELD_NAME,
        )

    def _anchor(self, i: int, off: int) -> YamlProblem:
        what = "an anchor (&)" if self.lines[i][off] == "&" else "an alias (*)"
        return self._problem(
            "Y309",
            f"{what} is not allowed in a record",
            i,
            off,
            hint="write the value out in full; put text that starts with & or * in quotes",
        )

    def _tag(self, i: int, line: str, off: int) -> YamlProblem:
        tag = re.split(r"[\s,\[\]{}]", line[off:], maxsplit=1)[0]
        return self._problem(
            "Y304",
            f"the YAML tag {tag} is not allowed in a record",
            i,
            off,
            hint="remove the tag; quote the value if it must stay text, e.g. '012'",
        )

    # -- values ---------------------------------------------------------------

    def _value(self, i: int, line: str, off: int, parent: int, *, keyable: bool) -> tuple[Any, int]:
        """The scalar, flow sequence or block scalar starting at ``off``, and
        the last line it uses. ``parent`` is the indentation of the collection
        that holds it (-1 for the document); ``keyable`` says that the text
        stands where a key could, which changes what a ': ' in it means."""
        c = line[off]
        if c not in _NOT_PLAIN_START:
            m = _PLAIN_FAST.match(line, off)
            if m is not None:
                text = m.group(1)
                if m.group(2) is None:
                    more, last = self._plain_lines(i, parent)
                    if more:
                        return text + more, last
                return _resolve(text, i + 1, off + 1), i
            return self._plain(i, line, off, parent, keyable)
        if c == '"' or c == "'":
            value, j, end = self._quoted(i, off, parent)
            self._after(j, end, keyable, quoted=True, start=off if j == i else -1)
            return value, j
        if c == "[":
            items, j, end = self._flow(i, off, parent)
            self._after(j, end, keyable, quoted=False)
            return items, j
        if c == "|" or c == ">":
            return self._block(i, line, off, parent)
        if c == "{":
            fields, j, end = self._flow_map(i, off, parent)
            self._after(j, end, keyable, quoted=False, closer="}")
            return fields, j
        if c == "&" or c == "*":
            raise self._anchor(i, off)
        if c == "!":
            raise self._tag(i, line, off)
        if c == "\t":
            raise self._tab(i, off)
        if c in _CURLY_OPEN:
            raise self._curly(i, line, off)
        if c in "-?:" and off + 1 < len(line) and line[off + 1] not in " \t":
            return self._plain(i, line, off, parent, keyable)
        if keyable and c in "?:":
            raise self._bad_key(i, line, off)
        if c == "-":
            raise self._problem("Y301", "a list item cannot start here", i, off, hint=_INDENT_HINT)
        raise self._refuse_start(i, line, off)

    def _refuse_start(self, i: int, line: str, off: int) -> YamlProblem:
        c = line[off]
        return self._problem(
            "Y301",
            f"a value cannot start with {c!r} unless it is in quotes",
            i,
            off,
            hint=f"put the value in quotes: {self._mended(line, off)}",
        )

    def _mended(self, line: str, off: int) -> str:
        """The line with its value from ``off`` in double quotes (a trailing comment kept out)."""
        comment = line.find(" #", off)
        value = (line[off:] if comment < 0 else line[off:comment]).rstrip(" ")
        rest = "" if comment < 0 else line[comment:]
        quoted = _double_quoted(value)
        if '"' in value and "'" not in value:
            quoted = "'" + value + "'"
        return (line[:off] + quoted + rest).strip(" ")

    def _curly(self, i: int, line: str, off: int) -> YamlProblem:
        mended = (line[:off] + line[off:].translate(_CURLY)).strip(" ")
        return self._problem(
            "Y301",
            "\u201c \u201d and \u2018 \u2019 are not YAML quotes (they are typographic quotes, as a word "
            "processor writes them)",
            i,
            off,
            hint=f"use straight quotes: {mended}",
        )

    def _plain(self, i: int, line: str, off: int, parent: int, keyable: bool) -> tuple[Any, int]:
        """A plain scalar that the fast expression did not take."""
        stop = _PLAIN_STOP.search(line, off)
        comment = False
        if stop is None:
            text = line[off:].rstrip(" ")
        else:
            found = stop.group()
            if found == "\t":
                raise self._tab(i, stop.start())
            if found == ":":
                if keyable:
                    raise self._bad_key(i, line, off)
                if _CURLY_OPEN.intersection(line[off : stop.start()]):
                    raise self._curly(i, line, off)
                raise self._problem(
                    "Y301",
                    "this value holds ': ', which YAML reads as the start of another field",
                    i,
                    stop.start(),
                    hint=f"put the value in quotes: {self._mended(line, off)}",
                )
            text = line[off : stop.start()].rstrip(" ")
            comment = True
        if not comment:
            more, last = self._plain_lines(i, parent)
            if more:
                return text + more, last
        return _resolve(text, i + 1, off + 1), i

    def _plain_lines(self, i: int, parent: int) -> tuple[str, int]:
        """The folded continuation of a plain scalar from the lines after line
        i (with its separators: " " or line breaks), and the last line used."""
        lines = self.lines
        n = self.n
        j = i + 1
        blanks = 0
        parts: list[str] = []
        last = i
        while j < n:
            line = lines[j]
            content = line.lstrip(" ")
            if not content:
                blanks += 1
                j += 1
                continue
            col = len(line) - len(content)
            if col <= parent or content[0] == "#":
                break
            if col == 0 and _is_marker(content):
                break
            c = content[0]
            if c == "\t":
                raise self._tab(j, col)
            if c in "-?:" and (len(content) == 1 or content[1] == " "):
                raise self._problem(
                    "Y301",
                    f"this line is indented under the value on line {i + 1}, so it would continue that "
                    "text; a field holds either a value or a list",
                    j,
                    col,
                    hint=_INDENT_HINT,
                )
            stop = _PLAIN_STOP.search(line, col)
            comment = False
            if stop is None:
                text = content.rstrip(" ")
            else:
                found = stop.group()
                if found == "\t":
                    raise self._tab(j, stop.start())
                if found == ":":
                    if parent < 0:  # "id:x" or "title AI" on the first line: text, not a field
                        first = lines[i]
                        raise self._bad_key(i, first, len(first) - len(first.lstrip(" ")))
                    raise self._problem(
                        "Y301",
                        f"this line is indented more than the line above it ({i + 1}), so it would "
                        "continue that value; a `field: value` line here must line up with the fields above",
                        j,
                        col,
                        hint=_INDENT_HINT,
                    )
                text = line[col : stop.start()].rstrip(" ")
                comment = True
            parts.append(" " if blanks == 0 else "\n" * blanks)
            parts.append(text)
            blanks = 0
            last = j
            j += 1
            if comment:
                break
        return "".join(parts), last

    def _after(self, j: int, end: int, keyable: bool, *, quoted: bool, start: int = -1, closer: str = "]") -> None:
        """What may follow a quoted scalar (opened at ``start`` on line j, if
        it is one line) or a flow collection (closed by ``closer``) on its line."""
        line = self.lines[j]
        if _AFTER_VALUE.match(line, end):
            return
        rest = line[end:].lstrip(" ")
        at = len(line) - len(rest)
        if rest[0] == "\t":
            raise self._tab(j, at)
        if rest[0] == ":" and quoted and keyable:
            raise self._problem(
                "Y301", "field names are written without quotes", j, start if start >= 0 else at, hint=_FIELD_NAME
            )
        what = "the closing quote" if quoted else f"the closing {closer}"
        raise self._problem(
            "Y301",
            f"only a comment may follow {what} on this line",
            j,
            at,
            hint="put the whole value in quotes, or start a comment with ' #'",
        )

    def _next_line(self, j: int, parent: int, opened: _Pos, what: str) -> tuple[int, int, int]:
        """The next non-blank line inside a multi-line quoted scalar: its index,
        the offset of its first non-white character and the blank lines skipped."""
        lines = self.lines
        n = self.n
        blanks = 0
        j += 1
        while j < n:
            line = lines[j]
            content = line.lstrip(" \t")
            if content:
                col = len(line) - len(line.lstrip(" "))
                if col <= parent or (col == 0 and _is_marker(content)):
                    break
                return j, len(line) - len(content), blanks
            blanks += 1
            j += 1
        raise self._problem(
            "Y301",
            f"the {what} opened here is never closed",
            opened[0],
            opened[1],
            hint=f"close it with {what} at the end of the value; a value in quotes that goes on over several "
            "lines must have them indented",
        )

    def _quoted(self, i: int, off: int, parent: int) -> tuple[str, int, int]:
        """A single- or double-quoted scalar from ``off``: its text, the line it
        ends on and the offset after its closing quote."""
        lines = self.lines
        line = lines[i]
        quote = line[off]
        double = quote == '"'
        # The run of ordinary characters up to the next quote or backslash.
        run = _DQ_RUN if double else _SQ_RUN
        parts: list[str] = []
        j = i
        pos = off + 1
        while True:
            found = run.search(line, pos)
            end = len(line) if found is None else found.start()
            if end < len(line):
                c = line[end]
                parts.append(line[pos:end])
                if c == quote:
                    if not double and line.startswith("''", end):
                        parts.append("'")
                        pos = end + 2
                        continue
                    return "".join(parts), j, end + 1
                # A backslash in double quotes.
                if end + 1 == len(line):  # an escaped line break: no space
                    j, pos, blanks = self._next_line(j, parent, (i, off), quote)
                    line = lines[j]
                    parts.append("\n" * blanks)
                    continue
                pos = self._escape(j, line, end, parts)
                continue
            parts.append(line[pos:].rstrip(" \t"))
            j, pos, blanks = self._next_line(j, parent, (i, off), quote)
            line = lines[j]
            parts.append(" " if blanks == 0 else "\n" * blanks)

    def _escape(self, j: int, line: str, at: int, parts: list[str]) -> int:
        """Append the character the escape at ``at`` writes; return the offset after it."""
        c = line[at + 1]
        char = _ESCAPES.get(c)
        end = at + 2
        if char is None:
            digits = _ESCAPE_DIGITS.get(c)
            if digits is None:
                raise self._problem(
                    "Y301",
                    f"\\{c} is not an escape YAML knows",
                    j,
                    at,
                    hint="write \\\\ for a backslash, or put the value in single quotes",
                )
            hex_digits = line[end : end + digits]
            if _HEX.fullmatch(hex_digits) is None:
                hex_digits = ""
            if len(hex_digits) != digits:
                raise self._problem(
                    "Y301",
                    f"\\{c} needs {digits} hexadecimal digits",
                    j,
                    at,
                    hint="write \\\\ for a backslash, or put the value in single quotes",
                )
            code = int(hex_digits, 16)
            if code > 0x10FFFF:
                raise self._problem("Y301", f"\\{c}{hex_digits} is not a character", j, at)
            char = chr(code)
            end += digits
        if _BAD_CHARACTER.match(char) is not None:
            raise _character_problem(char, j + 1, at + 1, escaped=True)
        parts.append(char)
        return end

    def _block(self, i: int, line: str, off: int, parent: int) -> tuple[str, int]:
        """A literal (|) or folded (>) block scalar whose header is at ``off``."""
        simple = _SIMPLE_HEADERS.get(line[off:])
        header = _BLOCK_HEADER.match(line, off) if simple is None else None
        if simple is None and header is None:
            raise self._problem(
                "Y301",
                f"after {line[off]} only a chomping indicator (- or +), an indentation digit and a comment may follow",
                i,
                off,
                hint=f"start the text on the next line, indented: `{line[: off + 1].strip()}`",
            )
        if parent < 0:
            # Never a record, and where ruamel.yaml has quirks of its own (it
            # reads unindented lines as the text, fails on some comments).
            raise self._problem(
                "Y301",
                "a block of text (| or >) cannot be the whole document",
                i,
                off,
                hint="a record is a list of `field: value` lines",
            )
        if simple is not None:
            digit, chomp = None, simple
        else:
            assert header is not None
            digit = header.group(1) or header.group(4)
            chomp = header.group(2) or header.group(3)
        folded = line[off] == ">"
        lines = self.lines
        n = self.n
        if digit is None and i + 1 < n:
            # The commonest block (a narrative of a line or three): lines of
            # text at one indentation, each starting with a character that is
            # not white, then a line less indented or the end of the file.
            # Anything else (blank lines, deeper lines, tabs) the loop below reads.
            current = lines[i + 1]
            body = current.lstrip(" ")
            indent = len(current) - len(body)
            if indent > parent and body and body[0] != "\t":
                texts = [body]
                j = i + 2
                while j < n:
                    current = lines[j]
                    body = current.lstrip(" ")
                    if len(current) - len(body) != indent or not body or body[0] == "\t":
                        break
                    texts.append(body)
                    j += 1
                if j == n or (body and len(current) - len(body) < indent):
                    text = (" " if folded else "\n").join(texts)
                    if chomp != "-" and (j < n or self.final_newline):
                        text += "\n"  # clip and keep alike: no blank lines follow
                    return text, j - 1
        min_indent = parent + 1
        indent = parent + int(digit) if digit is not None else -1
        if indent < 0:
            # The first line of text sets the indentation; blank lines before
            # it may not hold more spaces than it (YAML makes that an error).
            j = i + 1
            widest = 0
            while j < n and not lines[j].strip(" "):
                widest = max(widest, len(lines[j]))
                j += 1
            indent = min_indent
            first = len(lines[j]) - len(lines[j].lstrip(" ")) if j < n else 0
            if j < n and first >= min_indent:
                indent = first
            # ruamel.yaml also refuses a first blank line with some spaces
            # followed by a line with more (even one that ends the block).
            if j > i + 1 and (widest > indent or 0 < len(lines[i + 1]) < max(widest, first)):
                raise self._problem(
                    "Y301",
                    "a blank line at the start of this text block holds spaces",
                    i + 1,
                    0,
                    hint="remove the spaces from the blank lines at the start of the text",
                )
        pad = " " * indent
        chunks: list[str] = []
        j = i + 1
        text_lines = 0
        breaks = 0  # empty lines since the last line of text
        previous_plain = False  # the last line of text starts with a non-white character
        last_text = i  # index of the last line of text
        while j < n:
            current = lines[j]
            if current.startswith(pad) and len(current) > indent:
                body = current[indent:]
                plain = body[0] not in " \t"
                if not text_lines:
                    chunks.append("\n" * breaks)  # the blank lines before the text
                elif folded and previous_plain and plain:
                    chunks.append(" " if breaks == 0 else "\n" * breaks)
                else:
                    chunks.append("\n" * (breaks + 1))
                chunks.append(body)
                text_lines += 1
                breaks = 0
                previous_plain = plain
                last_text = j
            elif not current.strip(" "):
                breaks += 1
            else:
                break
            j += 1
        # The lines the scalar took: up to the last line of text, or the last
        # blank line (blank lines are harmless to read again).
        last = j - 1
        if text_lines == 0:
            # Only blank lines: keep (+) keeps their line breaks.
            breaks_kept = sum(1 for k in range(i + 1, j) if k < n - 1 or self.final_newline)
            return ("\n" * breaks_kept if chomp == "+" else ""), last
        has_break = last_text < n - 1 or self.final_newline
        if chomp == "-":
            pass
        elif chomp == "+":
            trailing = sum(1 for k in range(last_text + 1, j) if k < n - 1 or self.final_newline)
            chunks.append("\n" * ((1 if has_break else 0) + trailing))
        elif has_break:
            chunks.append("\n")
        return "".join(chunks), last

    def _flow(self, i: int, off: int, parent: int, *, nested: bool = False) -> tuple[list[Any], int, int]:
        """A flow sequence from the ``[`` at ``off``: its items, the line it
        ends on and the offset after its ``]``. ``nested``: it is a value
        inside a flow mapping, one level deeper than the block it stands in."""
        if len(self.stack) + nested > MAX_DEPTH:
            raise self._problem(
                "Y312",
                f"the values here are nested more than {MAX_DEPTH} levels deep",
                i,
                off,
                hint="records nest a few levels at most; check the indentation and the brackets",
            )
        lines = self.lines
        line = lines[i]
        if not self.track:
            fast = _FLOW_FAST.match(line, off)
            if fast is not None:
                items = _flow_items(fast.group(1), i, off)
                if items is not None:
                    return items, i, fast.end(1) + 1
        items = []
        entries: list[_Pos] = []
        j = i
        pos = off + 1
        expect_item = True  # after [ or ,
        while True:
            j, line, pos = self._flow_gap(j, line, pos, parent, i, off, "]")
            c = line[pos]
            if c == "]":
                if self.track:
                    self.positions[id(items)] = ((i + 1, off + 1), entries)
                return items, j, pos + 1
            if c == ",":
                if expect_item:
                    raise self._problem(
                        "Y301",
                        "an item is missing before this comma",
                        j,
                        pos,
                        hint="remove the extra comma, or write the missing item",
                    )
                expect_item = True
                pos += 1
                continue
            if not expect_item:
                raise self._problem(
                    "Y301",
                    "items of a [ ] list are separated by commas",
                    j,
                    pos,
                    hint="add a comma, or put an item that holds spaces and punctuation in quotes",
                )
            start = (j, pos)
            if c == '"' or c == "'":
                value, j, pos = self._quoted(j, pos, parent)
                line = lines[j]
                if _SPACES_COLON.match(line, pos):  # not line[pos:]: quadratic in a long line of items
                    raise self._problem(
                        "Y310",
                        "a mapping (key: value) inside a [ ] list is not allowed",
                        j,
                        pos,
                        hint="write the list as one `- key: value` entry per line",
                    )
            elif c == "[" or c == "{":
                raise self._problem(
                    "Y310",
                    f"a {'list' if c == '[' else 'mapping'} inside a [ ] list is not allowed in a record",
                    j,
                    pos,
                    hint="write the outer list as one `- ` item per line",
                )
            elif c == "?" or (c in "-:" and (pos + 1 == len(line) or line[pos + 1] in " ,[]{}\t")):
                if c == "-":
                    raise self._problem(
                        "Y301",
                        "a '- ' item cannot stand inside a [ ] list",
                        j,
                        pos,
                        hint="separate the items with commas, or put the text in quotes",
                    )
                raise self._problem(
                    "Y310",
                    "a mapping (key: value) inside a [ ] list is not allowed",
                    j,
                    pos,
                    hint="write the list as one `- key: value` entry per line",
                )
            else:
                self._flow_scalar_start(j, line, pos, "an item of a [ ] list", "]")
                value, j, pos = self._flow_plain(j, pos, parent, "]")
                line = lines[j]
            items.append(value)
            if self.track:
                entries.append((start[0] + 1, start[1] + 1))
            expect_item = False

    def _flow_gap(
        self, j: int, line: str, pos: int, parent: int, i: int, off: int, closer: str
    ) -> tuple[int, str, int]:
        """Skip white space, comments and line ends inside the flow collection
        opened at line i, offset off: the line, its text and the offset of the
        next character that is not one of them."""
        lines = self.lines
        n = self.n
        while True:
            while pos < len(line) and line[pos] == " ":
                pos += 1
            if pos < len(line) and not (line[pos] == "#" and (pos == 0 or line[pos - 1] in " \t")):
                return j, line, pos
            j += 1
            col = 0
            while j < n:
                line = lines[j]
                content = line.lstrip(" ")
                col = len(line) - len(content)
                if not content or content[0] == "#":
                    j += 1
                    continue
                if col > parent or (col == parent and content[0] == closer):
                    if col == 0 and _is_marker(content):
                        j = n
                    break
                j = n
            if j >= n:
                if closer == "]":
                    raise self._problem(
                        "Y301",
                        "the [ list opened here is never closed",
                        i,
                        off,
                        hint="close it with ] after its last item; a list that goes on over "
                        "several lines must have them indented",
                    )
                raise self._problem(
                    "Y301",
                    "the { mapping opened here is never closed",
                    i,
                    off,
                    hint="close it with } after its last field; a mapping that goes on over "
                    "several lines must have them indented",
                )
            pos = col

    def _flow_scalar_start(self, j: int, line: str, pos: int, what: str, closer: str) -> None:
        """Refuse what cannot start a scalar inside a flow collection (after the
        quotes, brackets and indicators the caller has handled)."""
        c = line[pos]
        if c == "&" or c == "*":
            raise self._anchor(j, pos)
        if c == "!":
            raise self._tag(j, line, pos)
        if c == "\t":
            raise self._tab(j, pos)
        if c in _CURLY_OPEN:
            raise self._curly(j, line, pos)
        if c in "#|>%@`]}" and c != closer:
            raise self._problem(
                "Y301", f"{what} cannot start with {c!r} unless it is in quotes", j, pos, hint="put it in quotes"
            )

    def _flow_map(self, i: int, off: int, parent: int) -> tuple[dict[str, Any], int, int]:
        """A flow mapping of scalars and flow sequences of scalars from the
        ``{`` at ``off``: its fields, the line it ends on and the offset after
        its ``}``."""
        if len(self.stack) > MAX_DEPTH:
            raise self._problem(
                "Y312",
                f"the values here are nested more than {MAX_DEPTH} levels deep",
                i,
                off,
                hint="records nest a few levels at most; check the indentation and the brackets",
            )
        lines = self.lines
        line = lines[i]
        values: dict[str, Any] = {}
        # Kept even when positions are not: a duplicate key names the line of the first.
        entries: dict[str, tuple[_Pos, _Pos]] = {}
        j = i
        pos = off + 1
        expect_field = True  # after { or ,
        while True:
            j, line, pos = self._flow_gap(j, line, pos, parent, i, off, "}")
            c = line[pos]
            if c == "}":
                if self.track:
                    self.positions[id(values)] = ((i + 1, off + 1), entries)
                return values, j, pos + 1
            if c == ",":
                if expect_field:
                    raise self._problem(
                        "Y301",
                        "a field is missing before this comma",
                        j,
                        pos,
                        hint="remove the extra comma, or write the missing field",
                    )
                expect_field = True
                pos += 1
                continue
            if not expect_field:
                raise self._problem(
                    "Y301",
                    "the fields of a { } mapping are separated by commas",
                    j,
                    pos,
                    hint="add a comma, or put a value that holds spaces and punctuation in quotes",
                )
            key_at = (j + 1, pos + 1)
            found = _FLOW_KEY.match(line, pos)
            if found is None or found.group(1) in _WORDS:
                raise self._bad_flow_key(j, line, pos)
            key = found.group(1)
            if len(key) > _MAX_KEY:
                raise self._long_key(j, pos)
            if key in values:
                raise self._problem(
                    "Y303",
                    f"the key {key!r} appears twice in this mapping (first on line {entries[key][0][0]})",
                    j,
                    pos,
                    hint="keep one of the two",
                )
            j, line, pos = self._flow_gap(j, line, found.end(), parent, i, off, "}")
            value_at = (j + 1, pos + 1)
            c = line[pos]
            value: Any
            if c == "," or c == "}":
                raise self._problem(
                    "Y301",
                    f"the field {key!r} has no value",
                    j,
                    pos,
                    hint="write a value after the colon (null if it has none), or leave the field out",
                )
            if c == '"' or c == "'":
                value, j, pos = self._quoted(j, pos, parent)
                line = lines[j]
            elif c == "[":
                value, j, pos = self._flow(j, pos, parent, nested=True)
                line = lines[j]
            elif c == "{":
                raise self._problem(
                    "Y310",
                    "a mapping inside a { } mapping is not allowed in a record",
                    j,
                    pos,
                    hint="write the outer mapping as `field: value` lines, one per line",
                )
            elif c == "?" or (c in ":-" and (pos + 1 == len(line) or line[pos + 1] in " ,[]{}\t")):
                # "?x" too: ruamel.yaml takes a ? there for a complex key.
                raise self._problem(
                    "Y301",
                    f"a value in a {{ }} mapping cannot start with {c!r} unless it is in quotes",
                    j,
                    pos,
                    hint="put the value in quotes",
                )
            else:
                self._flow_scalar_start(j, line, pos, "a value in a { } mapping", "}")
                value, j, pos = self._flow_plain(j, pos, parent, "}")
                line = lines[j]
            values[key] = value
            entries[key] = (key_at, value_at)
            expect_field = False

    def _bad_flow_key(self, j: int, line: str, pos: int) -> YamlProblem:
        """What is wrong with what stands where a field name belongs in a { } mapping."""
        c = line[pos]
        if c == "?" or c == "[" or c == "{":
            what = "complex keys ('? ')" if c == "?" else "a list or a mapping as a field name"
            return self._problem(
                "Y310",
                f"{what} are not allowed in a record" if c == "?" else f"{what} is not allowed in a record",
                j,
                pos,
                hint=_FIELD_NAME,
            )
        if c == "<" and line.startswith("<<", pos):
            return self._problem(
                "Y307", "merge keys (<<) are not allowed in a record", j, pos, hint="write the fields out in full"
            )
        if c in "\"'":
            return self._problem("Y301", "field names are written without quotes", j, pos, hint=_FIELD_NAME)
        if c == "&" or c == "*":
            return self._anchor(j, pos)
        if c == "!":
            return self._tag(j, line, pos)
        if c == "\t":
            return self._tab(j, pos)
        word = _FLOW_WORD.match(line, pos)
        name = word.group() if word else ""
        after = line[pos + len(name) : pos + len(name) + 2]
        if name and name in _WORDS:
            return self._problem(
                "Y301",
                f"{name!r} cannot be a field name: YAML reads it as {'null' if _WORDS[name] is None else 'a boolean'}",
                j,
                pos,
                hint=_FIELD_NAME,
            )
        if name and after[:1] == ":":
            if after[1:] == "\t":
                return self._tab(j, pos + len(name) + 1)
            return self._problem(
                "Y301",
                f"the colon after {name!r} must be followed by a space",
                j,
                pos + len(name),
                hint=f"write {name}: value",
            )
        if name and after[:1] in ("", ",", "}", " ") and ": " not in line[pos:]:
            return self._problem(
                "Y301",
                f"the field {name!r} in a {{ }} mapping has no colon and value",
                j,
                pos,
                hint=f"write {name}: value",
            )
        return self._problem(
            "Y301", "a field in a { } mapping is a field name, a colon, a space and a value", j, pos, hint=_FIELD_NAME
        )

    def _flow_plain(self, i: int, off: int, parent: int, closer: str) -> tuple[Any, int, int]:
        """A plain scalar inside a flow sequence (``closer`` "]") or mapping
        ("}"), maybe over several lines: its value, the line it ends on and
        the offset where it ends."""
        lines = self.lines
        line = lines[i]
        parts: list[str] = []
        j = i
        pos = off
        in_list = closer == "]"
        while True:
            stop = _FLOW_PLAIN_STOP.search(line, pos)
            end = len(line) if stop is None else stop.start()
            if stop is not None:
                found = stop.group()
                if found == "\t":
                    raise self._tab(j, end)
                if found == ":":
                    if in_list:
                        raise self._problem(
                            "Y310",
                            "a mapping (key: value) inside a [ ] list is not allowed",
                            j,
                            end,
                            hint="write the list as one `- key: value` entry per line, or put the item in quotes",
                        )
                    name = line[pos:end]
                    if j > i and _FLOW_WORD.fullmatch(name):
                        raise self._problem(
                            "Y301",
                            f"a comma is missing before the field {name!r}",
                            j,
                            pos,
                            hint="end the line above with a comma",
                        )
                    raise self._problem(
                        "Y301",
                        "this value holds a ':' that YAML reads as the start of another field",
                        j,
                        end,
                        hint="put the value in quotes, e.g. "
                        + _double_quoted(_flow_text(lines[i], off))
                        + ", or put a comma before the next field",
                    )
                if found in "[{":
                    if in_list:
                        raise self._problem(
                            "Y310",
                            "a collection inside a [ ] list is not allowed in a record",
                            j,
                            end,
                            hint="put the item in quotes if the bracket is text",
                        )
                    raise self._problem(
                        "Y301",
                        f"a value in a {{ }} mapping cannot hold {found!r} unless it is in quotes",
                        j,
                        end,
                        hint="put the value in quotes",
                    )
                if found != closer and found in "]}":
                    raise self._problem(
                        "Y301",
                        f"{'an item of a [ ] list' if in_list else 'a value in a { } mapping'}"
                        f" cannot hold {found!r} unless it is in quotes",
                        j,
                        end,
                        hint=f"put the {'item' if in_list else 'value'} in quotes",
                    )
            parts.append(line[pos:end].strip(" "))
            if stop is not None:
                if len(parts) == 1:
                    return _resolve(parts[0], i + 1, off + 1), j, end
                return _fold(parts), j, end
            # The line ends inside the item: it may go on on the next line.
            k = j + 1
            blanks = 0
            while k < self.n:
                content = lines[k].lstrip(" ")
                if content:
                    break
                blanks += 1
                k += 1
            if k >= self.n:
                return (_resolve(parts[0], i + 1, off + 1) if len(parts) == 1 else _fold(parts)), j, len(line)
            nxt = lines[k]
            col = len(nxt) - len(content)
            if col <= parent or content[0] in ",#" or content[0] == closer or (col == 0 and _is_marker(content)):
                # The item ends with its line; the caller reads on.
                return (_resolve(parts[0], i + 1, off + 1) if len(parts) == 1 else _fold(parts)), j, len(line)
            if content[0] == "?" or (content[0] in "-:" and (len(content) == 1 or content[1] in " ,[]{}\t")):
                raise self._problem(
                    "Y310" if content[0] != "-" and in_list else "Y301",
                    f"this line cannot continue the {'[ ] list item' if in_list else '{ } value'} above it",
                    k,
                    col,
                    hint=f"put the {'item' if in_list else 'value'} in quotes",
                )
            parts.append("\n" * blanks if blanks else "")
            j = k
            line = nxt
            pos = col


def _flow_items(inner: str, i: int, off: int) -> list[Any] | None:
    """The items of a one-line flow sequence of plain words (``inner`` is the
    text between its brackets, the [ is at line i, offset off), or None when
    they are not that simple (an empty item, one starting with - or .)."""
    items: list[Any] = []
    raws = inner.split(",")
    last = len(raws) - 1
    column = off + 1  # the offset of the item's text: after "[" or ","
    for index, raw in enumerate(raws):
        text = raw.strip(" ")
        if not text:
            if index == last and (index > 0 or not raws[0]):
                break  # "[]", "[ ]" or a trailing comma
            return None
        first = text[0]
        if first in _TYPED_START and (first in _NUMBER_START or text in _TYPED):
            if first == "-" or first == ".":
                return None
            items.append(_resolve(text, i + 1, column + len(raw) - len(raw.lstrip(" ")) + 1))
        else:
            items.append(text)
        column += len(raw) + 1
    return items


def _double_quoted(text: str) -> str:
    """``text`` in double quotes, as a hint shows it mended."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow_text(line: str, off: int) -> str:
    """The text of a value in a flow collection from ``off`` to the next , [ ] { } (for a hint)."""
    end = _FLOW_INDICATOR.search(line, off)
    return line[off : len(line) if end is None else end.start()].strip(" ")


def _fold(parts: list[str]) -> str:
    """Lines of a multi-line plain scalar in a flow sequence: parts alternate
    text and the line breaks between (an empty string for none)."""
    out = [parts[0]]
    for k in range(1, len(parts) - 1, 2):
        out.append(parts[k] or " ")
        out.append(parts[k + 1])
    return "".join(out)


# ---------------------------------------------------------------------------
# The API


def _prepare(text: str) -> str:
    """Text as the parser reads it: no BOM, LF line breaks, no refused characters."""
    if text is _checked:
        return text
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_characters(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text


def parse(text: str) -> Any:
    """The single document in ``text`` as dict/list/str/int/float/bool/None.

    Refuses whatever lies outside the subset with a :class:`YamlProblem`. An
    empty document (nothing but comments) is None. Positions are not kept; ask
    :func:`locate` for them when something must be reported.
    """
    text = _prepare(text)
    try:
        try:
            value = _Parser(text, track=False).run()
        except _Retrack:
            value = _Parser(text, track=True).run()
    except YamlProblem as problem:
        if problem.code == "Y313":
            raise _naming_the_field(problem, text) from None
        raise
    _count_values(value, len(text))
    return value


_KEY_BEFORE_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*$")


def _naming_the_field(problem: YamlProblem, text: str) -> YamlProblem:
    """A date that does not exist, said with its field's name, as the schema's
    checks say it of a quoted date ("actual_end: there is no 2026-02-30...")."""
    row = text.split("\n", problem.line)[problem.line - 1][: problem.column - 1]
    key = _KEY_BEFORE_VALUE.search(row)
    if key is None:
        return problem
    return YamlProblem(problem.code, f"{key.group(1)}: {problem.message}", problem.line, problem.column, problem.hint)


def _count_values(value: Any, length: int) -> None:
    """Refuse a document of more than MAX_VALUES values (Y314). Every value takes
    at least two characters ("a," in a flow list, "-" and a line break in a
    block one), so a text no longer than MAX_VALUES is not walked: a usual
    record costs nothing, a large one a walk that stops at the limit."""
    if length <= MAX_VALUES:
        return
    count = 0
    pending = [value]
    while pending:
        item = pending.pop()
        count += 1
        if count > MAX_VALUES:
            raise YamlProblem("Y314", f"the file holds more than {MAX_VALUES:,} values; a record holds a few hundred",
                              hint="a record describes one activity: keep long lists and data elsewhere, "
                              "and link to them")
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


@dataclass(frozen=True, slots=True)
class _Tracked:
    value: Any
    root: _Pos | None
    positions: dict[int, tuple[_Pos, Any]]


@lru_cache(maxsize=8)
def _parse_tracked(text: str) -> _Tracked | None:
    try:
        parser = _Parser(_prepare(text), track=True)
        value = parser.run()
    except YamlProblem:
        return None
    return _Tracked(value, parser.root_position, parser.positions)


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> Position | None:
    """Where the value at ``path`` (mapping keys and sequence indices) starts.

    A scalar's first character (its opening quote, or the | or > of a block
    scalar), a flow sequence's [, a block mapping's first key, a block
    sequence's first -. With ``key=True``, the position of the last key on the
    path (when the path ends with an index, the item's position). An empty
    value (``title:``) is at its key. When the path leads to something absent,
    the position of the deepest part that exists (for a missing top-level field,
    the top mapping's first key). None only when the text does not parse.
    """
    tracked = _parse_tracked(text)
    if tracked is None:
        return None
    node = tracked.value
    at = tracked.root or (1, 1)
    key_at: _Pos | None = None
    for part in path:
        table = tracked.positions.get(id(node)) if isinstance(node, dict | list) else None
        if table is None:
            break
        entries = table[1]
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            key_at, at = entries[part]
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(node):
            key_at = None
            at = entries[part]
            node = node[part]
        else:
            break
    if key and key_at is not None:
        return Position(*key_at)
    return Position(*at)
