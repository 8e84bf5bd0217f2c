"""The header search box in headless Chromium: Chinese queries hit inside titles and summaries,
title matches come first, on a phone and a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import serve


def results(page, query: str) -> list[tuple[str, str]]:
    """(href path, title) of each result after typing `query` into the header box."""
    page.fill("[data-kj-search-input]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-kj-search-results]').getAttribute('data-kj-query') === q",
        arg=query,
    )
    return page.eval_on_selector_all(
        ".kj-search__item a",
        "links => links.map(a => [new URL(a.href).pathname, a.querySelector('h2').textContent])",
    )


QUERIES = {
    "天文": ["/bases/bei-jing-tian-wen-guan/", "/competitions/quan-guo-zhong-xue-sheng-tian-wen-zhi-shi-jing-sai/"],
    "机器人": ["/courses/shi-li-ji-qi-ren-yan-xue/",
               "/competitions/shi-jie-ji-qi-ren-da-hui-qing-shao-nian-ji-qi-ren-she-ji-yu-xin/"],
    "人工智能": ["/competitions/quan-guo-qing-shao-nian-ren-gong-zhi-neng-da-sai/",
                 "/courses/shi-li-ji-qi-ren-yan-xue/"],
    "航天": ["/competitions/quan-guo-qing-shao-nian-hang-tian-chuang-xin-da-sai/"],
    "显微镜": ["/courses/shi-li-xian-shang-sheng-ming-ke-xue/"],
    "奥林匹克": ["/competitions/quan-guo-zhong-xue-sheng-shu-xue-ao-lin-pi-ke-jing-sai/",
                 "/competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai/"],
    "海淀区": ["/bases/guo-jia-zhi-wu-yuan-bei-yuan/", "/courses/shi-li-tian-wen-guan-ce-ru-men/"],
}  # fmt: skip


@pytest.mark.parametrize("width", [360, 1280])
def test_header_search_finds_chinese_queries(shipped_site: Path, browser, width: int) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(base + "courses/")
        if width < 600:  # on a phone the box opens from the header's search button
            page.click("label.md-header__button[for=__search]")
        else:
            page.click("[data-kj-search-input]")
        for query, expected in QUERIES.items():
            found = results(page, query)
            paths = [path for path, _ in found]
            for path in expected:
                assert path in paths, (query, path, paths)
            # Records whose title contains the query come before those matched elsewhere.
            in_title = [query in title for _, title in found]
            assert in_title == sorted(in_title, reverse=True), (query, found)
        assert results(page, "量子引力") == []
        assert page.inner_text("[data-kj-search-meta]") == "没有找到匹配的记录"
        # A result opens its record page.
        results(page, "显微镜")
        page.click(".kj-search__item a")
        page.wait_for_url("**/courses/shi-li-xian-shang-sheng-ming-ke-xue/")
        page.close()


def test_search_works_from_a_sub_path(shipped_site: Path, browser, tmp_path: Path) -> None:
    import shutil

    mounted = tmp_path / "www"
    shutil.copytree(shipped_site, mounted / "kejiao")
    with serve(mounted) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "kejiao/bases/")
        page.click("[data-kj-search-input]")
        found = results(page, "北京天文馆")
        assert found[0][0] == "/kejiao/bases/bei-jing-tian-wen-guan/"
        page.close()


def test_query_in_the_address_opens_results(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "?q=湿地")
        page.wait_for_selector(".kj-search__item")
        assert "中国湿地博物馆" in page.inner_text("[data-kj-search-results]")
        page.close()


# Teachers' queries the index must forgive: query → records that must be among the results.
FORGIVING = {
    "tianwen": ["/bases/bei-jing-tian-wen-guan/"],  # pinyin, full syllables
    "tw": ["/bases/bei-jing-tian-wen-guan/"],  # pinyin initials
    "天文館": ["/bases/bei-jing-tian-wen-guan/", "/bases/shang-hai-tian-wen-guan/"],  # traditional
    "机器仁": ["/courses/shi-li-ji-qi-ren-yan-xue/"],  # homophone typing slip
    "奥赛": [f"/competitions/quan-guo-zhong-xue-sheng-{s}-ao-lin-pi-ke-jing-sai/"
             for s in ("shu-xue", "wu-li", "hua-xue", "sheng-wu-xue", "xin-xi-xue", "di-qiu-ke-xue")],
    "航模": ["/competitions/jia-yu-wei-lai-quan-guo-qing-shao-nian-che-liang-mo-xing-jiao/",
             "/competitions/wo-ai-zu-guo-hai-jiang-quan-guo-qing-shao-nian-hang-hai-mo-xing/",
             "/competitions/fei-xiang-bei-jing-fei-xiang-tai-kong-quan-guo-qing-shao-nian/"],
    "创客": ["/courses/shi-li-ke-hou-chuang-ke/"],
    "编程": ["/competitions/quan-guo-zhong-xue-sheng-xin-xi-xue-ao-lin-pi-ke-jing-sai/"],
    "STEM": ["/courses/shi-li-ke-hou-chuang-ke/"],
    "机器人 初中": ["/courses/shi-li-ji-qi-ren-yan-xue/"],  # stage, against grades 7–9
    "初一": ["/courses/shi-li-ji-qi-ren-yan-xue/"],
    "五年级": ["/courses/shi-li-ke-hou-chuang-ke/"],  # grades 3–6
    "tiānwén": ["/courses/shi-li-tian-wen-guan-ce-ru-men/"],  # pinyin with tone marks
    "NOI": ["/competitions/quan-guo-zhong-xue-sheng-xin-xi-xue-ao-lin-pi-ke-jing-sai/"],
    "人工智慧": ["/competitions/quan-guo-qing-shao-nian-ren-gong-zhi-neng-da-sai/"],
    "電腦": ["/competitions/quan-guo-zhong-xue-sheng-xin-xi-xue-ao-lin-pi-ke-jing-sai/"],  # → 电脑
}  # fmt: skip
# Words narrow: the robotics course (grades 7–9) is not for 高二 or 五年级.
EXCLUDED = {
    "机器人 高二": "/courses/shi-li-ji-qi-ren-yan-xue/",
    "五年级": "/courses/shi-li-ji-qi-ren-yan-xue/",
    "机器人 小学": "/courses/shi-li-ji-qi-ren-yan-xue/",
}


def _open_search(page, base: str, width: int) -> None:
    page.goto(base + "courses/")
    if width < 600:
        page.click("label.md-header__button[for=__search]")
    else:
        page.click("[data-kj-search-input]")


@pytest.mark.parametrize("width", [360, 1280])
def test_search_forgives_how_teachers_type(shipped_site: Path, browser, width: int) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        _open_search(page, base, width)
        for query, expected in FORGIVING.items():
            paths = [path for path, _ in results(page, query)]
            for path in expected:
                assert path in paths, (query, path, paths)
        for query, path in EXCLUDED.items():
            assert path not in [p for p, _ in results(page, query)], query
        page.close()


def test_ranking_is_field_aware_and_explains_matches(shipped_site: Path, browser) -> None:
    """A place name matches a region before a street address: 上海自然博物馆 (北京西路) comes after
    every record in 北京, and each result says which field matched."""
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        _open_search(page, base, 1280)
        found = [path for path, _ in results(page, "科技馆 北京")]
        shanghai = "/bases/shang-hai-zi-ran-bo-wu-guan/"
        assert "/bases/zhong-guo-ke-xue-ji-shu-guan/" in found
        assert found[0] != shanghai
        if shanghai in found:
            assert found.index(shanghai) > found.index("/bases/zhong-guo-ke-xue-ji-shu-guan/")
        whys = page.eval_on_selector_all(
            ".kj-search__item",
            "items => items.map(i => [new URL(i.querySelector('a').href).pathname,"
            " (i.querySelector('.kj-search__why') || {}).textContent || ''])",
        )
        why = dict(whys)["/bases/zhong-guo-ke-xue-ji-shu-guan/"]
        assert "地区：北京市" in why, why
        if shanghai in found:
            assert "地址：" in dict(whys)[shanghai]
        # A stage match says so.
        results(page, "机器人 初中")
        assert "学段：初中" in page.inner_text("[data-kj-search-results]")
        page.close()


# Teachers type without spaces; a word that matches nothing whole is read as its parts.
RUN_TOGETHER = {
    "北京科技馆": "/bases/zhong-guo-ke-xue-ji-shu-guan/",  # 北京 (summary) + 科技馆
    "科技馆北京": "/bases/zhong-guo-ke-xue-ji-shu-guan/",
    "物理竞赛": "/competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai/",
    "小学天文": "/courses/shi-li-tian-wen-guan-ce-ru-men/",  # a stage word inside a word
    "白名单竞赛": "/competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai/",
}


def test_run_together_words_are_read_as_parts(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        _open_search(page, base, 360)
        for query, path in RUN_TOGETHER.items():
            assert path in [p for p, _ in results(page, query)], query
            assert "分开查找" in page.inner_text("[data-kj-search-meta]"), query
        # The parts narrow: the physics olympiad, not the mathematics one.
        found = [p for p, _ in results(page, "物理竞赛")]
        assert "/competitions/quan-guo-zhong-xue-sheng-shu-xue-ao-lin-pi-ke-jing-sai/" not in found
        # A word that matches whole is not split, and a homophone slip is still read as one.
        assert results(page, "天文馆")
        assert "分开查找" not in page.inner_text("[data-kj-search-meta]")
        assert "/courses/shi-li-ji-qi-ren-yan-xue/" in [p for p, _ in results(page, "机器仁")]
        page.close()


def test_empty_result_is_not_a_dead_end(shipped_site: Path, browser) -> None:
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        _open_search(page, base, 1280)
        assert results(page, "机器人 量子引力") == []
        help_text = page.inner_text("[data-kj-search-help]")
        assert "机器人" in help_text  # the word that does match is offered
        links = page.eval_on_selector_all(
            "[data-kj-search-help] a", "links => links.map(a => new URL(a.href).pathname)"
        )
        assert {"/courses/", "/bases/", "/experts/", "/topic-lists/", "/competitions/"} <= set(
            links
        )
        # The suggestion runs the search it names.
        page.click(".kj-search__suggest")
        page.wait_for_function(
            "() => document.querySelector('[data-kj-search-results]')"
            ".getAttribute('data-kj-query') === '机器人'"
        )
        assert page.locator(".kj-search__item").count() > 0
        # A run-together word that can't be read whole offers its parts that find most, not
        # overlapping fragments (研学旅 and 学旅 only occur inside 研学旅游).
        assert results(page, "研学旅行") == []
        offered = page.eval_on_selector_all(".kj-search__suggest", "b => b.map(x => x.textContent)")
        assert offered and offered[0].startswith("研学（"), offered
        assert not any(o.startswith(("研学旅", "学旅")) for o in offered), offered
        # A stage word leads to the list filtered by it.
        assert results(page, "初一 量子引力") == []
        hrefs = page.eval_on_selector_all("[data-kj-search-help] a", "a => a.map(x => x.href)")
        assert any(h.endswith("/courses/?grade=7") for h in hrefs), hrefs
        page.close()


def test_pages_download_no_index_until_the_search_is_used(shipped_site: Path, browser) -> None:
    """Nothing under search/ loads with a page; a query loads the small meta file and only the
    shards its terms live in; Material's own index is never requested."""
    import json

    shards = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url.removeprefix(base)))
        page.goto(base + "courses/", wait_until="networkidle")
        assert not [u for u in requested if u.startswith("search/")], requested
        page.click("[data-kj-search-input]")
        results(page, "显微镜")
        loaded = [u for u in requested if u.startswith("search/t/")]
        assert "search/meta.json" in requested
        assert 0 < len(loaded) < shards["shards"], loaded
        # Pinyin only for the query's own characters (homophone slips), a small file each.
        mod = shards["pinyin_parts"]
        parts = {f"search/p/{ord(c) % mod}.json" for c in "显微镜"}
        assert {u for u in requested if u.startswith("search/p/")} <= parts, requested
        assert not [u for u in requested if "search_index" in u], requested
        page.close()


