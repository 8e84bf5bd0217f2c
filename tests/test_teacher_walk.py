"""The teacher's path on a phone and a desktop (issue 16) and "unknown is not no" in the lists
(issue 14), walked in headless Chromium on the shipped site: the region filter shows what it filters
by, records with an unrecorded field stay in the results, the keyboard reaches the filters through a
skip link with focus always visible, flyers never print maintainer instructions, the phone layout
of 统计 and the lists, and what list rows say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .browser import serve
from .test_facets import open_page, visible

PHONE = {"width": 360, "height": 740}


def phone_page(browser, base: str, path: str):
    page = browser.new_page(viewport=PHONE)
    page.goto(base + path)
    return page


# --- 1. the region filter shows what it filters by ---------------------------------------------


def test_an_active_region_filter_is_shown_as_itself(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "bases/?region=310115&grade=7")
        selects = page.locator("[data-facet=region] select")
        assert selects.nth(0).input_value() == "310000"
        assert selects.nth(1).input_value() == "310115"
        chosen = selects.nth(1).locator("option:checked").inner_text()
        assert chosen.startswith("浦东新区")
        assert "全部地区" not in selects.nth(0).locator("option:checked").inner_text()
        page.close()
        # The chosen region is offered even when nothing else selected leaves a base there.
        page = open_page(browser, base, "bases/?region=310115&type=天文馆&type=植物园")
        shown = page.locator("[data-facet=region] select").nth(1)
        assert shown.input_value() == "310115"
        assert re.match(r"浦东新区（\d+）", shown.locator("option:checked").inner_text())
        page.close()


# --- 7. unknown is not no ----------------------------------------------------------------------


def test_records_without_the_filtered_field_stay_visible_as_unknown(
    shipped_site: Path, browser
) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "bases/?region=310115&grade=7")
        count = page.inner_text("[data-kj-count]")
        assert "筛选出 0 条" not in count
        shown = visible(page)
        assert "shang-hai-ke-ji-guan" in shown  # its grades are not recorded
        row = page.locator("tr", has=page.locator("a[href$='shang-hai-ke-ji-guan/']"))
        assert row.locator("[data-kj-unknown]").inner_text() == "年级未注明"
        assert f"未注明的 {len(shown)} 条" in count  # the count says how many are unknown
        grade = page.locator("[data-facet=grade] select option[value='?']").inner_text()
        assert re.fullmatch(r"年级未注明（[1-9]\d*）", grade)
        # Leaving them out is a choice, and the count then says how many were left out.
        page.uncheck("[data-kj-keep-unknown]")
        assert visible(page) == []
        assert f"另有 {len(shown)} 条" in page.inner_text("[data-kj-count]")
        assert "unknown=hide" in page.url
        page.close()
        # 未注明 is a choice of its own, with its count; known matches come first.
        page = open_page(browser, base, "bases/")
        unknown_services = page.locator("[data-facet=service] input[value='?']")
        n = int(page.inner_text("[data-facet=service] input[value='?'] ~ .kj-facet__count"))
        unknown_services.check()
        assert len(visible(page)) == n > 0
        unknown_services.uncheck()
        page.check("[data-facet=service] input[value=研学]")
        rows = page.locator("[data-kj-list] tbody tr:not([hidden])")
        flags = [rows.nth(i).locator("[data-kj-unknown]").count() for i in range(rows.count())]
        assert flags == sorted(flags) and 0 in flags and 1 in flags
        page.close()


# --- 2. keyboard --------------------------------------------------------------------------------

FOCUS = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, text: (e.textContent || "").trim().slice(0, 12), outline: s.outlineStyle,
          width: parseFloat(s.outlineWidth), shadow: s.boxShadow, label: e.getAttribute("aria-label")};
}"""


def test_a_keyboard_walk_skip_link_visible_focus_and_escape(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "bases/")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["text"] == "跳到正文"
        assert page.is_visible("a.md-skip:focus")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["text"] == "跳到筛选"
        page.keyboard.press("Enter")  # three presses to the filters
        assert page.evaluate(FOCUS)["tag"] == "SUMMARY"
        assert page.evaluate("() => document.querySelector('details.kj-facets-wrap').open")
        # Every control met on the way through the filters shows a focus ring, checkboxes too.
        seen = set()
        for _ in range(25):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            seen.add(focus["tag"])
            assert focus["outline"] != "none" and focus["width"] >= 2, focus
        assert {"INPUT", "SELECT"} <= seen
        # The header search: its overlay does not stay over the page once focus moves on, and
        # Escape closes it.
        page.goto(base + "bases/")
        page.focus("input.md-search__input")
        assert page.is_visible(".md-search__overlay")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # past the results box, into the navigation tabs
        assert page.evaluate("() => !document.activeElement.closest('.md-search')")
        assert not page.is_visible(".md-search__overlay")
        page.focus("input.md-search__input")
        page.keyboard.press("Escape")
        assert not page.evaluate("() => document.getElementById('__search').checked")
        page.close()
        # Every page has the skip link to its content.
        for path in ("", "stats/", "guide/", "courses/shi-li-tian-wen-guan-ce-ru-men/"):
            page = open_page(browser, base, path)
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUS)["text"] == "跳到正文", path
            page.keyboard.press("Enter")
            assert page.evaluate("() => document.activeElement.id") == "kj-main"
            page.close()


# --- 3. the flyer -------------------------------------------------------------------------------


