"""The record kinds. These pydantic models are the single source of truth; schemas/ is generated."""

from __future__ import annotations

from .base import Base
from .common import Record
from .competition import Competition
from .course import Course
from .expert import Expert
from .topic_list import TopicList

__all__ = [
    "Base",
    "Competition",
    "Course",
    "Expert",
    "Record",
    "TopicList",
]
