"""Facets of the list pages: what each row carries as data attributes and the facet definitions the
browser script turns into filters with counts. The list itself is plain HTML, readable without
JavaScript; filtering, counting and status by today's date happen in the browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import regions
from ..content import Entry
from ..models import Base, Competition, Course, Expert, TopicList
from ..vocab import (
    BaseCategory,
    BaseType,
    CostType,
    CourseType,
    Domain,
    ExpertFormat,
    Level,
    Mode,
    Service,
    Stage,
    WhitelistCategory,
)


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    kind: str  # "multi", "region", "grade" or "status"
    values: tuple[tuple[str, str], ...] = ()  # (value, label) in display order


def _enum(key: str, label: str, enum: Any) -> Facet:
    return Facet(key, label, "multi", tuple((m.value, m.value) for m in enum))


STAGE = _enum("stage", "学段", Stage)
FIELD = _enum("field", "领域", Domain)
GRADE = Facet("grade", "年级", "grade", tuple((str(g), f"{g}年级") for g in range(1, 13)))
REGION = Facet("region", "地区", "region")
COST = _enum("cost", "费用", CostType)
COMPETITION_STATUS = Facet(
    "status", "报名状态", "status",
    (("open", "报名中"), ("upcoming", "即将报名"), ("closed", "已截止"), ("unknown", "时间待公布")),
)  # fmt: skip
LIST_STATUS = Facet(
    "status", "状态", "status", (("open", "有效"), ("upcoming", "未开始"), ("closed", "已过期"))
)
OPEN_DAY_STATUS = Facet(
    "status",
    "开放日",
    "status",
    (("open", "开放中"), ("upcoming", "即将开放"), ("closed", "已结束")),
)

FACETS: dict[str, list[Facet]] = {
    "course": [STAGE, GRADE, FIELD, REGION, COST, _enum("mode", "形式", Mode),
               _enum("type", "类型", CourseType)],
    "base": [STAGE, GRADE, REGION, _enum("service", "服务", Service),
             _enum("category", "类别", BaseCategory), _enum("type", "类型", BaseType), COST,
             OPEN_DAY_STATUS],
    "expert": [FIELD, STAGE, GRADE, REGION, _enum("format", "形式", ExpertFormat)],
    "topic_list": [LIST_STATUS, FIELD, STAGE, REGION],
    "competition": [COMPETITION_STATUS, Facet("whitelist", "白名单", "multi"),
                    _enum("category", "白名单类别", WhitelistCategory), STAGE, FIELD,
                    _enum("level", "级别", Level)],
}  # fmt: skip
DATE_SORT = {
    "course": "最近核实",
    "base": "最近开放日",
    "expert": "最近核实",
    "topic_list": "有效期截止",
    "competition": "报名截止",
}


def _chain(code: str | None) -> list[str]:
    return [d.code for d in regions.chain(code)] if code else []


def _span(windows: list[tuple[Any, Any]]) -> str:
    return " ".join(f"{a.isoformat()}/{b.isoformat()}" for a, b in windows)


def row_attributes(entry: Entry) -> dict[str, str]:
    """data-* attributes of one list row (values joined by "|", windows by spaces)."""
    m = entry.model
    values: dict[str, list[str]] = {}
    grades = getattr(m, "grades", None)
    date = m.last_verified
    windows: list[tuple[Any, Any]] = []
    extra: dict[str, str] = {}
    if isinstance(m, Course):
        values |= {"field": m.fields, "region": _chain(m.region), "cost": [m.cost.type],
                   "mode": [m.mode], "type": [m.course_type]}  # fmt: skip
    elif isinstance(m, Base):
        values |= {"region": _chain(m.region), "service": m.services, "category": [m.category],
                   "type": [m.type], "cost": [m.cost.type] if m.cost else []}  # fmt: skip
        windows = [(d.date, d.end_date or d.date) for d in m.open_days]
        date = min((d.date for d in m.open_days), default=None)
        point = (
            (m.coordinates.lat, m.coordinates.lon) if m.coordinates else regions.centre(m.region)
        )
        if point:
            extra["data-ll"] = f"{point[0]:.4f},{point[1]:.4f}"
    elif isinstance(m, Expert):
        codes = [c for r in m.regions for c in _chain(r)]
        values |= {"field": m.fields, "region": list(dict.fromkeys(codes)), "format": m.formats}
    elif isinstance(m, TopicList):
        values |= {
            "field": list(dict.fromkeys(i.field for i in m.items)),
            "region": _chain(m.region),
        }
        stages = {s for i in m.items for s in i.grades.derived_stages()}
        values["stage"] = [s for s in Stage if s in stages]
        low = min(i.grades.start for i in m.items)
        high = max(i.grades.end for i in m.items)
        values["grade"] = [f"{low}-{high}"]
        windows = [(m.valid.start, m.valid.end)]
        date = m.valid.end
    elif isinstance(m, Competition):
        values |= {"field": m.fields, "stage": m.stages, "level": [m.level],
                   "whitelist": [m.whitelist.cycle or "白名单"] if m.whitelist else ["不在名单"],
                   "category": [m.whitelist.category] if m.whitelist else []}  # fmt: skip
        windows = [(e.registration.start, e.registration.end) for e in m.editions if e.registration]
        date = max((b for _, b in windows), default=None)
    if grades is not None:
        values.setdefault("stage", grades.derived_stages())
        values["grade"] = [f"{grades.start}-{grades.end}"]
    attrs = {
        f"data-f-{key}": "|".join(str(v) for v in vals) for key, vals in values.items() if vals
    }
    if windows:
        attrs["data-windows"] = _span(windows)
    if date is not None:
        attrs["data-date"] = date.isoformat()
    return attrs | extra


def facet_config(kind: str, entries: list[Entry], attributes: list[dict[str, str]]) -> Markup:
    """The facet definitions, with names for every division code the rows use (`attributes` are
    the rows' row_attributes, already computed for the list), as a JSON block."""
    facets = []
    for facet in FACETS[kind]:
        values = list(facet.values)
        if facet.key == "whitelist":
            cycles = sorted(
                {
                    e.model.whitelist.cycle
                    for e in entries
                    if e.model.whitelist and e.model.whitelist.cycle
                }
            )
            values = [(c, f"{c} 名单") for c in reversed(cycles)] + [("不在名单", "不在名单")]
        facets.append(
            {"key": facet.key, "label": facet.label, "kind": facet.kind, "values": values}
        )
    codes: dict[str, list[Any]] = {}
    for attrs in attributes:
        for code in attrs.get("data-f-region", "").split("|"):
            division = regions.lookup(code) if code else None
            if division:
                codes[code] = [division.name, division.parent]
    payload = {
        "facets": facets,
        "regions": dict(sorted(codes.items())),
        "dateSort": DATE_SORT[kind],
        "distanceSort": kind == "base",
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="kj-facets">{text}</script>')
