"""The 课程 kind (course): a course a school can book, from a base or another provider."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import regions
from ..models.course import Course
from ..ordering import by_title
from ..vocab import CostType, CourseType, Domain, Mode
from .parts import (
    ANYWHERE,
    COMMON_COLUMNS,
    COST,
    FIELD,
    GRADE,
    GRADE_COLUMNS,
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
    level,
    link_table,
    region_chain,
    region_row,
)
from .spec import FacetValues, Kind, Related, grades_stages

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Linker

# Taught at a distance: a school anywhere can take the course, so it has no place of its own.
_REMOTE = (Mode.ONLINE, Mode.DUAL_TEACHER)
ONLINE_ANYWHERE = "线上，不限地区"

_COURSE_MODE = {
    Mode.ONSITE: "onsite",
    Mode.ONLINE: "online",
    Mode.DUAL_TEACHER: "blended",
    Mode.BLENDED: "blended",
}


def _rows(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "course"):
        c: Course = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "title": c.title,
            "summary": c.summary,
            "base_id": c.base,
            "provider": c.provider
            or (catalogue.records["base"][c.base].model.display_title if c.base else None),
            "course_type": c.course_type.value,
            "fields": [f.value for f in c.fields],
            **grades_row(c.grades),
            "hours": c.hours,
            "lesson_minutes": c.lesson_minutes,
            "mode": c.mode.value,
            **region_row(c.region),
            "venue": c.venue,
            "cost_type": c.cost.type.value,
            "cost_amount": c.cost.amount,
            "capacity": c.capacity,
            "booking_organization": c.booking.organization,
            "booking_url": c.booking.url,
            "curriculum_standard": c.curriculum.standard if c.curriculum else None,
            "curriculum_topic": c.curriculum.topic if c.curriculum else None,
            **common_row(e, site_url),
        }


class CourseKind(Kind):
    name, folder, label, model = "course", "courses", "课程", Course
    intro = "科普教育基地、学会和学校开设的科学课程，可按学段、领域和地区选择。"
    list_headers = ("课程", "类型", "学段年级", "领域", "地区", "费用")
    facets = (STAGE, GRADE, FIELD, REGION, COST, enum_facet("mode", "形式", Mode),
              enum_facet("type", "类型", CourseType))  # fmt: skip
    date_sort = "最近核实"
    teacher_facts = (
        ("课次安排", lambda c, _: bool(c.lessons)),
        ("上课地点", lambda c, _: c.venue is not None or c.region is None),
        ("人数上限", lambda c, _: c.capacity is not None),
    )
    references = ((("base",), "base"), (("experts", "*"), "expert"))
    flyer = True
    tables = (
        Table(
            "courses",
            "课程",
            "可预约的科学课程",
            [
                Column("id", "string", "课程编号（页面地址的一部分）", required=True),
                Column("title", "string", "课程名称", required=True),
                Column("summary", "string", "简介", required=True),
                Column("base_id", "string", "开设课程的基地编号（bases.id）"),
                Column("provider", "string", "开设单位名称"),
                Column("course_type", "string", "课程类型", CourseType, required=True),
                Column("fields", "list", "领域", Domain),
                *GRADE_COLUMNS,
                Column("hours", "integer", "总课时", required=True),
                Column("lesson_minutes", "integer", "每课时分钟数"),
                Column("mode", "string", "授课形式", Mode, required=True),
                *REGION_COLUMNS,
                Column("venue", "string", "上课地点"),
                Column("cost_type", "string", "费用类型", CostType, required=True),
                Column("cost_amount", "number", "费用金额（元）"),
                Column("capacity", "integer", "人数上限"),
                Column("booking_organization", "string", "受理预约的机构"),
                Column("booking_url", "string", "在线预约网址"),
                Column("curriculum_standard", "string", "对应的课程标准"),
                Column("curriculum_topic", "string", "对应的课标内容"),
                *COMMON_COLUMNS,
            ],
            _rows,
            ["id"],
            [(["base_id"], "bases", ["id"])],
        ),
        link_table(
            "course_experts",
            "课程—专家",
            "课程的授课专家",
            ("course", "courses", "课程"),
            ("experts", "expert", "experts", "专家"),
        ),
    )

    def publishable(self, model: Course) -> bool:
        return True

    def rules(self, model: Course) -> Iterator[tuple[tuple, str]]:
        literacy = model.course_type is CourseType.LITERACY_SERIES
        if literacy and not 12 <= model.hours <= 16:
            yield ("hours",), f"科学素养系列课程一般为 12–16 课时，这里是 {model.hours} 课时"

    def description(self, model: Course) -> str:
        return model.summary

    def stages(self, model: Course) -> list:
        return grades_stages(model)

    def regions(self, model: Course) -> list[str]:
        return [model.region] if model.region else []

    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        m: Course = entry.model  # type: ignore[assignment]
        return Related(
            base=catalogue.get("base", m.base) if m.base else None,
            experts=[e for i in m.experts if (e := catalogue.get("expert", i))],
            competitions=by_title(catalogue.referrers(entry, "competition")),
        )

    def list_cells(self, model: Course) -> list[str]:
        if model.region:
            region = regions.full_name(model.region)
        else:  # the 地区 column says where, never how: a mode is not a place
            region = ONLINE_ANYWHERE if model.mode in _REMOTE else UNKNOWN_LABEL
        return [model.course_type.value, model.grades.label(), "、".join(model.fields),
                region, model.cost.type.value]  # fmt: skip

    def facet_values(self, entry: Entry) -> FacetValues:
        m: Course = entry.model  # type: ignore[assignment]
        where = region_chain(self.regions(m)) or ([ANYWHERE] if m.mode in _REMOTE else [])
        return FacetValues(
            {"field": m.fields, "region": where, "cost": [m.cost.type],
             "mode": [m.mode], "type": [m.course_type]},
            m.last_verified,
        )  # fmt: skip

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        c: Course = entry.model  # type: ignore[assignment]
        base = link.catalogue.get("base", c.base) if c.base else None
        provider = {
            "@type": "Organization",
            "name": base.model.display_title if base else c.provider,
        }
        if base:
            provider["url"] = link.url(base)
        experts = [e for i in c.experts if (e := link.catalogue.get("expert", i))]
        minutes = c.hours * c.lesson_minutes
        offer = {
            "@type": "Offer",
            "category": c.cost.type.value,
            "priceCurrency": "CNY",
            "price": 0 if c.cost.type is CostType.FREE else c.cost.amount,
        }
        duration = f"PT{minutes // 60}H{minutes % 60}M" if minutes % 60 else f"PT{minutes // 60}H"
        place = {"@type": "Place", "name": c.venue, "address": address(c.region)}
        return {
            "@type": "Course",
            "name": c.title,
            "description": c.summary,
            "url": link.url(entry),
            "inLanguage": "zh-CN",
            "provider": provider,
            "isAccessibleForFree": c.cost.type is CostType.FREE,
            "educationalLevel": level(c.grades),
            "teaches": [f.value for f in c.fields],
            "timeRequired": duration,
            "audience": {"@type": "EducationalAudience", "educationalRole": "student"},
            "hasCourseInstance": {
                "@type": "CourseInstance",
                "courseMode": _COURSE_MODE[c.mode],
                "courseWorkload": f"{c.hours}课时",
                "location": place if c.venue or c.region else None,
                "instructor": [link.person(e) for e in experts],
                "offers": offer,
            },
        }

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: Course = entry.model  # type: ignore[assignment]
        base = catalogue.get("base", m.base) if m.base else None
        return [m.course_type, m.mode, m.provider or "", base.model.display_title if base else ""]

    def search_summary(self, model: Course) -> str:
        return model.summary

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: Course = entry.model  # type: ignore[assignment]
        return {"r": m.region, "b": m.base, "mo": m.mode.value, "c": m.cost.type.value,
                "h": m.hours, "ty": m.course_type.value,
                "bk": m.booking.url or m.booking.phone}  # fmt: skip


KIND = CourseKind()
