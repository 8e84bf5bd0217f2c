"""Which facts a teacher needs are still missing from each real record (`build.py gaps`).

The list is for people who fill the gaps by calling or writing to a venue or organiser: per record,
the facts that are not recorded yet, with the record's website and phone as a starting point, and a
count per fact. Demo records (`example: true`) are left out: nobody can phone a demo.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .content import Entry
from .kinds import KINDS
from .pipeline import load_catalogue
from .settings import Settings


@dataclass(frozen=True)
class Gap:
    """One real record and the facts it still lacks (empty when complete)."""

    entry: Entry
    missing: tuple[str, ...]

    @property
    def website(self) -> str:
        model = self.entry.model
        return str(getattr(model, "website", None) or getattr(model, "profile_url", None) or "")

    @property
    def phone(self) -> str:
        model = self.entry.model
        for holder in (getattr(model, "contact", None), getattr(model, "booking", None)):
            if holder is not None and getattr(holder, "phone", None):
                return str(holder.phone)
        return ""


def gaps(entries: Iterable[Entry], today: dt.date, kind: str | None = None) -> list[Gap]:
    """Every real record of `kind` (all kinds when None), in kind then file order."""
    out = []
    for entry in entries:
        model = entry.model
        if model is None or model.example or (kind and entry.kind.name != kind):
            continue
        facts = entry.kind.teacher_facts
        missing = tuple(name for name, has in facts if not has(model, today))
        out.append(Gap(entry, missing))
    order = list(KINDS)
    return sorted(out, key=lambda g: (order.index(g.entry.kind.name), g.entry.shown))


def summary(found: list[Gap]) -> list[str]:
    """Per kind: how many real records, how many complete, and per fact how many lack it."""
    lines = []
    for kind in KINDS.values():
        checks = kind.teacher_facts
        of_kind = [g for g in found if g.entry.kind is kind]
        if not of_kind:
            continue
        label = of_kind[0].entry.kind.label
        complete = sum(1 for g in of_kind if not g.missing)
        counts = "，".join(
            f"{name} {sum(1 for g in of_kind if name in g.missing)}" for name, _ in checks
        )
        lines.append(f"{label}：真实记录 {len(of_kind)} 条，齐全 {complete} 条；缺少——{counts}")
    return lines


def text_report(found: list[Gap]) -> str:
    lines = [
        f"{g.entry.shown}\t{g.entry.model.display_title}\t缺少：{'、'.join(g.missing)}"
        for g in found
        if g.missing
    ]
    return "\n".join([*lines, *summary(found)]) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_HEADER = ["类型", "名称", "文件", "缺少的信息", "官方网站", "机构电话", "信息来源", "最后核实"]


def csv_report(found: list[Gap]) -> str:
    """One row per record that lacks something, for the people who call the venues."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for g in found:
        if not g.missing:
            continue
        model = g.entry.model
        row = [
            g.entry.kind.label,
            model.display_title,
            g.entry.shown,
            "、".join(g.missing),
            g.website,
            g.phone,
            model.source.url or model.source.title,
            model.last_verified.isoformat(),
        ]
        writer.writerow([_cell(c) for c in row])
    return out.getvalue()


def run(settings: Settings, kind: str | None, csv_path: Path | None, today: dt.date) -> str:
    """Check the content, then return the text report; with `csv_path`, also write the CSV there
    (whole or not at all). Raises ContentError, like validate, when the records have errors."""
    catalogue, _ = load_catalogue(
        settings.content_dir,
        root=settings.root,
        today=today,
        stale_days=settings.catalogue.stale_after_days,
    )
    found = gaps(catalogue.all(), today, kind)
    if csv_path is not None:
        _write_whole(csv_path, "\ufeff" + csv_report(found))  # BOM: Excel then reads UTF-8
    return text_report(found)


def _write_whole(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