def test_synonym_list_errors_name_the_line() -> None:
    from kejiao.errors import ContentError
    from kejiao.synonyms import load_synonyms

    assert "奥林匹克" in load_synonyms()["奥赛"]  # the shipped list loads
    bad = "奥赛: [奥林匹克]\n航模: []\n创客: [[创新]]\nSTEM: [科学]\nstem: [工程]\n"
    with pytest.raises(ContentError) as caught:
        load_synonyms(bad)
    messages = [d.format() for d in caught.value.diagnostics]
    assert any(m.startswith("kejiao/data/synonyms.yml:2:") and "航模" in m for m in messages), (
        messages
    )
    assert any(m.startswith("kejiao/data/synonyms.yml:3:") and "创客" in m for m in messages), (
        messages
    )
    assert any(m.startswith("kejiao/data/synonyms.yml:5:") and "两次" in m for m in messages), (
        messages
    )
    with pytest.raises(ContentError) as caught:  # YAML's own problems are reported the same way
        load_synonyms("奥赛: [奥林匹克\n")
    assert caught.value.diagnostics[0].format().startswith("kejiao/data/synonyms.yml:")


def test_validate_reports_the_synonym_list_with_the_records(tmp_path, monkeypatch) -> None:
    """`validate` (the content check both commands run) reports a broken synonym list in the same
    run as a broken record, not only when the search index is built."""
    import datetime as dt

    import kejiao.synonyms
    from kejiao.pipeline import check

    monkeypatch.setattr(kejiao.synonyms, "shipped_text", lambda: "航模: []\n")
    content = tmp_path / "content"
    (content / "experts").mkdir(parents=True)
    (content / "experts" / "x.yml").write_text("name: [\n", encoding="utf-8")
    _, diagnostics = check(content, root=tmp_path, today=dt.date(2026, 11, 23))
    shown = [d.format() for d in diagnostics if d.severity == "error"]
    assert any(m.startswith("kejiao/data/synonyms.yml:1:") and "航模" in m for m in shown), shown
    assert any("experts/x.yml" in m for m in shown), shown


