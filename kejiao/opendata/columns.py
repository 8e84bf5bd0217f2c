"""Spreadsheet columns of each kind, derived from the models: one column per scalar field (nested
fields as dotted paths), list fields in one cell separated by "；", and lists of sub-records (such as
课次安排) as a YAML block in one cell. Headers are Chinese, as on an office's 申报表."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..kinds import KINDS
from ..models import Record

HEADERS: dict[str, str] = {
    "id": "编号", "title": "名称", "name": "名称", "summary": "简介", "description": "详细介绍",
    "base": "基地编号", "provider": "开设单位", "course_type": "课程类型", "fields": "领域",
    "grades.from": "起始年级", "grades.to": "结束年级", "grades.vocational": "面向中职",
    "grades.stages": "指定学段", "hours": "总课时", "lesson_minutes": "每课时分钟",
    "lessons": "课次安排", "mode": "授课形式", "region": "行政区划代码", "venue": "上课地点",
    "cost.type": "费用类型", "cost.amount": "费用金额", "cost.unit": "计价单位", "cost.note": "费用说明",
    "capacity": "人数上限", "booking.organization": "预约受理机构", "booking.url": "预约网址",
    "booking.phone": "预约电话", "booking.email": "预约邮箱", "booking.note": "预约须知",
    "experts": "专家编号", "curriculum.standard": "课程标准", "curriculum.topic": "课标内容",
    "short_name": "简称", "category": "类别", "type": "类型", "recognitions": "认定称号",
    "address": "地址", "coordinates.lat": "纬度", "coordinates.lon": "经度",
    "coordinates.datum": "坐标系", "opening_hours": "开放时间", "hours_note": "开放时间说明",
    "open_days": "开放日", "group_capacity": "团体接待人数", "services": "服务项目",
    "accessibility": "无障碍", "website": "官方网站", "contact.phone": "机构电话",
    "contact.email": "机构邮箱", "contact.note": "联系说明", "affiliation": "工作单位", "bio": "个人简介",
    "regions": "服务地区代码", "formats": "服务形式", "profile_url": "单位主页",
    "invite.organization": "邀请受理组织", "invite.url": "邀请网址", "invite.note": "邀请说明",
    "consent.date": "同意公开日期", "consent.scope": "同意公开范围", "consent.reference": "同意书编号",
    "issuer": "发布单位", "valid.from": "有效期起", "valid.to": "有效期止", "items": "报告主题",
    "delivered": "已开展的报告",
    "organizers": "主办单位", "whitelist.cycle": "白名单周期", "whitelist.category": "白名单类别",
    "whitelist.notice": "白名单文号", "whitelist.seq": "白名单序号", "level": "级别", "stages": "面向学段",
    "editions": "届次安排", "fee.type": "费用类型", "fee.amount": "费用金额", "fee.unit": "计价单位",
    "fee.note": "费用说明", "courses": "相关课程编号", "bases": "相关基地编号",
    "last_verified": "最后核实日期", "source.title": "信息来源", "source.url": "来源网址",
    "source.date": "来源日期", "example": "示例记录",
}  # fmt: skip
KIND_HEADERS = {
    "course": {"title": "课程名称"},
    "base": {"name": "基地名称"},
    "expert": {"name": "姓名", "title": "职称"},
    "topic_list": {"title": "清单名称", "summary": "说明"},
    "competition": {"name": "竞赛名称"},
}


@dataclass(frozen=True)
class SheetColumn:
    path: str  # dotted field path as in YAML, e.g. "grades.from"
    header: str
    shape: str  # "scalar", "list" (of scalars) or "records" (list of sub-records, YAML in the cell)
    required: bool
    description: str
    choices: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0])
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _choices(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(m.value for m in annotation)
    return ()


def _walk(kind: str, model: type[BaseModel], prefix: str, required: bool) -> list[SheetColumn]:
    out = []
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        annotation = _unwrap(info.annotation)
        needed = required and info.is_required()
        description = info.description or ""
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.extend(_walk(kind, annotation, key + ".", needed))
            continue
        header = KIND_HEADERS.get(kind, {}).get(key) or HEADERS[key]
        if typing.get_origin(annotation) is list:
            inner = _unwrap(typing.get_args(annotation)[0])
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out.append(SheetColumn(key, header, "records", needed, description))
            else:
                out.append(SheetColumn(key, header, "list", needed, description, _choices(inner)))
        else:
            out.append(
                SheetColumn(key, header, "scalar", needed, description, _choices(annotation))
            )
    return out


@cache
def columns(kind: str) -> tuple[SheetColumn, ...]:
    """The kind's columns: 编号 first, the kind's own fields, then the bookkeeping every record has."""
    cols = _walk(kind, KINDS[kind].model, "", True)
    common = {c.path for c in _walk(kind, Record, "", True)}
    ordered = [c for c in cols if c.path not in common] + [c for c in cols if c.path in common]
    return (
        SheetColumn("id", "编号", "scalar", False, "记录编号；留空时按名称的拼音生成"),
        *ordered,
    )
