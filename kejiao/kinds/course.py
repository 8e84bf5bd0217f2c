"""The 课程 kind (course): everything the catalogue knows about it."""

from __future__ import annotations

from ..models.course import Course
from .spec import Kind

KIND = Kind("course", "courses", "课程", Course)
