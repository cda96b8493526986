"""The JSON Schema of a record: the Pydantic model's shape, with the codes of the
reference data as enums so editors can offer them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Activity

SCHEMA_ID = "https://apec-tracker.invalid/schema/activity.schema.json"

_CODE_LISTS: dict[str, Callable[[Framework], list[str]]] = {
    "reporter": lambda f: [*f.economies, *f.fora],
    "lead_economies": lambda f: list(f.economies),
    "co_sponsors": lambda f: list(f.economies),
    "partner_fora": lambda f: list(f.fora),
    "partners": lambda f: list(f.partners),
    "activity_type": lambda f: list(f.activity_types),
    "target_groups": lambda f: list(f.target_groups),
    "aider_focus_areas": lambda f: list(f.aider_focus_areas),
}


def record_schema(framework: Framework) -> dict[str, Any]:
    schema = Activity.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "APEC AI Initiative activity record"
    properties = schema["properties"]
    for name, codes in _CODE_LISTS.items():
        target = properties[name]
        if target.get("type") == "array":
            target["items"] = {"type": "string", "enum": codes(framework)}
        else:
            target.update({"type": "string", "enum": codes(framework)})
    action_code = schema["$defs"]["ActionLink"]["properties"]["code"]
    action_code["enum"] = list(framework.actions)
    action_code["description"] = "; ".join(a.label for a in framework.actions.values())
    return schema


def schema_text(framework: Framework) -> str:
    """The schema as the file schema/activity.schema.json holds it, byte for byte."""
    return json.dumps(record_schema(framework), indent=2, ensure_ascii=False) + "\n"
