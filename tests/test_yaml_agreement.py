"""One meaning for a record file: whatever apec_tracker.reading.record_yaml
accepts, ruamel.yaml (which the tool uses to edit records) reads to the same
data.

The subset parser may refuse more than ruamel.yaml does; it may never accept a
file and read it differently. Checked on the repository's records and test
cases, on mutated copies of the records, and on documents of the subset that
Hypothesis writes in every style the subset allows.
"""

from __future__ import annotations

import datetime
import io
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from apec_tracker.reading.record_yaml import YamlProblem, _parse_tracked, decode, parse
from apec_tracker.reading.reference import REFERENCE_FILES

ROOT = Path(__file__).resolve().parent.parent
VALID = sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))
INVALID = sorted((ROOT / "tests" / "cases" / "invalid").glob("*.yaml"))
DATA = sorted((ROOT / "data").rglob("*.yaml"))
RECORDS = [path for path in DATA if "reference" not in path.parts]
REFERENCE = [path for path in DATA if "reference" in path.parts]


def _ruamel() -> YAML:
    # As apec_tracker/roundtrip.py configures it: the round-trip loader, pure
    # Python, quotes preserved; YAML 1.2 is ruamel.yaml's default.
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


def plain_data(value: Any) -> Any:
    """ruamel.yaml's round-trip types as the plain ones parse() returns."""
    if isinstance(value, dict):
        return {plain_data(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_data(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.datetime):
        # The subset keeps dates and times as the text they were written as;
        # the documents here write them only as ISO 8601 with a T.
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise AssertionError(f"ruamel.yaml read a {type(value).__name__}: {value!r}")


def ruamel_reads(text: str) -> Any:
    return plain_data(_ruamel().load(io.StringIO(text)))


def assert_same_meaning(text: str, *, must_parse: bool = False) -> Any:
    """If parse() accepts ``text``, ruamel.yaml reads it to the same data."""
    try:
        ours = parse(text)
    except YamlProblem as problem:
        if must_parse:
            raise AssertionError(
                f"refused: {problem.code}@{problem.line}:{problem.column} {problem.message}\n{text}"
            ) from None
        return None
    try:
        theirs = ruamel_reads(text)
    except YAMLError as error:
        raise AssertionError(f"accepted by parse() as {ours!r}, refused by ruamel.yaml: {error}\n{text}") from None
    assert ours == theirs, f"parse() and ruamel.yaml disagree on:\n{text}"
    # parse() takes a fast path for common lines; locate() reads every line
    # the general way. Both must read the same data.
    tracked = _parse_tracked(text)
    assert tracked is not None and tracked.value == ours, f"the fast and the general path disagree on:\n{text}"
    return ours


# ---------------------------------------------------------------------------
# The repository's files


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", VALID + INVALID + DATA, ids=_name)
def test_every_accepted_file_of_the_repository_means_the_same_to_ruamel(path: Path) -> None:
    try:
        text = decode(path.read_bytes()).text
    except YamlProblem:
        return
    assert_same_meaning(text)


@pytest.mark.parametrize("path", RECORDS + REFERENCE, ids=_name)
def test_every_record_and_reference_file_of_the_repository_is_in_the_subset(path: Path) -> None:
    assert isinstance(assert_same_meaning(decode(path.read_bytes()).text, must_parse=True), dict)


def test_the_reference_data_is_checked() -> None:
    assert {path.name for path in REFERENCE} == set(REFERENCE_FILES)


@pytest.mark.parametrize("path", VALID, ids=_name)
def test_every_valid_case_is_in_the_subset(path: Path) -> None:
    assert isinstance(assert_same_meaning(decode(path.read_bytes()).text, must_parse=True), dict)


# ---------------------------------------------------------------------------
# Mutated records: small edits of real records, each either refused or read
# as ruamel.yaml reads it.


def _reindent(text: str, factor: int) -> str:
    return "\n".join(
        " " * (factor * (len(line) - len(line.lstrip(" ")))) + line.lstrip(" ") for line in text.split("\n")
    )


_PLAIN_VALUE = re.compile(r"^( *(?:- )?[A-Za-z_][A-Za-z0-9_]*: )([A-Za-z][^#'\"\n]*?)$", re.MULTILINE)


@st.composite
def mutated_records(draw: st.DrawFn) -> str:
    text = decode(draw(st.sampled_from(RECORDS)).read_bytes()).text
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["comment", "blank", "indent", "spaces", "quote", "block", "trail", "delete", "dash", "tab", "crlf"]
            )
        )
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[at]
        if kind == "comment":
            lines.insert(at, " " * draw(st.integers(0, 6)) + "# " + draw(st.text(string.printable[:62], max_size=8)))
        elif kind == "blank":
            lines.insert(at, " " * draw(st.integers(0, 6)))
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(0, 3)) + line
        elif kind == "spaces":
            lines[at] = line.replace(": ", ":" + " " * draw(st.integers(0, 3)), 1)
        elif kind == "quote":
            match = _PLAIN_VALUE.match(line)
            if match:
                value = match.group(2).rstrip()
                quoted = draw(st.sampled_from([f"'{value}'", f'"{value}"', f"'{value}' # c", f'"{value}  "']))
                lines[at] = match.group(1) + quoted
        elif kind == "block":
            match = _PLAIN_VALUE.match(line)
            if match:
                head = match.group(1)
                depth = len(head) - len(head.lstrip(" -")) + 2
                indicator = draw(st.sampled_from(["|", ">", "|-", ">-", "|+", ">+"]))
                words = match.group(2).split(" ")
                cut = draw(st.integers(0, len(words)))
                body = [" " * depth + " ".join(words[:cut]), " " * depth + " ".join(words[cut:])]
                lines[at : at + 1] = [head + indicator, *[b for b in body if b.strip()]]
        elif kind == "trail":
            lines[at] = line + draw(st.sampled_from([" # note", "  ", " #", "#x", " : x"]))
        elif kind == "delete":
            del lines[at]
        elif kind == "dash":
            lines[at] = line.replace("- ", "-  ", 1)
        elif kind == "tab":
            lines[at] = line.replace(" ", "\t", 1)
        elif kind == "crlf":
            lines[at] = line + "\r"
    mutated = "\n".join(lines)
    if draw(st.booleans()):
        mutated = _reindent(mutated, 2)
    return mutated


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_mutated_records_are_refused_or_read_as_ruamel_reads_them(text: str) -> None:
    assert_same_meaning(text)


