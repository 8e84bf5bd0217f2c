"""课程 (course): a course a school can book, from a base or another provider."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..vocab import CourseType, Domain, Mode
from .common import (
    Booking,
    Cost,
    GradeRange,
    Id,
    Line,
    MarkdownText,
    Paragraph,
    Record,
    RegionCode,
    Strict,
    Summary,
    integer,
    one_of_required,
)


class Lesson(Strict):
    title: Line = Field(description="课次名称")
    hours: integer(ge=1, le=100) | None = Field(None, description="本课次课时数")
    summary: Paragraph | None = None


class Curriculum(Strict):
    """对应的课程标准（课标）内容。"""

    standard: Line = Field(description="课程标准，例如 义务教育科学课程标准（2022年版）")
    topic: Line = Field(description="对应的学习内容或核心概念")


PROVIDER_MISSING = "需填写 base（开设课程的基地编号）或 provider（开设单位名称）"


class Course(Record):
    """课程。"""

    model_config = ConfigDict(
        json_schema_extra=one_of_required(("base", "provider"), PROVIDER_MISSING)
    )

    title: Line = Field(description="课程名称")
    summary: Summary = Field(description="一两句话的简介（最多 300 字）")
    description: MarkdownText | None = Field(None, description="详细介绍（Markdown）")
    base: Id | None = Field(None, description="开设课程的基地编号（content/bases/ 下的文件名）")
    provider: Line | None = Field(None, description="开设单位名称（不是本目录中的基地时填写）")
    course_type: CourseType = Field(description="课程类型")
    fields: list[Domain] = Field(min_length=1, description="领域（可多选）")
    grades: GradeRange
    hours: integer(ge=1, le=500) = Field(description="总课时")
    lesson_minutes: integer(ge=10, le=240) = Field(40, description="每课时分钟数")
    lessons: list[Lesson] = Field(default_factory=list, description="课次安排")
    mode: Mode = Field(description="授课形式")
    region: RegionCode | None = Field(None, description="开课地区（线上课程可不填）")
    venue: Line | None = Field(None, description="上课地点")
    cost: Cost
    capacity: integer(ge=1, le=100000) | None = Field(None, description="每期/每班人数上限")
    booking: Booking
    experts: list[Id] = Field(default_factory=list, description="授课或指导专家编号")
    curriculum: Curriculum | None = None

    @model_validator(mode="after")
    def _provider(self) -> Course:
        if not self.base and not self.provider:
            raise PydanticCustomError("kj_course_provider", PROVIDER_MISSING)
        return self