def test_a_query_loads_its_shards_alongside_the_index_head(shipped_site: Path, browser) -> None:
    """The page carries the index's shard count, so a plain query's shards are requested while
    meta.json is still on its way (one round trip less on a phone), and the results are the same."""
    import json

    shards = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})

        held: list = []  # meta.json waits here until the query has been typed
        page.route("**/search/meta.json", lambda route: held.append(route))
        page.goto(base + "courses/", wait_until="networkidle")
        form = page.locator("[data-kj-search-form]")
        assert form.get_attribute("data-kj-shards") == str(shards["shards"])
        page.click("[data-kj-search-input]")
        page.fill("[data-kj-search-input]", "显微镜")
        page.wait_for_timeout(300)
        assert held, "meta.json was not requested"
        held[0].continue_()
        found = results(page, "显微镜")
        assert "/courses/shi-li-xian-shang-sheng-ming-ke-xue/" in [p for p, _ in found]
        timing = page.evaluate(
            """() => performance.getEntriesByType('resource').map(e => [
                   new URL(e.name).pathname, e.startTime, e.responseEnd])"""
        )
        meta_end = max(end for path, _, end in timing if path.endswith("/search/meta.json"))
        shard_starts = [start for path, start, _ in timing if "/search/t/" in path]
        assert shard_starts and min(shard_starts) < meta_end, timing
        page.close()


