"""The form fields of each kind, read from the generated JSON Schemas (and so from the models): what
the /admin/ configuration and the 申报 page are built from. Labels are the spreadsheet's Chinese
headers (kejiao.opendata.columns), so the editor, the 申报表 and the guide use the same words; help
texts are the models' field descriptions; messages for patterns are the CLI's own wording, obtained by
letting the models reject a bad value."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..kinds import KINDS
from ..messages import _PATTERN_HINTS, _TEMPLATES, describe
from ..models.common import ID_PATTERN, Email, Id, Phone, RegionCode, Time, Url
from ..opendata.columns import HEADERS, KIND_HEADERS
from ..schemas import schema_text

# Fields holding another record's id, and the folder of the records they name: from the kinds'
# own `references` (base, experts, items.*.speaker, courses, bases).
REFERENCES: dict[str, str] = {
    [part for part in path if part != "*"][-1]: KINDS[target].folder
    for kind in KINDS.values()
    for path, target in kind.references
}
REGION_PATTERN = r"^\d{6}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Sub-record fields that have neither a 申报表 header nor a description of their own.
LABELS: dict[str, str] = {
    "open_days.end_date": "结束日期",
    "items.format": "报告形式",
    "whitelist": "教育部竞赛白名单",
    "consent": "本人同意公开的记录",
}
# Text longer than this is edited in a multi-line box.
LONG_TEXT = 1000


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


def resolve(document: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The node behind a $ref, an `allOf` of constraints or an `X | None` union (draft-07, as
    schemas.py writes it), and whether null is allowed. The personal-data rule is left to
    `validate` (its pattern would make a confusing form message)."""
    nullable = False
    node = dict(node)
    kinds = node.get("type")
    if isinstance(kinds, list) and "null" in kinds:
        rest = [k for k in kinds if k != "null"]
        node["type"] = rest[0] if len(rest) == 1 else rest
        nullable = True
    options = node.get("anyOf")
    if options:
        rest = [o for o in options if o.get("type") != "null"]
        nullable = nullable or len(rest) < len(options)
        if len(rest) == 1:
            outer = {k: v for k, v in node.items() if k != "anyOf"}
            inner, _ = resolve(document, rest[0])
            return {**inner, **outer}, nullable
    if "allOf" in node:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in node["allOf"]:
            if part.get("$ref", "").endswith("/NoPersonalData"):
                continue
            inner, _ = resolve(document, part)
            merged = {**inner, **merged}
        node = merged
    if "$ref" in node:
        definitions = document.get("definitions") or document.get("$defs") or {}
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        outer = {k: v for k, v in node.items() if k != "$ref"}
        inner, inner_nullable = resolve(document, target)
        return {**inner, **outer}, nullable or inner_nullable
    return node, nullable


def _strip_english(message: str) -> str:
    """The CLI adds pydantic's English in brackets; a form shows the Chinese only."""
    return re.sub(r"\s\((?=[A-Za-z])[^\u4e00-\u9fff]*\)$", "", message)


def _rejection(annotation: Any, bad: str) -> str:
    try:
        TypeAdapter(annotation).validate_python(bad)
    except ValidationError as exc:
        return _strip_english(describe(exc.errors()[0], None))
    raise AssertionError(f"{bad!r} was accepted")  # pragma: no cover - a model changed


@cache
def pattern_messages() -> dict[str, str]:
    """The CLI's message for a value that misses each pattern the schemas use."""
    out = {
        REGION_PATTERN: _rejection(RegionCode, "11010"),
        TypeAdapter(Time).json_schema()["pattern"]: _rejection(Time, "9:00"),
        TypeAdapter(Url).json_schema()["pattern"]: _rejection(Url, "www.example.org"),
        ID_PATTERN: _rejection(Id, "Bad Id"),
        TypeAdapter(Phone).json_schema()["pattern"]: _rejection(Phone, "x"),
        TypeAdapter(Email).json_schema()["pattern"]: _rejection(Email, "x"),
        DATE_PATTERN: _TEMPLATES["date_parsing"],
    }
    for pattern, hint in _PATTERN_HINTS.items():
        out.setdefault(pattern, f"{_TEMPLATES['string_pattern_mismatch']}：{hint}")
    return out


