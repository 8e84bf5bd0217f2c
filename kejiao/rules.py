"""Rules from the policy documents, reported as warnings (an office may have reasons to differ)."""

from __future__ import annotations

import datetime as dt

from .content import Entry
from .diagnostics import DiagnosticSink
from .models import Competition, Course, Expert
from .vocab import CourseType

PLACEHOLDER = "请填写"


def check_rules(entry: Entry, sink: DiagnosticSink, today: dt.date, stale_days: int) -> None:
    model, doc = entry.model, entry.doc
    assert model is not None and doc is not None

    def warn(path: tuple, message: str) -> None:
        node = doc.locate(path)
        sink.warning(entry.shown, node.line, node.column, ".".join(map(str, path)), message)

    literacy = isinstance(model, Course) and model.course_type is CourseType.LITERACY_SERIES
    if literacy and not 12 <= model.hours <= 16:
        warn(("hours",), f"科学素养系列课程一般为 12–16 课时，这里是 {model.hours} 课时")
    if isinstance(model, Competition) and model.whitelist is not None:
        missing = [n for n in ("cycle", "notice") if getattr(model.whitelist, n) is None]
        if missing:
            names = "、".join(
                {"cycle": "名单周期 cycle", "notice": "通知文号 notice"}[n] for n in missing
            )
            warn(("whitelist",), f"白名单竞赛应注明{names}")
    if isinstance(model, Expert) and model.consent is None:
        warn(("name",), "没有 consent（本人同意公开）记录：此专家不会发布到网站、检索和数据中")
    if model.missing_source_url():
        warn(
            ("source",), "真实记录的信息来源 source 需要填写网址 url，读者才能核对（示例记录除外）"
        )
    age = (today - model.last_verified).days
    if age > stale_days:
        warn(
            ("last_verified",),
            f"最后核实于 {model.last_verified}，已超过 {stale_days // 30} 个月，请重新核实",
        )
    elif age < -1:
        warn(("last_verified",), f"最后核实日期 {model.last_verified} 晚于今天")
    for path, node in doc.nodes.items():
        if node.text and PLACEHOLDER in node.text:
            warn(path, f"仍是模板占位文字“{PLACEHOLDER}…”，请改为真实内容")