def test_the_flyer_never_prints_a_maintainer_instruction(shipped_site: Path, browser) -> None:
    """The shipped site has no site_url: the flyer names the site and prints no instruction."""
    with serve(shipped_site) as base:
        page = open_page(browser, base, "courses/shi-li-tian-wen-guan-ce-ru-men/")
        page.emulate_media(media="print")
        printed = page.inner_text("body")
        assert "mkdocs.yml" not in printed and "site_url" not in printed
        assert page.is_visible(".kj-flyer-site")
        # A demo record's flyer says so on paper.
        assert page.is_visible(".kj-record .kj-badge--example")
        assert "示例记录" in page.inner_text(".kj-flyer-qr")
        page.close()


def test_the_build_tells_the_maintainer_about_site_url(capsys, project) -> None:
    from .conftest import ROOT, run_cli

    root = project(ROOT / "content")
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 0 and "没有设置 site_url" in out
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('site_url: ""', "site_url: https://a.example/"),
        encoding="utf-8",
    )
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 0 and "site_url" not in out


# --- 4. phone layout ----------------------------------------------------------------------------


def test_statistics_are_readable_on_a_phone(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = phone_page(browser, base, "stats/")
        # 指标 gets a line of its own, wide enough for a phrase, not two characters a line.
        width = page.evaluate(
            "() => document.querySelector('.kj-indicators tbody th').getBoundingClientRect().width"
        )
        assert width >= 250
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth"
        )  # no sideways scrolling of the page
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.kj-chart text')).map(t =>
                 parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
        )
        assert sizes and min(sizes) >= 12
        clipped = page.evaluate(
            """() => Array.from(document.querySelectorAll('.kj-chart__label'))
                 .filter(t => t.getBBox().x < 0).map(t => t.textContent)"""
        )
        assert clipped == []
        page.close()


def test_phone_targets_and_the_jump_to_results(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = phone_page(browser, base, "competitions/?stage=初中")
        assert page.evaluate("() => document.querySelector('details.kj-facets-wrap').open")
        boxes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.kj-facets input[type=checkbox]'))
                 .filter(i => i.offsetParent).map(i => [i.offsetWidth, i.offsetHeight])"""
        )
        assert boxes and min(min(b) for b in boxes) >= 24
        n = len(visible(page))
        jumps = page.locator("[data-kj-jump]")  # at the top and the bottom of the panel
        assert jumps.all_inner_texts() == [f"查看 {n} 条结果"] * 2
        jump = jumps.first
        assert jump.is_visible()  # within the first screen, though the panel is long
        box = jump.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"]
        jump.click()
        assert page.evaluate("() => document.activeElement.id") == "kj-results"
        top = page.evaluate(
            "() => document.getElementById('kj-results').getBoundingClientRect().top"
        )
        assert -1 <= top < PHONE["height"] / 2
        page.close()


def test_home_title_cards_and_the_sidebar(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "")
        assert page.title() == "科教资源目录"
        intro = page.locator(".kj-card__intro").first
        assert "underline" not in intro.evaluate("e => getComputedStyle(e).textDecorationLine")
        label = page.locator(".kj-card__label").first
        assert "underline" in label.evaluate("e => getComputedStyle(e).textDecorationLine")
        cards = page.inner_text(".kj-cards")
        assert re.search(r"课程\s*其中示例 \d+", cards)
        # A section of one page has no sidebar on a desktop; a section of several lists them.
        assert not page.is_visible(".md-sidebar--primary")
        page.goto(base + "bases/")
        assert not page.is_visible(".md-sidebar--primary")
        page.goto(base + "guide/")
        assert page.is_visible(".md-sidebar--primary")
        assert "字段参考" in page.inner_text(".md-sidebar--primary")
        page.close()
        # On a phone the sidebar is the menu drawer: it stays.
        page = phone_page(browser, base, "bases/")
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_timeout(400)
        assert page.is_visible(".md-sidebar--primary .md-nav__link >> text=竞赛")
        page.close()


# --- 5. what list rows say ----------------------------------------------------------------------


def cell(page, slug: str, label: str) -> str:
    row = page.locator("tr", has=page.locator(f"a[href$='{slug}/']"))
    return row.locator(f"td[data-label='{label}']").inner_text()


def test_list_rows_say_where_and_the_whitelist_plainly(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "courses/")
        assert cell(page, "shi-li-xian-shang-sheng-ming-ke-xue", "地区") == "线上，不限地区"
        # An online course matches every region.
        page.locator("[data-facet=region] select").nth(0).select_option("110000")
        assert "shi-li-xian-shang-sheng-ming-ke-xue" in visible(page)
        page.goto(base + "competitions/")
        names = page.eval_on_selector_all(
            "[data-kj-list] tbody tr td:first-child a", "a => a.map(x => x.textContent)"
        )
        # “常青藤”… sorts under C with the names in pinyin order, not after every other name.
        first = [n.lstrip("“") for n in names[:10]]
        assert any(n.startswith("常青藤") for n in first)
        assert cell(page, "shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai", "白名单") == (
            "未列入教育部白名单"
        )
        page.goto(base + "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/")
        aside = page.inner_text(".kj-whitelist")
        assert "未列入教育部白名单" in aside and "不等于不正规" in aside
        page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_row_shows_a_delivery_mode_as_a_place(shipped_site: Path, browser, width) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(base + "courses/")
        places = page.eval_on_selector_all(
            "td[data-label='地区']", "cells => cells.map(c => c.textContent)"
        )
        assert places and not {"双师课堂", "线上", "线下", "混合"} & set(places)
        page.close()
