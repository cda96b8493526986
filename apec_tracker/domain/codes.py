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

# Where codes stand in a record: a field, every item of a list field ("*"), or
# one key of every item of a list field (the only shapes a record has).
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
)
assert all(len(path) == 1 or path[1] == "*" for path, _ in CODE_FIELDS), "unknown_codes walks only these shapes"


@dataclass(frozen=True, slots=True)
class UnknownCode:
    loc: tuple[str | int, ...]
    value: str
    kind: str  # "an economy code", "an action of goal B"
    hint: str


def unknown_codes(data: Any, framework: Framework) -> Iterator[UnknownCode]:
    """Every code in a record's data (parsed YAML, whatever its shape) that the
    reference data does not know. Values that are not text are the model's to
    refuse, and are passed over here."""
    if not isinstance(data, dict):
        return
    known = framework.known_codes
    for path, kind in CODE_FIELDS:
        value = data.get(path[0])
        if value is None:
            continue
        codes = known[kind]
        if len(path) == 1:
            found: list[tuple[tuple[str | int, ...], Any]] = [((path[0],), value)]
        elif not isinstance(value, list):
            continue  # not a list: the model says so
        elif len(path) == 2:
            found = [((path[0], index), item) for index, item in enumerate(value)]
        else:
            key = path[2]
            found = [((path[0], index, key), item[key]) for index, item in enumerate(value)
                     if isinstance(item, dict) and key in item]
        for loc, code in found:
            if isinstance(code, str) and code not in codes:
                yield UnknownCode(loc, code, framework.describe(kind, code), framework.hint(kind, code))