# ---------------------------------------------------------------------------
# Documents of the subset, in every style it allows


_NUMBER_LIKE = re.compile(r"[-+]?(?:[0-9_.:]+(?:[eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]*|\.[a-zA-Z]+)")
_STRICT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_SPECIAL = {"=", "<<", "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE"}

_LETTERS = string.ascii_letters + "éüßøñçÅ中文ВЖ日本"
_WORD_CHARS = _LETTERS + string.digits + "._-/()%!?@&*,'\"=<>+~[]{}|`^$"


def _plain_ok(text: str) -> bool:
    """A one-line text that the subset reads as plain text as it is (not a number)."""
    if not text or text != text.strip(" ") or text[0] not in _LETTERS + string.digits + "(/.=~$^":
        return False
    if ": " in text or " #" in text or text.endswith(":") or text in _SPECIAL:
        return False
    return not (_NUMBER_LIKE.fullmatch(text) and not _STRICT.fullmatch(text))


words = st.text(_WORD_CHARS, min_size=1, max_size=8)
plain_texts = st.lists(words, min_size=1, max_size=4).map(" ".join).filter(_plain_ok)
numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32)
    .map(lambda f: repr(float(f)))
    .filter(lambda s: _STRICT.fullmatch(s) is not None),
    st.sampled_from(["0", "-0", "1e3", "1E+3", "2.5e-3", "0.0", "-0.5", "2026", "150000.50"]),
)
specials = st.sampled_from(
    [
        "null",
        "Null",
        "NULL",
        "~",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "NO",
        "yes",
        "on",
        "off",
        "y",
        "n",
        "2026-03-01",
        "2026-03-01T10:20:30",
        "B.i",
        "_2026",
        "1.2.3",
        "12:60",
        "a-",
        "e1",
        "inf",
        "nan",
        ".",
        "-a",
        "?a",
        ":a",
    ]
)
unicode_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"), blacklist_characters="\ufffe\uffff"), max_size=12
)


def _flow_plain_ok(text: str) -> bool:
    """A plain text that stands as it is inside [ ] or { }."""
    return not set(text) & set(",[]{}") and text[0] != "?" and not (text[0] in "-:" and len(text) == 1)


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped + '"'


flow_scalars = st.one_of(
    plain_texts.filter(_flow_plain_ok),
    numbers,
    specials.filter(lambda t: t[0] != "?"),
    unicode_text.map(single_quoted),
    unicode_text.map(double_quoted),
)


@st.composite
def flow_sequences(draw: st.DrawFn) -> str:
    """A flow sequence of scalars on one line."""
    items = draw(st.lists(flow_scalars, max_size=4))
    comma: bool = draw(st.booleans())
    trailing = "," if items and comma else ""
    return "[" + ", ".join(items) + trailing + "]"


