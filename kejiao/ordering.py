"""The order records are shown in: Chinese readers expect pinyin order, not code-point order."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
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


# title → its pinyin. Converting is the slow part of sorting (about 60 µs a title), so every
# title is converted once per process, and the content check converts the titles in its worker
# processes and hands the results back (`pinyin_of`, `learn`).
_PINYIN: dict[str, str] = {}


def _pinyin(title: str) -> str:
    found = _PINYIN.get(title)
    if found is None:
        found = _PINYIN[title] = " ".join(
            lazy_pinyin(_first_real_character(title), style=Style.TONE3)
        )
    return found


def pinyin_of(titles: Iterable[str]) -> dict[str, str]:
    """The sort pinyin of each title."""
    return {title: _pinyin(title) for title in titles}


def learn(pinyin: dict[str, str]) -> None:
    """Take titles' pinyin computed by `pinyin_of` in another process."""
    _PINYIN.update(pinyin)


def sort_key(entry: Entry) -> tuple[str, str]:
    return (_pinyin(entry.model.display_title), entry.id)


def by_title(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=sort_key)
