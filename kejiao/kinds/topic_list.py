"""The 主题清单 kind (topic_list): everything the catalogue knows about it."""

from __future__ import annotations

from ..models.topic_list import TopicList
from .spec import Kind

KIND = Kind("topic_list", "topic-lists", "主题清单", TopicList)
