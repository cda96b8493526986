"""Which fields of a record hold codes of the reference data, and the one check
that a record's codes are ones the reference data knows.

:data:`CODE_FIELDS` is the only place that says so: validation checks records
with it, and the JSON Schema lists each field's codes from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from apec_tracker.domain.framework import CodeList, Framework

# Where codes stand in a record: a path of field names, "*" for every item of
# a list.
CODE_FIELDS: tuple[tuple[tuple[str, ...], CodeList], ...] = (
    (("reporter",), CodeList.REPORTER),
    (("host_economy",), CodeList.ECONOMY),
    (("lead_economies", "*"), CodeList.ECONOMY),
    (("co_sponsors", "*"), CodeList.ECONOMY),
    (("partner_fora", "*"), CodeList.FORUM),
    (("partners", "*"), CodeList.PARTNER),
    (("actions", "*", "code"), CodeList.ACTION),
    (("activity_type",), CodeList.ACTIVITY_TYPE),
    (("target_groups", "*"), CodeList.TARGET_GROUP),
    (("aider_focus_areas", "*"), CodeList.AIDER_AREA),
    (("progress", "*", "indicators", "*", "id"), CodeList.INDICATOR),
)

# The diagnostic an unknown code is reported as: S404, but for a standard
# indicator's id, I801 (the indicators' checks have codes of their own).
DIAGNOSTIC_CODES: dict[CodeList, str] = {CodeList.INDICATOR: "I801"}


@dataclass(frozen=True, slots=True)
class UnknownCode:
    loc: tuple[str | int, ...]
    value: str
    kind: str  # "an economy code", "an action of goal B"
    hint: str
    code: str = "S404"  # the diagnostic's code


def unknown_codes(data: Any, framework: Framework) -> Iterator[UnknownCode]:
    """Every code in a record's data (parsed YAML, whatever its shape) that the
    reference data does not know. Values that are not text, and lists or
    mappings that are not where the path expects them, are the model's to
    refuse, and are passed over here."""
    if not isinstance(data, dict):
        return
    known = framework.known_codes
    for path, kind in CODE_FIELDS:
        codes = known[kind]
        for loc, code in _values_at(data, path):
            if isinstance(code, str) and code not in codes:
                yield UnknownCode(loc, code, framework.describe(kind, code), framework.hint(kind, code),
                                  DIAGNOSTIC_CODES.get(kind, "S404"))


def _values_at(data: dict[str, Any], path: tuple[str, ...]) -> list[tuple[tuple[str | int, ...], Any]]:
    """The values at ``path`` in ``data``, each with where it stands. Every
    record is walked so, on every run: a loop over the path's parts, not a
    recursion per value."""
    found: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    for part in path:
        if part == "*":
            found = [((*loc, index), item) for loc, node in found if isinstance(node, list)
                     for index, item in enumerate(node)]
        else:
            found = [((*loc, part), node[part]) for loc, node in found
                     if isinstance(node, dict) and node.get(part) is not None]
        if not found:
            break
    return found
