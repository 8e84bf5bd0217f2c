"""The public 申报 page, in Chromium: the form is drawn from the schema, a wrong value is stopped with
the CLI's wording, and what it produces — the .yml record and the 申报表 row — is accepted unchanged
by `validate` and `import`."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import TypeAdapter

from kejiao.editor.fields import pattern_messages, rule_messages
from kejiao.editor.pages import apply_page
from kejiao.editor.settings import EditorSettings
from kejiao.models.common import Time

from .browser import serve
from .conftest import ROOT, make_project, run_cli

pytestmark = pytest.mark.browser


def field(page, label: str):
    return page.get_by_label(label, exact=True).first


def open_form(page, url: str, kind_label: str) -> None:
    page.goto(url + "shenbao/")
    page.get_by_label(kind_label, exact=True).check()
    page.wait_for_selector("input[name=kj-id]")


def fill_base(page, *, region_district: str = "110108", time: str = "09:00") -> None:
    page.fill("input[name=kj-id]", "ce-shi-ke-ji-guan")
    field(page, "基地名称").fill("测试科技馆")
    field(page, "简介").fill("用于测试申报页面的基地：=不是公式")
    field(page, "类别").select_option("科技场馆类")
    field(page, "类型").select_option("科技馆")
    page.select_option("select[aria-label=省份]", "110000")
    page.select_option("select[aria-label=城市或区县]", region_district)
    field(page, "地址").fill("北京市海淀区测试路 1 号")
    page.get_by_role("button", name="添加一项：开放时间").click()
    page.get_by_role("group", name="开放时间（可选）").get_by_label("周二").check()
    page.get_by_role("group", name="开放时间（可选）").get_by_label("周三").check()
    page.locator("[data-path='opening_hours.0.opens'] input").fill(time)
    page.locator("[data-path='opening_hours.0.closes'] input").fill("17:00")
    field(page, "最后核实日期").fill("2026-11-20")
    page.locator("[data-path='source.title'] input").fill("测试来源")
    page.locator("[data-path='source.url'] input").fill("https://example.org/guide")


@pytest.fixture
def site(shipped_site: Path) -> Path:
    return shipped_site


def test_a_base_is_checked_and_downloaded_as_a_valid_record(site, browser, tmp_path, capsys):
    with serve(site) as url:
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        open_form(page, url, "基地")

        # A wrong time and a missing field are stopped in the page, in the CLI's words.
        fill_base(page, time="9:00")
        field(page, "地址").fill("")
        page.get_by_role("button", name="检查并生成文件").click()
        alert = page.locator("#kj-errors")
        alert.wait_for()
        text = alert.inner_text()
        assert pattern_messages()[TypeAdapter(Time).json_schema()["pattern"]] in text
        assert "地址：缺少必填字段" in text
        assert page.locator("#kj-result").is_hidden()
        assert page.locator("[data-path='address'] .kj-error").inner_text() == "缺少必填字段"

        # Corrected, it produces a file `validate` accepts unchanged and a row `import` accepts.
        page.locator("[data-path='opening_hours.0.opens'] input").fill("09:00")
        field(page, "地址").fill("北京市海淀区测试路 1 号")
        page.get_by_role("button", name="检查并生成文件").click()
        page.locator("#kj-result").wait_for()
        with page.expect_download() as download:
            page.locator("#kj-download-yml").click()
        assert download.value.suggested_filename == "ce-shi-ke-ji-guan.yml"
        record = tmp_path / "ce-shi-ke-ji-guan.yml"
        download.value.save_as(record)
        with page.expect_download() as sheet:
            page.locator("#kj-download-csv").click()
        row = tmp_path / "row.csv"
        sheet.value.save_as(row)
        assert not errors, errors

    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/base.schema.json\n")
    assert 'region: "110108"' in text
    assert 'opens: "09:00"' in text
    assert "last_verified: 2026-11-20\n" in text
    assert "days: [周二, 周三]" in text

    root = make_project(tmp_path / "p1")
    (root / "content" / "bases").mkdir()
    (root / "content" / "bases" / record.name).write_bytes(record.read_bytes())
    code, out = run_cli(capsys, root, "validate", "--strict", "--today", "2026-11-22")
    assert code == 0, out

    with open(row, encoding="utf-8-sig", newline="") as handle:
        headers, values = list(csv.reader(handle))
    assert headers[0] == "编号" and values[0] == "ce-shi-ke-ji-guan"
    assert values[headers.index("简介")] == "用于测试申报页面的基地：=不是公式"
    assert values[headers.index("行政区划代码")] == "110108"
    root2 = make_project(tmp_path / "p2")
    code, out = run_cli(capsys, root2, "import", "base", str(row))
    assert code == 0, out
    imported = root2 / "content" / "bases" / "ce-shi-ke-ji-guan.yml"
    code, out = run_cli(capsys, root2, "validate", "--strict", "--today", "2026-11-22")
    assert code == 0, out
    assert imported.is_file()


def test_a_cell_that_would_be_a_formula_is_defused(site, browser, tmp_path):
    with serve(site) as url:
        page = browser.new_page(accept_downloads=True)
        open_form(page, url, "基地")
        fill_base(page)
        field(page, "基地名称").fill('=HYPERLINK("http://x")')
        page.get_by_role("button", name="检查并生成文件").click()
        page.locator("#kj-result").wait_for()
        with page.expect_download() as sheet:
            page.locator("#kj-download-csv").click()
        row = tmp_path / "row.csv"
        sheet.value.save_as(row)
    with open(row, encoding="utf-8-sig", newline="") as handle:
        headers, values = list(csv.reader(handle))
    assert values[headers.index("基地名称")] == '\'=HYPERLINK("http://x")'


def test_a_course_and_a_topic_list_validate(site, browser, tmp_path, capsys):
    root = make_project(tmp_path / "p", ROOT / "content")
    with serve(site) as url:
        page = browser.new_page(accept_downloads=True)
        open_form(page, url, "课程")
        page.fill("input[name=kj-id]", "ce-shi-ke-cheng")
        field(page, "课程名称").fill("测试课程")
        field(page, "简介").fill("一门测试课程。")
        field(page, "课程类型").select_option("校本课程")
        page.locator("[data-path='fields']").get_by_label("天文与航天").check()
        page.locator("[data-path='grades.from'] input").fill("6")
        page.locator("[data-path='grades.to'] input").fill("4")
        field(page, "总课时").fill("12")
        field(page, "授课形式").select_option("线下")
        page.locator("[data-path='cost.type'] select").select_option("免费")
        page.locator("[data-path='booking.note'] textarea").fill("请提前一周预约")
        field(page, "最后核实日期").fill("2026-11-20")
        page.locator("[data-path='source.title'] input").fill("测试来源")
        page.locator("[data-path='source.url'] input").fill("https://example.org/source")
        page.get_by_role("button", name="检查并生成文件").click()
        text = page.locator("#kj-errors").inner_text()
        rules = rule_messages()
        assert rules["grade_order"] in text
        assert rules["course_provider"] in text
        page.locator("[data-path='grades.from'] input").fill("4")
        page.locator("[data-path='grades.to'] input").fill("6")
        page.locator("[data-path='provider'] input").fill("测试学会")
        page.get_by_role("button", name="检查并生成文件").click()
        page.locator("#kj-result").wait_for()
        with page.expect_download() as download:
            page.locator("#kj-download-yml").click()
        download.value.save_as(root / "content" / "courses" / "ce-shi-ke-cheng.yml")

        open_form(page, url, "主题清单")
        page.fill("input[name=kj-id]", "ce-shi-qing-dan")
        field(page, "清单名称").fill("测试主题清单")
        field(page, "发布单位").fill("测试科协")
        page.locator("[data-path='valid.from'] input").fill("2026-09-01")
        page.locator("[data-path='valid.to'] input").fill("2027-01-31")
        page.get_by_role("button", name="添加一项：报告主题").click()
        item = page.locator("[data-path^='items.0']")
        page.locator("[data-path='items.0.title'] input").fill("星空漫游")
        page.locator("[data-path='items.0.organization'] input").fill("测试天文台")
        page.locator("[data-path='items.0.field'] select").select_option("天文与航天")
        page.locator("[data-path='items.0.grades.from'] input").fill("4")
        page.locator("[data-path='items.0.grades.to'] input").fill("9")
        page.locator("[data-path='items.0.duration'] input").fill("45")
        page.locator("[data-path='items.0.format'] select").select_option("讲座")
        page.locator("[data-path='items.0.abstract'] textarea").fill("认识四季星空。")
        assert item.count() > 0
        field(page, "最后核实日期").fill("2026-11-20")
        page.locator("[data-path='source.title'] input").fill("测试来源")
        page.locator("[data-path='source.url'] input").fill("https://example.org/source")
        page.get_by_role("button", name="检查并生成文件").click()
        page.locator("#kj-result").wait_for()
        with page.expect_download() as download:
            page.locator("#kj-download-yml").click()
        download.value.save_as(root / "content" / "topic-lists" / "ce-shi-qing-dan.yml")
    code, out = run_cli(capsys, root, "validate", "--today", "2026-11-22")
    assert code == 0, out
    assert not any("ce-shi-ke-cheng" in x or "ce-shi-qing-dan" in x for x in out.splitlines()), out


def test_forge_links_prefill_the_file(tmp_path) -> None:
    github = apply_page("目录", EditorSettings(repository_url="https://github.com/kx/ml"))
    assert "https://github.com/kx/ml/new/main?filename={dir}{name}&value={value}" in github
    gitea = apply_page("目录", EditorSettings(repository_url="https://codeberg.org/kx/ml"))
    assert "https://codeberg.org/kx/ml/_new/main/{dir}?filename={name}" in gitea
    for url in ("https://gitlab.com/kx/ml", "https://gitee.com/kx/ml"):
        assert '"new_file": null' in apply_page("目录", EditorSettings(repository_url=url))


def test_the_github_link_carries_the_record(shipped_site, browser, tmp_path):
    from kejiao.editor import site_files

    class Context:
        site_name = "目录"
        editor = EditorSettings(repository_url="https://github.com/kx/ml", branch="gh-pages")

    site = tmp_path / "site"
    import shutil

    shutil.copytree(shipped_site, site)
    (site / "shenbao" / "index.html").write_text(site_files(Context())["shenbao/index.html"])
    with serve(site) as url:
        page = browser.new_page()
        open_form(page, url, "基地")
        fill_base(page)
        page.get_by_role("button", name="检查并生成文件").click()
        page.locator("#kj-result").wait_for()
        href = page.locator("#kj-forge").get_attribute("href")
        yaml_text = page.locator("#kj-yaml").text_content()
    parts = urlsplit(href)
    assert parts.netloc == "github.com" and parts.path == "/kx/ml/new/gh-pages"
    query = parse_qs(parts.query)
    assert query["filename"] == ["content/bases/ce-shi-ke-ji-guan.yml"]
    assert query["value"] == [yaml_text]


def test_accessible_at_phone_width_under_its_own_policy(site, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    with serve(site) as url:
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.add_init_script(
                "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            open_form(page, url, "基地")
            states = {}
            page.get_by_role("button", name="检查并生成文件").click()  # errors shown
            states["errors"] = axe.run(page)
            fill_base(page)
            page.get_by_role("button", name="检查并生成文件").click()
            page.locator("#kj-result").wait_for()
            states["result"] = axe.run(page)
            for state, results in states.items():
                serious = [
                    f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
                    for v in results.response["violations"]
                    if v["impact"] in ("serious", "critical")
                ]
                if serious:
                    found[f"{state} @ {width}px"] = serious
            assert page.evaluate("() => window.__csp") == []
            # Nothing is wider than a phone screen.
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            page.close()
    assert found == {}


def test_errors_follow_list_items_after_one_is_deleted(site, browser):
    """Deleting a list item renumbers the others: a message lands on the item it is about, and the
    messages of a deleted item go with it instead of staying on the page."""
    hours = "[data-path^='opening_hours.'][data-path$='.opens'] .kj-error"
    with serve(site) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        open_form(page, url, "基地")
        fill_base(page)
        add = page.get_by_role("button", name="添加一项：开放时间")
        add.click()
        second = page.locator(".kj-items > li").nth(1)
        second.get_by_label("周六").check()
        second.locator("[data-path$='.opens'] input").fill("18:00")  # after closing: an error
        second.locator("[data-path$='.closes'] input").fill("10:00")
        check = page.get_by_role("button", name="检查并生成文件")
        check.click()
        page.locator("#kj-errors").wait_for()
        order = rule_messages()["hours_order"]
        assert second.locator("[data-path$='.opens'] .kj-error").inner_text() == order

        # The first item goes: the second is now the first, and its message is checked there.
        page.locator(".kj-items > li").first.get_by_role("button", name="删除此项").click()
        only = page.locator(".kj-items > li")
        assert only.count() == 1
        assert only.locator(".kj-item-title").inner_text() == "开放时间 第 1 项"
        assert only.locator("[data-path='opening_hours.0.opens'] .kj-error").inner_text() == order
        assert order in page.locator("#kj-errors").inner_text()
        check.click()
        assert only.locator("[data-path='opening_hours.0.opens'] .kj-error").inner_text() == order
        assert page.locator("[data-path='opening_hours'] > .kj-error").is_hidden()
        assert page.locator(hours).filter(has_text=order).count() == 1

        # Corrected, then an item with the error added and deleted: no message stays behind.
        only.locator("[data-path$='.opens'] input").fill("09:00")
        check.click()
        page.locator("#kj-result").wait_for()
        add.click()
        page.locator(".kj-items > li").nth(1).get_by_label("周日").check()
        page.locator(".kj-items > li").nth(1).locator("[data-path$='.opens'] input").fill("18:00")
        page.locator(".kj-items > li").nth(1).locator("[data-path$='.closes'] input").fill("10:00")
        check.click()
        page.locator("#kj-errors").wait_for()
        assert page.locator(hours).filter(has_text=order).count() == 1
        page.locator(".kj-items > li").nth(1).get_by_role("button", name="删除此项").click()
        assert page.locator("#kj-errors").is_hidden()
        assert page.locator(".kj-error:visible").count() == 0
        assert page.locator("#kj-result").is_hidden()  # the form changed: check again first
        assert not errors, errors
