"""JSON Schemas for editors and other tools, generated from the pydantic models (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS
from .models import Record


def schema_text(kind: str) -> str:
    info = KINDS[kind]
    schema = info.model.model_json_schema(by_alias=True)
    # The kind's own fields first, the bookkeeping every record shares last: the order editors show.
    common = set(Record.model_fields)
    props = schema["properties"]
    schema["properties"] = {
        **{k: v for k, v in props.items() if k not in common},
        **{k: v for k, v in props.items() if k in common},
    }
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"{info.label}（content/{info.folder}/*.yml）",
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def expected_files() -> dict[str, str]:
    return {f"{kind}.schema.json": schema_text(kind) for kind in KINDS}


def write(schema_dir: Path) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_files().items():
        path = schema_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def drift(schema_dir: Path) -> list[str]:
    """Schema files that differ from what the models generate."""
    return [
        name
        for name, text in expected_files().items()
        if not (schema_dir / name).is_file()
        or (schema_dir / name).read_text(encoding="utf-8") != text
    ]
