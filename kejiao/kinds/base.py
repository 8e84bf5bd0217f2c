"""The 基地 kind (base): a venue, lab, company or site that receives students or sends courses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import regions
from ..models.base import Base
from ..ordering import by_title
from ..vocab import BaseCategory, BaseType, CostType, Datum, Service
from .parts import (
    COMMON_COLUMNS,
    COST,
    GRADE,
    GRADE_COLUMNS,
    OPEN_DAY_STATUS,
    REGION,
    REGION_COLUMNS,
    STAGE,
    UNKNOWN_LABEL,
    Column,
    Table,
    address,
    common_row,
    entries,
    enum_facet,
    grades_row,
    region_chain,
    region_row,
)
from .spec import FacetValues, Kind, Related, grades_stages

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Linker

_SCHEMA_TYPE = {
    BaseType.SCIENCE_MUSEUM: "Museum",
    BaseType.MUSEUM: "Museum",
    BaseType.NATURAL_HISTORY: "Museum",
    BaseType.PLANETARIUM: "Museum",
    BaseType.BOTANICAL_GARDEN: "Park",
    BaseType.ZOO_AQUARIUM: "Zoo",
    BaseType.UNIVERSITY_LAB: "CollegeOrUniversity",
    BaseType.RESEARCH_INSTITUTE: "ResearchOrganization",
    BaseType.ENTERPRISE: "Corporation",
    BaseType.YOUTH_CENTRE: "EducationalOrganization",
}
_PLACES = {"Museum", "Park", "Zoo", "CivicStructure"}
_DAYS = {"周一": "Monday", "周二": "Tuesday", "周三": "Wednesday", "周四": "Thursday",
         "周五": "Friday", "周六": "Saturday", "周日": "Sunday"}  # fmt: skip


def location(b: Base) -> tuple[float, float] | None:
    """The base's coordinates, or the centre of its district (approximate)."""
    return (b.coordinates.lat, b.coordinates.lon) if b.coordinates else regions.centre(b.region)


def _rows(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "base"):
        b: Base = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "name": b.name,
            "short_name": b.short_name,
            "summary": b.summary,
            "category": b.category.value,
            "type": b.type.value,
            **region_row(b.region),
            "address": b.address,
            "latitude": b.coordinates.lat if b.coordinates else None,
            "longitude": b.coordinates.lon if b.coordinates else None,
            "datum": b.coordinates.datum.value if b.coordinates else None,
            "recognitions": [r.label() for r in b.recognitions],
            **grades_row(b.grades),
            "group_capacity": b.group_capacity,
            "services": [s.value for s in b.services],
            "cost_type": b.cost.type.value if b.cost else None,
            "website": b.website,
            "booking_url": b.booking.url if b.booking else None,
            "phone": b.contact.phone if b.contact else None,
            "email": b.contact.email if b.contact else None,
            **common_row(e, site_url),
        }


