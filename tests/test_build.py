"""Whole builds with the real engine: the shipped content, relations both ways in the HTML,
record pages out of the navigation, byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY, run_cli

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_shipped_content_validates_strictly(capsys) -> None:
    code, output = run_cli(capsys, ROOT, "validate", "--strict", "--today", TODAY.isoformat())
    assert code == 0, output
    assert "共 0 个错误，0 个警告" in output


def test_shipped_content_has_the_whole_whitelist_and_real_venues() -> None:
    import yaml

    competitions = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "content" / "competitions").glob("*.yml")
    ]
    on_list = [c for c in competitions if c.get("whitelist", {}).get("cycle") == "2025-2028"]
    assert len(on_list) == 47
    assert sorted(c["whitelist"]["seq"] for c in on_list) == list(range(1, 48))
    by_category: dict[str, int] = {}
    for c in on_list:
        by_category[c["whitelist"]["category"]] = by_category.get(c["whitelist"]["category"], 0) + 1
        assert c["source"]["title"].endswith("（教监管厅函〔2025〕7号）")
    assert by_category == {"自然科学素养类": 22, "人文综合素养类": 12, "艺术体育类": 13}
    bases = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "content" / "bases").glob("*.yml")
    ]
    assert len([b for b in bases if not b.get("example")]) >= 15


def test_every_record_has_a_page_and_the_lists_link_them(shipped_site: Path) -> None:
    for folder in ("courses", "bases", "experts", "topic-lists", "competitions"):
        ids = sorted(p.stem for p in (ROOT / "content" / folder).rglob("*.yml"))
        listing = read(shipped_site, folder)
        for id_ in ids:
            assert (shipped_site / folder / id_ / "index.html").is_file()
            assert f'href="{id_}/"' in listing
    assert (shipped_site / "404.html").is_file()
    assert "页面不存在" in (shipped_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in read(shipped_site, "")


def test_relations_are_shown_both_ways(shipped_site: Path) -> None:
    base = read(shipped_site, "bases/shi-li-qing-shao-nian-ke-ji-guan")
    assert 'href="../../courses/shi-li-tian-wen-guan-ce-ru-men/"' in base  # base → its courses
    assert 'href="../../competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/"' in base
    course = read(shipped_site, "courses/shi-li-tian-wen-guan-ce-ru-men")
    assert 'href="../../bases/shi-li-qing-shao-nian-ke-ji-guan/"' in course  # course → base
    assert 'href="../../experts/shi-li-wang-tian-wen/"' in course
    assert 'href="../../competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/"' in course
    expert = read(shipped_site, "experts/shi-li-wang-tian-wen")
    assert "我们如何“看见”黑洞" in expert  # expert → their topics
    assert 'href="../../topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao/"' in expert
    topics = read(shipped_site, "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao")
    assert 'href="../../experts/shi-li-li-ji-qi-ren/"' in topics  # topic → speaker


def test_example_badge_and_provenance(shipped_site: Path) -> None:
    example = read(shipped_site, "courses/shi-li-ke-hou-chuang-ke")
    assert "kj-badge--example" in example and ">示例<" in example
    real = read(shipped_site, "bases/bei-jing-tian-wen-guan")
    assert "kj-badge--example" not in real
    assert "最后核实" in real and "2026年11月23日" in real
    assert 'href="https://www.bjp.org.cn/"' in real
    # A fact from another page cites that page, its date and the day it was checked.
    assert "kj-provenance__field" in real and "开放时间说明、预约方式" in real
    assert 'href="https://lvweibo.com/?p=99429"' in real and "（核实于 2026年11月23日）" in real
    whitelist = read(
        shipped_site, "competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai"
    )
    assert "教监管厅函〔2025〕7号" in whitelist and "不等于官方推荐" in whitelist


RECORD_LINK = re.compile(
    r'href="(?:\.\./)*(?:courses|bases|experts|topic-lists|competitions)/[a-z0-9-]+/"'
)


def test_record_pages_stay_out_of_the_navigation(shipped_site: Path) -> None:
    # A competition with no related records links to no record at all: the navigation carries
    # the kinds, never the records (which would make every page carry every link).
    page = read(shipped_site, "competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai")
    assert RECORD_LINK.findall(page) == []
    assert 'href="../../topic-lists/"' in page


@pytest.mark.slow
def test_two_builds_in_different_folders_and_times_are_byte_identical(project) -> None:
    sites = []
    for name, zone in (("first", "UTC"), ("second", "Asia/Shanghai")):
        root = project(GOLDEN_CONTENT, name=name)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"TZ": zone}
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--today", TODAY.isoformat()],
            cwd=root, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        sites.append(root / "site")
        time.sleep(1.1)  # a clock that leaked into the output would now differ
    left = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    right = sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    assert left == right
    match, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], left, shallow=False)
    assert mismatch == [] and errors == []
    assert len(match) == len(left)


def test_an_expert_without_consent_is_published_nowhere(project, capsys) -> None:
    root = project(ROOT / "tests" / "cases" / "no-consent" / "content")
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, output
    site = root / "site"
    assert not (site / "experts" / "e").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":  # the search index escapes Han characters as \uXXXX
                text = json.dumps(json.loads(text), ensure_ascii=False)
            assert "测试专家" not in text and "experts/e/" not in text, path
    rows = [
        row
        for chunk in sorted((site / "search" / "d").glob("*.json"))
        for row in json.loads(chunk.read_text(encoding="utf-8"))
    ]
    assert [r[2] for r in rows] == ["测试课程"]  # the course is searchable, the expert not


def test_download_page_counts_rows_not_lines(project, capsys) -> None:
    """A CSV cell may span lines (a bio in paragraphs): the page counts records, not newlines."""
    root = project(GOLDEN_CONTENT)
    expert = root / "content" / "experts" / "shi-li-wang-tian-wen.yml"
    text = expert.read_text(encoding="utf-8")
    expert.write_text(
        text.replace("bio: 长期从事", "bio: |\n  第一段。\n\n  第二段。\n  长期从事"),
        encoding="utf-8",
    )
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, output
    csv_text = (root / "site" / "data" / "experts.csv").read_text(encoding="utf-8")
    assert csv_text.count("\n") > 4  # the bio's lines are inside one quoted cell
    assert "专家（3 行）" in read(root / "site", "data")


def test_a_failing_record_page_is_named_even_from_a_worker(project, monkeypatch) -> None:
    """Record pages are written by forked workers; a failure names the record's file."""
    from kejiao.kinds import KINDS
    from kejiao.settings import load_settings
    from kejiao.site import build

    original = type(KINDS["expert"]).related

    def broken(self, catalogue, entry):
        if entry.id == "shi-li-zhao-sheng-ming":
            raise ValueError("boom")
        return original(self, catalogue, entry)

    monkeypatch.setattr(type(KINDS["expert"]), "related", broken)
    root = project(GOLDEN_CONTENT)
    (root / "site").mkdir()
    (root / "site" / "keep.txt").write_text("previous site", encoding="utf-8")
    (root / "site" / "index.html").write_text("<p>previous</p>", encoding="utf-8")
    from kejiao.errors import BuildError

    with pytest.raises(BuildError, match=r"content/experts/shi-li-zhao-sheng-ming\.yml.*boom"):
        build(load_settings(root / "mkdocs.yml"), TODAY)
    assert (root / "site" / "keep.txt").read_text(encoding="utf-8") == "previous site"
    assert not list(root.glob(".site.new-*"))
