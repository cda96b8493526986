"""Records as YAML documents: a new record laid out the way tracker writes
them, and changes to an existing one that touch only the lines they must.

Works on ruamel.yaml round-trip documents (see roundtrip.py); knows the record's
field order but nothing of validation, files or the command line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from apec_tracker.domain.record import FIELD_ORDER

SCHEMA_COMMENT = "yaml-language-server: $schema={}"

# Lists of codes read best on one line (`co_sponsors: [ROK, VN]`); addresses
# and structured items one per line.
_FLOW_LISTS = frozenset({
    "lead_economies", "co_sponsors", "partner_fora", "partners", "target_groups", "aider_focus_areas",
    "shares_project_with",
})
_FOLDED_TEXT = frozenset({"summary", "narrative", "highlight", "note"})
_FOLD_WIDTH = 76
PROGRESS_ORDER = ("year", "status", "narrative", "highlight", "indicators")
INDICATOR_ORDER = ("id", "name", "unit", "baseline", "target", "value")
_FOLDABLE = re.compile(r"^\S+(?: \S+)*$")


def plain(value: Any) -> Any:
    """Values as YAML should show them: enums as their text, whole amounts
    without a trailing .0."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def new_document(record: Mapping[str, Any], schema_path: str) -> CommentedMap:
    """A fresh record document: fields in FIELD_ORDER, a header pointing editors
    at the JSON Schema, code lists on one line, long text folded."""
    document = CommentedMap()
    for key in FIELD_ORDER:
        if key in record:
            document[key] = _styled(key, plain(record[key]))
    document.yaml_set_start_comment(SCHEMA_COMMENT.format(schema_path))
    return document


def new_small_document(values: Mapping[str, Any], order: Sequence[str], comment: str) -> CommentedMap:
    """A fresh document of another kind than an activity (a nil return): its
    fields in ``order``, a comment above them, long text folded as in a record."""
    document = CommentedMap()
    for key in order:
        if key in values:
            document[key] = _styled(key, plain(values[key]))
    document.yaml_set_start_comment(comment)
    return document


def _styled(key: str, value: Any) -> Any:
    if isinstance(value, list):
        items = CommentedSeq(_styled(key if key != "progress" else "", item) for item in value)
        if key in _FLOW_LISTS:
            items.fa.set_flow_style()
        return items
    if isinstance(value, dict):
        return CommentedMap((name, _styled(name, item)) for name, item in value.items())
    if key in _FOLDED_TEXT and isinstance(value, str):
        return folded(value)
    return value


def folded(text: str) -> str:
    """Long one-line text as a folded block (``>-``) wrapped at word breaks;
    anything folding could change (several spaces, line breaks) stays as it is."""
    if len(text) <= _FOLD_WIDTH or not _FOLDABLE.match(text) or not text.isprintable():
        return text
    scalar: str = FoldedScalarString(text)
    # Break at the last space that keeps each line within the width.
    breaks: list[int] = []
    line_start = 0
    spaces = [m.start() for m in re.finditer(" ", text)]
    for index, space in enumerate(spaces):
        following = spaces[index + 1] if index + 1 < len(spaces) else len(text)
        if following - line_start > _FOLD_WIDTH:
            breaks.append(space)
            line_start = space + 1
    scalar.fold_pos = breaks  # type: ignore[attr-defined]
    return scalar


def generated_document(data: Mapping[str, Any], header: str) -> CommentedMap:
    """A document the tool writes whole from data (the issue forms): keys in the
    order given, text of several lines as a literal block (``|``), and
    ``header`` as comment lines at the top."""
    document = _generated(data)
    assert isinstance(document, CommentedMap)
    document.yaml_set_start_comment(header)
    return document


