"""科学报告/科普活动主题清单 (topic list): a published list of lecture topics schools can request."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import ConfigDict, Field, model_validator
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
    one_of_required,
    paragraph,
)

SPEAKER_MISSING = "需填写 speaker（专家编号）、speaker_name（清单上写的主讲人姓名）或 organization（提供报告的单位）"
SPEAKER_TWICE = "已填写专家编号 speaker，就不要再填 speaker_name（姓名以专家记录为准）"
# Both given as text (a null is "not given", as pydantic reads it).
_BOTH = {
    "required": ["speaker", "speaker_name"],
    "properties": {"speaker": {"type": "string"}, "speaker_name": {"type": "string"}},
}


class TopicItem(Strict):
    """清单中的一个报告。只有题目必填：真实清单常常只写题目和主讲人，没写的事实留空，页面显示“未注明”，
    从不猜测。主讲人三选一：专家编号、清单上写的姓名，或提供报告的单位。"""

    model_config = ConfigDict(
        json_schema_extra={
            **one_of_required(("speaker", "speaker_name", "organization"), SPEAKER_MISSING),
            "allOf": [{"not": _BOTH, "errorMessage": SPEAKER_TWICE}],
        }
    )

    title: Line = Field(description="报告题目（按清单原文）")
    speaker: Id | None = Field(None, description="主讲专家编号（content/experts/ 下的文件名）")
    speaker_name: Line | None = Field(
        None,
        description="主讲人姓名，按清单原文填写（主讲人不在 content/experts/ 中时填写；不必另建专家记录）",
    )
    organization: Line | None = Field(
        None, description="提供报告的单位（或主讲人所在单位；按清单原文）"
    )
    field: Domain | None = Field(None, description="领域（清单没写就不填，显示为未注明）")
    grades: GradeRange | None = Field(None, description="适合年级（清单没写就不填，显示为未注明）")
    duration: integer(ge=10, le=480) | None = Field(
        None, description="时长（分钟；清单没写就不填，显示为未注明）"
    )
    format: TalkFormat | None = Field(None, description="形式（清单没写就不填，显示为未注明）")
    abstract: paragraph(1000) | None = Field(None, description="内容简介（最多 1000 字，可不填）")

    # The facts a published list may leave out, in the order a teacher asks: (attribute, label).
    STATED: ClassVar[tuple[tuple[str, str], ...]] = (
        ("grades", "适合年级"), ("duration", "时长"), ("format", "形式"), ("field", "领域"),
    )  # fmt: skip

    def missing_facts(self) -> list[str]:
        """Labels of the facts the list does not state for this item (shown as 未注明)."""
        return [label for name, label in self.STATED if getattr(self, name) is None]

    @model_validator(mode="after")
    def _who(self) -> TopicItem:
        if not (self.speaker or self.speaker_name or self.organization):
            raise PydanticCustomError("kj_topic_speaker", SPEAKER_MISSING)
        if self.speaker and self.speaker_name:
            raise PydanticCustomError("kj_topic_speaker_twice", SPEAKER_TWICE)
        return self


class Delivery(Strict):
    """一场已经开展的报告：宁波“每年 ≥ 100 场科学家报告、其中 ≥ 20% 进乡村学校”的统计依据。"""

    date: dt.date = Field(description="开展日期")
    title: Line = Field(description="报告题目（清单中的题目）")
    region: RegionCode = Field(description="学校所在区县的行政区划代码")
    rural: bool | None = Field(None, description="是否乡村学校（不清楚就不填，统计时记为未注明）")


class TopicList(Record):
    """主题清单。"""

    title: Line = Field(description="清单名称，例如 2025年秋季科学报告主题清单")
    issuer: Line = Field(description="发布单位（组织报告的机构，学校通过它预约）")
    published: dt.date | None = Field(None, description="发布日期（清单、简报或通知落款的日期）")
    valid: DateRange | None = Field(None, description="有效期（清单没写就不填，显示为未注明）")
    region: RegionCode | None = None
    summary: Paragraph | None = None
    items: list[TopicItem] = Field(min_length=1)
    delivered: list[Delivery] = Field(
        default_factory=list, description="已开展的报告（日期、学校地区、是否乡村学校），用于统计"
    )

    def unstated_facts(self) -> list[str]:
        """Labels of the facts no item of the list states (said once for the list, not per item)."""
        return [
            f
            for f in self.items[0].missing_facts()
            if all(f in i.missing_facts() for i in self.items)
        ]

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
