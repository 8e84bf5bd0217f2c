"""Where each fact comes from: per-field sources, and a real record's source needs a URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from kejiao.models import Base
from kejiao.opendata.columns import field_labels
from kejiao.pipeline import check

from .conftest import ROOT, TODAY

BASE = {
    "name": "某某科技馆",
    "summary": "一个科技馆。",
    "category": "科技场馆类",
    "type": "科技馆",
    "region": "440113",
    "address": "广州市番禺区某路1号",
    "hours_note": "周一闭馆。",
    "last_verified": "2026-11-01",
    "source": {"title": "官网", "url": "https://example.org/"},
}
HOURS_PAGE = {
    "fields": ["hours_note", "booking"],
    "title": "参观须知",
    "url": "https://example.org/visit",
    "checked": "2026-11-20",
}


def test_a_field_cites_its_own_source_else_the_records() -> None:
    base = Base.model_validate({**BASE, "sources": [HOURS_PAGE]})
    assert base.source_for("hours_note").url == "https://example.org/visit"
    assert base.source_for("hours_note").checked == dt.date(2026, 11, 20)
    assert base.source_for("address").url == "https://example.org/"
    assert field_labels(["hours_note", "booking"]) == "开放时间说明、预约方式"


@pytest.mark.parametrize(
    ("change", "loc", "kind"),
    [
        ({"url": None}, ("sources", 0, "url"), "string_type"),
        ({"checked": None}, ("sources", 0, "checked"), "date_type"),
        ({"fields": []}, ("sources", 0, "fields"), "too_short"),
        ({"fields": ["hours_note", "hours"]}, ("sources", 0, "fields", 1), "kj_source_field"),
        ({"fields": ["source"]}, ("sources", 0, "fields", 0), "kj_source_field"),
    ],
)
def test_a_per_field_source_is_refused_with_its_path(change, loc, kind) -> None:
    with pytest.raises(ValidationError) as exc:
        Base.model_validate({**BASE, "sources": [{**HOURS_PAGE, **change}]})
    errors = exc.value.errors()
    assert [(e["loc"], e["type"]) for e in errors] == [(loc, kind)]


def _write(root: Path, text: str) -> Path:
    folder = root / "content" / "bases"
    folder.mkdir(parents=True)
    (folder / "b.yml").write_text(text, encoding="utf-8")
    return root


RECORD = """\
name: 某某科技馆
summary: 一个科技馆。
category: 科技场馆类
type: 科技馆
region: "440113"
address: 广州市番禺区某路1号
last_verified: 2026-11-20
source:
  title: 官网
{url}sources:
  - fields: [address, hours]
    title: 参观须知
    url: https://example.org/visit
    checked: 2026-11-20
"""


def test_messages_name_file_line_and_field(tmp_path: Path) -> None:
    root = _write(tmp_path, RECORD.format(url=""))
    _, diagnostics = check(root / "content", root=root, today=TODAY)
    assert [d.format() for d in diagnostics] == [
        "content/bases/b.yml:11:23: error: sources.0.fields.1: “hours”不是这种记录的字段，"
        "分项来源无法对应；请写字段名，例如 name、short_name、summary、description、category",
    ]
    fixed = RECORD.format(url="").replace("[address, hours]", "[address]")
    (root / "content" / "bases" / "b.yml").write_text(fixed, encoding="utf-8")
    _, diagnostics = check(root / "content", root=root, today=TODAY)
    assert [d.format() for d in diagnostics] == [
        "content/bases/b.yml:9:3: error: source: "
        "真实记录的信息来源 source 需要填写网址 url，读者才能核对（示例记录除外）",
    ]


def test_a_demo_record_or_a_source_with_a_url_passes(tmp_path: Path) -> None:
    text = RECORD.format(url="  url: https://example.org/\n").replace(
        "[address, hours]", "[address]"
    )
    root = _write(tmp_path / "a", text)
    assert check(root / "content", root=root, today=TODAY)[1] == []
    demo = RECORD.format(url="").replace("[address, hours]", "[address]") + "example: true\n"
    root = _write(tmp_path / "b", demo)
    assert check(root / "content", root=root, today=TODAY)[1] == []


def test_every_shipped_real_record_cites_a_url() -> None:
    import yaml

    for path in sorted((ROOT / "content").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data.get("example"):
            assert data["source"].get("url"), path
