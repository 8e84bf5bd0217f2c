"""Spreadsheet columns of each kind, derived from the models: one column per scalar field (nested
fields as dotted paths), list fields in one cell separated by "；", and lists of sub-records (such as
课次安排) as a YAML block in one cell. Headers are Chinese, as on an office's 申报表."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

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
    "issuer": "发布单位", "published": "发布日期", "valid.from": "有效期起", "valid.to": "有效期止",
    "items": "报告主题",
    "delivered": "已开展的报告",
    "organizers": "主办单位", "whitelist.cycle": "白名单周期", "whitelist.category": "白名单类别",
    "whitelist.notice": "白名单文号", "whitelist.seq": "白名单序号", "level": "级别", "stages": "面向学段",
    "editions": "届次安排", "fee.type": "费用类型", "fee.amount": "费用金额", "fee.unit": "计价单位",
    "fee.note": "费用说明", "courses": "相关课程编号", "bases": "相关基地编号",
    "last_verified": "最后核实日期", "source.title": "信息来源", "source.url": "来源网址",
    "source.date": "来源日期", "sources": "分项来源", "example": "示例记录",
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
    value_type: str = "text"  # of a scalar or of each list item: text, int, float, date, bool
    low: float | None = None  # bounds of a number
    high: float | None = None
    max_length: int | None = None
    parts: tuple[tuple[str, str], ...] = ()  # (key, description) of each sub-record field

    @property
    def free_text_list(self) -> bool:
        """A list of names (not of choices, ids or codes): a comma or 、 may be part of a name,
        so only the semicolon the export writes, or a line break, separates its items."""
        return (
            self.shape == "list" and not self.choices and not self.header.endswith(("编号", "代码"))
        )

    @property
    def help(self) -> str:
        """The 填写说明 of the column, for a spreadsheet user (no YAML quoting advice)."""
        return column_help(self)


_VALUE_TYPES = {int: "int", float: "float", bool: "bool", dt.date: "date"}


@dataclass
class _Facts:
    description: str = ""
    low: float | None = None
    high: float | None = None
    max_length: int | None = None


def _facts(annotation: Any, info: FieldInfo | None) -> tuple[Any, _Facts]:
    """The bare type inside Optional/Annotated and what the model says about it: the field's
    description before the type's, the tightest bounds of either."""
    facts = _Facts(description=(info.description or "") if info else "")
    metadata = list(info.metadata) if info else []
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            for item in extra:
                if isinstance(item, FieldInfo):
                    facts.description = facts.description or item.description or ""
                    metadata.extend(item.metadata)
                else:
                    metadata.append(item)
            annotation = base
        else:
            break
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            facts.low = item.ge if facts.low is None else max(facts.low, item.ge)
        elif isinstance(item, annotated_types.Le):
            facts.high = item.le if facts.high is None else min(facts.high, item.le)
        elif isinstance(item, annotated_types.MaxLen):
            facts.max_length = (
                item.max_length
                if facts.max_length is None
                else min(facts.max_length, item.max_length)
            )
    return annotation, facts


