"""JSON Schemas for editors and other tools, generated from the pydantic models (never edited by hand).

The schemas are written for VS Code's YAML extension (yaml-language-server), which documents JSON
Schema draft-07: `definitions`, no keywords beside a `$ref`. They carry every rule of one record
that draft-07 can state — bounds, patterns, conditional requirements, the region codes, personal
data — so the editor underlines what `validate` would refuse. `patternErrorMessage` and
`errorMessage` are the extension's own keywords for a Chinese message; other validators ignore them.
The rules draft-07 cannot state are listed in RULES_NOT_IN_SCHEMA and in docs/guide/editor.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from . import privacy, regions
from .kinds import KINDS
from .models import Record
from .models.common import REGION_MARK, URL_PATTERN

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# A date that exists on the calendar (leap years included), as pydantic's date type requires;
# the editor's own `format: date` check looks at the shape only.
DATE_PATTERN = (
    r"^(?:(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)

# Single-record rules draft-07 cannot express; `validate` checks them. The guide lists the same.
RULES_NOT_IN_SCHEMA = {
    "grades_order": "年级范围 grades 的 from 不能大于 to（比较两个字段）",
    "hours_order": "开放时间 opens 要早于 closes（比较两个字段）",
    "date_order": "日期范围 from 不能晚于 to（比较两个字段）",
    "topic_titles": "主题清单 items 中报告题目不能重复（只比较一个子字段）",
    "id_number": "身份证号（需要计算校验位）",
    "yaml_1_1": "未加引号、按 YAML 1.1 会变成别的值的写法：16:30、012、文字字段里的 yes/no、"
    "像日期的标题等（编辑器按 YAML 1.2 读取，把它们当作文字或十进制数）",
    "yaml_forms": "YAML 锚点和别名（& 和 *）、文件开头的 BOM",
    "file": "文件名（即编号）是否合规、与其他文件的记录重复",
    "references": "引用的基地、专家、课程编号是否存在",
}


def _caseless(text: str) -> str:
    """A literal as a case-insensitive pattern without flags (JSON Schema patterns have none)."""
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in text
    )


def _without(pattern: str) -> str:
    """A pattern matching the strings that nowhere contain `pattern` (a `not` that can carry the
    extension's Chinese patternErrorMessage, which a plain `not` cannot)."""
    return rf"^(?![\s\S]*{pattern})"


def _digits(pattern: str) -> str:
    """Python's \\d also matches full-width digits (as an IME types them); the editor's JavaScript
    \\d does not. Spelled out, both read the same digits."""
    return pattern.replace(r"[\d]", r"\d").replace(r"\d", "[0-9０-９]")


_EMAIL_LOCAL = r"[A-Za-z0-9._%+\-]"
_NO_MOBILE = {
    "pattern": _without(_digits(privacy._MOBILE.pattern)),
    "patternErrorMessage": "不得公开个人手机号，请改为机构座机或预约网址",
}
_NO_PERSONAL_MAIL = {
    "pattern": _without(
        _EMAIL_LOCAL
        + "@(?:"
        + "|".join(_caseless(d) for d in sorted(privacy.PERSONAL_MAIL_DOMAINS))
        + r")(?![A-Za-z0-9\-]|\.[A-Za-z0-9\-])"
    ),
    "patternErrorMessage": "不得填写个人邮箱（QQ、163、126、Gmail 等），请改用机构邮箱",
}
_NO_MAIL_AT_ALL = {
    "pattern": _without(_EMAIL_LOCAL + r"+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"),
    "patternErrorMessage": "专家记录中不得出现邮箱，请通过组织方邀请（invite）",
}
_NO_WECHAT = {
    "pattern": _without(
        "(?:"
        + "|".join(
            _caseless(w) for w in ("微信号", "微信", "微信ID", "vx", "v信", "wechat", "weixin")
        )
        + r")\s*(?:号|[Ii][Dd])?\s*[:：]?\s*[A-Za-z][-_A-Za-z0-9]{5,19}"
    ),
    "patternErrorMessage": "不得公开个人微信号，请改为机构联系方式",
}


_TEXT_EXPECTED = "应为文字：数字、日期、时间、代码和电话号码请加引号"
_SCALARS = {"string", "integer", "number", "boolean"}


class _Draft07(GenerateJsonSchema):
    """pydantic's generator, speaking draft-07 and checking dates as pydantic does."""

    schema_dialect = DRAFT_07

    # The extension shows `errorMessage` when a value has the wrong type (and only then, for these).
    def int_schema(self, schema: core_schema.IntSchema) -> dict[str, Any]:
        return {**super().int_schema(schema), "errorMessage": "应为整数，不加引号，例如 12"}

    def float_schema(self, schema: core_schema.FloatSchema) -> dict[str, Any]:
        return {**super().float_schema(schema), "errorMessage": "应为数字，不加引号，例如 39.9"}

    def bool_schema(self, schema: core_schema.BoolSchema) -> dict[str, Any]:
        return {**super().bool_schema(schema), "errorMessage": "应为 true 或 false，不加引号"}

    def enum_schema(self, schema: core_schema.EnumSchema) -> dict[str, Any]:
        out = super().enum_schema(schema)
        return {**out, "errorMessage": "取值应为以下之一：" + "、".join(map(str, out["enum"]))}

    def str_schema(self, schema: core_schema.StringSchema) -> dict[str, Any]:
        return {**super().str_schema(schema), "errorMessage": _TEXT_EXPECTED}

    def date_schema(self, schema: core_schema.DateSchema) -> dict[str, Any]:
        return {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "patternErrorMessage": "应为存在的日期，写成 YYYY-MM-DD，例如 2026-11-01",
        }


def _walk(node: Any, visit: Any) -> Any:
    """Rebuild a JSON value bottom-up, letting `visit` replace each object."""
    if isinstance(node, list):
        return [_walk(item, visit) for item in node]
    if isinstance(node, dict):
        return visit({key: _walk(value, visit) for key, value in node.items()})
    return node


def _no_ref_siblings(node: dict[str, Any]) -> dict[str, Any]:
    # Draft-07 ignores every keyword beside "$ref"; move the reference into allOf instead.
    if "$ref" in node and len(node) > 1:
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**rest, "allOf": [{"$ref": node["$ref"]}, *rest.get("allOf", [])]}
    return node


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [{type: integer, …}, {type: null}]` → `type: [integer, null]`: the same rule, but the
    extension then shows the field's own Chinese errorMessage instead of "Expected integer | null"."""
    options = node.get("anyOf")
    if not (isinstance(options, list) and len(options) == 2 and {"type": "null"} in options):
        return node
    value = next(o for o in options if o != {"type": "null"})
    # Only keywords that ignore null may move up: never enum, const or a reference to a definition
    # other than the personal-data rules (which are string patterns).
    refs = [o.get("$ref", "") for o in value.get("allOf", [])]
    if (
        value.get("type") not in _SCALARS
        or {"enum", "const", "$ref"} & value.keys()
        or any(r and not r.endswith("/NoPersonalData") for r in refs)
    ):
        return node
    rest = {k: v for k, v in node.items() if k != "anyOf"}
    return {**value, **rest, "type": [value["type"], "null"]}


def _region_definition() -> dict[str, Any]:
    table = regions.table()
    return {
        "type": "string",
        "description": 'GB/T 2260 行政区划代码（6 位，加引号），例如 "110108"',
        "enum": list(table),
        "errorMessage": '应为现行的 6 位行政区划代码（GB/T 2260），并加引号，例如 "110108"',
    }


def _personal_data_rules(person: bool) -> dict[str, Any]:
    rules = [_NO_MOBILE, _NO_MAIL_AT_ALL if person else _NO_PERSONAL_MAIL, _NO_WECHAT]
    return {"allOf": rules}


def _text_checks(node: dict[str, Any]) -> dict[str, Any]:
    """Every free-text string (not URLs, which `validate` does not scan) refuses personal data."""
    is_text = node.get("type") == "string" and "enum" not in node and "format" not in node
    if not is_text or node.get("pattern") == URL_PATTERN:
        return node
    return {**node, "allOf": [*node.get("allOf", []), {"$ref": "#/definitions/NoPersonalData"}]}


def _region_refs(node: dict[str, Any]) -> dict[str, Any]:
    if node.pop(REGION_MARK, False):
        keep = {k: v for k, v in node.items() if k in ("description", "examples")}
        return {**keep, "allOf": [{"$ref": "#/definitions/RegionCode"}]}
    return node


# A real record cites the page its facts come from (validate's error, kejiao/rules.py); a demo
# record (`example: true`) need not. Absent `example` means a real record, as in the model.
_REAL_RECORD_CITES_URL = {
    "if": {"properties": {"example": {"enum": [False, None]}}},
    "then": {"properties": {"source": {"required": ["url"]}}},
}


def schema_document(kind: str) -> dict[str, Any]:
    info = KINDS[kind]
    schema = info.model.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", schema_generator=_Draft07
    )
    definitions = schema.pop("$defs", {})
    # The kind's own fields first, the bookkeeping every record shares last: the order editors show.
    common = set(Record.model_fields)
    props = schema["properties"]
    schema["properties"] = {
        **{k: v for k, v in props.items() if k not in common},
        **{k: v for k, v in props.items() if k in common},
    }
    document: dict[str, Any] = {
        "$schema": DRAFT_07,
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"{info.label}（content/{info.folder}/*.yml）",
    }
    document["allOf"] = [*document.get("allOf", []), _REAL_RECORD_CITES_URL]
    document["definitions"] = definitions
    document = _walk(document, lambda n: _nullable(_no_ref_siblings(_text_checks(_region_refs(n)))))
    document["definitions"]["NoPersonalData"] = _personal_data_rules(info.personal)
    if '"#/definitions/RegionCode"' in json.dumps(document):
        document["definitions"]["RegionCode"] = _region_definition()
    document["definitions"] = dict(sorted(document["definitions"].items()))
    return document


def schema_text(kind: str) -> str:
    return json.dumps(schema_document(kind), ensure_ascii=False, indent=2) + "\n"


def expected_files() -> dict[str, str]:
    return {f"{kind}.schema.json": schema_text(kind) for kind in KINDS}


def write(schema_dir: Path) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_files().items():
        path = schema_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def drift(schema_dir: Path) -> list[str]:
    """Schema files that differ from what the models generate."""
    return [
        name
        for name, text in expected_files().items()
        if not (schema_dir / name).is_file()
        or (schema_dir / name).read_text(encoding="utf-8") != text
    ]
