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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import Entry
from .pipeline import load_catalogue
from .settings import Settings

# Each check: the fact's Chinese name and whether the record has it on a given day. Order is the
# order a teacher asks in (when, how to book, for whom, what it costs, …).
Check = tuple[str, Callable[[Any, dt.date], bool]]


def school_year_start(today: dt.date) -> dt.date:
    """1 September of the school year `today` falls in (the whitelist counts editions per 学年)."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _current(competition: Any, today: dt.date) -> list[Any]:
    """Editions with a date in this school year or later: last year's dates do not answer when."""
    start = school_year_start(today)
    return [
        e
        for e in competition.editions
        if any(r is not None and r.end >= start for r in (e.registration, e.event))
    ]


CHECKS: dict[str, list[Check]] = {
    "base": [
        ("开放时间", lambda b, _: bool(b.opening_hours)),
        ("预约方式", lambda b, _: b.booking is not None),
        ("服务年级", lambda b, _: b.grades is not None),
        ("费用", lambda b, _: b.cost is not None),
        ("服务项目", lambda b, _: bool(b.services)),
        ("官方网站", lambda b, _: b.website is not None),
    ],
    "competition": [
        ("官方网站", lambda c, _: c.website is not None),
        ("本届通知", lambda c, today: any(e.url for e in _current(c, today))),
        ("本届报名时间", lambda c, today: any(e.registration for e in _current(c, today))),
        ("本届比赛时间", lambda c, today: any(e.event for e in _current(c, today))),
        ("费用", lambda c, _: c.fee is not None),
    ],
    "course": [
        ("课次安排", lambda c, _: bool(c.lessons)),
        ("上课地点", lambda c, _: c.venue is not None or c.region is None),
        ("人数上限", lambda c, _: c.capacity is not None),
    ],
    "expert": [
        ("本人同意公开", lambda e, _: e.consent is not None),
        ("单位主页", lambda e, _: e.profile_url is not None),
        ("服务年级", lambda e, _: e.grades is not None),
        ("服务地区", lambda e, _: bool(e.regions)),
    ],
    "topic_list": [
        ("适用地区", lambda t, _: t.region is not None),
    ],
}


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
        checks = CHECKS.get(entry.kind.name, [])
        missing = tuple(name for name, has in checks if not has(model, today))
        out.append(Gap(entry, missing))
    order = list(CHECKS)
    return sorted(out, key=lambda g: (order.index(g.entry.kind.name), g.entry.shown))


def summary(found: list[Gap]) -> list[str]:
    """Per kind: how many real records, how many complete, and per fact how many lack it."""
    lines = []
    for kind, checks in CHECKS.items():
        of_kind = [g for g in found if g.entry.kind.name == kind]
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
