"""Validating one record: its model, the folder it sits in, and personal data in any text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from . import privacy
from .content import Entry
from .diagnostics import DiagnosticSink
from .kinds import KINDS, Kind
from .messages import describe, field_path
from .yamlsafe import Document


def check_record(entry: Entry, sink: DiagnosticSink) -> None:
    """Validate `entry.doc` against its kind; set `entry.model` when valid."""
    doc = entry.doc
    assert doc is not None
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
    _scan_personal_data(entry, doc, sink)
    try:
        model = entry.kind.model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if error["type"] == "missing":
                node = doc.locate(loc[:-1])
            else:
                node = doc.locate(loc, key=error["type"] == "extra_forbidden")
            sink.error(entry.shown, node.line, node.column, field_path(loc), describe(error, node))
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


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _scan_personal_data(entry: Entry, doc: Document, sink: DiagnosticSink) -> None:
    person = entry.kind.name == "expert"
    for path, text in _strings(doc.data, ()):  # a URL too: its path, query and fragment
        for finding in privacy.scan_value(text, person=person):
            node = doc.locate(path)
            sink.error(entry.shown, node.line, node.column, field_path(path), finding.message)