def _choices(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(m.value for m in annotation)
    return ()


def _parts(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    out = []
    for name, info in model.model_fields.items():
        _, facts = _facts(info.annotation, info)
        out.append((info.alias or name, facts.description))
    return tuple(out)


def _walk(kind: str, model: type[BaseModel], prefix: str, required: bool) -> list[SheetColumn]:
    out = []
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        annotation, facts = _facts(info.annotation, info)
        needed = required and info.is_required()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.extend(_walk(kind, annotation, key + ".", needed))
            continue
        header = KIND_HEADERS.get(kind, {}).get(key) or HEADERS[key]
        common = {"required": needed, "description": facts.description}
        if typing.get_origin(annotation) is list:
            inner, inner_facts = _facts(typing.get_args(annotation)[0], None)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out.append(SheetColumn(key, header, "records", parts=_parts(inner), **common))
            else:
                common["description"] = common["description"] or inner_facts.description
                out.append(
                    SheetColumn(
                        key,
                        header,
                        "list",
                        choices=_choices(inner),
                        max_length=inner_facts.max_length,
                        **common,
                    )
                )
        else:
            out.append(
                SheetColumn(
                    key,
                    header,
                    "scalar",
                    choices=_choices(annotation),
                    value_type=_VALUE_TYPES.get(annotation, "text"),
                    low=facts.low,
                    high=facts.high,
                    max_length=facts.max_length,
                    **common,
                )
            )
    return out


@cache
def columns(kind: str) -> tuple[SheetColumn, ...]:
    """The kind's columns: 编号 first, the kind's own fields, then the bookkeeping every record has."""
    cols = _walk(kind, KINDS[kind].model, "", True)
    common = {c.path for c in _walk(kind, Record, "", True)}
    ordered = [c for c in cols if c.path not in common] + [c for c in cols if c.path in common]
    return (
        SheetColumn(
            "id",
            "编号",
            "scalar",
            False,
            "记录编号（文件名），只用小写字母、数字和连字符；新记录可留空，按名称的拼音生成；"
            "要更新已有记录，填它的编号",
        ),
        *ordered,
    )


# YAML advice that means nothing in a spreadsheet cell.
_QUOTING = re.compile(r"[，,]?\s*(?:并|需)?加引号|（加引号）|，?\s*需加引号")


def for_sheet(text: str) -> str:
    """A model description or message as a spreadsheet user needs it: no quoting advice."""
    return _QUOTING.sub("", text).replace("时写 true", "时填“是”")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def column_help(column: SheetColumn) -> str:
    """Generated from the model: what the field is, its form, its choices and limits."""
    parts = [for_sheet(column.description).rstrip("。") or column.header]
    if column.value_type == "date":
        parts.append("日期，写成 2026-11-01（也可用 Excel 的日期格式）")
    elif column.value_type in ("int", "float"):
        kind = "整数" if column.value_type == "int" else "数字"
        if column.low is not None and column.high is not None:
            kind += f"，{_number(column.low)}–{_number(column.high)}"
        elif column.low is not None:
            kind += f"，不小于 {_number(column.low)}"
        parts.append(kind)
    elif column.value_type == "bool":
        parts.append("填“是”或“否”，不填为“否”")
    elif column.max_length and column.shape == "scalar":
        parts.append(f"文字，最多 {column.max_length} 字")
    if column.choices:
        verb = "可多选" if column.shape == "list" else "从下拉列表中选择一项"
        parts.append(f"{verb}：{'、'.join(column.choices)}")
    if column.free_text_list:
        parts.append("多项之间用分号“；”分隔，或每项一行（顿号、逗号不分隔，可以是名称的一部分）")
    elif column.shape == "list":
        parts.append("多项之间用分号“；”或顿号“、”分隔")
    if column.shape == "records":
        fields = "；".join(
            f"{key}（{for_sheet(text)}）" if text else key for key, text in column.parts
        )
        parts.append(
            "可填多项，每项按 YAML 格式写成“- 字段: 值”（可参考导出的表格），不需要可留空。"
            f"每项的字段——{fields}"
        )
    parts.append("必填" if column.required else "选填")
    return "。".join(p.rstrip("。") for p in parts) + "。"


# Names of whole groups of fields (a per-field source may cite "booking" for all its parts).
GROUP_LABELS = {
    "booking": "预约方式", "cost": "费用", "fee": "费用", "grades": "年级", "contact": "联系方式",
    "coordinates": "坐标", "whitelist": "白名单", "curriculum": "课程标准", "invite": "邀请方式",
    "consent": "同意公开", "valid": "有效期",
}  # fmt: skip


def field_labels(fields: list[str]) -> str:
    """Field names as a maintainer's sheet heads them (开放时间、预约方式…), for a source line."""
    return "、".join(GROUP_LABELS.get(name) or HEADERS.get(name, name) for name in fields)
