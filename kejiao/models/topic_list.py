"""科学报告/科普活动主题清单 (topic list): a published list of lecture topics schools can request."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..vocab import Domain, TalkFormat
from .common import (
    DateRange,
    GradeRange,
    Id,
    Line,
    Paragraph,
    Record,
    RegionCode,
    Strict,
    integer,
    paragraph,
)


class TopicItem(Strict):
    title: Line = Field(description="报告题目")
    speaker: Id | None = Field(None, description="主讲专家编号（content/experts/ 下的文件名）")
    organization: Line | None = Field(None, description="提供报告的单位（无专家编号时填写）")
    field: Domain
    grades: GradeRange
    duration: integer(ge=10, le=480) = Field(description="时长（分钟）")
    format: TalkFormat
    abstract: paragraph(1000) = Field(description="内容简介（最多 1000 字）")


class Delivery(Strict):
    """一场已经开展的报告：宁波“每年 ≥ 100 场科学家报告、其中 ≥ 20% 进乡村学校”的统计依据。"""

    date: dt.date = Field(description="开展日期")
    title: Line = Field(description="报告题目（清单中的题目）")
    region: RegionCode = Field(description="学校所在区县的行政区划代码")
    rural: bool | None = Field(None, description="是否乡村学校（不清楚就不填，统计时记为未注明）")


class TopicList(Record):
    """主题清单。"""

    title: Line = Field(description="清单名称，例如 2025年秋季科学报告主题清单")
    issuer: Line = Field(description="发布单位")
    valid: DateRange = Field(description="有效期")
    region: RegionCode | None = None
    summary: Paragraph | None = None
    items: list[TopicItem] = Field(min_length=1)
    delivered: list[Delivery] = Field(
        default_factory=list, description="已开展的报告（日期、学校地区、是否乡村学校），用于统计"
    )

    @model_validator(mode="after")
    def _unique_titles(self) -> TopicList:
        seen: set[str] = set()
        for item in self.items:
            if item.title in seen:
                raise PydanticCustomError(
                    "kj_topic_dup", "清单中有重复的报告题目：{title}", {"title": item.title}
                )
            seen.add(item.title)
        for delivery in self.delivered:
            if delivery.title not in seen:
                raise PydanticCustomError(
                    "kj_topic_delivered",
                    "已开展的报告“{title}”不在本清单的题目中",
                    {"title": delivery.title},
                )
        return self