def test_every_shard_file_exists_even_when_empty(monkeypatch) -> None:
    """A query term can hash to a shard no indexed term uses; that shard must still exist (an
    empty one), or the browser reports the index as broken instead of "no results"."""
    import datetime as dt
    import json

    import kejiao.render.search_index as search_index
    from kejiao.pipeline import load_catalogue
    from kejiao.render.context import PageContext, RenderContext

    root = Path(__file__).resolve().parents[1]
    catalogue, _ = load_catalogue(root / "content", root=root, today=dt.date(2026, 11, 23))
    # Many shards for few records: most of them hold no term.
    monkeypatch.setattr(search_index, "POSTINGS_PER_SHARD", 1)
    files = search_index.search_files(catalogue, RenderContext(catalogue, PageContext("x")).sorted)
    shards = json.loads(files[search_index.META_PATH])["shards"]
    present = {p for p in files if p.startswith("search/t/")}
    assert present == {f"search/t/{n}.json" for n in range(shards)}
    assert any(files[p] == "{}\n" for p in present)


def test_the_open_search_on_a_phone_does_not_render_the_page_under_it(
    shipped_site: Path, browser
) -> None:
    """Opening the search restyles the page after the theme's toggle (~250 ms on a slow phone for a
    list of 500 rows); on a phone the open box covers the page, so the page is not rendered while
    the box has focus, keeping its size. It comes back when the search closes, and a desktop
    (where the page shows dimmed under the results) always renders it."""
    hidden = "() => getComputedStyle(document.querySelector('.md-main')).contentVisibility"
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "courses/")
        page.mouse.wheel(0, 600)
        page.wait_for_function("() => window.scrollY > 0")
        scrolled = page.evaluate("window.scrollY")
        assert page.evaluate(hidden) == "visible"
        height = page.evaluate("document.documentElement.scrollHeight")
        page.click("label.md-header__button[for=__search]")
        assert page.evaluate(hidden) == "hidden"
        # The page keeps its size (its place under the box does not jump).
        assert page.evaluate("document.documentElement.scrollHeight") == height
        assert page.evaluate("window.scrollY") == scrolled
        assert results(page, "显微镜")  # the search itself works as before
        page.keyboard.press("Escape")
        assert page.evaluate(hidden) == "visible"
        page.close()

        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "courses/")
        page.click("[data-kj-search-input]")
        assert results(page, "显微镜")
        assert page.evaluate(hidden) == "visible"
        page.close()


