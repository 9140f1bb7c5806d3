"""JSON Schemas of the topics: one per topic union and one per event model.

* `contracts/schemas/<topic>.json`: JSON Schema of the topic's discriminated union;
* `contracts/schemas/<topic>/<EventType>.v<schema_version>.json`: one per event model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from pydantic.json_schema import JsonSchemaMode

from contracts.generate.channels import validate_tables
from contracts.generate.events import event_models, event_type_of, schema_version_of
from contracts.registry import TOPIC_EVENTS

SCHEMAS_DIR: Final = Path("contracts/schemas")

# Validation mode: the schema states what consumers accept (`registry.parse` validates
# JSON against these very models) and keeps every constraint; it is also the mode
# FastStream uses for asyncapi.json, so the two artefacts agree. See contracts/README.md.
JSON_SCHEMA_MODE: Final[JsonSchemaMode] = "validation"
JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def dump_json(document: Any) -> str:
    """Stable text: two-space indent, sorted keys, UTF-8 kept as is, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_schemas() -> dict[Path, str]:
    """One JSON Schema per topic union and one per event model, as repo-relative path -> text."""
    validate_tables()
    files: dict[Path, str] = {}
    for topic, adapter in sorted(TOPIC_EVENTS.items()):
        union_schema = adapter.json_schema(mode=JSON_SCHEMA_MODE)
        union_schema = {"$schema": JSON_SCHEMA_DIALECT, "title": topic, **union_schema}
        files[SCHEMAS_DIR / f"{topic}.json"] = dump_json(union_schema)
        for model in event_models(adapter):
            name = f"{event_type_of(model)}.v{schema_version_of(model)}.json"
            schema = model.model_json_schema(mode=JSON_SCHEMA_MODE)
            files[SCHEMAS_DIR / topic / name] = dump_json(
                {"$schema": JSON_SCHEMA_DIALECT, **schema}
            )
    return files
