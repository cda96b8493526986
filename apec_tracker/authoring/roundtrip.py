"""Round-trip YAML: a record as an editable document that keeps its comments,
key order, quoting and blank lines, and the text it dumps back to.

reading/record_yaml.py reads records for validation; this module is for the few
commands that change a record, where keeping the user's layout matters more
than speed. Both speak YAML 1.2.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from apec_tracker.reading.record_yaml import YamlProblem

# Long enough that no title or narrative is ever re-wrapped on the way out.
_NEVER_WRAP = 4096


@dataclass(frozen=True)
class Layout:
    """How a file indents: mapping keys, sequence items, and the dash within them."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


# The layout tracker writes (``actions:\n  - code: B.iii``), then the other
# common ones, tried in turn on a file someone wrote by hand.
WRITTEN = Layout()
_CANDIDATES = (WRITTEN, Layout(2, 2, 0), Layout(4, 4, 2), Layout(4, 4, 0), Layout(4, 6, 4), Layout(2, 4, 0))


def _yaml(layout: Layout) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = _NEVER_WRAP
    yaml.allow_unicode = True
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def load_document(text: str) -> CommentedMap:
    """The record in ``text`` as an editable mapping."""
    try:
        document = _yaml(WRITTEN).load(text)
    except YAMLError as error:
        raise YamlProblem("Y301", f"the file cannot be read as YAML: {error}") from None
    if not isinstance(document, CommentedMap):
        raise YamlProblem("Y306", "the file does not hold a mapping of fields")
    return document


def dump_document(document: Any, layout: Layout = WRITTEN) -> str:
    stream = io.StringIO()
    _yaml(layout).dump(document, stream)
    return stream.getvalue()


def detect_layout(text: str) -> Layout | None:
    """The layout under which ``text`` dumps back to itself byte for byte, or
    None when no layout does (then an edit would also touch other lines)."""
    for layout in _CANDIDATES:
        try:
            if dump_document(_yaml(layout).load(text), layout) == text:
                return layout
        except YAMLError:
            return None
    return None
