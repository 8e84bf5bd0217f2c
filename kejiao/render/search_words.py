"""The words the header search understands beyond the records' own text: stage and grade words
(小学, 初一, 五年级) and the maintainers' synonym list, kejiao/data/synonyms.yml, checked here with
messages a maintainer can act on."""

from __future__ import annotations

from importlib.resources import files

from ..diagnostics import DiagnosticSink
from ..errors import ContentError
from ..yamlsafe import YamlError, parse

SYNONYMS_FILE = "kejiao/data/synonyms.yml"  # as messages name it

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


def load_synonyms(text: str | None = None) -> dict[str, list[str]]:
    """The synonym list: {word typed: [words it also finds]}. Raise ContentError naming every bad
    line of the file."""
    if text is None:
        text = (files("kejiao") / "data" / "synonyms.yml").read_text(encoding="utf-8")
    sink = DiagnosticSink()
    try:
        doc = parse(text)
    except YamlError as error:
        for p in error.problems:
            sink.error(SYNONYMS_FILE, p.line, p.column, "", p.message)
        raise ContentError(sink.sorted()) from None
    out: dict[str, list[str]] = {}
    if not isinstance(doc.data, dict):
        sink.error(
            SYNONYMS_FILE, 1, 1, "", "同义词表应写成「词: [同义词, 同义词]」的形式，每行一个词"
        )
        raise ContentError(sink.sorted())
    for key, value in doc.data.items():
        node = doc.locate((key,), key=True)
        word = str(key).strip() if isinstance(key, str | int) else ""
        if not word:
            sink.error(SYNONYMS_FILE, node.line, node.column, str(key), "词不能为空")
            continue
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            at = doc.locate((key,))
            sink.error(SYNONYMS_FILE, at.line, at.column, word,
                       f"「{word}」后面应写一个或多个同义词，例如 {word}: [词一, 词二]")  # fmt: skip
            continue
        found = []
        for i, item in enumerate(values):
            if not isinstance(item, str | int) or not str(item).strip():
                at = doc.locate((key, i))
                sink.error(SYNONYMS_FILE, at.line, at.column, f"{word}.{i}",
                           f"「{word}」的第 {i + 1} 个同义词不是文字（不能为空或嵌套列表）")  # fmt: skip
                continue
            if str(item).strip() == word:
                at = doc.locate((key, i))
                sink.error(SYNONYMS_FILE, at.line, at.column, f"{word}.{i}",
                           f"「{word}」不必写成自己的同义词")  # fmt: skip
                continue
            found.append(str(item).strip().lower())
        if word.lower() in out:
            sink.error(SYNONYMS_FILE, node.line, node.column, word,
                       f"「{word}」写了两次；请合并到一行")  # fmt: skip
        out[word.lower()] = list(dict.fromkeys(found))
    if sink.errors:
        raise ContentError(sink.sorted())
    return out
