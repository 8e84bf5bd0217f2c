"""Facets on the list pages in headless Chromium: counts, AND across facets and OR within one,
the region cascade, grade overlap, status from the browser's date, sorting, state in the URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .browser import serve
from .conftest import ROOT


def shipped(folder: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "content" / folder).glob("*.yml")
    }


def visible(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-kj-list] tbody tr:not([hidden]) td:first-child a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, ''))",
    )


def count_of(page, facet: str, value: str) -> int:
    return int(page.inner_text(f"[data-facet={facet}] input[value='{value}'] ~ .kj-facet__count"))


def open_page(browser, base: str, path: str, today: str = "2026-11-22"):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.clock.set_fixed_time(dt.datetime.fromisoformat(today + "T10:00:00"))
    page.goto(base + path)
    return page


def test_counts_and_and_or_semantics(shipped_site: Path, browser) -> None:
    data = shipped("competitions")
    with serve(shipped_site) as base:
        page = open_page(browser, base, "competitions/")
        assert len(visible(page)) == 48
        for category in ("自然科学素养类", "人文综合素养类", "艺术体育类"):
            expected = sum(
                1 for c in data.values() if c.get("whitelist", {}).get("category") == category
            )
            assert count_of(page, "category", category) == expected
        page.check("[data-facet=category] input[value=自然科学素养类]")
        science = {
            k for k, c in data.items() if c.get("whitelist", {}).get("category") == "自然科学素养类"
        }
        assert set(visible(page)) == science
        # Counts of another facet are computed within the current selection.
        high = {k for k in science if "高中" in data[k]["stages"]}
        assert count_of(page, "stage", "高中") == len(high)
        page.check("[data-facet=stage] input[value=高中]")  # AND across facets
        assert set(visible(page)) == high
        page.check("[data-facet=stage] input[value=小学]")  # OR within a facet
        assert set(visible(page)) == {
            k for k in science if {"高中", "小学"} & set(data[k]["stages"])
        }
        assert "筛选出" in page.inner_text("[data-kj-count]")
        page.close()


def test_state_lives_in_the_address_and_the_back_button(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "competitions/")
        page.check("[data-facet=category] input[value=艺术体育类]")
        arts = visible(page)
        page.select_option("[data-facet=sort] select, .kj-facet--sort select", "date")
        url = page.url
        assert "category=" in url and "sort=date" in url
        page.go_back()
        page.wait_for_function("() => !location.search.includes('sort=')")
        assert page.is_checked("[data-facet=category] input[value=艺术体育类]")
        page.go_back()
        page.wait_for_function("() => location.search === ''")
        assert len(visible(page)) == 48
        shared = open_page(browser, base, url.split("/", 3)[3])  # the same link on another phone
        assert shared.is_checked("[data-facet=category] input[value=艺术体育类]")
        assert sorted(visible(shared)) == sorted(arts)
        assert shared.input_value(".kj-facet--sort select") == "date"
        page.close()
        shared.close()


def test_region_cascade_and_grade_overlap(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "bases/")
        selects = page.locator("[data-facet=region] select")
        selects.nth(0).select_option("110000")
        beijing = visible(page)
        assert "bei-jing-tian-wen-guan" in beijing and "shang-hai-ke-ji-guan" not in beijing
        assert len(beijing) == sum(
            1 for b in shipped("bases").values() if b["region"].startswith("11")
        )
        assert "海淀区" in selects.nth(1).inner_text()  # municipality: districts come next
        selects.nth(1).select_option("110108")
        assert sorted(visible(page)) == [
            "guo-jia-zhi-wu-yuan-bei-yuan",
            "shi-li-qing-shao-nian-ke-ji-guan",
        ]
        assert "region=110108" in page.url
        page.close()
        page = open_page(browser, base, "courses/")
        page.select_option("[data-facet=grade] select", "7")
        courses = shipped("courses")
        expected = {k for k, c in courses.items() if c["grades"]["from"] <= 7 <= c["grades"]["to"]}
        assert set(visible(page)) == expected
        page.close()


def test_status_follows_the_browser_date(shipped_site: Path, browser) -> None:
    example = (
        "shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai"  # registration 2025-11/12 and 2026-11/12
    )
    with serve(shipped_site) as base:
        for today, status in (
            ("2026-11-22", "open"),
            ("2026-06-01", "upcoming"),
            ("2027-02-01", "closed"),
        ):
            page = open_page(browser, base, f"competitions/?status={status}", today)
            assert example in visible(page), today
            page.close()
        page = open_page(browser, base, "topic-lists/?status=closed", "2027-02-15")
        # The expired list first; a list that gives no validity stays, after it, as 未注明.
        assert visible(page) == ["shi-li-2026-qiu-ji-ke-xue-bao-gao", BULLETIN]
        page.close()


# A real list that gives titles and speakers only (no validity, grades or fields).
BULLETIN = "zhong-ke-yuan-lao-ke-xue-jia-yan-jiang-tuan-2023-nian-7-yue-xin-ti-mu"


def badges(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all(
        "[data-kj-list] tbody tr:not([hidden])",
        """rows => rows.map(r => [r.querySelector('a').getAttribute('href').replace(/\\/$/, ''),
          (r.querySelector('[data-kj-unknown]') || {}).textContent || ''])""",
    ))  # fmt: skip


def test_a_topic_list_whose_items_leave_facts_unstated_stays_under_every_filter(
    shipped_site: Path, browser
) -> None:
    """Unknown is not no: a list whose items state no field, grade or validity is kept under every
    filter value, after the known matches and labelled; 未注明 is a choice of its own with a count;
    a list partly known ("A|?") is a known match for its own values."""
    demo = "shi-li-2026-qiu-ji-ke-xue-bao-gao"
    with serve(shipped_site) as base:
        page = open_page(browser, base, "topic-lists/")
        assert set(visible(page)) == {demo, BULLETIN}
        assert count_of(page, "field", "?") == 1 and count_of(page, "status", "?") == 1
        page.check("[data-facet=field] input[value=天文与航天]")
        page.check("[data-facet=stage] input[value=初中]")
        page.check("[data-facet=status] input[value=open]")
        assert visible(page) == [demo, BULLETIN]  # known match first
        assert badges(page) == {demo: "", BULLETIN: "有效期、领域、学段未注明"}
        assert "已注明的 1 条，未注明的 1 条" in page.inner_text("[data-kj-count]")
        page.uncheck("[data-kj-keep-unknown]")  # a reader may hide them, and is told how many
        assert visible(page) == [demo]
        assert "另有 1 条所选信息未注明" in page.inner_text("[data-kj-count]")
        page.close()
        page = open_page(browser, base, "topic-lists/?field=%3F")  # 领域未注明 as a choice
        assert visible(page) == [BULLETIN]
        page.close()


def test_sorting_by_date(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = open_page(browser, base, "competitions/?sort=date")
        # Earliest registration deadline first (丘成桐中学科学奖, 2024-07-31).
        assert visible(page)[0] == "qiu-cheng-tong-zhong-xue-ke-xue-jiang"
        page.close()


def test_without_javascript_the_whole_list_is_readable(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "competitions/")
        assert len(page.query_selector_all("[data-kj-list] tbody tr")) == 48
        assert not page.is_visible("[data-kj-facets]")
        context.close()


def test_bases_sort_by_distance_from_the_device(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            geolocation={"latitude": 31.2397, "longitude": 121.4998},  # 上海外滩
            permissions=["geolocation"],
        )
        page = context.new_page()
        page.goto(base + "bases/")
        page.select_option(".kj-facet--sort select", "distance")
        page.wait_for_function("() => location.search.includes('sort=distance')")
        first = visible(page)[:4]
        # Without coordinates of their own, bases sit at their district's centre: the three in
        # 浦东新区 (centre 4.7 km away) come before 静安区 (5.1 km), ties in name order.
        assert set(first[:3]) == {
            "shang-hai-ke-ji-guan",
            "shang-hai-tian-wen-guan",
            "zhong-guo-hang-hai-bo-wu-guan",
        }
        assert first[3] == "shang-hai-zi-ran-bo-wu-guan"
        context.close()
