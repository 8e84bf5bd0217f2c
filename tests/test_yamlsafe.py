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
        ("a: 1\n\x07\n", "2:1 含有不可见的控制字符 响铃符（U+0007）"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hours: 012\n", "1:8 未加引号的 012 以 0 开头，会被读成八进制数 10（编辑器读成 12）"),
        ("hours: 08\n", "1:8 未加引号的 08 以 0 开头，会被编辑器读成数字 8"),
        ("hours: -007\n", "表示数量请写 -7"),
        ("x: 00.5\n", "表示数量请写 0.5"),
        ("x: 0b101\n", "1:4 未加引号的 0b101 会被读成数字 5，编辑器却把它当作文字"),
        ("x: 1_000\n", "未加引号的 1_000 会被读成数字 1000"),
        ("x: 0o17\n", "未加引号的 0o17 在编辑器里是数字"),
        ("x: 1e3\n", "未加引号的 1e3 在编辑器里是数字"),
        ("x: =\n", "未加引号的 = 在 YAML 中有特殊含义"),
        ("booking:\n  phone: 01062345678\n", '2:10 电话号码要加引号：请写成 "01062345678"'),
        ("last_verified: 2026-11-31\n", "1:16 日期 2026-11-31 不存在：2026 年 11 月只有 30 天"),
        ("d: 2026-02-30\n", "最接近的是 2026-02-28"),
        ("d: 2028-02-30\n", "2028 年 2 月只有 29 天"),
    ],
)
def test_values_that_would_change_meaning(text: str, expected: str) -> None:
    assert any(expected in p for p in problems(text)), problems(text)


@pytest.mark.parametrize(
    "text", ["x: 12\n", "x: 0\n", "x: -3\n", "x: 0.5\n", "x: 1.5e3\n", "x: +12\n", "x: 0x1F\n",
             'x: "012"\n', "x: '08'\n", "x: 2026-02-28\n", "x: .5\n", "x: 010-6234\n"],
)  # fmt: skip
def test_numbers_both_yaml_versions_agree_on_pass(text: str) -> None:
    parse(decode(text.encode("utf-8")))


def test_values_keep_their_types() -> None:
    doc = parse("a: 12\nb: true\nc: 1.5\nd: 2026-01-02\ne: null\nf: '12'\n")
    assert doc.data == {
        "a": 12,
        "b": True,
        "c": 1.5,
        "d": dt.date(2026, 1, 2),
        "e": None,
        "f": "12",
    }
    assert [type(v) for v in doc.data.values()] == [int, bool, float, dt.date, type(None), str]


def field_problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(YamlError) as info:
        parse(decode(text.encode("utf-8")))
    return [(f"{p.line}:{p.column}:{p.field}", p.message) for p in info.value.problems]


@pytest.mark.parametrize(
    ("escape", "name"),
    [("\\e", "U+001B"), ("\\0", "U+0000"), ("\\x0c", "U+000C"), ("\\u2028", "U+2028"),
     ("\\u2029", "U+2029"), ("\\N", "U+0085"), ("\\x9b", "U+009B"), ("\\r", "U+000D"),
     ("\\a", "U+0007"), ("\\v", "U+000B")],
)  # fmt: skip
def test_control_characters_written_as_escapes(escape: str, name: str) -> None:
    found = field_problems(f'title: 课程\nlessons:\n  - title: "第一{escape}课"\n')
    assert len(found) == 1, found
    where, message = found[0]
    assert where == "3:12:lessons.0.title" and name in message and "转义" in message


def test_bad_escapes_are_syntax_errors_in_chinese() -> None:
    assert problems('a: "x\\ud800y"\n') == ["1:8 YAML 语法错误：引号里的 \\u 转义不是有效的字符"]
    assert "要写反斜杠本身请用单引号" in problems('a: "C:\\Windows"\n')[0]


def test_tab_and_newline_escapes_stay_allowed_in_text() -> None:
    doc = parse('note: "第一行\\n第二行\\t说明"\n')
    assert doc.data["note"] == "第一行\n第二行\t说明"


@pytest.mark.parametrize(
    ("raw", "name"),
    [("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\r", "U+000D"), ("\x85", "U+0085")],
)
def test_raw_line_separators_are_refused(raw: str, name: str) -> None:
    assert any(name in p for p in problems(f"a: 第一{raw}第二\nb: 1\n"))


def test_crlf_line_ends_are_fine() -> None:
    assert parse(decode(b"a: 1\r\nb: x\r\n")).data == {"a": 1, "b": "x"}


def test_full_width_colon_is_named_on_its_own_line() -> None:
    found = field_problems("title: 课程\nsummary：简介\nhours: 4\nmode: 线下\n")
    assert found == [("2:8:summary", "这里用了中文冒号“：”；请改成英文冒号加空格：summary: …")]


def test_full_width_space_indentation_is_named_on_its_own_line() -> None:
    found = field_problems("coordinates:\n  lat: 39.9\n\u3000\u3000lon: 116.3\nx: 1\n")
    assert found[0][0] == "3:1:lon" and "全角空格" in found[0][1]
    found = field_problems("a:\n  b: 1\n  \u3000c: 2\n")
    assert found[0][0] == "3:3:c" and "全角空格" in found[0][1]


def test_colon_inside_a_value_suggests_quotes() -> None:
    found = field_problems("name: 基地\nhours_note: 注意: 周一闭馆\n")
    assert found == [
        (
            "2:15:hours_note",
            '值里的“冒号+空格”会被 YAML 当成新的键；请给整个值加引号：hours_note: "注意: 周一闭馆"',
        )
    ]


def test_hash_in_prose_warns_but_linter_style_comments_do_not() -> None:
    doc = parse(
        "a: 周一闭馆 #法定节假日照常开放\nb: 科技馆  # 说明\nc: 12 #x\nd: '引号 #里'\ne: 文字  #紧贴\n"
    )
    assert doc.data["a"] == "周一闭馆"
    found = [(w.line, w.column, w.field) for w in doc.warnings]
    assert found == [(1, 9, "a"), (5, 8, "e")]
    assert '请给整个值加引号："周一闭馆 #法定节假日照常开放"' in doc.warnings[0].message
    assert not parse("a: 1\n# 整行注释\nb: 文字\n").warnings


def test_hash_inside_brackets_is_named_on_its_line() -> None:
    found = field_problems(
        "name: 基地\nservices: [研学, 开放日 #暂停]\nlast_verified: 2026-01-01\n"
    )
    assert found[0][0] == "2:20:services" and "括号因此没有闭合" in found[0][1]


@pytest.mark.parametrize(
    "text",
    ["08", "01062345678", "1e5", "0o12", "1_000", "yes", "12", "2026-01-01", "null", "周一", "a"],
)
def test_text_written_by_the_spreadsheet_import_reads_back_unchanged(text: str) -> None:
    from kejiao.opendata.spreadsheet import to_yaml

    assert parse(to_yaml("course", {"title": text})).data == {"title": text}
