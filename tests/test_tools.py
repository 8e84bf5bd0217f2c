"""The browser tools in headless Chromium: partner-base finder ordering, recommendations with
reasons, upcoming dates, the shortlist (persistence, sharing, CSV, one printed A4 page), calendars."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import yaml
from icalendar import Calendar

from kejiao import regions

from .browser import serve
from .conftest import ROOT


def new_page(browser, *, today: str = "2026-11-22", width: int = 1280, **context):
    ctx = browser.new_context(
        viewport={"width": width, "height": 900}, accept_downloads=True, **context
    )
    page = ctx.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(today + "T10:00:00"))
    return page


def ready(page, url: str):
    page.goto(url)
    page.wait_for_selector("[data-kj-ready]")


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-kj-output] [data-id]", "n => n.map(x => x.dataset.id)")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def bases() -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "content/bases").glob("*.yml")
    }


def expected_order(origin: tuple[float, float]) -> list[str]:
    def point(b: dict) -> tuple[float, float]:
        c = b.get("coordinates")
        return (c["lat"], c["lon"]) if c else regions.centre(b["region"])

    return [
        k
        for k, _ in sorted(
            bases().items(), key=lambda kv: (round(km(origin, point(kv[1])), 6), kv[1]["name"])
        )
    ]


def test_finder_orders_bases_by_distance_from_a_district(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        ready(page, base + "finder/")
        assert "请选择学校所在地区" in page.inner_text("[data-kj-status]")
        selects = page.locator("[data-kj-division]")
        selects.nth(0).select_option("310000")  # 上海市
        selects.nth(1).select_option("310115")  # 浦东新区
        ids = result_ids(page)
        assert ids[:3] == expected_order(regions.centre("310115"))[:3]
        assert set(ids[:3]) == {
            "shang-hai-ke-ji-guan",
            "shang-hai-tian-wen-guan",
            "zhong-guo-hang-hai-bo-wu-guan",
        }
        assert "region=310115" in page.url
        page.check("[data-kj-services] input[value=送课进校]")
        outreach = [
            k
            for k in expected_order(regions.centre("310115"))
            if "送课进校" in bases()[k].get("services", [])
        ]
        assert outreach[-1] == "shi-li-qing-shao-nian-ke-ji-guan" and len(outreach) > 1
        assert result_ids(page) == outreach
        page.context.close()


def test_finder_uses_the_device_location(shipped_site: Path, browser) -> None:
    here = {"latitude": 23.04, "longitude": 113.37}  # 广州大学城
    with serve(shipped_site) as base:
        page = new_page(browser, geolocation=here, permissions=["geolocation"])
        ready(page, base + "finder/")
        page.click("[data-kj-locate]")
        page.wait_for_function(
            "() => document.querySelector('[data-kj-status]').textContent.includes('你的位置')"
        )
        ids = result_ids(page)
        assert ids[0] == "guang-dong-ke-xue-zhong-xin"
        assert ids == expected_order((here["latitude"], here["longitude"]))
        page.context.close()


def test_recommendations_explain_why(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        ready(page, base + "recommend/?from=4&to=6&field=天文与航天&region=110108")
        sections = {
            s.get_attribute("data-section"): s for s in page.query_selector_all(".kj-recommend")
        }
        course = sections["课程"].inner_text()
        assert "天文观测入门" in course and "领域：天文与航天" in course and "同在海淀区" in course
        assert "机器人" not in course  # another field
        assert "距离约" in sections["附近基地"].inner_text()
        assert "王示例" in sections["专家"].inner_text()
        assert "我们如何“看见”黑洞" not in sections["报告主题"].inner_text()  # grades 7–12 only
        competitions = sections["可报名的竞赛"].inner_text()
        assert "示例市青少年天文观测邀请赛" in competitions and "正在报名" in competitions
        assert "全国中学生天文知识竞赛" not in competitions  # 初中 and up
        page.context.close()


def test_upcoming_dates_follow_today(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        ready(page, base + "upcoming/")
        text = page.inner_text("[data-kj-output]")
        assert "2026年12月5日 开放日" in text and "报名截止" not in text
        page.check("input[value='90']")
        text = page.inner_text("[data-kj-output]")
        assert "2026年12月31日 报名截止" in text and "2027年1月18日 开放日" in text
        assert "days=90" in page.url
        page.context.close()


def test_shortlist_persists_shares_exports_and_prints_on_one_page(
    shipped_site: Path, browser, tmp_path: Path
) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        page.goto(base + "courses/shi-li-tian-wen-guan-ce-ru-men/")
        page.click(".kj-record [data-kj-keep]")
        assert page.inner_text(".kj-record [data-kj-keep]") == "✓ 已在清单中"
        page.goto(base + "competitions/")
        buttons = page.locator("tbody [data-kj-keep]")
        for i in range(9):
            buttons.nth(i).click()
        page.reload()  # kept in the browser across reloads
        ready(page, base + "shortlist/")
        ids = result_ids(page)
        assert len(ids) == 10 and ids[0] == "shi-li-tian-wen-guan-ce-ru-men"
        assert "共 10 项" in page.inner_text("[data-kj-status]")
        with page.expect_download() as download:
            page.click("[data-kj-csv]")
        csv_path = tmp_path / "list.csv"
        download.value.save_as(csv_path)
        rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
        assert rows[0] == "类型,名称,年级,领域,网址" and len(rows) == 11
        assert rows[1].startswith("课程,天文观测入门：从月相到星座,4–6,")
        page.click("[data-kj-share]")
        share = page.get_attribute("[data-kj-app]", "data-kj-share-url")
        pdf = page.pdf(format="A4", print_background=False)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # ten items on one A4 page
        other = new_page(browser, width=360)  # another phone: empty storage
        ready(other, share)
        assert result_ids(other) == ids
        assert other.is_visible("[data-kj-adopt]")
        other.click("[data-kj-adopt]")
        ready(other, base + "shortlist/")
        assert result_ids(other) == ids
        other.context.close()
        page.context.close()


def test_calendars_parse_and_hold_the_deadlines(shipped_site: Path) -> None:
    one = Calendar.from_ical(
        (
            shipped_site
            / "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/calendar.ics"
        ).read_bytes()
    )
    events = {str(e["uid"]): e for e in one.walk("VEVENT")}
    deadline = events["shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai-0-deadline@kejiao"]
    assert deadline.decoded("dtstart") == dt.date(2026, 12, 31)
    assert deadline.decoded("dtend") == dt.date(2027, 1, 1)
    assert "报名截止" in str(deadline["summary"])
    everything = Calendar.from_ical((shipped_site / "calendar/deadlines.ics").read_bytes())
    assert all("报名截止" in str(e["summary"]) for e in everything.walk("VEVENT"))
    page = (
        shipped_site / "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/index.html"
    ).read_text(encoding="utf-8")
    assert 'href="calendar.ics"' in page


def test_record_pages_age_with_the_browser_date(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser, today="2026-11-22")
        page.goto(base + "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/")
        history = page.locator(".kj-history")
        assert history.count() == 1 and "往届（1）" in history.inner_text()
        assert page.locator(".kj-editions").first.inner_text().count("2026—2027学年") == 1
        assert not page.is_visible("[data-kj-lifecycle]")
        page.goto(base + "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao/")
        assert not page.is_visible("[data-kj-lifecycle]")
        page.context.close()
        later = new_page(browser, today="2028-09-15")
        later.goto(base + "competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai/")
        notes = later.inner_text("[data-kj-lifecycle]")
        assert "不在当前名单" in notes and "信息可能已过时" in notes
        later.goto(base + "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao/")
        assert "已过期" in later.inner_text("[data-kj-lifecycle]")
        later.context.close()
