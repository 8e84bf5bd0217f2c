"""科学报告/科普活动主题清单 (topic list): a published list of lecture topics schools can request."""

from __future__ import annotations

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


class TopicList(Record):
    """主题清单。"""

    title: Line = Field(description="清单名称，例如 2025年秋季科学报告主题清单")
    issuer: Line = Field(description="发布单位")
    valid: DateRange = Field(description="有效期")
    region: RegionCode | None = None
    summary: Paragraph | None = None
    items: list[TopicItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_titles(self) -> TopicList:
        seen: set[str] = set()
        for item in self.items:
            if item.title in seen:
                raise PydanticCustomError(
                    "kj_topic_dup", "清单中有重复的报告题目：{title}", {"title": item.title}
                )
            seen.add(item.title)
        return self
