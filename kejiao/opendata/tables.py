"""The catalogue as tables: one resource per kind plus tables for list-shaped relations, each column
typed and described, for the Frictionless data package. Persons' contact details are never a column
(expert records have none; only the inviting organisation appears)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .. import regions
from ..vocab import Stage

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date, list
    description: str
    enum: type[StrEnum] | None = None
    required: bool = False


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[Catalogue, str], Iterator[Row]]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)


def grades_row(g: Any) -> Row:
    if g is None:
        return {"grade_from": None, "grade_to": None, "stages": []}
    return {
        "grade_from": g.start,
        "grade_to": g.end,
        "stages": [s.value for s in g.derived_stages()],
    }


def common_row(entry: Entry, site_url: str) -> Row:
    m = entry.model
    return {
        "last_verified": m.last_verified,
        "source_title": m.source.title,
        "source_url": m.source.url,
        "example": m.example,
        "url": site_url + entry.kind.record_url(entry.id),
    }


def region_row(code: str | None) -> Row:
    return {"region_code": code, "region_name": regions.full_name(code) if code else None}


# Rows of child and link tables carry the demo mark too: a row read alone must still say it is a demo.
EXAMPLE = Column("example", "boolean", "是否涉及示例记录（不是真实资源）", required=True)

COMMON = [
    Column("last_verified", "date", "最后核实日期", required=True),
    Column("source_title", "string", "信息来源", required=True),
    Column("source_url", "string", "信息来源网址"),
    Column("example", "boolean", "是否为示例记录（不是真实资源）", required=True),
    Column("url", "string", "本目录中的页面地址", required=True),
]
GRADES = [
    Column("grade_from", "integer", "起始年级（1–12）"),
    Column("grade_to", "integer", "结束年级（1–12）"),
    Column("stages", "list", "学段", Stage),
]
REGION = [
    Column("region_code", "string", "GB/T 2260 行政区划代码"),
    Column("region_name", "string", "行政区划名称"),
]


def entries(catalogue: Catalogue, kind: str) -> list[Entry]:
    return sorted(catalogue.records[kind].values(), key=lambda e: e.id)


def _links(kind: str, attribute: str, target: str, left: str, right: str):
    def rows(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
        for e in entries(catalogue, kind):
            for other in dict.fromkeys(getattr(e.model, attribute)):
                if other in catalogue.records[target]:  # unpublished experts are left out
                    demo = e.model.example or catalogue.records[target][other].model.example
                    yield {left: e.id, right: other, "example": demo}

    return rows


def link_table(
    name: str,
    title: str,
    description: str,
    source: tuple[str, str, str],
    target: tuple[str, str, str, str],
) -> Table:
    """A table for a list-valued reference (one row per pair), with a foreign key on each side."""
    kind, resource, label = source
    attribute, target_kind, target_resource, target_label = target
    left, right = f"{kind}_id", f"{target_kind}_id"
    return Table(
        name, title, description,
        [Column(left, "string", f"{label}编号", required=True), Column(right, "string", f"{target_label}编号", required=True),
         EXAMPLE],
        _links(kind, attribute, target_kind, left, right),
        [left, right],
        [([left], resource, ["id"]), ([right], target_resource, ["id"])],
    )  # fmt: skip


def all_tables() -> list[Table]:
    """Every table of the data package: each kind's, in the kinds' order."""
    from ..kinds import KINDS

    return [table for kind in KINDS.values() for table in kind.tables]
