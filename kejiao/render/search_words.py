"""The words the header search understands beyond the records' own text: stage and grade words
(小学, 初一, 五年级). The maintainers' synonym list is read and checked by kejiao/synonyms.py."""

from __future__ import annotations

STAGE_RANGES = {"小学": (1, 6), "初中": (7, 9), "高中": (10, 12)}
_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _stage_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for stage in ("小学", "初中", "高中", "中职"):
        words[stage] = words[stage + "生"] = [f"@{stage}"]
    words["中学"] = words["中学生"] = ["@初中", "@高中"]
    words["中小学"] = words["中小学生"] = ["@小学", "@初中", "@高中"]
    for grade, number in enumerate(_NUMBERS, start=1):
        words[f"{number}年级"] = words[f"{grade}年级"] = [f"@g{grade}"]
    for i, number in enumerate(_NUMBERS[:3]):
        words[f"初{number}"] = [f"@g{7 + i}"]
        words[f"高{number}"] = [f"@g{10 + i}"]
    return words


# Query word → the stage terms that satisfy it (any of them). search.js reads it from meta.json.
STAGE_GRADES: dict[str, list[str]] = _stage_words()


def grade_terms(stages: list[str], grades: tuple[int, int] | None) -> list[str]:
    """The stage terms a record carries: its stages, and every grade it serves (from its grade
    range, else from its stages)."""
    terms = [f"@{s}" for s in stages]
    if grades:
        span = set(range(grades[0], grades[1] + 1))
    else:
        span = {g for s in stages if s in STAGE_RANGES for g in range(*_inclusive(s))}
    return terms + [f"@g{g}" for g in sorted(span)]


def _inclusive(stage: str) -> tuple[int, int]:
    low, high = STAGE_RANGES[stage]
    return low, high + 1
