"""The maintainers' synonym list for the header search, kejiao/data/synonyms.yml: read and checked
with messages a maintainer can act on. `validate` and `build` both check it, in the same run as the
records, so a bad line is reported with every other error."""

from __future__ import annotations

from importlib.resources import files

from .diagnostics import DiagnosticSink
from .errors import ContentError
from .yamlsafe import YamlError, parse

SYNONYMS_FILE = "kejiao/data/synonyms.yml"  # as messages name it


def shipped_text() -> str:
    return (files("kejiao") / "data" / "synonyms.yml").read_text(encoding="utf-8")


def check_synonyms(sink: DiagnosticSink, text: str | None = None) -> None:
    """Add the synonym list's errors to `sink`."""
    try:
        load_synonyms(text)
    except ContentError as error:
        sink.extend(error.diagnostics)


def load_synonyms(text: str | None = None) -> dict[str, list[str]]:
    """The synonym list: {word typed: [words it also finds]}. Raise ContentError naming every bad
    line of the file."""
    if text is None:
        text = shipped_text()
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
