"""科普/科学教育基地 (base): a venue, lab, company or site that receives students or sends courses."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..vocab import BaseCategory, BaseType, RecognitionLevel, Service, Weekday
from .common import (
    Booking,
    Contact,
    Coordinates,
    Cost,
    GradeRange,
    Line,
    MarkdownText,
    Paragraph,
    Record,
    RegionCode,
    Strict,
    Summary,
    Time,
    Url,
    Year,
    integer,
)


class Recognition(Strict):
    title: Line = Field(description="称号，例如 全国科普教育基地")
    level: RecognitionLevel
    start_year: Year = Field(description="认定年份或有效期起始年")
    end_year: Year | None = Field(None, description="有效期截止年（如 2025）")
    issuer: Line | None = Field(None, description="认定单位")

    def label(self) -> str:
        years = f"{self.start_year}–{self.end_year}" if self.end_year else f"{self.start_year}"
        return f"{self.title}（{self.level.value}，{years}）"


class OpeningHours(Strict):
    days: list[Weekday] = Field(min_length=1, description="开放的星期")
    opens: Time
    closes: Time

    @model_validator(mode="after")
    def _ordered(self) -> OpeningHours:
        if self.opens >= self.closes:
            raise PydanticCustomError("kj_hours_order", "开馆时间应早于闭馆时间 (opens >= closes)")
        return self

    def label(self) -> str:
        return f"{'、'.join(d.value for d in self.days)} {self.opens}–{self.closes}"


class OpenDay(Strict):
    """开放日（具体日期）。"""

    title: Line
    date: dt.date
    end_date: dt.date | None = None
    note: Paragraph | None = None
    url: Url | None = None


class Base(Record):
    """科普/科学教育基地。"""

    title_field: ClassVar[str] = "name"

    name: Line = Field(description="基地名称")
    short_name: Line | None = Field(None, description="简称")
    summary: Summary = Field(description="一两句话的简介（最多 300 字）")
    description: MarkdownText | None = None
    category: BaseCategory = Field(description="全国科普教育基地的六个类别之一")
    type: BaseType = Field(description="细分类型")
    recognitions: list[Recognition] = Field(default_factory=list, description="认定称号")
    region: RegionCode
    address: Line = Field(description="地址")
    coordinates: Coordinates | None = None
    opening_hours: list[OpeningHours] = Field(default_factory=list)
    hours_note: Paragraph | None = Field(
        None, description="开放时间说明，例如 周一闭馆（法定节假日除外）"
    )
    open_days: list[OpenDay] = Field(default_factory=list)
    grades: GradeRange | None = Field(None, description="服务的年级")
    group_capacity: integer(ge=1, le=100000) | None = Field(None, description="团体接待人数上限")
    services: list[Service] = Field(default_factory=list, description="服务项目")
    booking: Booking | None = None
    cost: Cost | None = None
    accessibility: Paragraph | None = Field(None, description="无障碍设施与服务")
    website: Url | None = None
    contact: Contact | None = Field(None, description="机构联系方式")