def test_result_rows_come_in_the_fewest_round_trips(shipped_site: Path, browser) -> None:
    """A result's row comes from a file of 10 records (search/s/) when results are scattered; when
    that would take more files than a browser fetches at once from an HTTP/1.1 host, results that
    sit together come from the file of 100 records holding them (search/d/) instead."""
    import json

    meta = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert (meta["chunk"], meta["small"]) == (100, 10)
    with serve(shipped_site) as base:

        def rows_for(query: str) -> tuple[list[tuple[str, str]], list[str], list[int]]:
            """Results, row files requested and the ranked records, in a fresh page."""
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url.removeprefix(base)))
            page.goto(base + "courses/")
            page.click("[data-kj-search-input]")
            found = results(page, query)
            ranked = page.evaluate("q => window.kejiao.searchDocs(q)", query)
            page.close()
            return found, [u for u in requested if u.startswith(("search/s/", "search/d/"))], ranked

        found, files, _ = rows_for("显微镜")  # a few results: small files only
        assert found and files and all(f.startswith("search/s/") for f in files), files
        # Results spread over seven files of 10 within the first hundred records: one large file.
        found, files, ranked = rows_for("活动")
        shown = ranked[:10]
        assert len({d // 10 for d in shown}) > 6 and max(shown) < 100, shown  # the case meant
        assert len(found) == len(shown), found
        assert files == ["search/d/0.json"], files


def test_the_first_screen_is_the_head_of_the_full_ranking(shipped_site: Path, browser) -> None:
    """Results on screen are picked in one pass (the k best, not a sort of every hit); they must be
    exactly the first of the full ranking (score, then display order), for every teacher query."""
    import json

    meta = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))
    paths = []
    for n in range(-(-meta["count"] // meta["chunk"])):
        rows = json.loads((shipped_site / "search" / "d" / f"{n}.json").read_text(encoding="utf-8"))
        paths += [f"/{meta['kinds'][row[0]][0]}/{row[1]}/" for row in rows]
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        _open_search(page, base, 1280)
        for query in [*QUERIES, *FORGIVING, "科学", "中国", "活动", "科技馆 北京"]:
            ranked = page.evaluate("q => window.kejiao.searchDocs(q)", query)
            shown = [path for path, _ in results(page, query)]
            assert shown == [paths[d] for d in ranked[:10]], query
        page.close()


def test_a_homophone_slip_loads_its_pinyin_with_its_shards(shipped_site: Path, browser) -> None:
    """机器仁 is known to be a slip only when its shards show no match; its characters' pinyin (a
    few small files) is requested with the shards, not a round trip after them, and the slip is
    still found through pinyin."""
    import json

    meta = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))
    parts = {f"search/p/{ord(c) % meta['pinyin_parts']}.json" for c in "机器仁"}
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        held: list = []  # the query's shards wait here
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url.removeprefix(base)))
        page.goto(base + "courses/", wait_until="networkidle")
        with page.expect_response("**/search/meta.json") as response:
            page.click("[data-kj-search-input]")
        response.value.finished()
        holding = [True]
        page.route(
            "**/search/t/*.json",
            lambda route: held.append(route) if holding[0] else route.continue_(),
        )
        page.fill("[data-kj-search-input]", "机器仁")
        for _ in range(50):
            if parts <= set(requested):
                break
            page.wait_for_timeout(100)
        assert held, "the shards were not requested"
        assert parts <= set(requested), requested  # while every shard is still on its way
        holding[0] = False
        for route in held:
            route.continue_()
        found = [path for path, _ in results(page, "机器仁")]
        assert "/courses/shi-li-ji-qi-ren-yan-xue/" in found
        assert "search/pinyin.json" not in requested
        page.close()


