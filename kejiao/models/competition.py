"""竞赛 (competition): a contest, with its place on the Ministry of Education whitelist if any."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..vocab import Domain, Level, Stage, WhitelistCategory
from .common import (
    Cost,
    DateRange,
    GradeRange,
    Id,
    Line,
    MarkdownText,
    Paragraph,
    Record,
    Strict,
    Summary,
    Url,
    integer,
    line,
)


class Whitelist(Strict):
    """教育部面向中小学生的全国性竞赛活动名单。"""

    cycle: line(pattern=r"^\d{4}-\d{4}$", hint="应写成 2025-2028 的形式（加引号）") | None = Field(
        None, description="名单周期，例如 2025-2028"
    )
    category: WhitelistCategory
    notice: Line | None = Field(None, description="通知文号，例如 教监管厅函〔2025〕7号")
    seq: integer(ge=1) | None = Field(None, description="在名单中的序号")


class Edition(Strict):
    """一届（一个学年）的报名与比赛时间。"""

    name: Line = Field(description="届次，例如 2025—2026学年")
    registration: DateRange | None = Field(None, description="报名时间")
    event: DateRange | None = Field(None, description="比赛时间")
    url: Url | None = Field(None, description="本届通知网址")
    note: Paragraph | None = None


class Competition(Record):
    """竞赛。"""

    title_field: ClassVar[str] = "name"

    name: Line = Field(description="竞赛名称")
    summary: Summary | None = Field(None, description="一两句话的简介（最多 300 字）")
    description: MarkdownText | None = None
    organizers: list[Line] = Field(min_length=1, description="主办单位")
    whitelist: Whitelist | None = None
    level: Level
    stages: list[Stage] = Field(min_length=1, description="面向学段")
    grades: GradeRange | None = None
    fields: list[Domain] = Field(default_factory=list)
    editions: list[Edition] = Field(default_factory=list)
    fee: Cost | None = None
    website: Url | None = None
    courses: list[Id] = Field(default_factory=list, description="相关课程编号")
    bases: list[Id] = Field(default_factory=list, description="相关基地编号")
