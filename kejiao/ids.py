"""Record ids from Chinese names: pinyin syllables joined by hyphens (e.g. bei-jing-tian-wen-guan)."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

MAX_LENGTH = 63


def slug_for(title: str, taken: set[str]) -> str:
    """A readable id for `title`, cut at a syllable to at most MAX_LENGTH characters, made unique
    against `taken` with -2, -3…. The caller records the result in `taken`."""
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(title)]
    parts: list[str] = []
    for s in filter(None, syllables):
        if len("-".join([*parts, s])) > MAX_LENGTH:
            break
        parts.append(s)
    base = "-".join(parts) or "ji-lu"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
