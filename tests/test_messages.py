"""Pydantic's errors in Chinese only: the English goes to the developer detail, types are named, and
dates show the nearest valid YYYY-MM-DD form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kejiao.messages import date_advice, describe, english
from kejiao.yamlsafe import Node, parse


class Strict(BaseModel):
    """Field types as the models declare them once they are strict (no 1 ↔ true)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    hours: int | None = None
    vocational: bool | None = None
    when: dt.date | None = None
    mode: Literal["线下", "线上"] | None = None
    phone: str | None = Field(default=None, pattern=r"^[0-9+()\- ]{5,20}$")
    title: str | None = None


def messages(text: str) -> list[str]:
    doc = parse(text)
    with pytest.raises(ValidationError) as info:
        Strict.model_validate(doc.data)
    out = []
    for error in info.value.errors(include_url=False):
        node = doc.locate(tuple(error["loc"]))
        out.append(describe(error, node))
        assert english(error)  # the English is kept for --debug...
        assert english(error) not in out[-1]  # ...and never shown by default
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hours: true\n", "应为整数，不能写 true（是/否不是数量）"),
        ('hours: "12"\n', "应为整数：请去掉引号，写成 12"),
        ("hours: 12.0\n", "应为整数：请写成 12"),
        ("vocational: 1\n", "应为 true 或 false，不能写数字 1（是写 true，否写 false）"),
        ('vocational: "true"\n', "应为 true 或 false：请去掉引号，写成 true"),
        ("mode: 线下课\n", "取值应为以下之一：线下、线上"),
        ("phone: 4008123456\n", '电话号码要加引号：请写成 "4008123456"'),
        ("title: 2026-01-01\n", '请加引号写成 "2026-01-01"'),
        (
            'when: "2026-11-31"\n',
            "2026 年 11 月只有 30 天；应写成 YYYY-MM-DD，最接近的是 2026-11-30",
        ),
        ('when: "2026/3/5"\n', "日期应写成 YYYY-MM-DD：2026-03-05"),
        ("when: 2026-03-05 10:00:00\n", "应为日期，不含时间：请写成 2026-03-05"),
        ("when: 20260305\n", "日期应写成 YYYY-MM-DD：2026-03-05"),
        ('when: "2026-03-05"\n', "日期不要加引号：请写成 2026-03-05"),
    ],
)
def test_messages_are_chinese_and_say_what_to_write(text: str, expected: str) -> None:
    found = messages(text)
    assert len(found) == 1 and expected in found[0], found
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", found[0]), found  # no English sentence


def test_colon_in_a_list_item_suggests_quotes() -> None:
    class Notes(BaseModel):
        model_config = ConfigDict(strict=True)
        notes: list[str]

    doc = parse("notes:\n  - 注意: 周一闭馆\n")
    with pytest.raises(ValidationError) as info:
        Notes.model_validate(doc.data)
    (error,) = info.value.errors(include_url=False)
    message = describe(error, doc.locate(tuple(error["loc"])))
    assert message.endswith('请给整个值加引号："注意: 周一闭馆"'), message


def test_enum_choices_are_listed_once() -> None:
    (found,) = messages("mode: 混合\n")
    assert found.count("线下") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-31", "最接近的是 2026-11-30"),
        ("2026年2月30日", "2026 年 2 月只有 28 天"),
        ("2026-00-10", "没有 0 月"),
        ("2026.1.5", "2026-01-05"),
        ("明年三月", "应写成 YYYY-MM-DD"),
    ],
)
def test_date_advice(text: str, expected: str) -> None:
    assert expected in date_advice(text)


def test_unknown_error_types_are_still_chinese() -> None:
    error: dict[str, Any] = {"type": "something_new", "msg": "Something new happened", "loc": ()}
    assert describe(error, Node(1, 1)) == "取值不符合要求"
