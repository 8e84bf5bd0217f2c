"""The catalogue as tables: one resource per kind plus tables for list-shaped relations, each column
typed and described, for the Frictionless data package. Persons' contact details are never a column
(expert records have none; only the inviting organisation appears)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .. import regions
from ..catalogue import Catalogue
from ..content import Entry
from ..models import Base, Competition, Course, Expert, TopicList
from ..vocab import (
    BaseCategory,
    BaseType,
    CostType,
    CourseType,
    Datum,
    Domain,
    ExpertFormat,
    Level,
    Mode,
    Service,
    Stage,
    TalkFormat,
    WhitelistCategory,
)

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


def _grades(g: Any) -> Row:
    if g is None:
        return {"grade_from": None, "grade_to": None, "stages": []}
    return {
        "grade_from": g.start,
        "grade_to": g.end,
        "stages": [s.value for s in g.derived_stages()],
    }


def _common(entry: Entry, site_url: str) -> Row:
    m = entry.model
    return {
        "last_verified": m.last_verified,
        "source_title": m.source.title,
        "source_url": m.source.url,
        "example": m.example,
        "url": f"{site_url}{entry.kind.folder}/{entry.id}/",
    }


def _region(code: str | None) -> Row:
    return {"region_code": code, "region_name": regions.full_name(code) if code else None}


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


def _entries(catalogue: Catalogue, kind: str) -> list[Entry]:
    return sorted(catalogue.records[kind].values(), key=lambda e: e.id)


def _courses(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "course"):
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
            **_grades(c.grades),
            "hours": c.hours,
            "lesson_minutes": c.lesson_minutes,
            "mode": c.mode.value,
            **_region(c.region),
            "venue": c.venue,
            "cost_type": c.cost.type.value,
            "cost_amount": c.cost.amount,
            "capacity": c.capacity,
            "booking_organization": c.booking.organization,
            "booking_url": c.booking.url,
            "curriculum_standard": c.curriculum.standard if c.curriculum else None,
            "curriculum_topic": c.curriculum.topic if c.curriculum else None,
            **_common(e, site_url),
        }


def _bases(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "base"):
        b: Base = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "name": b.name,
            "short_name": b.short_name,
            "summary": b.summary,
            "category": b.category.value,
            "type": b.type.value,
            **_region(b.region),
            "address": b.address,
            "latitude": b.coordinates.lat if b.coordinates else None,
            "longitude": b.coordinates.lon if b.coordinates else None,
            "datum": b.coordinates.datum.value if b.coordinates else None,
            "recognitions": [r.label() for r in b.recognitions],
            **_grades(b.grades),
            "group_capacity": b.group_capacity,
            "services": [s.value for s in b.services],
            "cost_type": b.cost.type.value if b.cost else None,
            "website": b.website,
            "booking_url": b.booking.url if b.booking else None,
            "phone": b.contact.phone if b.contact else None,
            "email": b.contact.email if b.contact else None,
            **_common(e, site_url),
        }


def _experts(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "expert"):
        x: Expert = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "name": x.name,
            "title": x.title,
            "affiliation": x.affiliation,
            "fields": [f.value for f in x.fields],
            "bio": x.bio,
            **_grades(x.grades),
            "regions": list(x.regions),
            "formats": [f.value for f in x.formats],
            "profile_url": x.profile_url,
            "invite_organization": x.invite.organization,
            "invite_url": x.invite.url,
            **_common(e, site_url),
        }


def _topic_lists(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "topic_list"):
        t: TopicList = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "title": t.title,
            "issuer": t.issuer,
            "valid_from": t.valid.start,
            "valid_to": t.valid.end,
            **_region(t.region),
            "summary": t.summary,
            "items": len(t.items),
            **_common(e, site_url),
        }


def _topics(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "topic_list"):
        t: TopicList = e.model  # type: ignore[assignment]
        for position, item in enumerate(t.items, start=1):
            speaker = item.speaker if item.speaker in catalogue.records["expert"] else None
            yield {
                "topic_list_id": e.id,
                "position": position,
                "title": item.title,
                "speaker_id": speaker,
                "organization": item.organization,
                "field": item.field.value,
                **_grades(item.grades),
                "duration": item.duration,
                "format": item.format.value,
                "abstract": item.abstract,
            }


def _competitions(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "competition"):
        c: Competition = e.model  # type: ignore[assignment]
        w = c.whitelist
        yield {
            "id": e.id,
            "name": c.name,
            "summary": c.summary,
            "organizers": list(c.organizers),
            "whitelist_cycle": w.cycle if w else None,
            "whitelist_category": w.category.value if w else None,
            "whitelist_notice": w.notice if w else None,
            "whitelist_seq": w.seq if w else None,
            "level": c.level.value,
            "stages": [s.value for s in c.stages],
            "fields": [f.value for f in c.fields],
            "fee_type": c.fee.type.value if c.fee else None,
            "website": c.website,
            **_common(e, site_url),
        }


def _editions(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
    for e in _entries(catalogue, "competition"):
        c: Competition = e.model  # type: ignore[assignment]
        for position, ed in enumerate(c.editions, start=1):
            yield {
                "competition_id": e.id,
                "position": position,
                "name": ed.name,
                "registration_from": ed.registration.start if ed.registration else None,
                "registration_to": ed.registration.end if ed.registration else None,
                "event_from": ed.event.start if ed.event else None,
                "event_to": ed.event.end if ed.event else None,
                "url": ed.url,
            }


def _links(kind: str, attribute: str, target: str, left: str, right: str):
    def rows(catalogue: Catalogue, site_url: str) -> Iterator[Row]:
        for e in _entries(catalogue, kind):
            for other in dict.fromkeys(getattr(e.model, attribute)):
                if other in catalogue.records[target]:  # unpublished experts are left out
                    yield {left: e.id, right: other}

    return rows


def _link_table(
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
        [Column(left, "string", f"{label}编号", required=True), Column(right, "string", f"{target_label}编号", required=True)],
        _links(kind, attribute, target_kind, left, right),
        [left, right],
        [([left], resource, ["id"]), ([right], target_resource, ["id"])],
    )  # fmt: skip


TABLES: list[Table] = [
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
            *GRADES,
            Column("hours", "integer", "总课时", required=True),
            Column("lesson_minutes", "integer", "每课时分钟数"),
            Column("mode", "string", "授课形式", Mode, required=True),
            *REGION,
            Column("venue", "string", "上课地点"),
            Column("cost_type", "string", "费用类型", CostType, required=True),
            Column("cost_amount", "number", "费用金额（元）"),
            Column("capacity", "integer", "人数上限"),
            Column("booking_organization", "string", "受理预约的机构"),
            Column("booking_url", "string", "在线预约网址"),
            Column("curriculum_standard", "string", "对应的课程标准"),
            Column("curriculum_topic", "string", "对应的课标内容"),
            *COMMON,
        ],
        _courses,
        ["id"],
        [(["base_id"], "bases", ["id"])],
    ),
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
            *REGION,
            Column("address", "string", "地址", required=True),
            Column("latitude", "number", "纬度"),
            Column("longitude", "number", "经度"),
            Column("datum", "string", "坐标系", Datum),
            Column("recognitions", "list", "认定称号"),
            *GRADES,
            Column("group_capacity", "integer", "团体接待人数上限"),
            Column("services", "list", "服务项目", Service),
            Column("cost_type", "string", "费用类型", CostType),
            Column("website", "string", "官方网站"),
            Column("booking_url", "string", "预约网址"),
            Column("phone", "string", "机构电话"),
            Column("email", "string", "机构邮箱"),
            *COMMON,
        ],
        _bases,
        ["id"],
    ),
    Table(
        "experts",
        "专家",
        "经本人同意公开的专家（不含任何个人联系方式）",
        [
            Column("id", "string", "专家编号", required=True),
            Column("name", "string", "姓名", required=True),
            Column("title", "string", "职称"),
            Column("affiliation", "string", "工作单位", required=True),
            Column("fields", "list", "领域", Domain),
            Column("bio", "string", "简介", required=True),
            *GRADES,
            Column("regions", "list", "可服务地区（行政区划代码）"),
            Column("formats", "list", "服务形式", ExpertFormat),
            Column("profile_url", "string", "单位官网个人介绍页"),
            Column("invite_organization", "string", "受理邀请的组织", required=True),
            Column("invite_url", "string", "组织方邀请页面"),
            *COMMON,
        ],
        _experts,
        ["id"],
    ),
    Table(
        "topic_lists",
        "主题清单",
        "科学报告、科普活动主题清单",
        [
            Column("id", "string", "清单编号", required=True),
            Column("title", "string", "清单名称", required=True),
            Column("issuer", "string", "发布单位", required=True),
            Column("valid_from", "date", "有效期起", required=True),
            Column("valid_to", "date", "有效期止", required=True),
            *REGION,
            Column("summary", "string", "说明"),
            Column("items", "integer", "主题数", required=True),
            *COMMON,
        ],
        _topic_lists,
        ["id"],
    ),
    Table(
        "topics",
        "报告主题",
        "主题清单中的每个报告主题",
        [
            Column("topic_list_id", "string", "所属清单编号（topic_lists.id）", required=True),
            Column("position", "integer", "在清单中的序号", required=True),
            Column("title", "string", "报告题目", required=True),
            Column("speaker_id", "string", "主讲专家编号（experts.id）"),
            Column("organization", "string", "提供报告的单位"),
            Column("field", "string", "领域", Domain, required=True),
            *GRADES,
            Column("duration", "integer", "时长（分钟）", required=True),
            Column("format", "string", "形式", TalkFormat, required=True),
            Column("abstract", "string", "内容简介", required=True),
        ],
        _topics,
        ["topic_list_id", "position"],
        [
            (["topic_list_id"], "topic_lists", ["id"]),
            (["speaker_id"], "experts", ["id"]),
        ],
    ),
    Table(
        "competitions",
        "竞赛",
        "面向中小学生的竞赛",
        [
            Column("id", "string", "竞赛编号", required=True),
            Column("name", "string", "名称", required=True),
            Column("summary", "string", "简介"),
            Column("organizers", "list", "主办单位"),
            Column("whitelist_cycle", "string", "教育部白名单周期，如 2025-2028"),
            Column("whitelist_category", "string", "白名单类别", WhitelistCategory),
            Column("whitelist_notice", "string", "白名单通知文号"),
            Column("whitelist_seq", "integer", "在白名单中的序号"),
            Column("level", "string", "级别", Level, required=True),
            Column("stages", "list", "面向学段", Stage),
            Column("fields", "list", "领域", Domain),
            Column("fee_type", "string", "费用类型", CostType),
            Column("website", "string", "官方网站"),
            *COMMON,
        ],
        _competitions,
        ["id"],
    ),
    Table(
        "editions",
        "竞赛届次",
        "每届竞赛的报名与比赛时间",
        [
            Column("competition_id", "string", "竞赛编号（competitions.id）", required=True),
            Column("position", "integer", "序号", required=True),
            Column("name", "string", "届次", required=True),
            Column("registration_from", "date", "报名开始"),
            Column("registration_to", "date", "报名截止"),
            Column("event_from", "date", "比赛开始"),
            Column("event_to", "date", "比赛结束"),
            Column("url", "string", "本届通知网址"),
        ],
        _editions,
        ["competition_id", "position"],
        [(["competition_id"], "competitions", ["id"])],
    ),
    _link_table(
        "course_experts",
        "课程—专家",
        "课程的授课专家",
        ("course", "courses", "课程"),
        ("experts", "expert", "experts", "专家"),
    ),
    _link_table(
        "competition_courses",
        "竞赛—课程",
        "竞赛的相关课程",
        ("competition", "competitions", "竞赛"),
        ("courses", "course", "courses", "课程"),
    ),
    _link_table(
        "competition_bases",
        "竞赛—基地",
        "竞赛的相关基地",
        ("competition", "competitions", "竞赛"),
        ("bases", "base", "bases", "基地"),
    ),
]
