"""Finding-things budgets at N records (default 10,000), measured in headless Chromium:

- list page: bytes transferred before the user interacts, gzip-compressed as a static host would serve;
- header search: time from typing a query to results on screen (first query includes loading the index);
- build: the time the search index adds (rendering it), against the whole build.

    python bench/search_budget.py [N]
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402

QUERIES = ["天文", "机器人", "人工智能", "航天", "显微镜", "海淀区", "第123期"]


def measure_site(site: Path) -> dict[str, float]:
    """List-page transfer (KB gzip, courses list at phone width), search index size (MB, raw and
    gzip), and header-search times in ms (first query, which loads the index; median of the rest)."""
    raw = (site / "search" / "catalogue.json").read_bytes()
    out = {"index_mb": len(raw) / 1e6, "index_gzip_mb": len(gzip.compress(raw)) / 1e6}
    with chromium() as browser, serve(site) as base:
        for path in ("courses/", "bases/", "competitions/", ""):
            sizes: list[int] = []
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.on(
                "requestfinished",
                lambda r, sizes=sizes: sizes.append(_gzip_size(site, r.url, base)),
            )
            page.goto(base + path, wait_until="networkidle")
            out[f"list_kb:{path or 'home'}"] = sum(sizes) / 1024
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "courses/", wait_until="networkidle")
        page.click("[data-kj-search-input]")
        timings = []
        for query in QUERIES:
            t0 = time.perf_counter()
            page.fill("[data-kj-search-input]", query)
            page.wait_for_function(
                "q => document.querySelector('[data-kj-search-results]').getAttribute('data-kj-query') === q",
                arg=query,
            )
            timings.append((time.perf_counter() - t0) * 1000)
        page.close()
    out["search_first_ms"] = timings[0]
    out["search_ms"] = statistics.median(timings[1:])
    return out


def main(n: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        for name in ("docs", "site_overrides"):
            shutil.copytree(ROOT / name, project / name)
        generate(project / "content", n)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--today", "2026-11-22"],
                       cwd=project, check=True, capture_output=True)  # fmt: skip
        build_s = time.perf_counter() - start
        index_s = _index_time(project)
        print(f"records: {n}; build {build_s:.1f} s; search index render {index_s:.2f} s "
              f"({100 * index_s / build_s:.1f}% of the build)")  # fmt: skip
        result = measure_site(project / "site")
        print(f"search index: {result['index_mb']:.2f} MB, {result['index_gzip_mb']:.2f} MB gzip")
        for key, value in result.items():
            if key.startswith("list_kb:"):
                print(f"list page /{key[8:]}: {value:.0f} KB gzip before interaction")
        print(f"search: first {result['search_first_ms']:.0f} ms (loads the index), "
              f"then median {result['search_ms']:.0f} ms")  # fmt: skip


def _gzip_size(site: Path, url: str, base: str) -> int:
    path = site / url.removeprefix(base).split("?")[0].split("#")[0]
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes())) if path.is_file() else 0


def _index_time(project: Path) -> float:
    import datetime as dt

    from kejiao.pipeline import load_catalogue
    from kejiao.render.context import PageContext, RenderContext
    from kejiao.render.search_index import search_index

    catalogue, _ = load_catalogue(project / "content", root=project, today=dt.date(2026, 11, 22))
    context = RenderContext(catalogue, PageContext(site_name="x"))
    start = time.perf_counter()
    search_index(catalogue, context.sorted)
    return time.perf_counter() - start


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
