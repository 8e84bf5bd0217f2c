"""The record kinds. These pydantic models are the single source of truth; schemas/ is generated."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Base
from .common import Record
from .competition import Competition
from .course import Course
from .expert import Expert
from .topic_list import TopicList


@dataclass(frozen=True)
class Kind:
    name: str  # used in commands and schema file names
    folder: str  # content/<folder>/ and the URL segment
    label: str  # what users read
    model: type[Record]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("course", "courses", "课程", Course),
        Kind("base", "bases", "基地", Base),
        Kind("expert", "experts", "专家", Expert),
        Kind("topic_list", "topic-lists", "主题清单", TopicList),
        Kind("competition", "competitions", "竞赛", Competition),
    )
}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values()}

__all__ = [
    "BY_FOLDER",
    "KINDS",
    "Base",
    "Competition",
    "Course",
    "Expert",
    "Kind",
    "Record",
    "TopicList",
]
