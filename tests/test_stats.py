"""统计 and 一页纸: indicator values on a small catalogue worked out by hand, the charts parse as
SVG, and each flyer prints on one A4 page with its QR code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from kejiao.pipeline import load_catalogue
from kejiao.render.stats import compute

from .browser import serve
from .conftest import ROOT, TODAY, make_project

COMMON = {
    "last_verified": "2026-11-01",
    "source": {"title": "测试", "url": "https://example.org/source"},
}


def base(name: str, region: str, services: list[str]) -> dict:
    return {"name": name, "summary": "基地。", "category": "科技场馆类", "type": "科技馆", "region": region,
            "address": "某路1号", "services": services, **COMMON}  # fmt: skip


def course(title: str, base_id: str, kind: str, hours: int = 4) -> dict:
    return {"title": title, "summary": "课程。", "base": base_id, "course_type": kind, "fields": ["天文与航天"],
            "grades": {"from": 4, "to": 6}, "hours": hours, "mode": "线下", "cost": {"type": "免费"},
            "booking": {"url": "https://example.org/"}, **COMMON}  # fmt: skip


def expert(name: str, regions: list[str]) -> dict:
    return {"name": name, "affiliation": "某大学", "fields": ["天文与航天"], "bio": "专家。", "regions": regions,
            "formats": ["进校报告"], "invite": {"organization": "某科协"},
            "consent": {"date": "2026-10-01", "scope": "姓名、单位"}, **COMMON}  # fmt: skip


def write(folder: Path, records: dict[str, dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for id_, data in records.items():
        (folder / f"{id_}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )


@pytest.fixture
def small(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    # Three bases; a offers 乡村服务, b does not, c's services are not recorded (unknown, not
    # "no") → 1/2 = 50%, and c is counted as 未注明.
    write(content / "bases", {
        "a": base("甲基地", "110108", ["乡村服务", "研学"]),
        "b": base("乙基地", "110105", ["研学"]),
        "c": base("丙基地", "310115", []),
    })  # fmt: skip
    # a: 1 精品研学 + 10 课外拓展 → complete; b: 1 精品研学 only; c: none → 1/3.
    courses = {f"k{i}": course(f"拓展{i}", "a", "课外拓展课程") for i in range(10)}
    courses |= {
        "ya": course("研学甲", "a", "精品研学课程"),
        "yb": course("研学乙", "b", "精品研学课程"),
    }
    # 科学素养系列课程: 12 and 16 课时 count, 10 课时 does not → 2.
    courses |= {"s12": course("系列12", "b", "科学素养系列课程", 12), "s16": course("系列16", "c", "科学素养系列课程", 16),
                "s10": course("系列10", "c", "科学素养系列课程", 10)}  # fmt: skip
    write(content / "courses", courses)
    # Experts: one serves 兴隆县 (a county), one all of Beijing → 1/2 = 50%; only x has a topic.
    write(
        content / "experts", {"x": expert("甲专家", ["130822"]), "y": expert("乙专家", ["110000"])}
    )
    write(content / "topic-lists", {"t": {
        "title": "清单", "issuer": "某科协", "valid": {"from": "2026-09-01", "to": "2027-01-31"},
        "items": [{"title": "星空", "speaker": "x", "field": "天文与航天", "grades": {"from": 4, "to": 6},
                   "duration": 45, "format": "讲座", "abstract": "讲星空。"}], **COMMON}})  # fmt: skip
    # Two whitelist competitions (one with cycle and notice), one not on the list.
    write(content / "competitions", {
        "w1": {"name": "甲赛", "organizers": ["某会"], "level": "全国", "stages": ["小学"],
               "whitelist": {"cycle": "2025-2028", "category": "自然科学素养类", "notice": "教监管厅函〔2025〕7号"}, **COMMON},
        "w2": {"name": "乙赛", "organizers": ["某会"], "level": "全国", "stages": ["初中"],
               "whitelist": {"cycle": "2025-2028", "category": "艺术体育类", "notice": "教监管厅函〔2025〕7号"}, **COMMON},
        "n": {"name": "丙赛", "organizers": ["某会"], "level": "市级", "stages": ["高中"], **COMMON},
    })  # fmt: skip
    return tmp_path


def test_indicators_match_a_hand_count(small: Path) -> None:
    catalogue, _ = load_catalogue(small / "content", root=small, today=TODAY)
    stats = compute(catalogue)
    by_key = {i.key: i for i in stats.indicators}
    assert by_key["rural-bases"].display == "50%（1/2）；另有 1 个基地未注明服务项目"
    assert by_key["rural-bases"].met is True
    # No topic list records the lectures given: the Ningbo lecture indicators are 未注明, not 0.
    for key in ("lectures", "lectures-rural"):
        assert by_key[key].value is None and by_key[key].display == "未注明"
        assert by_key[key].met is None and "还没有记录已开展的报告" in by_key[key].note
    assert by_key["county-experts"].display == "50%（1/2）" and by_key["county-experts"].met is True
    assert (
        by_key["complete-bases"].display == "33%（1/3）" and by_key["complete-bases"].met is False
    )
    assert by_key["literacy-series"].value == 2 and by_key["literacy-series"].met is False
    assert by_key["whitelist"].value == 2
    assert by_key["pairing"].value is None and by_key["pairing"].display == "无数据"
    assert stats.competitions_by_category == {
        "自然科学素养类": 1,
        "人文综合素养类": 0,
        "艺术体育类": 1,
    }
    assert stats.courses_by_field["天文与航天"] == 15 and stats.courses_by_field["信息科技"] == 0
    assert stats.by_stage["course"] == {"小学": 15, "初中": 0, "高中": 0, "中职": 0}
    assert stats.by_stage["competition"] == {"小学": 1, "初中": 1, "高中": 1, "中职": 0}
    assert stats.experts_without_topic == [("y", "乙专家")]
    provinces = {name: counts for _, name, counts in stats.by_province}
    assert provinces["北京市"]["base"] == 2 and provinces["上海市"]["base"] == 1
    assert provinces["河北省"]["expert"] == 1 and provinces["北京市"]["expert"] == 1
    beijing = next(row for row in stats.districts_without_base if row[0] == "北京市")
    assert beijing[1:3] == (14, 16) and "海淀区" not in beijing[3] and "延庆区" in beijing[3]
    assert ("初中", "天文与航天") in stats.empty_cells and (
        "小学",
        "天文与航天",
    ) not in stats.empty_cells


@pytest.fixture(scope="module")
def flyer_site(tmp_path_factory) -> Path:
    from kejiao.cli import main

    root = make_project(tmp_path_factory.mktemp("flyers") / "p", ROOT / "content")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_url: ""', "site_url: https://kejiao.example.org/"),
                      encoding="utf-8")  # fmt: skip
    assert main(["-f", str(config), "build", "--today", TODAY.isoformat()]) == 0
    return root / "site"


def test_statistics_page_charts_tables_and_csv(flyer_site: Path) -> None:
    page = (flyer_site / "stats/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="kj-chart".*?</svg>', page, re.S)
    assert len(charts) == 4
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.find("{http://www.w3.org/2000/svg}title").text
    assert page.count("<caption>") >= 5  # every chart has its data table
    rows = (
        (flyer_site / "stats/competitions-by-category.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()
    )
    assert rows == ["类别,竞赛数", "自然科学素养类,22", "人文综合素养类,12", "艺术体育类,13"]
    assert 'data-indicator="literacy-series"' in page


@pytest.mark.parametrize(
    "path",
    ["courses/shi-li-tian-wen-guan-ce-ru-men/", "bases/shi-li-qing-shao-nian-ke-ji-guan/",
     "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao/", "bases/bei-jing-tian-wen-guan/"],
)  # fmt: skip
def test_flyers_print_on_one_a4_page_with_a_qr_code(flyer_site: Path, browser, path: str) -> None:
    html = (flyer_site / path / "index.html").read_text(encoding="utf-8")
    (svg,) = re.findall(r'<svg[^>]*class="kj-qr".*?</svg>', html, re.S)
    ET.fromstring(svg)  # well-formed SVG, drawn at build time
    assert f"https://kejiao.example.org/{path}" in html
    with serve(flyer_site) as base:
        page = browser.new_page()
        page.goto(base + path)
        page.emulate_media(media="print")
        assert page.is_visible(".kj-flyer-qr") and not page.is_visible(".md-header")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
        page.emulate_media(media="screen")
        assert not page.is_visible(".kj-flyer-qr")
        page.close()


@pytest.mark.tool
def test_flyer_pages_pass_the_html_validator(flyer_site: Path) -> None:
    import json
    import subprocess

    from .test_site_quality import vnu_jar

    pages = [
        str(flyer_site / p / "index.html")
        for p in ("courses/shi-li-tian-wen-guan-ce-ru-men", "stats")
    ]
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert json.loads(result.stderr or '{"messages": []}')["messages"] == []


def test_the_ningbo_lecture_indicator_counts_lectures_given(small: Path) -> None:
    """≥ 100 scientist lectures a year, ≥ 20 % in rural schools: counted from the lectures a topic
    list records as given; a lecture whose school is not known to be rural or not is 未注明."""
    path = small / "content" / "topic-lists" / "t.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    day = {"title": "星空", "region": "330206"}
    given = [("2025-05-01", True)]  # an older year: not counted
    given += [("2026-03-01", True)] * 2 + [("2026-04-01", False)] * 6
    given += [("2026-05-01", None)] * 2  # rural or not: unknown
    data["delivered"] = [
        {**day, "date": date} | ({} if rural is None else {"rural": rural}) for date, rural in given
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalogue, _ = load_catalogue(small / "content", root=small, today=TODAY)
    by_key = {i.key: i for i in compute(catalogue).indicators}
    assert by_key["lectures"].value == 10 and by_key["lectures"].met is False
    assert by_key["lectures"].title == "2026 年开展的科学家报告"
    rural = by_key["lectures-rural"]
    assert rural.display == "25%（2/8）；另有 2 场未注明是否乡村学校" and rural.met is True


def test_a_lecture_given_must_be_on_its_list(small: Path) -> None:
    from kejiao.errors import ContentError

    path = small / "content" / "topic-lists" / "t.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["delivered"] = [{"title": "不在清单", "date": "2026-03-01", "region": "330206"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalogue(small / "content", root=small, today=TODAY)
    assert "不在本清单的题目中" in str([d.message for d in caught.value.diagnostics])
