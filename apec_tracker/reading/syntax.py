"""The one module that parses YAML: bytes to Python values, and back to positions.

Validation is what reviewers wait for on every pull request, so records are
parsed with yaml-rs (Rust, YAML 1.2, about 0.03 ms a record). It has no node
positions and is lenient in places a record must not be (it drops tags, keeps
``<<`` as a plain key, returns several documents as a list), so:

* the few files that hold a tag, an anchor, a merge key or a document marker
  are first checked by ruamel.yaml's event parser, which refuses what records
  never need and knows exactly where it is;
* positions are recovered only when something must be reported, by composing
  that one file with libyaml through PyYAML (node marks only: no alias
  expansion, no tag construction, so its YAML 1.1 typing never applies).

Everything a file can do wrong ends as a :class:`YamlProblem` with a stable code
and a 1-based line and column; nothing here raises anything else for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml as pyyaml
import yaml_rs
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from yaml import nodes

# libyaml's composer finds a node's position in about 0.13 ms a record, ruamel's
# pure-Python one in 6 ms: the difference between a second and a minute when a
# new rule flags every record of a large repository.
_COMPOSER = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)

# An alias may be replayed at most this many events in all: generous for any
# real record, and a "billion laughs" file stops in milliseconds.
_ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=10_000, max_replay_stack_depth=8)

# Cheap screen for what needs the strict check: tags, anchors, aliases, merge
# keys, directives and document markers. A false alarm only costs a slower parse.
_UNUSUAL = re.compile(r"(?:^|[\s\[{,:-])[!&*]|<<|^(?:---|\.\.\.|%)", re.MULTILINE)
_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
# The regular expressions above try a match at every character, which costs
# more than parsing the file; plain substring tests (a memchr each) rule out
# almost every record first, and the expression only confirms.
_UNUSUAL_HINTS = ("!", "&", "*", "<<", "\n---", "\n...", "\n%")
_CONFLICT_HINTS = ("<<<<<<<", "=======", ">>>>>>>")


def _maybe_unusual(text: str) -> bool:
    if text.startswith(("---", "...", "%")) or any(hint in text for hint in _UNUSUAL_HINTS):
        return _UNUSUAL.search(text) is not None
    return False


def _maybe_conflict(text: str) -> re.Match[str] | None:
    if any(hint in text for hint in _CONFLICT_HINTS):
        return _CONFLICT.search(text)
    return None
_POSITION = re.compile(r"line (\d+), column (\d+)")


@dataclass(frozen=True)
class Position:
    line: int
    column: int


class YamlProblem(Exception):
    """A file that is not a usable YAML document, with where and why."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def decode(data: bytes) -> str:
    """UTF-8 text from a file's bytes, or a YamlProblem saying what the bytes are."""
    if not data.strip():
        raise YamlProblem("E203", "the file is empty", hint="a record needs at least id, title and summary")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("E201", "the file is UTF-16 text", hint="save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem("E202", "the file starts with a byte-order mark", hint="save it as UTF-8 without BOM")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position_of_offset(data, nul)
        raise YamlProblem("E204", "the file holds NUL bytes: it is binary, not text", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_offset(data, error.start)
        raise YamlProblem(
            "E201", f"the file is not UTF-8 text ({error.reason} at byte {error.start})", line, column,
            hint=_encoding_hint(data),
        ) from None
    conflict = _maybe_conflict(text)
    if conflict:
        line, column = _position_of_offset(data, conflict.start())
        raise YamlProblem(
            "E205", "the file holds an unresolved merge conflict", line, column,
            hint="keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> markers",
        )
    return text


def _encoding_hint(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "save it as UTF-8"
    # Bytes that are valid Windows-1252 but not UTF-8: most likely a file saved
    # by an older Windows editor or by Excel's plain "CSV"/"Text" export.
    return ("it looks like Windows-1252 text; save it as UTF-8 "
            "(in Notepad: File > Save as > Encoding: UTF-8)")


def _position_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    # Columns count characters, as in every other diagnostic, not bytes.
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def parse(text: str) -> Any:
    """The single YAML 1.2 document in ``text`` as plain Python values.

    Dates and times stay strings; the record model reads them.
    """
    if _maybe_unusual(text):
        _check_strictly(text)
    try:
        value = yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except yaml_rs.YAMLDecodeError as error:
        raise _explain_failure(text, str(error)) from None
    except (ValueError, OverflowError, RecursionError) as error:
        raise YamlProblem("Y301", f"the file cannot be read as YAML: {error}") from None
    return value


def _yaml() -> YAML:
    return YAML(typ="rt", pure=True)


def _check_strictly(text: str) -> None:
    """Refuse tags, merge keys and extra documents, with their positions."""
    documents = 0
    try:
        for event in _yaml().parse(text):
            kind = type(event).__name__
            mark = event.start_mark
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "Y302", "a second YAML document starts here; a record file holds one",
                        mark.line + 1, mark.column + 1, hint="put each record in a file of its own",
                    )
            version = getattr(event, "version", None) if kind == "DocumentStartEvent" else None
            if version is not None and tuple(version) != (1, 2):
                # Reading a file that asks for YAML 1.1 as 1.2 would silently
                # turn its NO and on into text: say so instead.
                directive = re.search(r"^%YAML\b", text, re.MULTILINE)
                line = text.count("\n", 0, directive.start()) + 1 if directive else mark.line + 1
                raise YamlProblem(
                    "Y308", f"the file declares YAML {'.'.join(map(str, version))}; records are YAML 1.2",
                    line, 1, hint="remove the %YAML line; in YAML 1.2 NO, on and yes are text, not booleans",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and kind in ("ScalarEvent", "SequenceStartEvent", "MappingStartEvent"):
                implicit = getattr(event, "implicit", None)
                explicit = not implicit if isinstance(implicit, bool) else not any(implicit or ())
                if explicit:
                    raise YamlProblem(
                        "Y304", f"the YAML tag {tag} is not allowed in a record",
                        mark.line + 1, mark.column + 1,
                        hint="remove the tag; quote the value if it must stay text, e.g. '012'",
                    )
            if kind == "ScalarEvent" and event.value == "<<" and event.style is None:
                raise YamlProblem(
                    "Y307", "merge keys (<<) are not allowed in a record", mark.line + 1, mark.column + 1,
                    hint="write the fields out in full",
                )
    except MarkedYAMLError as error:
        raise _marked(error) from None
    except YAMLError as error:
        raise YamlProblem("Y301", str(error)) from None


# Parser messages name the grammar, not the fix; these say what an author most
# likely did, in the order the checks are tried.
_SYNTAX_HINTS = (
    ("'\\t'", "YAML does not allow tab characters for indentation: indent with spaces"),
    ("mapping values are not allowed",
     "a value holding ': ' must be in quotes, e.g. title: \"AI skills: a primer\""),
    ("could not find expected ':'", "a field name must be followed by a colon and a space: `field: value`"),
    ("expected <block end>", "check the indentation: items of one list or fields of one entry line up exactly"),
    ("block mapping start", "check the indentation: items of one list or fields of one entry line up exactly"),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("expected ',' or ']'", "a [ list ] opened here is never closed, or an item in it needs quotes"),
    ("expected ',' or '}'", "a { mapping } opened here is never closed, or a value in it needs quotes"),
    ("found undefined alias", "a value starting with * must be in quotes"),
    ("found character '@'", "a value starting with @ or ` must be in quotes"),
    ("found character '`'", "a value starting with @ or ` must be in quotes"),
)


# For these the parser notices the mistake only lines later; where the thing it
# was reading began (the key without a colon, the quote never closed) is where
# the author must look.
_REPORT_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream")


def _marked(error: MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and any(clue in str(error.problem) for clue in _REPORT_AT_CONTEXT):
        mark = error.context_mark
    message = " ".join(part for part in (error.context, error.problem) if part) or "YAML syntax error"
    hint = next((advice for clue, advice in _SYNTAX_HINTS if clue in message), None)
    if mark is None:
        return YamlProblem("Y301", message, hint=hint)
    return YamlProblem("Y301", message, mark.line + 1, mark.column + 1, hint=hint)


def _explain_failure(text: str, message: str) -> YamlProblem:
    if "duplicate mapping key" in message:
        duplicate = _find_duplicate_key(text)
        if duplicate is not None:
            key, position = duplicate
            return YamlProblem(
                "Y303", f"the key {key!r} appears twice in the same mapping", position.line, position.column,
                hint="keep one of the two",
            )
        # Keys written differently but equal as YAML values (1 and 01, true
        # and True): still a duplicate key, though its text gives no position.
        key = message.partition("duplicate mapping key")[2].strip(" :\n")
        return YamlProblem("Y303", f"a key appears twice in the same mapping: {key} (written two ways)",
                           hint="keep one of the two; quote keys to keep them apart as text")
    if "alias" in message and "limit" in message:
        return YamlProblem("Y305", "aliases expand beyond the limit for a record",
                           hint="write the values out instead of repeating aliases")
    # Prefer ruamel.yaml's wording and marks: they name the construct at fault.
    try:
        for _ in _yaml().parse(text):
            pass
    except MarkedYAMLError as error:
        return _marked(error)
    except YAMLError:
        pass
    found = _POSITION.search(message)
    # yaml-rs ends its message with a code snippet and a caret line; keep the words.
    lines = [line for line in message.splitlines() if line.strip() and line.lstrip()[:1] not in "|^0123456789"]
    summary = lines[-1].strip() if lines else message.strip()
    if found:
        return YamlProblem("Y301", summary, int(found.group(1)), int(found.group(2)))
    return YamlProblem("Y301", summary)


@lru_cache(maxsize=16)
def _compose(text: str) -> nodes.Node | None:
    """The file's node tree with marks; aliases are not expanded, tags not
    constructed. Cached: a record with several problems is composed once."""
    try:
        return pyyaml.compose(text, Loader=_COMPOSER)
    except pyyaml.YAMLError:
        return None


def _walk(node: nodes.Node) -> Iterator[nodes.Node]:
    # Iterative, and each node once: composed aliases share nodes, so a
    # recursive walk of an alias-heavy file could be exponential.
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, nodes.MappingNode):
            for key, value in current.value:
                stack.extend((value, key))
        elif isinstance(current, nodes.SequenceNode):
            stack.extend(reversed(current.value))


def _find_duplicate_key(text: str) -> tuple[str, Position] | None:
    root = _compose(text)
    if root is None:
        return None
    for node in _walk(root):
        if isinstance(node, nodes.MappingNode):
            seen: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, nodes.ScalarNode):
                    if key.value in seen:
                        return key.value, _start(key)
                    seen.add(key.value)
    return None


def _start(node: nodes.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> Position | None:
    """Where the value at ``path`` (keys and list indices) stands in ``text``.

    With ``key=True``, the position of the last key on the path instead of its
    value. When the path leads to something absent (a missing field), the
    position of the deepest part that exists: the parent the field belongs in.
    """
    node = _compose(text)
    if node is None:
        return None
    found: nodes.Node = node
    key_node: nodes.Node | None = None
    for part in path:
        if isinstance(node, nodes.MappingNode):
            pair = next(
                ((k, v) for k, v in node.value if isinstance(k, nodes.ScalarNode) and k.value == str(part)), None
            )
            if pair is None:
                break
            key_node, node = pair
            found = node
        elif isinstance(node, nodes.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            key_node = None
            node = found = node.value[part]
        else:
            break
    if key and key_node is not None:
        return _start(key_node)
    # An empty value (``title:``) has the key's line but a column past it;
    # the key's own position reads better.
    if isinstance(found, nodes.ScalarNode) and found.value == "" and key_node is not None:
        return _start(key_node)
    return _start(found)