def _generated(value: Any) -> Any:
    if isinstance(value, Mapping):
        return CommentedMap((key, _generated(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return CommentedSeq(_generated(item) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


# -- changing an existing document ---------------------------------------------


def set_value(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``key``, keeping the place, quoting and comments of a value that is
    there, or inserting a new key where ``order`` puts it."""
    if key in mapping:
        old = mapping[key]
        if old == value and type(old) is type(value):
            return
        if isinstance(old, ScalarString) and isinstance(value, str) and not isinstance(value, ScalarString):
            value = type(old)(value)
        mapping[key] = value
        return
    position = order.index(key)
    before = [index for index, existing in enumerate(mapping) if existing in order[:position]]
    at = before[-1] + 1 if before else 0
    if at == 0 or at >= len(mapping):
        mapping.insert(at, key, value)
        return
    previous = list(mapping)[at - 1]
    mapping.insert(at, key, value)
    _move_leading_comment(mapping, previous, key)


def _move_leading_comment(mapping: CommentedMap, previous: str, key: str) -> None:
    """ruamel.yaml attaches the comment lines above a key to the value before it.
    When a key is inserted between the two, those lines stay above the key they
    were written for: they move to the inserted key, past its value."""
    if isinstance(mapping[previous], CommentedMap | CommentedSeq) and not _is_flow(mapping[previous]):
        return  # the comment hangs deeper in the nested value; leave it where it is
    slots = mapping.ca.items.get(previous)
    if not slots or len(slots) < 3 or slots[2] is None:
        return
    token = slots[2]
    end_of_line, newline, above_next = token.value.partition("\n")
    if not above_next:
        return
    token.value = end_of_line + newline
    mapping.ca.items[key] = [None, None, CommentToken("\n" + above_next, CommentMark(0), None), None]


def _keep_closing_comment_last(document: CommentedMap, last: Any) -> None:
    """Comment lines that close the file, after a blank line at the left margin,
    hang on the last value of the file: the last entry's. When an entry is added
    after it, they move to the end of the document, where they were written,
    and the entry's own comment (above the blank line) stays with it."""
    node, token = last, None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):  # down the last values, to the deepest
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        token = next((slot for slot in node.ca.items.get(key) or () if isinstance(slot, CommentToken)), token)
        node = node[key]
    if token is None:
        return
    own, blank, closing = token.value.partition("\n\n")
    if not blank or not closing.startswith("#"):
        return
    token.value = own + "\n"
    document.ca.end = [CommentToken("\n" + closing, CommentMark(0), None), *(document.ca.end or [])]


def _is_flow(value: CommentedMap | CommentedSeq) -> bool:
    return bool(value.fa.flow_style())


def set_progress(
    document: CommentedMap, year: int, fields: Mapping[str, Any], indicators: Sequence[Mapping[str, Any]]
) -> bool:
    """Add or update the progress entry for ``year``; entries stay in year order.

    ``fields`` are the entry's own fields to set (status, narrative, highlight);
    ``indicators`` are set by id (a standard indicator) or else by name: one the
    entry has takes the values given, another is appended. Returns whether the
    entry was new.
    """
    entries = document.get("progress")
    if entries is None:
        entries = CommentedSeq()
        set_value(document, "progress", entries, FIELD_ORDER)
    entry = next((item for item in entries if isinstance(item, CommentedMap) and item.get("year") == year), None)
    created = entry is None
    if entry is None:
        entry = CommentedMap([("year", year)])
        later = [index for index, item in enumerate(entries) if isinstance(item, Mapping)
                 and isinstance(item.get("year"), int) and item["year"] > year]
        if not later and entries and list(document)[-1] == "progress":
            _keep_closing_comment_last(document, entries[-1])
        entries.insert(later[0] if later else len(entries), entry)
    for name in PROGRESS_ORDER[1:4]:
        if name in fields:
            set_value(entry, name, _styled(name, plain(fields[name])), PROGRESS_ORDER)
    for indicator in indicators:
        _set_indicator(entry, indicator)
    return created


def _set_indicator(entry: CommentedMap, indicator: Mapping[str, Any]) -> None:
    listed = entry.get("indicators")
    if listed is None:
        listed = CommentedSeq()
        set_value(entry, "indicators", listed, PROGRESS_ORDER)
    found = next((item for item in listed if isinstance(item, CommentedMap) and _same_indicator(item, indicator)),
                 None)
    if found is None:
        listed.append(CommentedMap((key, plain(indicator[key])) for key in INDICATOR_ORDER
                                   if indicator.get(key) is not None))
        return
    for key in INDICATOR_ORDER[2:]:
        if indicator.get(key) is not None:
            set_value(found, key, plain(indicator[key]), INDICATOR_ORDER)


def _same_indicator(item: Mapping[str, Any], indicator: Mapping[str, Any]) -> bool:
    """A standard indicator is known by its id; one of the activity's own by its name."""
    if indicator.get("id") is not None:
        return bool(item.get("id") == indicator["id"])
    return item.get("id") is None and item.get("name") == indicator.get("name")


def set_field(document: CommentedMap, key: str, value: Any) -> None:
    """Set a top-level field of a record, in its documented place."""
    if isinstance(value, date | str | int | float | Enum):
        value = plain(value)
    set_value(document, key, value, FIELD_ORDER)
