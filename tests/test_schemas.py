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
