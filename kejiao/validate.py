"""Validating one record: its model, the folder it sits in, template placeholders left unfilled,
and personal data in any text. Unknown field names get a "是否为 …？" from the model's field names
and their Chinese labels (the spreadsheet headers).

Rule for placeholders: a value that is still one of the `new` templates' "请填写…" placeholders (those
of the current templates and of earlier versions) is an error, in `validate` and `build` alike, so an
untouched template can never be published; it is reported once, instead of the model's own complaint
about the same value. Only whole placeholder values count: "请填写报名表后提交" in real prose is text."""

from __future__ import annotations

import difflib
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from . import privacy
from .content import Entry
from .diagnostics import DiagnosticSink
from .kinds import KINDS, Kind
from .messages import describe, english, field_path
from .yamlsafe import Document

PLACEHOLDER = "请填写"
# Placeholders of the templates before they stopped claiming facts (files made then may still hold them).
_EARLIER_PLACEHOLDERS = frozenset(
    [
        "https://example.org/请填写官网", "https://example.org/请填写来源网址",
        "https://example.org/请填写邀请页面", "https://example.org/请填写预约网址",
        "请填写一两句话的简介。", "请填写一两句话的课程简介。", "请填写上课地点", "请填写主办单位",
        "请填写信息来源，例如 单位官网个人主页", "请填写信息来源，例如 发文文号",
        "请填写信息来源，例如 基地官网", "请填写信息来源，例如 官网“参观指南”", "请填写内容简介。",
        "请填写发布单位", "请填写受理邀请的组织，例如 某某区科协", "请填写受理预约的机构",
        "请填写团体预约须知", "请填写地址", "请填写基地名称", "请填写姓名", "请填写对应的学习内容",
        "请填写工作单位", "请填写开放时间说明，例如 周一闭馆（法定节假日除外）", "请填写开设单位名称",
        "请填写报告题目", "请填写提供报告的单位", "请填写清单名称，例如 2026年春季科学报告主题清单",
        "请填写清单说明。", "请填写竞赛名称", "请填写第一课名称",
        "请填写简介（以单位官网公开的信息为准）。", "请填写职称", "请填写课程名称",
        "请填写课程的详细介绍，可以使用 Markdown，例如 **加粗**、列表和链接。",
        "请填写预约须知，例如 请提前 7 天预约",
    ]
)  # fmt: skip


def check_record(entry: Entry, sink: DiagnosticSink) -> None:
    """Validate `entry.doc` against its kind; set `entry.model` when valid."""
    doc = entry.doc
    assert doc is not None
    for warning in doc.warnings:
        sink.warning(
            entry.shown,
            warning.line,
            warning.column,
            warning.field,
            warning.message,
            warning.detail,
        )
    if not isinstance(doc.data, dict):
        sink.error(entry.shown, 1, 1, "", "文件顶层应为“字段: 值”形式的键值对 (mapping expected)")
        return
    misplaced = _belongs_elsewhere(entry.kind, doc.data)
    if misplaced is not None:
        sink.error(
            entry.shown,
            1,
            1,
            "",
            f"这个文件看起来是“{misplaced.label}”记录，却放在了 content/{entry.kind.folder}/ 中；"
            f"请移到 content/{misplaced.folder}/ (wrong folder)",
        )
        return
    if "id" in doc.data:
        node = doc.locate(("id",), key=True)
        sink.error(
            entry.shown,
            node.line,
            node.column,
            "id",
            "编号由文件名决定，请删去 id 字段 (id comes from the file name)",
        )
    data = {k: v for k, v in doc.data.items() if k != "id"}
    errors_before = sink.error_count
    strings = _strings(doc.data)
    _scan_personal_data(entry, doc, strings, sink)
    placeholders = _placeholders(entry, doc, strings, sink)
    try:
        model = entry.kind.model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        suggested: set[tuple[Any, ...]] = set()
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                guess = suggest_field(entry.kind, loc)
                if guess is not None:
                    error["kj_guess"] = guess
                    suggested.add((*loc[:-1], guess))
        for error in errors:
            loc = tuple(error["loc"])
            if any(loc[: len(p)] == p for p in placeholders) or (
                error["type"] == "missing" and loc in suggested
            ):
                continue  # said already: "still a placeholder" / "是否为 …？"
            if error["type"] == "missing":
                node = doc.locate(loc[:-1])
            else:
                node = doc.locate(loc, key=error["type"] == "extra_forbidden")
            message = describe(error, node)
            if "kj_guess" in error:
                message = f"未知字段；是否为 {error['kj_guess']}？"
            sink.error(
                entry.shown, node.line, node.column, field_path(loc), message, english(error)
            )
        return
    if sink.error_count == errors_before:
        entry.model = model


