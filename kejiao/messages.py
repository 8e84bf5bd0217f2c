"""Pydantic's validation errors and YAML values, reworded in Chinese for maintainers.

The Chinese message stands alone; pydantic's English text is returned apart (`english`) so that only
`build.py --debug` shows it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # yamlsafe imports this module for date advice
    from .yamlsafe import Node

_TEMPLATES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（是否拼写错误？）",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "string_too_long": "太长（最多 {max_length} 个字）",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "list_type": "应为列表（每项一行，以“- ”开头）",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "dict_type": "应为键值对（下一行缩进后写子字段）",
    "model_type": "应为键值对（下一行缩进后写子字段）",
    "model_attributes_type": "应为键值对（下一行缩进后写子字段）",
    "enum": "取值应为以下之一：{expected}",
    "literal_error": "取值应为以下之一：{expected}",
    "date_type": "应为日期 YYYY-MM-DD",
    "date_parsing": "应为日期 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期 YYYY-MM-DD（不含时间）",
}

_PATTERN_HINTS = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "编号只能用小写字母、数字和连字符，例如 zhong-guo-ke-ji-guan",
    "^\\d{4}-\\d{4}$": "应写成 2025-2028 的形式（加引号）",
    "^[0-9+()\\- ]{5,20}$": "电话只能含数字、空格、+、-、括号",
    "^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$": "邮箱格式不正确",
}

_YAML_TYPES = {
    bool: "布尔值",
    int: "数字",
    float: "数字",
    dt.date: "日期",
    dt.datetime: "日期时间",
}


def field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def english(error: dict[str, Any]) -> str:
    """Pydantic's own English text of an error (developer detail); "" for our own Chinese errors."""
    return "" if error["type"].startswith("kj_") else str(error.get("msg", ""))


def describe(error: dict[str, Any], node: Node | None) -> str:
    """One Chinese message for one pydantic error, with a hint about YAML quoting when it applies."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind.startswith("kj_"):  # our own validators already speak Chinese
        return str(error["msg"])
    template = _TEMPLATES.get(kind)
    if template is None:
        message = "取值不符合要求"
    else:
        message = template.format(**{k: _ctx(v) for k, v in ctx.items()})
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")))
        if hint:
            message = f"{message}：{hint}"
    value = error.get("input")
    loc = tuple(error.get("loc") or ())
    written = node.text if node is not None and node.plain and node.text is not None else None
    if kind == "string_type" and value is None:
        message = "不能为空：请填写内容；可选字段不需要时请整行删去"
    elif kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        message = (
            f"应为文字，但其中的“冒号+空格”让 YAML 把它读成了“{key}: {inner}”这样的键值对；"
            f'请给整个值加引号："{key}: {inner}"'
        )
    elif kind == "string_type" and written is not None:
        yaml_type = next((n for t, n in _YAML_TYPES.items() if type(value) is t), None)
        if yaml_type and loc and str(loc[-1]) == "phone":
            message = (
                f'电话号码要加引号：请写成 "{written}"；不加引号会被读成数字，'
                "开头的 0 和中间的 - 都会丢失"
            )
        elif yaml_type:
            shown = value if not isinstance(value, bool) else str(value).lower()
            message = (
                f"应为文字，但未加引号的 {written} 被 YAML 读成了{yaml_type} {shown}；"
                f'请加引号写成 "{written}"'
            )
    elif kind.startswith("int_") or kind.startswith("float_"):
        message = _number_message(message, value)
    elif kind.startswith("bool_"):
        message = _bool_message(message, value)
    elif kind.startswith("date_"):
        message = _date_message(kind, value)
    return message


def _number_message(message: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"{message}，不能写 {str(value).lower()}（是/否不是数量）"
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]+(\.[0-9]+)?\s*", value):
        return f"{message}：请去掉引号，写成 {value.strip()}"
    if isinstance(value, float) and value.is_integer():
        return f"{message}：请写成 {int(value)}"
    return message


def _bool_message(message: str, value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{message}，不能写数字 {value}（是写 true，否写 false）"
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return f"{message}：请去掉引号，写成 {value.strip().lower()}"
    if isinstance(value, str):
        return f"{message}（是写 true，否写 false），不能写“{value}”"
    return message


def _date_message(kind: str, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"应为日期，不含时间：请写成 {value.date().isoformat()}"
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return date_advice(value)
        return f"日期不要加引号：请写成 {day.isoformat()}"
    if isinstance(value, int) and not isinstance(value, bool):
        return date_advice(str(value))
    return "应为日期，写成 YYYY-MM-DD，例如 2026-09-01"


_LOOSE_DATE = re.compile(
    r"\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?\s*"
    r"(?:[Tt ]\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s*"
)

_COMPACT_DATE = re.compile(r"\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*")  # 20260305, as typed in Excel


def date_advice(text: str) -> str:
    """What is wrong with a written date and the nearest valid YYYY-MM-DD form, in Chinese."""
    match = _LOOSE_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        return f"“{text}”不是日期：应写成 YYYY-MM-DD，例如 2026-09-01"
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        nearest = f"{year}-{min(max(month, 1), 12):02d}-{max(day, 1):02d}"
        return f"日期 {text} 不存在：没有 {month} 月；应写成 YYYY-MM-DD，例如 {nearest}"
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        nearest = f"{year:04d}-{month:02d}-{min(max(day, 1), last):02d}"
        return (
            f"日期 {text} 不存在：{year} 年 {month} 月只有 {last} 天；"
            f"应写成 YYYY-MM-DD，最接近的是 {nearest}"
        )
    return f"日期应写成 YYYY-MM-DD：{year:04d}-{month:02d}-{day:02d}"


def _ctx(value: Any) -> str:
    if isinstance(value, str):  # pydantic lists choices as "'a', 'b' or 'c'"
        return value.replace("'", "").replace(" or ", ", ").replace(", ", "、")
    return str(value)
