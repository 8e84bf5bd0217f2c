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
