"""The building blocks the kind modules are described with: list filters (facets), open-data
tables and their columns, and schema.org fragments. Kinds import these; the producers that turn
them into pages and files (render/, opendata/) import them from here, so every import points down."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .. import regions
from ..models.common import GradeRange
from ..urls import relative
from ..vocab import CostType, Domain, Stage

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry


# -- list filters ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    kind: str  # "multi", "region", "grade" or "status"
    values: tuple[tuple[str, str], ...] = ()  # (value, label) in display order
    # Values that depend on the records listed (e.g. the whitelist cycles present).
    dynamic: Callable[[list[Entry]], list[tuple[str, str]]] | None = None
    # A status facet: a row without any date window is 未注明 (kept under every status) rather
    # than a status of its own.
    undated_unknown: bool = False

    def values_for(self, entries: list[Entry]) -> list[tuple[str, str]]:
        return self.dynamic(entries) if self.dynamic else list(self.values)


def enum_facet(key: str, label: str, enum: Any) -> Facet:
    return Facet(key, label, "multi", tuple((m.value, m.value) for m in enum))


STAGE = enum_facet("stage", "学段", Stage)
FIELD = enum_facet("field", "领域", Domain)
GRADE = Facet("grade", "年级", "grade", tuple((str(g), f"{g}年级") for g in range(1, 13)))
REGION = Facet("region", "地区", "region")
COST = enum_facet("cost", "费用", CostType)
COMPETITION_STATUS = Facet(
    "status", "报名状态", "status",
    (("open", "报名中"), ("upcoming", "即将报名"), ("closed", "已截止"), ("unknown", "时间待公布")),
)  # fmt: skip
LIST_STATUS = Facet(
    "status", "有效期", "status", (("open", "有效"), ("upcoming", "未开始"), ("closed", "已过期")),
    undated_unknown=True,
)  # fmt: skip
OPEN_DAY_STATUS = Facet(
    "status",
    "开放日",
    "status",
    (("open", "开放中"), ("upcoming", "即将开放"), ("closed", "已结束")),
)


# A filter value for a record that leaves the field empty, and for one valid everywhere (online).
UNKNOWN = "?"
UNKNOWN_LABEL = "未注明"
ANYWHERE = "*"


def _chain(code: str | None) -> list[str]:
    return [d.code for d in regions.chain(code)] if code else []


def region_chain(codes: list[str]) -> list[str]:
    """Every division code a row is in, from the province down, each once."""
    return list(dict.fromkeys(c for code in codes for c in _chain(code)))


# -- open-data tables ------------------------------------------------------------------------
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

COMMON_COLUMNS = [
    Column("last_verified", "date", "最后核实日期", required=True),
    Column("source_title", "string", "信息来源", required=True),
    Column("source_url", "string", "信息来源网址"),
    Column("example", "boolean", "是否为示例记录（不是真实资源）", required=True),
    Column("url", "string", "本目录中的页面地址", required=True),
]
GRADE_COLUMNS = [
    Column("grade_from", "integer", "起始年级（1–12）"),
    Column("grade_to", "integer", "结束年级（1–12）"),
    Column("stages", "list", "学段", Stage),
]
REGION_COLUMNS = [
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


# -- schema.org --------------------------------------------------------------------------------
def level(grades: GradeRange | None) -> str | None:
    return "、".join(s.value for s in grades.derived_stages()) if grades else None


def address(code: str | None, street: str | None = None) -> dict[str, Any] | None:
    if not code:
        return None
    chain = regions.chain(code)
    return clean(
        {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": chain[0].name if chain else None,
            "addressLocality": chain[-1].name if len(chain) > 1 else None,
            "streetAddress": street,
        }
    )


def clean(value: Any) -> Any:
    """Drop empty values so the graph holds only what the record says."""
    if isinstance(value, dict):
        cleaned = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [clean(v) for v in value if v not in (None, "", [], {})]
    return value


@dataclass(frozen=True)
class Linker:
    """What a kind's JSON-LD may look up: other records, and their addresses as seen from the page
    being rendered (absolute when the site's address is configured). One per page: re-entrant."""

    catalogue: Catalogue
    site_url: str
    page_url: str

    def url(self, entry: Entry) -> str:
        target = entry.kind.record_url(entry.id)
        return f"{self.site_url}{target}" if self.site_url else relative(self.page_url, target)

    def person(self, entry: Entry) -> dict[str, Any]:
        x = entry.model
        return {
            "@type": "Person",
            "name": x.name,
            "jobTitle": x.title,
            "url": self.url(entry),
            "affiliation": {"@type": "Organization", "name": x.affiliation},
        }
