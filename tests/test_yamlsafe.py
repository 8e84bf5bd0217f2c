"""Strict YAML reading: traps refused with positions, positions kept for valid files."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kejiao.yamlsafe import MAX_BYTES, YamlError, decode, parse

from .conftest import TODAY, run_cli


def problems(text: str) -> list[str]:
    with pytest.raises(YamlError) as info:
        parse(decode(text.encode("utf-8")))
    return [f"{p.line}:{p.column} {p.message}" for p in info.value.problems]


def test_positions_of_values_and_keys() -> None:
    doc = parse("title: 天文\nlessons:\n  - title: 一\n    hours: 2\nstart: 2025-10-01\n")
    assert doc.data["lessons"][0]["hours"] == 2
    assert doc.data["start"] == dt.date(2025, 10, 1)
    node = doc.nodes[("lessons", 0, "hours")]
    assert (node.line, node.column, node.text, node.plain) == (4, 12, "2", True)
    assert (doc.keys[("lessons", 0, "hours")].line, doc.keys[("lessons", 0, "hours")].column) == (
        4,
        5,
    )
    assert doc.locate(("lessons", 0, "missing")).line == 3


def test_quoted_scalars_stay_text() -> None:
    doc = parse("a: \"0101\"\nb: 'no'\nc: !!str 2025-10-01\n")
    assert doc.data == {"a": "0101", "b": "no", "c": "2025-10-01"}
    assert not doc.nodes[("a",)].plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: on\n", "1:4 未加引号的 on 会被 YAML 读成布尔值 true"),
        ("a: Off\n", "1:4 未加引号的 Off 会被 YAML 读成布尔值 false"),
        ("a: 17:00\n", "1:4 未加引号的 17:00 会被 YAML 读成六十进制数 1020"),
        (
            "a: !!python/object:os.system x\n",
            "1:4 不支持的 YAML 标签 tag:yaml.org,2002:python/object:os.system",
        ),
        ("? [a, b]\n: c\n", "1:3 键必须是简单文字"),
        ("a: 1\nb: 2\na: 3\n", "3:1 重复的键 a（第 1 行已出现）"),
        ("a: [1, 2\n", "2:1 YAML 语法错误"),
        ("a: 1\n\x07\n", "2:1 含有不可见的控制字符 U+0007"),
    ],
)
def test_traps(text: str, expected: str) -> None:
    assert any(p.startswith(expected) or expected in p for p in problems(text)), problems(text)


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError) as info:
        decode(b"a: " + b"x" * (MAX_BYTES + 1))
    assert "文件过大" in info.value.problems[0].message


def test_ten_megabyte_record_and_ten_thousand_aliases_fail_cleanly(project, capsys) -> None:
    root = project()
    folder = root / "content" / "courses"
    folder.mkdir()
    (folder / "big.yml").write_bytes(b"title: " + b"x" * 10_000_000 + b"\n")
    aliases = "base: &b [1, 2, 3]\nmany: [" + ", ".join(["*b"] * 10_000) + "]\n"
    (folder / "aliases.yml").write_text(aliases, encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous site", encoding="utf-8")
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert "content/courses/big.yml:1:1: error: 文件过大" in output
    assert "content/courses/aliases.yml:1:7: error: 不支持 YAML 锚点 &b" in output
    assert "Traceback" not in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_document_or_a_located_error(text: str) -> None:
    try:
        parse(decode(text.encode("utf-8")))
    except YamlError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in exc.problems)
