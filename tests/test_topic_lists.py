"""Topic lists as real bulletins publish them: titles and speakers, often nothing else. Every item
stays in every output, what the list does not state reads 未注明 and is counted as unknown, never
as "no" (the list page, the list's row and its filters, open data, the tools' data, statistics,
JSON-LD and the expert page)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from kejiao.pipeline import load_catalogue
from kejiao.render.stats import compute

from .conftest import TODAY, make_project

COMMON = {
    "last_verified": "2026-11-01",
    "source": {"title": "测试", "url": "https://example.org/t"},
}
# As a bulletin gives it: a date, titles and speakers; no grades, durations, formats or validity.
BULLETIN = {
    "title": "演讲团新题目", "issuer": "某演讲团", "published": "2026-07-11",
    "items": [{"title": "星星为什么会眨眼", "speaker_name": "甲老师"},
              {"title": "种子的旅行", "speaker_name": "乙老师", "organization": "某研究所", "field": "生物与医药",
               "grades": {"from": 3, "to": 6}}],
    **COMMON,
}  # fmt: skip
FULL = {
    "title": "秋季清单", "issuer": "某科协", "valid": {"from": "2026-09-01", "to": "2027-01-31"},
    "items": [{"title": "黑洞", "speaker": "x", "field": "天文与航天", "grades": {"from": 7, "to": 9},
               "duration": 45, "format": "讲座", "abstract": "讲黑洞。"},
              {"title": "月亮", "speaker": "x"}],
    **COMMON,
}  # fmt: skip
EXPERT = {
    "name": "甲专家", "affiliation": "某大学", "fields": ["天文与航天"], "bio": "专家。", "regions": ["110000"],
    "formats": ["进校报告"], "invite": {"organization": "某科协"},
    "consent": {"date": "2026-10-01", "scope": "姓名、单位"}, **COMMON,
}  # fmt: skip


def _write(folder: Path, records: dict[str, dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for id_, data in records.items():
        (folder / f"{id_}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("topics") / "content"
    _write(root / "topic-lists", {"bulletin": BULLETIN, "full": FULL})
    _write(root / "experts", {"x": EXPERT})
    return root


@pytest.fixture(scope="module")
def site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kejiao.cli import main

    root = make_project(tmp_path_factory.mktemp("site") / "p", content)
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--today", TODAY.isoformat()]) == 0
    return root / "site"


def _text(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8-sig")


def test_the_list_page_keeps_every_item_and_says_what_is_not_stated(site: Path) -> None:
    page = _text(site, "topic-lists/bulletin/index.html")
    for title in ("星星为什么会眨眼", "种子的旅行"):
        assert f"<h3>{title}</h3>" in page
    assert "主讲：甲老师</p>" in page and "主讲：乙老师（某研究所）" in page
    # What no item states is said once for the list; what one item omits, under that item.
    assert "各报告的时长、形式：清单未注明，请向发布单位核实。" in page
    assert page.count("未注明，请向发布单位核实</p>") == 1
    assert "适合年级、领域未注明，请向发布单位核实</p>" in page  # the first item only
    assert "<dt>有效期</dt><dd>未注明" in page and "2026年7月11日" in page
    assert "data-kj-valid-to" not in page  # no expiry notice without a validity


def test_the_list_row_stays_under_every_filter(site: Path) -> None:
    listing = _text(site, "topic-lists/index.html")
    row = re.search(r'<tr[^>]*href="bulletin/"|<tr([^>]*)>\s*<td[^>]*><a href="bulletin/"', listing)
    assert row, "the bulletin's row is missing from the list"
    attrs = dict(re.findall(r'(data-[\w-]+)="([^"]*)"', row.group(0)))
    # Known values, then "?" for the items that leave the field empty: kept under any other value.
    assert attrs["data-f-field"] == "生物与医药|?"
    assert attrs["data-f-stage"] == "小学|?"
    assert "data-windows" not in attrs  # no validity: its status is 未注明, not "expired"
    assert "未注明（2026年7月11日发布）" in listing
    config = json.loads(re.search(r'id="kj-facets">(.*?)</script>', listing).group(1))
    facets = {f["key"]: dict(f["values"]) for f in config["facets"]}
    assert facets["field"]["?"] == "领域未注明" and facets["stage"]["?"] == "学段未注明"
    assert facets["status"]["?"] == "有效期未注明"


def test_open_data_and_tool_data_carry_every_item_with_empty_cells(site: Path) -> None:
    rows = [
        r
        for r in csv.DictReader(io.StringIO(_text(site, "data/topics.csv")))
        if r["topic_list_id"] == "bulletin"
    ]
    assert [r["title"] for r in rows] == ["星星为什么会眨眼", "种子的旅行"]
    first = rows[0]
    assert first["speaker_name"] == "甲老师" and first["speaker_id"] == ""
    assert (first["field"], first["grade_from"], first["duration"], first["format"]) == (
        "",
        "",
        "",
        "",
    )
    lists = {r["id"]: r for r in csv.DictReader(io.StringIO(_text(site, "data/topic_lists.csv")))}
    assert lists["bulletin"]["valid_from"] == "" and lists["bulletin"]["published"] == "2026-07-11"
    records = [  # the tools' shards of topic lists (by province; 00: no region)
        r
        for shard in sorted((site / "app" / "topic-lists").glob("*.json"))
        for r in json.loads(shard.read_text(encoding="utf-8"))
    ]
    bulletin = next(r for r in records if r["id"] == "bulletin")
    assert bulletin["it"][0] == ["星星为什么会眨眼", None, None, None, None]
    assert "v" not in bulletin and bulletin["st"] == ["小学"]


def test_json_ld_names_the_published_speaker_and_leaves_unknowns_out(site: Path) -> None:
    page = _text(site, "topic-lists/bulletin/index.html")
    graph = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    node = (
        graph
        if graph.get("@type") == "ItemList"
        else next(n for n in graph.get("@graph", []) if n.get("@type") == "ItemList")
    )
    first = node["itemListElement"][0]["item"]
    assert first["performer"] == {"@type": "Person", "name": "甲老师"}
    assert not {"duration", "educationalLevel", "about"} & set(first)
    assert node["numberOfItems"] == 2


def test_the_expert_page_lists_a_topic_whose_facts_are_not_stated(site: Path) -> None:
    page = _text(site, "experts/x/index.html")
    assert "黑洞（45 分钟，初中（7–9年级））" in page
    assert "月亮（时长未注明，年级未注明）" in page


def test_statistics_count_known_and_unknown(content: Path, site: Path) -> None:
    catalogue, _ = load_catalogue(content, root=content.parent, today=TODAY)
    stats = compute(catalogue)
    assert dict((label, (k, u)) for label, k, u in stats.topic_items) == {
        "适合年级": (2, 2), "时长": (1, 3), "形式": (1, 3), "领域": (2, 2),
    }  # fmt: skip
    assert stats.by_stage["topic_list"]["小学"] == 1 and stats.by_stage["topic_list"]["初中"] == 1
    rows = _text(site, "stats/topic-items.csv").splitlines()
    assert rows[0] == "信息,已注明的报告数,未注明的报告数" and "适合年级,2,2" in rows


def test_recommendations_keep_topics_whose_grade_and_field_are_not_stated(
    shipped_site: Path, browser
) -> None:
    """为我推荐: a real list's topics that state no grade, field or validity are offered for any
    grade and subject, labelled so the teacher knows to ask, never dropped as "not matching"."""
    import datetime as dt

    from .browser import serve

    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.clock.set_fixed_time(dt.datetime(2026, 11, 22, 10))
        page.goto(base + "recommend/?from=4&to=6&field=天文与航天")
        page.wait_for_selector("[data-kj-ready]")
        topics = page.inner_text(".kj-recommend[data-section=报告主题]")
        assert "北大西洋的春天之旅" in topics
        assert "年级、领域、有效期未注明，请向发布单位核实" in topics
        assert "清单在有效期内" not in topics.split("北大西洋的春天之旅")[1].split("\n\n")[0]
        page.close()


def test_a_list_with_an_item_of_unknown_field_is_in_the_unknown_subject_part() -> None:
    """为我推荐 with a subject loads that subject's part and the unknown part: a list whose items
    include one without a field must be in the unknown part too, or that item is never offered."""
    from kejiao.render.appshards import NO_FIELD, _subject_keys, fields

    index = {"天文与航天": "2", "生物与医药": "5"}
    record = {"it": [["甲", None, "天文与航天", None, None], ["乙", None, None, None, None]]}
    assert _subject_keys(fields(record, {}), index) == ["2", NO_FIELD]
    assert _subject_keys({"生物与医药"}, index) == ["5"]
    assert _subject_keys(set(), index) == [NO_FIELD]