def test_a_word_with_synonyms_shows_its_own_results_first(shipped_site: Path, browser) -> None:
    """编程 has five synonyms (13 more index shards at 100,000 records, over a second on a slow
    phone): what 编程 itself finds is shown first, marked as not complete, and the synonyms' shards
    are requested only after that, so that they do not share the phone's bandwidth with it."""
    import json
    from urllib.parse import urlparse

    from kejiao.render.search_index import shard_of, text_terms
    from kejiao.synonyms import load_synonyms

    count = json.loads((shipped_site / "search" / "meta.json").read_text(encoding="utf-8"))[
        "shards"
    ]
    own = {shard_of(t, count) for t in text_terms("编程")}
    alternatives = load_synonyms()["编程"]
    later = {shard_of(t, count) for alt in alternatives for t in text_terms(alt)} - own
    assert later
    with serve(shipped_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(
            """document.addEventListener("DOMContentLoaded", () => {
                 const list = document.querySelector("[data-kj-search-results]");
                 new MutationObserver(() => {
                   if (list.getAttribute("data-kj-shown") && !window.kjShownAt) window.kjShownAt = performance.now();
                 }).observe(list, { attributes: true });
               });"""
        )
        held: list = []  # the synonyms' shards wait here

        def hold(route) -> None:  # type: ignore[no-untyped-def]
            if int(Path(urlparse(route.request.url).path).stem) in later:
                held.append(route)
            else:
                route.continue_()

        page.route("**/search/t/*.json", hold)
        _open_search(page, base, 1280)
        page.fill("[data-kj-search-input]", "编程")
        page.wait_for_function(
            "q => document.querySelector('[data-kj-search-results]').getAttribute('data-kj-shown') === q",
            arg="编程",
        )
        first = page.eval_on_selector_all(
            ".kj-search__item a", "links => links.map(a => new URL(a.href).pathname)"
        )
        assert first == ["/courses/shi-li-ji-qi-ren-yan-xue/"]  # 编程 in its summary
        assert "正在查找同义词" in page.inner_text("[data-kj-search-meta]")
        assert page.get_attribute("[data-kj-search-results]", "data-kj-query") != "编程"
        page.wait_for_timeout(200)
        assert held  # requested after the first results, still waiting
        for route in held:
            route.continue_()
        found = [p for p, _ in results(page, "编程")]
        assert "/competitions/quan-guo-zhong-xue-sheng-xin-xi-xue-ao-lin-pi-ke-jing-sai/" in found
        assert (
            found[0] == "/courses/shi-li-ji-qi-ren-yan-xue/"
        )  # still first (人工智能 in its title)
        assert "正在查找同义词" not in page.inner_text("[data-kj-search-meta]")
        shown_at = page.evaluate("window.kjShownAt")
        starts = page.evaluate(
            """() => performance.getEntriesByType('resource')
                   .filter(e => /\\/search\\/t\\/\\d+\\.json$/.test(e.name))
                   .map(e => [Number(e.name.match(/(\\d+)\\.json$/)[1]), e.startTime])"""
        )
        assert {n for n, _ in starts} >= later
        assert all(start >= shown_at for n, start in starts if n in later), (shown_at, starts)
        page.close()
