"""The field reference page of the maintainers' guide, generated from the same JSON Schemas the
editors use, so the guide can never disagree with the validator."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..kinds import KINDS
from ..schemas import schema_text

_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true/false",
    "array": "列表",
    "object": "子字段",
}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return schema["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    refs = [o for o in node.get("allOf", []) if "$ref" in o and "NoPersonalData" not in o["$ref"]]
    if len(refs) == 1:  # draft-07 keeps a reference's description beside it in allOf
        rest = {k: v for k, v in node.items() if k != "allOf"}
        return {**_resolve(schema, refs[0]), **rest}
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return {**_resolve(schema, options[0]), **{k: v for k, v in node.items() if k != "anyOf"}}
    return node


def _kind_of(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "enum" in node and len(node["enum"]) > 50:  # the region codes: thousands of them
        return "现行的 6 位行政区划代码（GB/T 2260），加引号"
    if "enum" in node:
        return "取值：" + "、".join(map(str, node["enum"]))
    if node.get("type") == "array":
        item = _resolve(schema, node.get("items", {}))
        if "enum" in item and len(item["enum"]) > 50:
            return "列表，每项为现行的 6 位行政区划代码（GB/T 2260），加引号"
        if "enum" in item:
            return "列表，每项取值：" + "、".join(map(str, item["enum"]))
        return f"列表（每项为{_TYPES.get(item.get('type', 'object'), '子字段')}）"
    if node.get("format") == "date":
        return "日期 YYYY-MM-DD"
    types = node.get("type", "object")
    if isinstance(types, list):  # ["integer", "null"]: an optional field
        types = next(t for t in types if t != "null")
    kind = _TYPES.get(types, "")
    if "maxLength" in node:
        kind += f"，最多 {node['maxLength']} 字"
    if "minimum" in node and "maximum" in node:
        kind += f"，{node['minimum']}–{node['maximum']}"
    elif "minimum" in node:
        kind += f"，不小于 {node['minimum']}"
    return kind


def _rows(schema: dict[str, Any], node: dict[str, Any], prefix: str, depth: int) -> list[Markup]:
    node = _resolve(schema, node)
    required = set(node.get("required", []))
    rows = []
    for name, prop in node.get("properties", {}).items():
        target = _resolve(schema, prop)
        description = prop.get("description") or target.get("description") or ""
        rows.append(
            Markup("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                prefix + name,
                "必填" if name in required else "可选",
                _kind_of(schema, prop),
                description,
            )
        )
        child = (
            target if target.get("type") != "array" else _resolve(schema, target.get("items", {}))
        )
        if depth < 2 and child.get("properties"):
            marker = "[]." if target.get("type") == "array" else "."
            rows.extend(_rows(schema, child, f"{prefix}{name}{marker}", depth + 1))
    return rows


def field_reference() -> str:
    import json

    parts = [
        "---\ntitle: 字段参考\ndescription: 五种记录的全部字段，由数据模型自动生成\n---\n",
        '<article class="kj-fieldref">',
        "<h1>字段参考</h1>",
        "<p>本页由数据模型自动生成，与校验规则一致。“[].”表示列表中每一项的子字段。</p>",
    ]
    for name, kind in KINDS.items():
        schema = json.loads(schema_text(name))
        parts.append(
            Markup('<h2 id="{}">{}（content/{}/）</h2>').format(name, kind.label, kind.folder)
        )
        parts.append('<div class="kj-table-wrap"><table class="kj-table">')
        parts.append(
            "<thead><tr><th>字段</th><th>必填</th><th>类型与取值</th><th>说明</th></tr></thead><tbody>"
        )
        parts.extend(str(r) for r in _rows(schema, schema, "", 0))
        parts.append("</tbody></table></div>")
    parts.append("</article>")
    return "\n".join(str(escape(p)) if not isinstance(p, str) else p for p in parts) + "\n"
