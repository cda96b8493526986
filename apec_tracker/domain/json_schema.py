"""The JSON Schema of a record: the Pydantic model's shape, with the codes of the
reference data as enums so editors can offer them."""

from __future__ import annotations

import json
from typing import Any

from apec_tracker.domain.codes import CODE_FIELDS
from apec_tracker.domain.framework import CodeList, Framework
from apec_tracker.domain.record import Activity

SCHEMA_ID = "https://apec-tracker.invalid/schema/activity.schema.json"

def record_schema(framework: Framework) -> dict[str, Any]:
    schema = Activity.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "APEC AI Initiative activity record"
    for path, kind in CODE_FIELDS:
        target = _at(schema, schema, path)
        # An optional field (host_economy, an indicator's id) is text or null: the text takes the codes.
        text = next((branch for branch in target.get("anyOf", ()) if branch.get("type") == "string"), target)
        text.pop("minLength", None)
        text.update({"type": "string", "enum": list(framework.codes(kind))})
        if kind is CodeList.ACTION:
            target["description"] = "; ".join(a.label for a in framework.actions.values())
        if kind is CodeList.INDICATOR:
            target["description"] = "; ".join(f"{i.id}: {i.label}" for i in framework.indicators.values())
    # The model asks an indicator for an id or a name (a validator JSON Schema
    # cannot see); said here, editors flag an indicator with neither.
    _resolved(schema, _at(schema, schema, ("progress", "*", "indicators", "*")))["anyOf"] = [
        {"required": ["id"]}, {"required": ["name"]}]
    return schema


def _at(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The schema of the value at ``path`` ("*" for a list's items), following $refs."""
    for part in path:
        node = _resolved(schema, node)
        node = node["items"] if part == "*" else node["properties"][part]
    return node


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def schema_text(framework: Framework) -> str:
    """The schema as the file schema/activity.schema.json holds it, byte for byte."""
    return json.dumps(record_schema(framework), indent=2, ensure_ascii=False) + "\n"
