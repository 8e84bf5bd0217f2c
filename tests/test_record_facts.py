"""Record pages answer a teacher's questions or say they can't: on every base page of the shipped
site each fact a teacher acts on is shown, with its value or as 未注明 and whom to ask — a missing
value never just disappears (unknown is not no)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FACT_LABELS = ("服务学段", "服务项目", "费用", "官方网站")
SECTIONS = ("开放时间", "预约方式")


def _fact(html: str, label: str) -> str | None:
    match = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html, re.S)
    return match.group(1) if match else None


def _section(html: str, title: str) -> str | None:
    match = re.search(rf'<h2 id="\w[\w-]*">{title}</h2>(.*?)(?=<h2|</article>)', html, re.S)
    return match.group(1) if match else None


def test_every_base_page_shows_each_teacher_fact_or_says_it_is_unknown(shipped_site: Path) -> None:
    pages = sorted((shipped_site / "bases").glob("*/index.html"))
    assert len(pages) > 10
    unknown_seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        source = yaml.safe_load(
            (ROOT / "content" / "bases" / f"{page.parent.name}.yml").read_text()
        )
        for label in FACT_LABELS:
            shown = _fact(html, label)
            assert shown, (page.parent.name, label)
        for title in SECTIONS:
            assert _section(html, title), (page.parent.name, title)
        if not source.get("grades"):
            assert "未注明" in _fact(html, "服务学段"), page.parent.name
            unknown_seen += 1
        if not source.get("booking"):
            assert "未注明" in _section(html, "预约方式"), page.parent.name
        if not (source.get("opening_hours") or source.get("hours_note")):
            assert "未注明" in _section(html, "开放时间"), page.parent.name
    assert unknown_seen  # the shipped content has such bases, so the check above ran
