"""schemas/ is generated from the models and must not drift; an independent JSON Schema validator
(jsonschema) accepts the shipped records and refuses broken ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kejiao import schemas
from kejiao.kinds import KINDS

from .conftest import ROOT

SCHEMA_DIR = ROOT / "schemas"


def test_schema_files_match_the_models() -> None:
    assert schemas.drift(SCHEMA_DIR) == [], "运行 python build.py schemas 重新生成"


def test_drift_is_detected(tmp_path: Path) -> None:
    schemas.write(tmp_path)
    assert schemas.drift(tmp_path) == []
    path = tmp_path / "course.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("课程名称", "名称"), encoding="utf-8")
    assert schemas.drift(tmp_path) == ["course.schema.json"]


def _as_json(value: Any) -> Any:
    """What an editor's YAML language server sees: dates are strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


SHIPPED = sorted((ROOT / "content").rglob("*.yml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_records_pass_the_json_schema(path: Path) -> None:
    kind = next(k for k in KINDS.values() if k.folder == path.parent.name)
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = list(_validator(kind.name).iter_errors(data))
    assert errors == []


@pytest.mark.parametrize(
    ("kind", "change", "where"),
    [
        ("course", {"titel": "拼错"}, ""),
        ("course", {"mode": "面授"}, "mode"),
        ("course", {"region": "11010"}, "region"),
        ("course", {"booking": {"url": "javascript:alert(1)"}}, "booking.url"),
        ("base", {"opening_hours": [{"days": ["周二"], "opens": "9:00", "closes": "17:00"}]},
         "opening_hours.0.opens"),
    ],
)  # fmt: skip
def test_json_schema_refuses_broken_records(kind: str, change: dict, where: str) -> None:
    folder = KINDS[kind].folder
    sample = next((ROOT / "content" / folder).glob("shi-li-*.yml"))
    data = {**_as_json(yaml.safe_load(sample.read_text(encoding="utf-8"))), **change}
    errors = list(_validator(kind).iter_errors(data))
    assert errors
    assert where in {".".join(map(str, e.absolute_path)) for e in errors}


def _constraint_kinds(annotation: Any, *, top: bool = False) -> list[list[str]]:
    """The constraint names of each Annotated layer inside a type, through unions and (unless
    `top`, which keeps to the field's own level) the items of lists."""
    import types
    from typing import Annotated, Union, get_args, get_origin

    import annotated_types

    out = []
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        names = []
        for item in metadata:
            if isinstance(item, annotated_types.BaseMetadata):
                names.append(type(item).__name__)
            for meta in getattr(item, "metadata", []):  # a FieldInfo inside Annotated
                names.append(type(meta).__name__)
        out.append(names)
        out.extend(_constraint_kinds(base, top=top))
    elif not top or get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            out.extend(_constraint_kinds(arg, top=top))
    return out


def _models() -> set[type]:
    from pydantic import BaseModel

    seen: set[type] = set()
    todo = [kind.model for kind in KINDS.values()]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and issubclass(item, BaseModel):
                    todo.append(item)
                stack.extend(getattr(item, "__args__", ()))
    return seen


def test_each_limit_is_stated_once() -> None:
    """A limit beside a type that has its own is silently overridden (summary once accepted 2,000
    characters although it said 300): every bound belongs to exactly one place, the type."""
    problems = []
    for model in _models():
        for name, field in model.model_fields.items():
            own = [type(m).__name__ for m in field.metadata]
            for names in [*_constraint_kinds(field.annotation), own]:
                if len(names) != len(set(names)):
                    problems.append(f"{model.__name__}.{name}: {names}")
            layers = _constraint_kinds(field.annotation, top=True)
            if own and any(layers):
                problems.append(f"{model.__name__}.{name}: {own} beside the type's {layers}")
    assert problems == []


@pytest.mark.parametrize(("kind", "limit"), [("course", 300), ("base", 300), ("competition", 300)])
def test_summary_limit_is_the_guides(kind: str, limit: int) -> None:
    model = KINDS[kind].model
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    prop = schema["properties"]["summary"]
    text = next((o for o in prop.get("anyOf", [prop]) if o.get("type") == "string"), prop)
    assert text["maxLength"] == limit
    from typing import Annotated

    from pydantic import TypeAdapter

    field = model.model_fields["summary"]
    annotation = (
        Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    )
    check = TypeAdapter(annotation)
    check.validate_python("字" * limit)
    with pytest.raises(ValueError):
        check.validate_python("字" * (limit + 1))


def _objects(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(o for v in node.values() for o in _objects(v))]
    if isinstance(node, list):
        return [o for v in node for o in _objects(v)]
    return []


@pytest.mark.parametrize("kind", list(KINDS))
def test_schemas_speak_the_draft_the_yaml_extension_documents(kind: str) -> None:
    """Draft-07: `definitions` (not `$defs`), and nothing beside a `$ref` (draft-07 ignores it)."""
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "$defs" not in text
    assert [o for o in _objects(schema) if "$ref" in o and len(o) > 1] == []
    for ref in {o["$ref"] for o in _objects(schema) if "$ref" in o}:
        assert ref.removeprefix("#/definitions/") in schema["definitions"], ref
