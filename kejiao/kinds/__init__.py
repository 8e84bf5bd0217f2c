"""The record kinds: one module per kind (kinds/<name>.py) holds everything the catalogue knows
about that kind. The rest of the code loops over `KINDS`; it never branches on a kind's name."""

from __future__ import annotations

from .base import KIND as _BASE
from .competition import KIND as _COMPETITION
from .course import KIND as _COURSE
from .expert import KIND as _EXPERT
from .parts import Table
from .spec import Kind
from .topic_list import KIND as _TOPIC_LIST

# Display order everywhere (home page, lists, data package, search results).
KINDS: dict[str, Kind] = {k.name: k for k in (_COURSE, _BASE, _EXPERT, _TOPIC_LIST, _COMPETITION)}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values()}


def all_tables() -> list[Table]:
    """Every table of the open-data package: each kind's, in the kinds' order."""
    return [table for kind in KINDS.values() for table in kind.tables]


def kind_named(word: str) -> Kind | None:
    """A kind by its name (topic_list) or its folder (topic-lists), as users may type either."""
    return KINDS.get(word) or BY_FOLDER.get(word)


__all__ = ["BY_FOLDER", "KINDS", "Kind", "all_tables", "kind_named"]
