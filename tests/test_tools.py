"""The browser tools in headless Chromium: partner-base finder ordering, recommendations with
reasons, upcoming dates, the shortlist (persistence, sharing, CSV, one printed A4 page), calendars."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from kejiao import regions

from .browser import serve
from .conftest import ROOT
from .nodejs import run_node_tests


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


def settled(page) -> None:
    """Wait until the tool has answered the last question (it loads its shards asynchronously)."""
    page.wait_for_selector("[data-kj-app][data-kj-ready]:not([aria-busy])", state="attached")


def result_ids(page) -> list[str]:
    settled(page)
    return page.eval_on_selector_all("[data-kj-output] [data-id]", "n => n.map(x => x.dataset.id)")


def app_requests(page) -> list[str]:
    """Records every app/ file the page asks for, as "app/…" paths."""
    seen: list[str] = []
    page.on(
        "request", lambda r: seen.append(r.url.split("/app/", 1)[1]) if "/app/" in r.url else None
    )
    return seen


def patch_records(page, site: Path, pattern: str, change) -> None:  # type: ignore[no-untyped-def]
    """Serve the app shards matching `pattern` (e.g. "refs/*.json") with `change(record)` applied."""
    import json

    def fulfil(route) -> None:  # type: ignore[no-untyped-def]
        rel = route.request.url.split("/app/", 1)[1]
        records = json.loads((site / "app" / rel).read_text(encoding="utf-8"))
        for r in records:
            change(r)
        route.fulfill(body=json.dumps(records, ensure_ascii=False), content_type="application/json")

    page.route("**/app/" + pattern, fulfil)


def show_all(page) -> list[str]:
    """The finder lists the nearest bases first: click 显示更远的基地 until every one is listed."""
    while True:
        settled(page)
        more = page.locator("[data-kj-more]")
        if not more.count():
            return result_ids(page)
        more.click()


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
        ids = show_all(page)
        assert "shi-li-qing-shao-nian-ke-ji-guan" in ids  # recorded: offers 送课进校
        assert "bei-jing-tian-wen-guan" not in ids  # services recorded, without 送课进校
        assert "zhong-guo-di-zhi-bo-wu-guan" in ids  # services not recorded: kept, labelled
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
        expected = expected_order((here["latitude"], here["longitude"]))
        assert ids == expected[:20]  # the nearest first, then more on asking
        assert show_all(page) == expected
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
        settled(page)
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
        assert rows[0] == "类型,名称,示例,年级,学段,领域,地址,网址" and len(rows) == 11
        assert rows[1].startswith("课程,天文观测入门：从月相到星座,示例,4–6,小学,")
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
    assert str(deadline["summary"]).startswith("【示例】")  # a demo record, marked
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


# --- issue 16/17: the shortlist's own list vs a shared one; untrusted input ---------------------

OWN = ["courses/shi-li-tian-wen-guan-ce-ru-men", "bases/bei-jing-tian-wen-guan"]
SHARED = "bases/shang-hai-ke-ji-guan,competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai"


def stored(page) -> object:
    return page.evaluate("() => JSON.parse(localStorage.getItem('kejiao.shortlist'))")


def store(page, value: str) -> None:
    page.evaluate("v => localStorage.setItem('kejiao.shortlist', v)", value)


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_a_shared_link_never_changes_the_viewers_own_list(shipped_site: Path, browser) -> None:
    import json

    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        errors = watch_errors(page)
        page.goto(base + "shortlist/")
        store(page, json.dumps(OWN))
        ready(page, base + "shortlist/?items=" + SHARED)
        assert page.get_attribute("[data-kj-app]", "data-kj-view") == "shared"
        assert "别人分享的清单" in page.inner_text("[data-kj-mode]")
        assert page.inner_text("[data-kj-app] h1") == "分享的清单"
        assert "你的清单有 2 项" in page.inner_text("[data-kj-mode]")
        assert result_ids(page) == [
            "shang-hai-ke-ji-guan",
            "shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai",
        ]
        # 移除 acts on what is shown: the shared view, not the viewer's list
        page.locator("[data-kj-output] li").first.get_by_text("移除").click()
        assert result_ids(page) == ["shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai"]
        assert stored(page) == OWN
        # 清空 likewise (the dialog says so)
        messages: list[str] = []
        page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
        page.click("[data-kj-clear]")
        assert "你自己的清单不会改动" in messages[0]
        assert result_ids(page) == [] and stored(page) == OWN
        # 保存为我的清单 asks before replacing a non-empty list; cancelling keeps it
        ready(page, base + "shortlist/?items=" + SHARED)
        page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
        page.click("[data-kj-adopt]")
        assert "替换" in messages[-1] and stored(page) == OWN
        page.once("dialog", lambda d: d.accept())
        page.click("[data-kj-adopt]")
        assert stored(page) == SHARED.split(",")
        settled(page)
        assert page.get_attribute("[data-kj-app]", "data-kj-view") == "own"
        assert "这是你的清单" in page.inner_text("[data-kj-mode]") and "items=" not in page.url
        assert page.inner_text("[data-kj-app] h1") == "我的清单"
        assert errors == []
        page.context.close()


def test_shortlist_input_is_untrusted_and_repairs_itself(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        errors = watch_errors(page)
        ready(
            page,
            base + "shortlist/?items=courses/shi-li-tian-wen-guan-ce-ru-men,__proto__,constructor,"
            "courses/__proto__,bases/no-such-base,courses/shi-li-tian-wen-guan-ce-ru-men",
        )
        assert result_ids(page) == ["shi-li-tian-wen-guan-ce-ru-men"]
        assert "共 1 项" in page.inner_text("[data-kj-status]")  # counts what is shown
        assert "5 项无法识别" in page.inner_text("[data-kj-dropped]")
        with page.expect_download() as download:
            page.click("[data-kj-csv]")  # the CSV button still works
        assert download.value.suggested_filename.endswith(".csv")
        page.once("dialog", lambda d: d.accept())
        page.click("[data-kj-adopt]")  # own list is empty: nothing to ask
        assert stored(page) == ["courses/shi-li-tian-wen-guan-ce-ru-men"]
        # broken stored values: not an array, an object posing as one, wrong types
        for bad in ['{"length":1}', '"courses/x"', "not json", '[5, null, {"a":1}, "__proto__"]']:
            page.goto(base + "courses/shi-li-tian-wen-guan-ce-ru-men/")
            store(page, bad)
            page.reload()
            button = page.locator(".kj-record [data-kj-keep]")
            assert button.inner_text() == "＋ 加入清单", bad
            button.click()
            assert button.inner_text() == "✓ 已在清单中", bad
            assert stored(page) == ["courses/shi-li-tian-wen-guan-ce-ru-men"], bad
            assert page.locator("tbody [data-kj-keep], .kj-record [data-kj-keep]").count() >= 1
        page.goto(base + "courses/")
        store(page, "{}")
        page.reload()
        assert page.locator("tbody [data-kj-keep]").count() > 0  # list buttons survive too
        assert errors == []
        page.context.close()


def test_shortlist_shows_titles_and_exports_safe_complete_csv(
    shipped_site: Path, browser, tmp_path: Path
) -> None:
    def evil(r: dict) -> None:
        if r["id"] == "shang-hai-ke-ji-guan":
            r["t"] = '=HYPERLINK("http://evil.example/x","点此核实")'

    with serve(shipped_site) as base:
        page = new_page(browser)
        patch_records(page, shipped_site, "refs/*.json", evil)
        ready(
            page,
            base + "shortlist/?items=bases/shang-hai-ke-ji-guan,"
            "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai,"
            "courses/shi-li-tian-wen-guan-ce-ru-men",
        )
        text = page.inner_text("[data-kj-output]")
        assert "http://127.0.0.1" not in text  # titles on screen, not raw addresses
        assert "竞赛（示例）" in text
        page.emulate_media(media="print")
        printed = page.inner_text("[data-kj-output]")
        assert (
            "竞赛（示例）" in printed and "课程（示例）" in printed
        )  # demo records marked on paper
        assert "/competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/" in printed
        page.emulate_media(media="screen")
        with page.expect_download() as download:
            page.click("[data-kj-csv]")
        path = tmp_path / "list.csv"
        download.value.save_as(path)
        import csv

        rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
        header = rows[0]
        assert header == ["类型", "名称", "示例", "年级", "学段", "领域", "地址", "网址"]
        by_kind = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        assert by_kind["基地"]["名称"].startswith("'=HYPERLINK")  # never a formula
        assert by_kind["基地"]["地址"].startswith("上海市")
        assert by_kind["竞赛"]["学段"] == "小学、初中" and by_kind["竞赛"]["示例"] == "示例"
        assert by_kind["基地"]["示例"] == ""
        page.context.close()


# --- issue 14: unknown is not no --------------------------------------------------------------


def test_finder_keeps_unrecorded_bases_by_distance_and_labels_them(
    shipped_site: Path, browser
) -> None:
    def narrow(r: dict) -> None:
        if r["id"] == "shang-hai-tian-wen-guan":
            r["g"] = [10, 12]  # a recorded grade range that excludes 7年级

    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        patch_records(page, shipped_site, "bases/near/*.json", narrow)
        ready(page, base + "finder/?region=310115&service=研学")
        ids = show_all(page)
        shanghai = {
            "shang-hai-ke-ji-guan",
            "shang-hai-tian-wen-guan",
            "zhong-guo-hang-hai-bo-wu-guan",
        }
        assert set(ids[:3]) == shanghai  # distance leads, services unrecorded or not
        first = page.locator("[data-kj-output] li").first
        assert "服务未注明，请向场馆核实" in first.inner_text()
        status = page.inner_text("[data-kj-status]")
        known = page.locator("[data-kj-output] li[data-kj-fit=known]").count()
        unknown = page.locator("[data-kj-output] li[data-kj-fit=unknown]").count()
        assert re.search(f"(共|列出最近的) {len(ids)} 个基地", status)  # counts what it lists
        assert f"{known} 个已注明符合，{unknown} 个服务未注明" in status
        assert known >= 1 and unknown >= 3
        # the grade selector works: a recorded range that excludes the grade hides that base,
        # an unrecorded one stays and says so
        page.select_option("[data-kj-grade]", "7")
        ids = result_ids(page)
        assert "shang-hai-tian-wen-guan" not in ids and "shang-hai-ke-ji-guan" in ids
        assert "grade=7" in page.url
        assert "年级未注明，请向场馆核实" in page.locator("[data-kj-output] li").first.inner_text()
        page.context.close()


def test_recommendations_weigh_the_subject_and_count_what_they_list(
    shipped_site: Path, browser
) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        ready(page, base + "recommend/?from=5&to=5&field=天文与航天&region=110108")
        section = page.locator(".kj-recommend[data-section=附近基地]")
        ids = section.locator("li").evaluate_all("n => n.map(x => x.dataset.id)")
        # the chosen subject weighs: every base known to fit 天文 before those not recorded
        # (a science centre); a botanical garden, known to be about other subjects, is not offered
        assert "bei-jing-tian-wen-guan" in ids and "guo-jia-zhi-wu-yuan-bei-yuan" not in ids
        assert ids.index("bei-jing-tian-wen-guan") < ids.index("zhong-guo-ke-xue-ji-shu-guan")
        science_centre = section.locator("li[data-id=zhong-guo-ke-xue-ji-shu-guan]").inner_text()
        assert "领域未注明" in science_centre  # grades recorded, subject not: after the planetarium
        tianwen = section.locator("li[data-id=bei-jing-tian-wen-guan]")
        assert "领域：天文与航天（天文馆）" in tianwen.inner_text()
        assert "年级未注明" in tianwen.inner_text()
        for s in page.query_selector_all(".kj-recommend"):
            heading = s.query_selector("h2").inner_text()
            shown = len(s.query_selector_all("li"))
            assert heading.endswith(f"（{shown}）"), heading
        page.goto(base + "recommend/?from=1&to=12&region=110108")
        page.wait_for_selector("[data-kj-ready]")
        section = page.locator(".kj-recommend[data-section=附近基地]")
        assert section.locator("h2").inner_text() == "附近基地（8）"
        assert "另有" in section.inner_text() and "年级未注明" in section.inner_text()
        page.context.close()


# --- issue 16 defect 6: calendars ---------------------------------------------------------------


def test_upcoming_explains_the_calendar_and_offers_each_open_day(
    shipped_site: Path, browser, tmp_path: Path
) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        ready(page, base + "upcoming/")
        assert "一次性" in page.inner_text("[data-kj-subscribe]")  # download, not a subscription
        assert page.locator("a[href^='webcal:']").count() == 0  # no site_url: no webcal link
        item = page.locator("[data-kj-output] li", has_text="开放日").first
        with page.expect_download() as download:
            item.locator("[data-kj-ics]").click()
        path = tmp_path / "day.ics"
        download.value.save_as(path)
        raw = path.read_bytes()
        assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
        events = list(Calendar.from_ical(raw).walk("VEVENT"))
        assert len(events) == 1
        assert events[0].decoded("dtstart") == dt.date(2026, 12, 5)
        assert "开放日" in str(events[0]["summary"])
        page.context.close()


def test_competition_calendars_skip_past_editions_and_remind(shipped_site: Path) -> None:
    path = shipped_site / "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/calendar.ics"
    cal = Calendar.from_ical(path.read_bytes())
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    # editions 0 (2026—2027) current, 1 (2025—2026) ended before the content date
    assert uids == {
        "shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai-0-deadline@kejiao",
        "shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai-0-event@kejiao",
    }
    for event in cal.walk("VEVENT"):
        assert "详情：competitions/" not in str(event["description"])  # no useless relative link
        assert str(event["summary"]).startswith("【示例】")
        alarms = list(event.walk("VALARM"))
        if "deadline" in str(event["uid"]):
            assert len(alarms) == 1
            assert alarms[0].decoded("trigger") == -dt.timedelta(days=2, hours=15)
        else:
            assert alarms == []
    everything = Calendar.from_ical((shipped_site / "calendar/deadlines.ics").read_bytes())
    assert all(len(list(e.walk("VALARM"))) == 1 for e in everything.walk("VEVENT"))


def test_calendars_link_absolutely_and_subscribe_with_a_site_url(
    project, capsys, tmp_path: Path
) -> None:
    from .conftest import TODAY, run_cli

    root = project(ROOT / "content")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'site_url: ""', 'site_url: "https://kejiao.example.org/mulu/"'
        ),
        encoding="utf-8",
    )
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, out
    site = root / "site"
    cal = Calendar.from_ical(
        (
            site / "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/calendar.ics"
        ).read_bytes()
    )
    for event in cal.walk("VEVENT"):
        assert (
            "详情：https://kejiao.example.org/mulu/competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/"
            in str(event["description"])
        )
    page = (site / "upcoming/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://kejiao.example.org/mulu/calendar/deadlines.ics"' in page
    assert "自动同步" in page


def test_ics_text_never_carries_raw_line_breaks() -> None:
    import types

    from kejiao.models import Competition
    from kejiao.render import calendars

    model = Competition.model_validate(
        yaml.safe_load(
            (
                ROOT / "content/competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai.yml"
            ).read_text(encoding="utf-8")
        )
    )
    model = model.model_copy(update={"name": "甲\u2028乙\r丙\x85丁\n戊\x0c己"})
    entry = types.SimpleNamespace(id="x", model=model)
    stamp = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    cal = calendars._calendar("x")
    for event in calendars._events(entry, "", stamp, dt.date(2026, 11, 22)):  # type: ignore[arg-type]
        cal.add_component(event)
    text = cal.to_ical().decode("utf-8")
    lines = text.split("\r\n")
    assert not any(c in line for line in lines for c in "\r\n\u2028\u2029\x85\x0c")
    assert "甲\\n乙\\n丙\\n丁\\n戊己" in text.replace("\r\n ", "")


# --- issue 12: the browser reads the build's vocabularies; pure functions tested with node -------


@pytest.mark.tool
def test_pure_functions_pass_nodes_own_test_runner(tmp_path: Path) -> None:
    """Runs `node --test tests/js/core.test.js`, with every grade range's stages as Python derives them, so
    the browser's stage rule is checked against GradeRange.derived_stages itself."""
    import json
    import os
    import shutil

    from kejiao.models.common import GradeRange
    from kejiao.render.appdata import app_vocab

    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("需要 node（CI 必须运行 tests/js/ 的测试）")
        pytest.skip("没有 node：跳过 tests/js/")
    vocab = tmp_path / "vocab.json"
    vocab.write_text(app_vocab(), encoding="utf-8")
    cases = [
        [
            a,
            b,
            v,
            [
                s.value
                for s in GradeRange.model_validate(
                    {"from": a, "to": b, "vocational": v}
                ).derived_stages()
            ],
        ]
        for a in range(1, 13)
        for b in range(a, 13)
        for v in (False, True)
    ]
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    from kejiao.render.appshards import bucket_count, ref_hash

    refs = [
        [ref, n, ref_hash(ref) % n]
        for i in range(500)
        for ref in (f"courses/course-{i:06d}", f"bases/x{i}-y")
        for n in (1, bucket_count(100_000))
    ]
    (tmp_path / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    env = {
        "KEJIAO_VOCAB": str(vocab),
        "KEJIAO_STAGE_CASES": str(tmp_path / "cases.json"),
        "KEJIAO_REF_CASES": str(tmp_path / "refs.json"),
    }
    # tests/js/record-merge.test.js runs in test_editor (it needs none of these cases); a new file
    # there must be run by a test too.
    js = sorted(p.name for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert js == ["core.test.js", "record-merge.test.js"], js
    run_node_tests("tests/js/core.test.js", env)


# --- issue 15: each tool page loads only the shards its question needs ----------------------------


COMMON = {"manifest.json", "vocab.json"}


def test_finder_loads_only_the_shards_near_enough(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        asked = app_requests(page)
        ready(page, base + "finder/?region=310115")
        ids = result_ids(page)
        expected = expected_order(regions.centre("310115"))
        assert ids == expected[:20]  # the 20 nearest, in order, though not every shard is here
        shards = {p for p in asked if p.startswith("bases/")}
        assert all(p.startswith("bases/near/") for p in shards), shards  # the finder's shards only
        assert "bases/near/31.json" in shards and "bases/near/33.json" in shards  # 上海, 浙江
        for far in ("53", "62", "64", "23"):  # 云南, 甘肃, 宁夏, 黑龙江: never needed
            assert not any(p.startswith(f"bases/near/{far}") for p in shards), shards
        assert set(asked) - shards == COMMON | {
            "divisions/00.json", "divisions/31.json", "near.json"
        }  # fmt: skip
        assert "列出最近的 20 个基地" in page.inner_text("[data-kj-status]")
        assert show_all(page) == expected  # asking for more loads the rest, still in order
        assert f"共 {len(expected)} 个基地" in page.inner_text("[data-kj-status]")
        page.context.close()


def test_recommendations_load_the_region_and_the_bases_within_reach(
    shipped_site: Path, browser
) -> None:
    with serve(shipped_site) as base:
        page = new_page(browser)
        asked = app_requests(page)
        ready(page, base + "recommend/?from=5&to=5&field=天文与航天&region=110108")
        assert "bei-jing-tian-wen-guan" in result_ids(page)
        others = {p for p in asked if not p.startswith("bases/")}
        assert others == COMMON | {
            "divisions/00.json", "divisions/11.json", "courses/00.json", "courses/11.json",
            "experts/11.json", "topic-lists/00.json", "topic-lists/11.json", "competitions/00.json",
        }  # fmt: skip
        bases = {p for p in asked if p.startswith("bases/")}
        assert "bases/11.json" in bases and "bases/31.json" not in bases  # 上海 is 1,070 km away
        # without a region: only the records without one, and no bases
        asked.clear()
        page.goto(base + "recommend/?from=5&to=5")
        page.wait_for_selector("[data-kj-ready]")
        assert not any(p.startswith("bases/") or p.endswith("/11.json") for p in asked), asked
        assert "选择学校所在地区后" in page.inner_text(".kj-recommend[data-section=附近基地]")
        page.context.close()


def test_upcoming_loads_only_the_months_it_shows(shipped_site: Path, browser) -> None:
    import json

    months = json.loads((shipped_site / "app/manifest.json").read_text("utf-8"))["months"]
    assert "2026-12" in months and "2025-03" in months  # past months exist, and are not loaded
    with serve(shipped_site) as base:
        page = new_page(browser)
        asked = app_requests(page)
        ready(page, base + "upcoming/")
        assert set(asked) == COMMON | {"dates/2026-12.json"}
        page.check("input[value='90']")
        settled(page)
        assert set(asked) == COMMON | {"dates/2026-12.json", "dates/2027-01.json"}
        assert "2027年1月18日 开放日" in page.inner_text("[data-kj-output]")
        page.context.close()


def test_a_shared_shortlist_loads_only_the_buckets_it_names(shipped_site: Path, browser) -> None:
    import json

    manifest = json.loads((shipped_site / "app/manifest.json").read_text("utf-8"))
    with serve(shipped_site) as base:
        page = new_page(browser)
        asked = app_requests(page)
        ready(page, base + "shortlist/?items=bases/shang-hai-ke-ji-guan")
        assert result_ids(page) == ["shang-hai-ke-ji-guan"]
        assert set(asked) == COMMON | {f"refs/{b}.json" for b in manifest["refs"][1]}
        page.context.close()


def test_app_data_follows_its_contract(shipped_site: Path) -> None:
    import json

    from kejiao import vocab as v
    from kejiao.kinds import KINDS
    from kejiao.render.appdata import APP_KEYS

    data = json.loads((shipped_site / "app/vocab.json").read_text(encoding="utf-8"))
    assert data["keys"] == APP_KEYS
    assert data["domains"] == [d.value for d in v.Domain]
    assert data["services"] == [s.value for s in v.Service]
    assert data["stages"]["vocational"] == v.Stage.VOCATIONAL.value
    assert set(data["baseTypeDomains"]) <= {t.value for t in v.BaseType}
    manifest = json.loads((shipped_site / "app/manifest.json").read_text(encoding="utf-8"))
    assert [k[2] for k in manifest["kinds"]] == list(KINDS)
    assert not (shipped_site / "app/records.json").exists()  # split: no page loads everything
    near = json.loads((shipped_site / "app/near.json").read_text(encoding="utf-8"))
    assert list(near) == ["base"]
    used: set[str] = set()
    for folder, _label, name in manifest["kinds"]:
        # the manifest lists exactly the shards there are, and every published record is in one
        files = {p.stem for p in (shipped_site / "app" / folder).glob("*.json")}
        assert {f for f in files if "-" not in f} == set(manifest["shards"][name]), name
        ids = set()
        for key, entry in manifest["shards"][name].items():
            shard = json.loads((shipped_site / "app" / folder / f"{key}.json").read_text("utf-8"))
            assert len(shard) == entry["n"]
            ids |= {r["id"] for r in shard}
            used |= {k for r in shard for k in r}
            if entry.get("ended"):  # validity ended before the content's date: a part of its own
                gone = json.loads((shipped_site / f"app/{folder}/{key}-e.json").read_text())
                assert len(gone) == entry["ended"] and all(
                    r["v"][1] < manifest["since"] for r in gone
                )
                ids |= {r["id"] for r in gone}
            parts = {  # split by subject: the parts hold the same records
                r["id"]
                for part in entry.get("by", {})
                for r in json.loads((shipped_site / f"app/{folder}/{key}-{part}.json").read_text())
            }
            assert parts == ({r["id"] for r in shard} if "by" in entry else set())
        published = {p.parent.name for p in (shipped_site / folder).glob("*/index.html")}
        assert ids == published - {"page"}, name
        if name in near:  # a kind with places: every record in its city's shard, once
            in_cities = [
                r["id"]
                for key, entry in near[name].items()
                for r in json.loads((shipped_site / f"app/{folder}/near/{key}.json").read_text())
            ]
            assert sorted(in_cities) == sorted(published - {"page"}), name
            assert {p.stem for p in (shipped_site / f"app/{folder}/near").glob("*.json")} == set(
                near[name]
            )
    assert used <= set(APP_KEYS), used - set(APP_KEYS)
    # no hand copies left in the browser code
    app = (ROOT / "docs/assets/app.js").read_text(encoding="utf-8")
    assert "数学与人工智能" not in app and "送课进校" not in app and "function stagesOf" not in app


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 generated records: large enough that the shards without a region are split by
    subject (appshards.SPLIT_BYTES)."""
    from bench.generate import generate
    from kejiao.cli import main

    from .conftest import make_project

    root = make_project(tmp_path_factory.mktemp("generated") / "project")
    generate(root / "content", 3000)
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--today", "2026-03-01"]) == 0
    return root / "site"


def sections(page) -> dict[str, tuple[str, list[str], str]]:  # type: ignore[no-untyped-def]
    settled(page)
    return {
        s.get_attribute("data-section"): (
            s.query_selector("h2").inner_text(),
            [li.get_attribute("data-id") for li in s.query_selector_all("li")],
            s.inner_text(),
        )
        for s in page.query_selector_all(".kj-recommend")
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fields", "parts"),
    [("field=天文与航天", {"experts/00-2.json"}),
     ("field=天文与航天&field=生物与医药", {"experts/00-2.json", "experts/00-5.json"})],
)  # fmt: skip
def test_recommendations_from_subject_parts_equal_those_from_whole_shards(
    generated_site: Path, browser, fields: str, parts: set[str]
) -> None:
    import json

    manifest = json.loads((generated_site / "app/manifest.json").read_text("utf-8"))
    assert "by" in manifest["shards"]["expert"]["00"]
    # every generated list ended (2026-07-01) before the content's date (2026-11-01): they are in
    # a part of their own, which a device whose date is earlier loads
    assert manifest["since"] == "2026-11-01"
    assert manifest["shards"]["topic_list"]["00"] == {"n": 0, "ended": 150}
    question = f"recommend/?from=5&to=8&{fields}&region=110108"
    with serve(generated_site) as base:
        page = new_page(browser, today="2026-03-01")  # the generated topic lists are valid
        asked = app_requests(page)
        ready(page, base + question)
        found = sections(page)
        assert {p for p in asked if p.startswith("experts/")} == parts  # the subjects' parts only
        assert "topic-lists/00-e.json" in asked and "topic-lists/00.json" not in asked
        assert found["专家"][1] and found["报告主题"][1]  # something to compare
        whole = {name: {k: {key: e[key] for key in ("n", "box", "ended") if key in e}
                        for k, e in shards.items()}
                 for name, shards in manifest["shards"].items()}  # fmt: skip
        other = new_page(browser, today="2026-03-01")
        other.route(
            "**/app/manifest.json",
            lambda route: route.fulfill(
                body=json.dumps({**manifest, "shards": whole}, ensure_ascii=False),
                content_type="application/json",
            ),
        )
        seen = app_requests(other)
        ready(other, base + question)
        assert "experts/00.json" in seen
        assert sections(other) == found  # same cards, same order, same counts
        other.context.close()
        # on a device whose date is after the content's, the ended lists are not even downloaded
        later = new_page(browser, today="2026-11-22")
        seen = app_requests(later)
        ready(later, base + question)
        assert not any(p.startswith("topic-lists/") for p in seen), seen
        assert "暂无符合条件的报告主题" in sections(later)["报告主题"][2]
        later.context.close()
        page.context.close()


def test_tool_pages_run_their_scripts_before_the_theme_and_only_they_start_early(
    shipped_site: Path,
) -> None:
    """Every tool page (site_pages.TOOLS, named again in site_overrides/main.html) starts its data
    from the head (early.js), preloads there the scripts that run before the theme's bundle, and
    defers the bundle after them; other pages keep the theme's order."""
    from kejiao.render.site_pages import TOOLS

    def scripts(html: str) -> list[str]:
        return re.findall(
            r'<script src="[^"]*?([^/"]+\.js)"( defer| data-kj-tool="\w+" async)?>', html
        )

    for tool, *_ in TOOLS:
        html = (shipped_site / tool / "index.html").read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert f'early.js" data-kj-tool="{tool}" async>' in head.split("stylesheet", 1)[0], tool
        preloaded = re.findall(r'<link rel="preload" href="[^"]*?([^/"]+\.js)" as="script">', head)
        body = [name for name, how in scripts(html.split("</head>", 1)[1])]
        assert all(how == " defer" for _, how in scripts(html.split("</head>", 1)[1])), tool
        bundle = next(i for i, name in enumerate(body) if name.startswith("bundle."))
        assert preloaded == body[:bundle] == ["catalogue.js", "core.js", "app.js"], (tool, body)
        assert set(body[bundle + 1 :]) == {"search.js", "facets.js"}
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert "early.js" not in home and 'min.js"></script>' in home  # the theme's own order
    assert scripts(home)[0][0].startswith("bundle.")


@pytest.mark.parametrize(
    "question",
    ["finder/?region=310115", "recommend/?from=5&to=5&region=110108", "upcoming/", "shortlist/"],
)
def test_tool_pages_answer_while_the_theme_bundle_is_still_loading(
    shipped_site: Path, browser, question: str
) -> None:
    """On a slow phone the theme's bundle arrives late; the tool does not wait for it (it used
    to: the bundle blocked the parser and the tool's scripts ran after it)."""
    held = []
    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        # the theme's bundle is asked for and not answered until the tool has answered
        page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
        page.goto(base + question, wait_until="commit")
        page.wait_for_selector(
            "[data-kj-app][data-kj-ready]:not([aria-busy])", state="attached", timeout=15_000
        )
        assert held  # the theme's bundle was asked for and is still not here
        if question.startswith("finder"):
            assert len(result_ids(page)) == 20
        for route in held:
            route.continue_()
        page.wait_for_load_state("load")
        page.context.close()


def test_tool_data_is_asked_for_before_the_tool_script_runs(shipped_site: Path, browser) -> None:
    """early.js asks for the finder's first files (manifest, provinces, the school's province,
    the finder's shard list and the bases of the school's province, as the shipped content has few
    enough not to split it by city) while app.js itself is still on its way; app.js
    then uses those requests instead of asking again."""
    held = []
    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        asked = app_requests(page)
        page.route("**/assets/app.js", lambda route: held.append(route))
        with page.expect_request("**/app/bases/near/31.json", timeout=15_000):
            page.goto(base + "finder/?region=310115", wait_until="commit")
        first = {
            "manifest.json",
            "vocab.json",
            "divisions/00.json",
            "divisions/31.json",
            "near.json",
        }
        for _ in range(100):  # the school's province follows the province list: not long after
            if first <= set(asked):
                break
            page.wait_for_timeout(100)
        assert first <= set(asked), asked
        assert held and not page.evaluate(
            "'kejiaoCore' in window && !!document.querySelector('[data-kj-ready]')"
        )
        held[0].continue_()
        ids = result_ids(page)
        assert ids == expected_order(regions.centre("310115"))[:20]
        assert len(asked) == len(set(asked)), asked  # nothing asked for twice
        page.context.close()


def test_nothing_is_asked_for_twice_when_the_tool_script_runs_first(
    shipped_site: Path, browser
) -> None:
    """early.js may arrive after app.js has started (it is async): they share their requests."""
    held = []
    with serve(shipped_site) as base:
        page = new_page(browser, width=360)
        asked = app_requests(page)
        page.route("**/assets/early.js", lambda route: held.append(route))
        page.goto(base + "recommend/?from=5&to=5&region=110108", wait_until="commit")
        settled(page)  # answered without early.js
        assert held and "divisions/11.json" in asked
        held[0].continue_()
        page.wait_for_load_state("load")  # early.js has run
        page.wait_for_timeout(300)
        assert len(asked) == len(set(asked)), asked
        page.context.close()


def test_subject_parts_hold_the_subjects_items_and_the_unrecorded_records() -> None:
    """为我推荐's subject parts: a topic list keeps only the items about that subject or without
    one; every part also holds the records without a subject (one request per subject); lists
    that ended before the content's date are in a part of their own."""
    import json

    from kejiao.render import appshards

    domains = ["天文与航天", "机械与电子"]
    kinds = [["topic-lists", "主题清单", "topic_list"]]
    item = lambda title, field: [title, None, field, None, None]  # noqa: E731
    pad = "说" * 40_000  # over SPLIT_BYTES, so the shard is split
    records = [
        {"k": 0, "id": "a", "t": pad, "v": ["2026-01-01", "2026-12-31"],
         "it": [item("星", "天文与航天"), item("车", "机械与电子"), item("谜", None)]},
        {"k": 0, "id": "b", "t": "无领域", "it": [item("谜二", None)]},
        {"k": 0, "id": "c", "t": "已过期", "v": ["2025-01-01", "2025-12-31"],
         "it": [item("旧", "天文与航天")]},
    ]  # fmt: skip
    files, manifest = appshards.split(records, kinds, domains, {}, "2026-11-01")
    entry = manifest["shards"]["topic_list"]["00"]
    assert manifest["since"] == "2026-11-01" and entry["n"] == 2 and entry["ended"] == 1
    part = {r["id"]: r for r in json.loads(files["app/topic-lists/00-0.json"])}
    assert [i[0] for i in part["a"]["it"]] == ["星", "谜"]  # not 车: known to be another subject
    assert "b" in part  # no subject recorded: in every part
    assert [i[0] for i in json.loads(files["app/topic-lists/00-1.json"])[0]["it"]] == ["车", "谜"]
    assert [r["id"] for r in json.loads(files["app/topic-lists/00-e.json"])] == ["c"]
    whole = {r["id"]: r for r in json.loads(files["app/topic-lists/00.json"])}
    assert len(whole["a"]["it"]) == 3 and set(whole) == {"a", "b"}


def test_the_finder_shards_split_a_dense_province_by_city() -> None:
    """A province with more than NEAR_SPLIT records with places is split by city (smaller boxes:
    Hebei's contains Beijing); a sparse one stays whole (each file costs a round trip)."""
    from kejiao.render import appshards

    def base(i: int, region: str) -> dict:
        return {"k": 0, "id": f"b{i}", "t": "基地", "r": region, "ll": [39.9, 116.4], "bt": "x"}

    records = [base(i, "130100" if i % 2 else "130600") for i in range(appshards.NEAR_SPLIT + 1)]
    records += [base(1000, "110108"), {"k": 0, "id": "online", "t": "无地区", "ll": [30.0, 120.0]}]
    files, _manifest = appshards.split(records, [["bases", "基地", "base"]], [], {})
    near = json.loads(files["app/near.json"])["base"]
    assert sorted(near) == ["00", "11", "1301", "1306"]
    assert near["1301"]["n"] + near["1306"]["n"] == appshards.NEAR_SPLIT + 1
    assert near["11"]["box"] == [39.9, 116.4, 39.9, 116.4]
    shard = json.loads(files["app/bases/near/11.json"])
    assert shard == [
        {"k": 0, "id": "b1000", "t": "基地", "ll": [39.9, 116.4]}
    ]  # what the finder reads
