"""The Decap CMS configuration (admin/config.yml), generated from the models: one collection per kind
(content/<folder>/<id>.yml), a widget per field chosen from its schema, the CLI's messages on
patterns, and the backend from the editor settings. Never edited by hand; tests compare it with the
models."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..kinds import KINDS
from ..models.common import ID_PATTERN
from .fields import (
    DATE_PATTERN,
    LONG_TEXT,
    REFERENCES,
    REGION_PATTERN,
    hint,
    label,
    pattern_messages,
    resolve,
    schema,
)
from .settings import EditorSettings

# The field each kind is listed and searched by.
TITLE_FIELDS = {name: kind.model.title_field for name, kind in KINDS.items()}
FORMAT_PREFIX = "kejiao-"  # custom formats registered by admin.js, one per kind


def _reference(folder: str, multiple: bool) -> dict[str, Any]:
    kind = next(k for k in KINDS.values() if k.folder == folder)
    title = TITLE_FIELDS[kind.name]
    return {
        "widget": "relation",
        "collection": folder,
        "value_field": "{{slug}}",
        "search_fields": [title],
        "display_fields": [title],
        "multiple": multiple,
    }


def _is_region_table(node: dict[str, Any]) -> bool:
    """The schemas list every division code (thousands): a cascade, not a select of 3,000."""
    codes = node.get("enum") or []
    return len(codes) > 100 and all(isinstance(c, str) and re.fullmatch(r"\d{6}", c) for c in codes)


def _widget(
    kind: str, path: str, name: str, node: dict[str, Any], doc: dict[str, Any], optional: bool
) -> dict:
    """Widget options for one schema node (already resolved)."""
    patterns = pattern_messages()
    if name in REFERENCES and node.get("type") in ("string", "array"):
        return _reference(REFERENCES[name], node.get("type") == "array")
    if node.get("pattern") == REGION_PATTERN or _is_region_table(node):
        return {"widget": "kj-region", "pattern": [REGION_PATTERN, patterns[REGION_PATTERN]]}
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    kind_of = node.get("type")
    if kind_of == "object":
        return {"widget": "object", "fields": _fields(kind, node, doc, path + ".", optional)}
    if kind_of == "array":
        item, _ = resolve(doc, node.get("items", {}))
        if _is_region_table(item):
            inner = {**_widget(kind, path, "", item, doc, False), "name": "item"}
            return {"widget": "list", "field": {**inner, "label": label(kind, path, node)}}
        if "enum" in item:
            return {"widget": "select", "options": list(item["enum"]), "multiple": True}
        if item.get("type") == "object":
            return {"widget": "list", "fields": _fields(kind, item, doc, path + ".", False)}
        inner = _widget(kind, path, "", item, doc, False)
        inner = {**inner, "name": "item", "label": label(kind, path, node)}
        inner.pop("required", None)
        return {"widget": "list", "field": inner}
    if kind_of == "boolean":
        return {"widget": "boolean", "default": bool(node.get("default", False))}
    if kind_of in ("integer", "number"):
        out: dict[str, Any] = {
            "widget": "number",
            "value_type": "int" if kind_of == "integer" else "float",
        }
        for key, option in (("minimum", "min"), ("maximum", "max")):
            if key in node:
                out[option] = node[key]
        if "default" in node and node["default"] is not None:
            out["default"] = node["default"]
        return out
    if node.get("format") == "date":
        return {
            "widget": "string",
            "pattern": [DATE_PATTERN, patterns[DATE_PATTERN]],
        }
    if node.get("pattern") == REGION_PATTERN:
        return {"widget": "kj-region", "pattern": [REGION_PATTERN, patterns[REGION_PATTERN]]}
    out = {"widget": "text" if node.get("maxLength", 0) >= LONG_TEXT else "string"}
    if node.get("pattern"):
        out["pattern"] = [node["pattern"], patterns.get(node["pattern"], "格式不正确")]
    return out


def _fields(
    kind: str, node: dict[str, Any], doc: dict[str, Any], prefix: str, optional: bool = False
) -> list[dict]:
    """Fields of an object. Inside an optional object (coordinates, grades of a base…) nothing is
    marked required: Decap would otherwise demand lat/lon of coordinates nobody wants to give. The
    whole record is still checked by `validate` and in the pull request."""
    required = set(node.get("required", []))
    out = []
    for name, raw in node.get("properties", {}).items():
        target, nullable = resolve(doc, raw)
        path = prefix + name
        field: dict[str, Any] = {"name": name, "label": label(kind, path, target)}
        needed = name in required and not nullable and not optional
        field.update(_widget(kind, path, name, target, doc, optional or not needed))
        field["required"] = needed
        text = hint(target)
        if text and text != field["label"]:
            field["hint"] = text
        if field["widget"] in ("object", "list"):
            # Optional parts stay folded; a required list opens its first item (Decap adds one).
            field["collapsed"] = not field["required"]
        if field["widget"] == "list" and not field["required"]:
            _drop_defaults(field)  # a default inside would make Decap start the list with an item
        out.append(field)
    return out


def _drop_defaults(field: dict[str, Any]) -> None:
    for child in field.get("fields", []):
        child.pop("default", None)
        _drop_defaults(child)


def collection(kind: str) -> dict[str, Any]:
    info = KINDS[kind]
    doc = schema(kind)
    id_field = {
        "name": "id",
        "label": "编号",
        "widget": "kj-id",
        "required": True,
        "pattern": [ID_PATTERN, pattern_messages()[ID_PATTERN]],
        "hint": "文件名，也是网址的一部分：小写拼音加连字符，例如 zhong-guo-ke-ji-guan；保存后不能修改",
    }
    return {
        "name": info.folder,
        "label": info.label,
        "label_singular": info.label,
        "folder": f"content/{info.folder}",
        "extension": "yml",
        "format": FORMAT_PREFIX + kind,
        "create": True,
        "slug": "{{id}}",
        "identifier_field": TITLE_FIELDS[kind],
        "summary": "{{" + TITLE_FIELDS[kind] + "}}",
        "sortable_fields": [TITLE_FIELDS[kind], "last_verified"],
        "fields": [id_field, *_fields(kind, doc, doc, "")],
    }


def _backend(settings: EditorSettings) -> dict[str, Any]:
    forge = settings.forge_name
    if forge is None or forge == "gitee" or not settings.repo:
        # Only the local proxy can be used (admin.js says so on any other host).
        return {"name": "github", "repo": "unconfigured/unconfigured", "branch": settings.branch}
    out: dict[str, Any] = {"name": forge, "repo": settings.repo, "branch": settings.branch}
    if forge == "github":
        if settings.host and settings.host != "https://github.com":
            out["api_root"] = settings.host + "/api/v3"  # GitHub Enterprise
        if settings.auth_url:
            out["base_url"] = settings.auth_url
    elif forge == "gitlab":
        if settings.host and settings.host != "https://gitlab.com":
            out["api_root"] = settings.host + "/api/v4"
            out["base_url"] = settings.host
            out["auth_endpoint"] = "oauth/authorize"
        if settings.app_id:
            out["auth_type"] = "pkce"
            out["app_id"] = settings.app_id
    else:  # gitea
        out["api_root"] = settings.host + "/api/v1"
        out["base_url"] = settings.auth_url or settings.host
        if settings.app_id:
            out["app_id"] = settings.app_id
    out["commit_messages"] = {
        "create": "新增{{collection}}：{{slug}}",
        "update": "修改{{collection}}：{{slug}}",
        "delete": "删除{{collection}}：{{slug}}",
    }
    return out


def config(settings: EditorSettings) -> dict[str, Any]:
    out: dict[str, Any] = {"backend": _backend(settings)}
    if settings.local_backend:
        out["local_backend"] = {"url": settings.local_backend}
    if settings.editorial_workflow:
        out["publish_mode"] = "editorial_workflow"
    out.update(
        {
            "locale": "zh_Hans",
            "media_folder": "docs/assets/uploads",
            "public_folder": "/assets/uploads",
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [collection(kind) for kind in KINDS],
        }
    )
    return out


def config_yaml(settings: EditorSettings) -> str:
    header = "# 由 kejiao/editor 根据数据模型自动生成，请勿手工修改。\n"
    body = yaml.safe_dump(config(settings), allow_unicode=True, sort_keys=False, width=1000)
    return header + body