def messages() -> dict[str, str]:
    """The CLI's wording for each kind of problem a form can find, by JSON Schema keyword."""
    return {
        "required": _TEMPLATES["missing"],
        "minLength": _TEMPLATES["string_too_short"],
        "maxLength": _TEMPLATES["string_too_long"].replace("{max_length}", "{limit}"),
        "minimum": _TEMPLATES["greater_than_equal"].replace("{ge}", "{limit}"),
        "maximum": _TEMPLATES["less_than_equal"].replace("{le}", "{limit}"),
        "minItems": _TEMPLATES["too_short"].replace("{min_length}", "{limit}"),
        "maxItems": _TEMPLATES["too_long"].replace("{max_length}", "{limit}"),
        "enum": _TEMPLATES["enum"].replace("{expected}", "{allowed}"),
        "type": "格式不正确",
        "format": _TEMPLATES["date_parsing"],
        "pattern": _TEMPLATES["string_pattern_mismatch"],
        "additionalProperties": _TEMPLATES["extra_forbidden"],
    }


def label(kind: str, path: str, node: dict[str, Any]) -> str:
    """The Chinese name of a field: the 申报表 header, else the model's description up to its
    first bracket or comma, else the last segment's header elsewhere."""
    own = KIND_HEADERS.get(kind, {}).get(path) or HEADERS.get(path) or LABELS.get(path)
    if own:
        return own
    description = node.get("description") or ""
    if description:
        return re.split(r"[（(，,：:。；]| YYYY", description, maxsplit=1)[0].strip() or description
    name = path.rsplit(".", 1)[-1]
    return HEADERS.get(name) or next(
        (h for key, h in HEADERS.items() if key.endswith("." + name)), name
    )


def hint(node: dict[str, Any]) -> str:
    return str(node.get("description") or "")


def _model_rejection(model: Any, values: dict[str, Any], kind: str) -> str:
    """The message of a model's own cross-field rule: its after-validators run on an instance built
    without validation, so fields added to the model later do not matter."""
    instance = model.model_construct(**values)
    for decorator in model.__pydantic_decorators__.model_validators.values():
        if decorator.info.mode != "after":
            continue
        try:
            decorator.func(instance)
        except PydanticCustomError as exc:
            if exc.type == kind:
                return _strip_english(exc.message())
    raise AssertionError(f"{model.__name__}: {kind} not raised")  # pragma: no cover


@cache
def rule_messages() -> dict[str, str]:
    """The CLI's wording for the rules a JSON Schema cannot say (one field against another), which
    the 申报 page checks itself. Obtained from the models, so the wording cannot drift."""
    from ..models.base import OpeningHours
    from ..models.common import Booking, Cost, DateRange, GradeRange
    from ..models.course import Course
    from ..models.topic_list import TopicItem, TopicList
    from ..vocab import CostType

    item = TopicItem.model_construct(title="{title}")
    day = dt.date(2026, 1, 1)
    return {
        "region_unknown": _rejection(RegionCode, "999999").replace("999999", "{code}"),
        "grade_order": _model_rejection(GradeRange, {"start": 2, "end": 1}, "kj_grade_order"),
        "date_order": _model_rejection(
            DateRange, {"start": day, "end": day - dt.timedelta(days=1)}, "kj_date_order"
        ),
        "hours_order": _model_rejection(
            OpeningHours, {"opens": "10:00", "closes": "09:00"}, "kj_hours_order"
        ),
        "cost_amount": _model_rejection(
            Cost, {"type": CostType.PAID, "amount": None}, "kj_cost_amount"
        ),
        "booking_empty": _model_rejection(
            Booking, {"url": None, "phone": None, "email": None, "note": None}, "kj_booking_empty"
        ),
        "course_provider": _model_rejection(
            Course, {"base": None, "provider": None}, "kj_course_provider"
        ),
        "topic_dup": _model_rejection(TopicList, {"items": [item, item]}, "kj_topic_dup"),
    }
