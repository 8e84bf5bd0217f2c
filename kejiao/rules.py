"""Rules from the policy documents, reported as warnings (an office may have reasons to differ),
and the one rule no office may waive: a real record says where its facts come from (an error).

Demo records (`example: true`) are exempt from the source-URL rule: their source is "示例数据" and
nothing in them is a fact about a real venue, competition or person.
"""

from __future__ import annotations

import datetime as dt

from .content import Entry
from .diagnostics import DiagnosticSink

# Untouched template placeholders are errors, checked in validate (they must never be published).


def check_rules(entry: Entry, sink: DiagnosticSink, today: dt.date, stale_days: int) -> None:
    model, doc = entry.model, entry.doc
    assert model is not None and doc is not None

    def warn(path: tuple, message: str) -> None:
        node = doc.locate(path)
        sink.warning(entry.shown, node.line, node.column, ".".join(map(str, path)), message)

    for path, message in entry.kind.rules(model):
        warn(path, message)
    if model.missing_source_url():
        # An error, not a warning: a fact published without the page it came from can't be checked.
        node = doc.locate(("source",))
        sink.error(
            entry.shown,
            node.line,
            node.column,
            "source",
            "真实记录的信息来源 source 需要填写网址 url，读者才能核对（示例记录除外）",
        )
    age = (today - model.last_verified).days
    if age > stale_days:
        warn(
            ("last_verified",),
            f"最后核实于 {model.last_verified}，已超过 {stale_days // 30} 个月，请重新核实",
        )
    elif age < -1:
        warn(("last_verified",), f"最后核实日期 {model.last_verified} 晚于今天")
