"""The order records are shown in: Chinese readers expect pinyin order, not code-point order."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin

if TYPE_CHECKING:
    from .content import Entry


def _first_real_character(title: str) -> str:
    """The title from its first letter or digit: “上海…” sorts under S, not after every name."""
    start = 0
    while start < len(title) and unicodedata.category(title[start])[0] in "PSZ":
        start += 1
    return title[start:] or title


@cache
def _pinyin(title: str) -> str:
    return " ".join(lazy_pinyin(_first_real_character(title), style=Style.TONE3))


def sort_key(entry: Entry) -> tuple[str, str]:
    return (_pinyin(entry.model.display_title), entry.id)


def by_title(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=sort_key)
