"""Pydantic's validation errors, reworded in Chinese for maintainers (the English follows in brackets)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def describe(error: dict[str, Any], node: Node | None) -> str:
    """One Chinese message for one pydantic error, with a hint about YAML quoting when it applies."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    english = error.get("msg", "")
    if kind.startswith("kj_"):  # our own validators already speak Chinese
        return error["msg"]
    template = _TEMPLATES.get(kind)
    if template is None:
        message = english
    else:
        message = template.format(**{k: _ctx(v) for k, v in ctx.items()})
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")))
        if hint:
            message = f"{message}：{hint}"
    value = error.get("input")
    if kind == "string_type" and value is None:
        message = "不能为空：请填写内容；可选字段不需要时请整行删去"
    elif kind == "string_type" and node is not None and node.plain:
        yaml_type = next((n for t, n in _YAML_TYPES.items() if type(value) is t), None)
        if yaml_type:
            shown = value if not isinstance(value, bool) else str(value).lower()
            message = (
                f"应为文字，但未加引号的 {node.text} 被 YAML 读成了{yaml_type} {shown}；"
                f'请加引号写成 "{node.text}"'
            )
    return f"{message} ({english})" if english and english != message else message


def _ctx(value: Any) -> str:
    if isinstance(value, str):  # pydantic lists choices as "'a', 'b' or 'c'"
        return value.replace("'", "").replace(" or ", ", ").replace(", ", "、")
    return str(value)
