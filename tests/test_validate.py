"""One record's own checks: template placeholders and suggestions for unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from kejiao.kinds import KINDS
from kejiao.pipeline import check
from kejiao.validate import suggest_field

from .conftest import ROOT, TODAY

COURSE = (ROOT / "tests/cases/dangling-reference/content/courses/c.yml").read_text(encoding="utf-8")
COURSE = "\n".join(
    line for line in COURSE.splitlines() if not line.startswith(("base:", "experts:"))
)


def diagnostics(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "content" / "courses" / "c.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _, found = check(tmp_path / "content", root=tmp_path, today=TODAY)
    return [d.format() for d in found]


def test_the_record_is_valid(tmp_path: Path) -> None:
    assert diagnostics(tmp_path, COURSE + "\n") == []


@pytest.mark.parametrize(
    "value",
    [
        "请填写课程名称",
        "请填写预约须知，例如 请提前 7 天预约",
        "https://example.org/请填写预约网址",
    ],
)
def test_placeholders_of_current_and_earlier_templates_are_errors(
    tmp_path: Path, value: str
) -> None:
    text = COURSE.replace("title: 测试课程", f"title: {value}").replace(
        'booking: {url: "https://example.org/"}',
        f'booking: {{url: "https://example.org/", note: "{value}"}}',
    )
    found = diagnostics(tmp_path, text + "\n")
    assert found and all("仍是模板占位文字" in line for line in found), found


def test_real_prose_that_says_qing_tian_xie_is_text(tmp_path: Path) -> None:
    text = COURSE.replace(
        'booking: {url: "https://example.org/"}',
        'booking: {url: "https://example.org/", note: 请填写预约单后提交}',
    )
    assert [line for line in diagnostics(tmp_path, text + "\n") if ": error: " in line] == []


@pytest.mark.parametrize(
    ("kind", "loc", "expected"),
    [
        ("base", ("adress",), "address"),
        ("base", ("地址",), "address"),
        ("base", ("开放时间",), "opening_hours"),
        ("base", ("coordinates", "lng"), "lon"),
        ("base", ("opening_hours", 0, "close"), "closes"),
        ("course", ("grades", "form"), "from"),
        ("course", ("booking", "电话"), "phone"),
        ("course", ("titel",), "title"),
        ("course", ("课程名称",), "title"),
        ("course", ("zzzz",), None),
    ],
)
def test_unknown_keys_get_a_suggestion(kind: str, loc: tuple, expected: str | None) -> None:
    assert suggest_field(KINDS[kind], loc) == expected


def test_a_suggested_field_is_not_also_reported_missing(tmp_path: Path) -> None:
    found = diagnostics(tmp_path, COURSE.replace("title:", "titel:", 1) + "\n")
    assert found == ["content/courses/c.yml:1:1: error: titel: 未知字段；是否为 title？"]


def test_every_text_value_is_walked_once_with_its_path() -> None:
    """Both checks that read every text (personal data, placeholders) share one walk of the
    record: every string at any depth, in file order; other values are not text."""
    from kejiao.validate import _strings

    data = {
        "title": "a",
        "n": 3,
        "lessons": [{"title": "b", "hours": 2}, "c", [["d"]]],
        "empty": [],
        "booking": {"note": "e", "url": None},
    }
    assert _strings(data) == [
        (("title",), "a"),
        (("lessons", 0, "title"), "b"),
        (("lessons", 1), "c"),
        (("lessons", 2, 0, 0), "d"),
        (("booking", "note"), "e"),
    ]
    assert _strings("x") == [((), "x")]
