"""`new <kind> <id>`: a template for a new record that shows what to fill in without claiming any fact.

Every value a maintainer must supply is a "请填写…" placeholder, which `validate` and `build` refuse
(see validate.py), so an untouched template can never be published; optional fields are shown as
commented-out examples. The kind may be given by name (topic_list) or by folder (topic-lists)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2

from .errors import UsageError
from .kinds import KINDS, kind_named
from .models.common import ID_PATTERN


def new_record(content_dir: Path, kind: str, id_: str, today: dt.date) -> Path:
    found = kind_named(kind)
    if found is None:
        raise UsageError(f"未知的记录类型 {kind}；可用：{'、'.join(KINDS)}")
    kind = found.name
    if not re.fullmatch(ID_PATTERN, id_):
        raise UsageError(
            f"编号 {id_} 无效：只能用小写字母、数字和连字符（可用拼音），例如 zhong-guo-ke-ji-guan"
        )
    info = KINDS[kind]
    folder = content_dir / info.folder
    existing = next(folder.rglob(f"{id_}.yml"), None) if folder.is_dir() else None
    if existing is not None:
        raise UsageError(f"{existing} 已存在，不会覆盖")
    text = _render(kind, today)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{id_}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _render(kind: str, today: dt.date) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kejiao", "templates/new"),
        autoescape=False,  # YAML, not HTML
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(f"{kind}.yml").render(today=today.isoformat(), kind=kind)


def template_values() -> list[str]:
    """Every text value the templates write (validate.py recognises their placeholders by these)."""
    from .yamlsafe import parse

    out: list[str] = []
    for kind in KINDS:
        stack: list[object] = [parse(_render(kind, dt.date(2000, 1, 1))).data]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                out.append(value.strip())
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    return out
