"""The order records are shown in: Chinese readers expect pinyin order, not code-point order."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin

if TYPE_CHECKING:
    from .content import Entry


@cache
def _pinyin(title: str) -> str:
    return " ".join(lazy_pinyin(title, style=Style.TONE3))


def sort_key(entry: Entry) -> tuple[str, str]:
    return (_pinyin(entry.model.display_title), entry.id)


def by_title(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=sort_key)