def _belongs_elsewhere(kind: Kind, data: dict[str, Any]) -> Kind | None:
    """A record whose keys fit another kind and not its own folder's kind."""
    keys = set(data) - {"id"}
    own = set(kind.model.model_fields)
    if keys <= own:
        return None
    for other in KINDS.values():
        fields = other.model.model_fields
        required = {name for name, info in fields.items() if info.is_required()}
        if other is not kind and keys <= set(fields) and required <= keys:
            return other
    return None


def _strings(value: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Every text value in a record's data with its path, in file order: walked once per record
    for both checks below (it is a sizeable part of the check at 10,000 records)."""
    out: list[tuple[tuple[Any, ...], str]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            out.append((path, item))
        elif isinstance(item, dict):
            stack.extend(((*path, key), child) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(
                ((*path, index), child) for index, child in reversed(list(enumerate(item)))
            )
    return out


def _scan_personal_data(
    entry: Entry, doc: Document, strings: list[tuple[tuple[Any, ...], str]], sink: DiagnosticSink
) -> None:
    person = entry.kind.personal
    for path, text in strings:  # a URL too: its path, query and fragment
        for finding in privacy.scan_value(text, person=person):
            node = doc.locate(path)
            sink.error(entry.shown, node.line, node.column, field_path(path), finding.message)


def _placeholders(
    entry: Entry, doc: Document, strings: list[tuple[tuple[Any, ...], str]], sink: DiagnosticSink
) -> list[tuple[Any, ...]]:
    """Values still holding the template's "请填写…": errors, and their paths."""
    found = []
    for path, text in strings:
        if PLACEHOLDER in text and text.strip() in _placeholders_known():
            node = doc.locate(path)
            sink.error(
                entry.shown,
                node.line,
                node.column,
                field_path(path),
                f"仍是模板占位文字“{PLACEHOLDER}…”：请改为真实内容；可选字段不需要时请整行删去",
                "template placeholder",
            )
            found.append(path)
    return found


@cache
def _placeholders_known() -> frozenset[str]:
    """Every "请填写…" value the `new` templates write, now and before."""
    from .scaffold import template_values

    found = {text for text in template_values() if PLACEHOLDER in text}
    return frozenset(found) | _EARLIER_PLACEHOLDERS


def suggest_field(kind: Kind, loc: tuple[Any, ...]) -> str | None:
    """The field an unknown key at `loc` most likely means: a close spelling of a field name, or a
    field whose Chinese label (as in the spreadsheet headers) the key is or nearly is."""
    model = _model_at(kind.model, tuple(p for p in loc[:-1] if not isinstance(p, int)))
    if model is None:
        return None
    key = str(loc[-1]).strip(" \u3000")
    names = _yaml_names(model)
    if str(loc[-1]) in names:
        return None
    if key in names:
        return key
    labels = _labels(kind.name, tuple(str(p) for p in loc[:-1] if not isinstance(p, int)), model)
    if key in labels:
        return labels[key]
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.5)
    return labels[close[0]] if close else None


@cache
def _labels(kind: str, parent: tuple[str, ...], model: type[BaseModel]) -> dict[str, str]:
    """Chinese label → field name for the fields of `model` at `parent`."""
    from .opendata.columns import HEADERS, KIND_HEADERS

    prefix = ".".join(parent)
    out: dict[str, str] = {}
    for path, header in {**HEADERS, **KIND_HEADERS.get(kind, {})}.items():
        head, _, last = path.rpartition(".")
        if head == prefix and last in _yaml_names(model):
            out[header] = last
    for name, info in model.model_fields.items():
        if info.description and len(info.description) <= 8:  # a short label, not a sentence
            out.setdefault(info.description, info.alias or name)
    return out


def _yaml_names(model: type[BaseModel]) -> list[str]:
    """The keys a record writes for `model`'s fields (`from`, not the attribute `start`)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], path: tuple[str, ...]) -> type[BaseModel] | None:
    """The sub-model that holds the fields at `path` (list items and optionals looked through)."""
    for name in path:
        info = next((i for n, i in model.model_fields.items() if (i.alias or n) == name), None)
        found = _submodel(info.annotation) if info is not None else None
        if found is None:
            return None
        model = found
    return model


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None
