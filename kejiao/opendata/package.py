"""The Frictionless data package written with every build: CSV tables, full JSON per kind, and
`datapackage.json` (Data Package v2) describing them with types, keys and vocabularies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ..catalogue import Catalogue
from ..kinds import KINDS, all_tables
from ..kinds.parts import Column, Table
from ..settings import Licence

DATA_DIR = "data"
# Fields that exist for the catalogue's own bookkeeping and are never published as data.
PRIVATE_FIELDS = {"consent"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v).replace(";", "；") for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv(table: Table, rows: list[dict[str, Any]]) -> str:
    from ..cells import neutralise  # no cell can become a formula (issue 17.3)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([neutralise(_cell(row.get(c.name))) for c in table.columns])
    return out.getvalue()


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.type == "list":
        field.update(delimiter=";", itemType="string")
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum is not None and column.type != "list":
        constraints["enum"] = [member.value for member in column.enum]
    if column.enum is not None and column.type == "list":
        # Table Schema has no per-item enum: describe the vocabulary instead.
        field["description"] += "；取值：" + "、".join(m.value for m in column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _json_records(catalogue: Catalogue, kind: str, site_url: str) -> str:
    """All records of `kind` as one JSON list (indent 1). Each record is dumped on its own and the
    texts joined as json.dumps would indent the whole list (a JSON text has no raw line break
    inside a string), so only one record's values are held at a time, not the whole kind's."""
    items = []
    for entry in sorted(catalogue.records[kind].values(), key=lambda e: e.id):
        data = entry.model.model_dump(mode="json", by_alias=True, exclude_none=True)
        for name in PRIVATE_FIELDS:
            data.pop(name, None)
        record = {"id": entry.id, "url": site_url + entry.kind.record_url(entry.id), **data}
        items.append(" " + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n "))
    return ("[\n" + ",\n".join(items) + "\n]\n") if items else "[]\n"


def table_counts(catalogue: Catalogue, site_url: str) -> dict[str, int]:
    """Each table's number of rows, as `data_files` counts them."""
    return {table.name: sum(1 for _ in table.rows(catalogue, site_url)) for table in all_tables()}


def data_files(
    catalogue: Catalogue, *, title: str, licence: Licence, site_url: str, created: dt.date
) -> tuple[dict[str, str], dict[str, int]]:
    """Every file of the package (relative path under the site → text), and each table's number
    of rows, counted from the rows (a CSV cell may span several lines)."""
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    resources: list[dict[str, Any]] = []
    for table in all_tables():
        rows = list(table.rows(catalogue, site_url))
        counts[table.name] = len(rows)
        files[f"{DATA_DIR}/{table.name}.csv"] = _csv(table, rows)
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in table.columns],
            "primaryKey": table.primary_key,
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fields, "reference": {"resource": resource, "fields": target}}
                for fields, resource, target in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "schema": schema,
            }
        )
    for name, kind in KINDS.items():
        path = f"{kind.folder}.json"
        files[f"{DATA_DIR}/{path}"] = _json_records(catalogue, name, site_url)
        resources.append(
            {
                "name": f"{kind.folder.replace('-', '_')}_full",
                "type": "json",
                "path": path,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "title": f"{kind.label}（完整 JSON）",
                "description": f"全部{kind.label}记录，字段与 schemas/{name}.schema.json 一致",
            }
        )
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "kejiao-catalogue",
        "title": title,
        "description": "面向中小学的科学教育资源目录：课程、科普教育基地、专家、科学报告主题清单和竞赛。",
        "created": f"{created.isoformat()}T00:00:00Z",
        "licenses": [{"name": licence.name, "path": licence.path, "title": licence.title}],
        "resources": resources,
    }
    files[f"{DATA_DIR}/datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return files, counts