class BaseKind(Kind):
    name, folder, label, model = "base", "bases", "基地", Base
    intro = "可组织研学、开放日或送课进校的科普教育基地、场馆、实验室和企业。"
    list_headers = ("基地", "类别", "类型", "地区", "服务项目")
    facets = (STAGE, GRADE, REGION, enum_facet("service", "服务", Service),
              enum_facet("category", "类别", BaseCategory), enum_facet("type", "类型", BaseType),
              COST, OPEN_DAY_STATUS)  # fmt: skip
    date_sort = "最近开放日"
    teacher_facts = (
        ("开放时间", lambda b, _: bool(b.opening_hours)),
        ("预约方式", lambda b, _: b.booking is not None),
        ("服务年级", lambda b, _: b.grades is not None),
        ("费用", lambda b, _: b.cost is not None),
        ("服务项目", lambda b, _: bool(b.services)),
        ("官方网站", lambda b, _: b.website is not None),
    )
    distance_sort = True
    flyer = True
    tables = (
        Table(
            "bases",
            "基地",
            "科普教育基地、场馆、实验室和企业",
            [
                Column("id", "string", "基地编号", required=True),
                Column("name", "string", "名称", required=True),
                Column("short_name", "string", "简称"),
                Column("summary", "string", "简介", required=True),
                Column("category", "string", "全国科普教育基地类别", BaseCategory, required=True),
                Column("type", "string", "细分类型", BaseType, required=True),
                *REGION_COLUMNS,
                Column("address", "string", "地址", required=True),
                Column("latitude", "number", "纬度"),
                Column("longitude", "number", "经度"),
                Column("datum", "string", "坐标系", Datum),
                Column("recognitions", "list", "认定称号"),
                *GRADE_COLUMNS,
                Column("group_capacity", "integer", "团体接待人数上限"),
                Column("services", "list", "服务项目", Service),
                Column("cost_type", "string", "费用类型", CostType),
                Column("website", "string", "官方网站"),
                Column("booking_url", "string", "预约网址"),
                Column("phone", "string", "机构电话"),
                Column("email", "string", "机构邮箱"),
                *COMMON_COLUMNS,
            ],
            _rows,
            ["id"],
        ),
    )

    def publishable(self, model: Base) -> bool:
        return True

    def rules(self, model: Base) -> Iterator[tuple[tuple, str]]:
        return iter(())

    def description(self, model: Base) -> str:
        return model.summary

    def stages(self, model: Base) -> list:
        return grades_stages(model)

    def regions(self, model: Base) -> list[str]:
        return [model.region]

    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        return Related(
            courses=by_title(catalogue.referrers(entry, "course")),
            competitions=by_title(catalogue.referrers(entry, "competition")),
        )

    def list_cells(self, model: Base) -> list[str]:
        return [model.category.value, model.type.value, regions.full_name(model.region),
                "、".join(model.services) or UNKNOWN_LABEL]  # fmt: skip

    def facet_values(self, entry: Entry) -> FacetValues:
        m: Base = entry.model  # type: ignore[assignment]
        return FacetValues(
            {"region": region_chain([m.region]), "service": m.services, "category": [m.category],
             "type": [m.type], "cost": [m.cost.type] if m.cost else []},
            min((d.date for d in m.open_days), default=None),
            windows=[(d.date, d.end_date or d.date) for d in m.open_days],
            point=location(m),
        )  # fmt: skip

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        b: Base = entry.model  # type: ignore[assignment]
        kind = _SCHEMA_TYPE.get(
            b.type, "Organization" if b.type.value != "其他" else "CivicStructure"
        )
        geo = (
            {"@type": "GeoCoordinates", "latitude": b.coordinates.lat,
             "longitude": b.coordinates.lon}
            if b.coordinates and b.coordinates.datum.value == "WGS-84"  # schema.org means WGS-84
            else None
        )  # fmt: skip
        node: dict[str, Any] = {
            "@type": kind,
            "name": b.name,
            "alternateName": b.short_name,
            "description": b.summary,
            "url": link.url(entry),
            "sameAs": b.website,
            "address": address(b.region, b.address),
            "telephone": b.contact.phone if b.contact else None,
        }
        hours = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": [_DAYS[d.value] for d in h.days],
             "opens": h.opens, "closes": h.closes}
            for h in b.opening_hours
        ]  # fmt: skip
        if kind in _PLACES:
            node.update(
                geo=geo,
                openingHoursSpecification=hours,
                publicAccess=True,
                isAccessibleForFree=b.cost.type is CostType.FREE if b.cost else None,
            )
            if b.booking and b.booking.url:
                node["tourBookingPage"] = b.booking.url
        else:  # an organisation: its place carries the coordinates and hours
            node["location"] = {
                "@type": "Place",
                "address": address(b.region, b.address),
                "geo": geo,
                "openingHoursSpecification": hours,
            }
            node["email"] = b.contact.email if b.contact else None
        return node

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: Base = entry.model  # type: ignore[assignment]
        return [m.category, m.type, m.short_name or "", *m.services]  # address: its own field

    def search_summary(self, model: Base) -> str:
        return model.summary

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: Base = entry.model  # type: ignore[assignment]
        courses = sorted(catalogue.referrers(entry, "course"), key=lambda e: e.id)
        out: dict[str, Any] = {
            "r": m.region, "sv": [s.value for s in m.services], "ad": m.address, "bt": m.type.value,
            "od": [[d.date.isoformat(), (d.end_date or d.date).isoformat(), d.title]
                   for d in m.open_days],
            "cs": [[c.id, c.model.display_title] for c in courses],
            # the subjects of its courses, so 为我推荐 weighs them without loading the courses
            "cf": list(dict.fromkeys(f.value for c in courses for f in getattr(c.model, "fields", []))),
            "bk": (m.booking.url or m.booking.phone) if m.booking else m.website,
        }  # fmt: skip
        point = location(m)
        if point:
            out["ll"] = [round(point[0], 5), round(point[1], 5)]
            if not m.coordinates:
                out["ap"] = 1  # approximate: the centre of the base's district
        return out


KIND = BaseKind()
