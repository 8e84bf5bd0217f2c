"""`new <kind> <id>`: a filled-in template for a new record, valid as written, with every field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2

from .errors import UsageError
from .kinds import KINDS
from .models.common import ID_PATTERN


def new_record(content_dir: Path, kind: str, id_: str, today: dt.date) -> Path:
    if kind not in KINDS:
        raise UsageError(f"未知的记录类型 {kind}；可用：{', '.join(KINDS)}")
    if not re.fullmatch(ID_PATTERN, id_):
        raise UsageError(
            f"编号 {id_} 无效：只能用小写字母、数字和连字符（可用拼音），例如 zhong-guo-ke-ji-guan"
        )
    info = KINDS[kind]
    folder = content_dir / info.folder
    existing = next(folder.rglob(f"{id_}.yml"), None) if folder.is_dir() else None
    if existing is not None:
        raise UsageError(f"{existing} 已存在，不会覆盖")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kejiao", "templates/new"),
        autoescape=False,  # YAML, not HTML
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    text = env.get_template(f"{kind}.yml").render(today=today.isoformat(), kind=kind)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{id_}.yml"
    path.write_text(text, encoding="utf-8")
    return path