@st.composite
def flow_mappings(draw: st.DrawFn, indent: int, pad: str) -> list[str]:
    """A flow mapping of scalars and flow sequences, as the lines it takes:
    the first goes after "key: " or "- ", the others are indented by ``pad``
    (deeper than ``indent``), the closing } maybe on a line of its own."""
    fields = draw(
        st.lists(
            st.tuples(keys, st.one_of(flow_scalars, flow_scalars, flow_sequences())),
            max_size=4,
            unique_by=lambda field: field[0],
        )
    )
    lines = ["{"]
    for index, (key, value) in enumerate(fields):
        text = f"{key}: {value}"
        words = value.split(" ")
        if len(words) > 1 and value[0] not in "'\"[" and words[1][0] not in "-?:" and draw(st.integers(0, 3)) == 0:
            # A plain value over two lines.
            text = f"{key}: {words[0]}\n{pad}" + " ".join(words[1:])
        if index > 0:
            lines[-1] += ","
        if index > 0 and draw(st.booleans()):
            if draw(st.integers(0, 3)) == 0:
                lines.append(pad + "# a comment")
            lines.append(pad + text)
        else:
            lines[-1] += ("" if index == 0 else " ") + text
    if fields and draw(st.booleans()):
        lines[-1] += ","  # a trailing comma
    if draw(st.integers(0, 3)) == 0:
        lines.append(draw(st.sampled_from([pad, " " * (indent + 1)])) + "}")
    else:
        lines[-1] += "}"
    return "\n".join(lines).split("\n")


@st.composite
def scalars(draw: st.DrawFn, indent: int) -> list[str]:
    """A scalar as the lines it takes: the first goes after "key: " or "- ",
    the others are whole lines, indented deeper than ``indent``."""
    pad = " " * (indent + draw(st.integers(1, 3)))
    style = draw(
        st.sampled_from(
            [
                "plain",
                "plain",
                "number",
                "special",
                "plain-lines",
                "single",
                "double",
                "double-escapes",
                "quoted-lines",
                "block",
                "flow",
                "flow-lines",
                "empty",
                "flow-mapping",
                "flow-mapping",
            ]
        )
    )
    if style == "plain":
        return [draw(plain_texts)]
    if style == "number":
        return [draw(numbers)]
    if style == "special":
        return [draw(specials)]
    if style == "empty":
        return [draw(st.sampled_from(["", "[]", "[ ]", "''", '""', "{}", "{ }"]))]
    if style == "plain-lines":
        parts = draw(st.lists(plain_texts.filter(lambda t: t[0] not in "-?:"), min_size=2, max_size=4))
        lines = [parts[0]]
        for part in parts[1:]:
            lines.extend([""] * draw(st.integers(0, 2)))
            lines.append(pad + part)
        return lines
    if style == "single":
        return [single_quoted(draw(unicode_text))]
    if style == "double":
        return [double_quoted(draw(unicode_text))]
    if style == "double-escapes":
        pieces = draw(
            st.lists(
                st.sampled_from(
                    ["a", " ", "\\n", "\\t", '\\"', "\\\\", "\\u00e9", "\\x41", "\\U0001F600", "\\/", "\\_", "\\ ", "é"]
                ),
                max_size=6,
            )
        )
        return ['"' + "".join(pieces) + '"']
    if style == "quoted-lines":
        quote = draw(st.sampled_from(["'", '"']))
        parts = draw(st.lists(st.text(string.ascii_letters + " é", min_size=1, max_size=6), min_size=2, max_size=4))
        lines = [quote + parts[0]]
        for part in parts[1:]:
            if quote == '"' and draw(st.booleans()):
                lines[-1] += "\\"  # an escaped line break: no space
            lines.extend([" " * draw(st.integers(0, 3))] * draw(st.integers(0, 2)))
            lines.append(pad + part)
        lines[-1] += quote
        return lines
    if style == "flow":
        return [draw(flow_sequences())]
    if style == "flow-mapping":
        return draw(flow_mappings(indent, pad))
    if style == "flow-lines":
        items = draw(st.lists(st.text(string.ascii_letters, min_size=1, max_size=5), min_size=1, max_size=4))
        lines = ["["]
        for item in items:
            lines.append(pad + item + ",")
        lines.append(" " * (indent + 1) + "]" if draw(st.booleans()) else pad + "]")
        return lines
    # A block scalar: literal or folded, chomping, maybe an indentation digit.
    indicator = draw(st.sampled_from(["|", ">"])) + draw(st.sampled_from(["", "-", "+"]))
    digit = draw(st.sampled_from([None, 1, 2, 3]))
    if digit is not None and indent >= 0:
        body_indent = indent + digit
        header = indicator[0] + str(digit) + indicator[1:]
    else:
        body_indent = len(pad)
        header = indicator
    extra = st.sampled_from(["", "", "", " ", "  ", "\t"])
    body = draw(
        st.lists(
            st.one_of(
                st.just(""),
                st.tuples(extra, unicode_text.filter(lambda t: t.strip() != "").map(lambda t: t.lstrip(" \t"))).map(
                    "".join
                ),
            ),
            max_size=5,
        )
    )
    lines = [header + draw(st.sampled_from(["", " # note"]))]
    started = False
    for line in body:
        if not line:
            # Blank lines before the text hold no spaces: ruamel.yaml refuses
            # some that do, and so does the subset.
            lines.append(" " * draw(st.integers(0, body_indent)) if started else "")
            continue
        if not started and digit is None:
            line = line.lstrip(" \t")  # the first line of text sets the indentation
        started = True
        lines.append(" " * body_indent + line)
    lines.extend([""] * draw(st.integers(0, 2)))
    return lines


keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).filter(lambda k: k not in _SPECIAL)
comments = st.sampled_from(["", "", "", "  # note", " #", " # a: b", " # 'x"])


@st.composite
def mappings(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines of a block mapping whose keys are at column ``indent``."""
    pad = " " * indent
    lines: list[str] = []
    for key in draw(st.lists(keys, min_size=1, max_size=4, unique=True)):
        if draw(st.integers(0, 5)) == 0:
            lines.append(pad + "# " + draw(st.sampled_from(["comment", "a: b", "- x"])))
        lines.extend(draw(entry(pad + key + ":", indent, depth, sequence=False)))
    return lines


@st.composite
def sequences(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines of a block sequence whose dashes are at column ``indent``."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines.extend(draw(entry(" " * indent + "-", indent, depth, sequence=True)))
    return lines


@st.composite
def entry(draw: st.DrawFn, head: str, indent: int, depth: int, *, sequence: bool) -> list[str]:
    """``head`` ("key:" or "-") at column ``indent`` and its value."""
    kind = draw(st.sampled_from(["scalar", "scalar", "map", "seq"] if depth > 0 else ["scalar"]))
    if kind == "scalar":
        lines = draw(scalars(indent))
        first = lines[0]
        if first and not first.startswith(("|", ">")) and (len(lines) == 1 or first[0] in "[{\"'"):
            lines[-1] += draw(comments)  # after a value on one line, a closing quote or a ]
        return [head + (" " + lines[0] if lines[0] else ""), *lines[1:]]
    step = draw(st.integers(1, 3))
    if kind == "map":
        if sequence and draw(st.booleans()):
            # A compact mapping: "- key: value", the other keys under the first.
            inner = draw(mappings(indent + 2, depth - 1))
            return [head + " " + inner[0][indent + 2 :], *inner[1:]]
        return [head, *draw(mappings(indent + step, depth - 1))]
    if sequence and draw(st.booleans()):
        inner = draw(sequences(indent + 2, depth - 1))
        return [head + " " + inner[0][indent + 2 :], *inner[1:]]
    if not sequence and draw(st.booleans()):
        return [head, *draw(sequences(indent, depth - 1))]  # an indentless sequence
    return [head, *draw(sequences(indent + step, depth - 1))]


@st.composite
def documents(draw: st.DrawFn) -> str:
    body = draw(st.one_of(mappings(0, 3), sequences(0, 3), mappings(0, 3), sequences(0, 3), flow_mappings(-1, " ")))
    lines = []
    if draw(st.booleans()):
        lines.append("# a comment")
    if draw(st.booleans()):
        lines.append("---")
    lines.extend(body)
    if draw(st.booleans()):
        lines.append("...")
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_documents_of_the_subset_are_read_as_ruamel_reads_them(text: str) -> None:
    assert_same_meaning(text, must_parse=True)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab:-#'\"[]{},|> \n\t?&*!%.01")), max_size=40))
def test_fragments_are_refused_or_read_as_ruamel_reads_them(text: str) -> None:
    assert_same_meaning(text)


# Lines made of the pieces records are made of, put together at random: the
# shapes the fast path of parse() takes and the near misses it must leave to
# the general path.
_PIECES = [
    "a:",
    "b:",
    "key_1:",
    "- ",
    "-",
    " ",
    "  ",
    "   ",
    "[",
    "]",
    ",",
    "x",
    "y z",
    "'q",
    "'",
    '"',
    '"w',
    "\\",
    "\\n",
    "|",
    ">",
    "|-",
    ">+",
    "|2",
    "#c",
    " #",
    ":",
    "? ",
    "{",
    "}",
    "&a",
    "*a",
    "!",
    "%",
    "...",
    "---",
    "\t",
    "1",
    "012",
    "1.5",
    "null",
    "~",
    "é",
    "\u201c",
    "=",
    "<<",
    "12:30",
    "2026-02-30",
    "2026-02-03",
]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join), min_size=1, max_size=6),
    st.sampled_from(["", "\n"]),
)
def test_line_soup_is_refused_or_read_as_ruamel_reads_it(lines: list[str], end: str) -> None:
    assert_same_meaning("\n".join(lines) + end)
