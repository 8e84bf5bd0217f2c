"""Header-search budgets at N records, on a phone emulated in headless Chromium (1.6 Mbit/s down,
150 ms latency, CPU 4× slower; files served gzip-compressed as a static host would):

- before use: bytes any page downloads for the search (must be none);
- each teacher query typed into a fresh page: time from opening the search box to results on
  screen (strict: the index starts loading on opening and typing takes no time), time from the
  last keystroke to results when the box was opened first (the index head, meta.json, loads while
  the teacher types, as it does on a phone), and bytes transferred for it (meta.json, posting
  shards, record files). "Results" are the first on screen (a word with synonyms shows what the
  word itself finds first, search.js waitsForSynonyms); "complete" is when they are all there;
- build: the whole build, and the time the index adds (rendering it in-process).

    python bench/search_budget.py N [PROJECT]   # PROJECT: an already built project folder to reuse
    python bench/search_budget.py --site SITE [SITE…] [--runs N]  # query timings only, for built
        # sites (taking turns query by query: before/after; medians of N runs)
"""

from __future__ import annotations

import contextlib
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
from bench.phone import host, phone_page  # noqa: E402
from tests.browser import chromium  # noqa: E402

# The last two are typed without a space: read as 天文 + 北京 and 初中 + 编程 (search.js splitWord).
QUERIES = ["天文", "机器人", "人工智能", "tianwen", "天文館", "机器仁", "编程 初中", "显微镜 五年级",
           "海淀区", "第123期", "科学", "天文北京", "初中编程"]  # fmt: skip


def settle(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Open `url` and wait until the page has loaded everything it loads by itself (deferred
    scripts on a throttled CPU finish after the first quiet moment), so that what follows counts
    only the search."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    page.wait_for_load_state("networkidle")


def _until(page, attributes: list[str], query: str, t0: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds from `t0` until the results carry one of `attributes` = `query` (data-kj-shown:
    the first results on screen, data-kj-query: all of them; a site from before data-kj-shown
    sets only data-kj-query)."""
    try:
        page.wait_for_function(
            """([names, q]) => {
                 const list = document.querySelector('[data-kj-search-results]');
                 return names.some(name => list.getAttribute(name) === q);
               }""",
            arg=[attributes, query],
            timeout=120_000,
        )
    except Exception as error:
        raise RuntimeError(f"{query}: {page.inner_text('[data-kj-search-meta]')}") from error
    return time.perf_counter() - t0


def type_query(page, query: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Seconds from opening the search (the header button on a phone) and typing `query` to its
    first results, or its empty message, on screen, and to all of them: strict, as the index
    starts loading on opening."""
    t0 = time.perf_counter()
    page.click("label.md-header__button[for=__search]")
    page.fill("[data-kj-search-input]", query)
    first = _until(page, ["data-kj-shown", "data-kj-query"], query, t0)
    return first, _until(page, ["data-kj-query"], query, t0)


def type_after_opening(page, query: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Seconds from the last keystroke to the first results and to all of them, the box opened
    first and its meta.json loaded (on a phone, typing two characters through an input method
    takes longer than that load)."""
    with page.expect_response(lambda r: r.url.endswith("/search/meta.json")) as meta:
        page.click("label.md-header__button[for=__search]")
    meta.value.finished()
    # Its parse and the overlay's first frames happen while a teacher types (a page's load state
    # is already "networkidle" here, so waiting for that would not wait for meta.json at all).
    page.wait_for_timeout(300)
    t0 = time.perf_counter()
    page.fill("[data-kj-search-input]", query)
    first = _until(page, ["data-kj-shown", "data-kj-query"], query, t0)
    return first, _until(page, ["data-kj-query"], query, t0)


def measure_site(site: Path) -> dict[str, object]:
    search = site / "search"
    files = [p for p in search.rglob("*") if p.is_file() and p.name != "search_index.json"]
    out: dict[str, object] = {
        "index_files": len(files),
        "index_mb": sum(p.stat().st_size for p in files) / 1e6,
        "meta_kb_gz": len(gzip.compress((search / "meta.json").read_bytes())) / 1024,
    }
    [(before, per_query)] = query_costs(site)
    out["before_use"] = before
    out["queries"] = per_query
    return out


def query_costs(*sites: Path, runs: int = 1) -> list[tuple[list[str], dict[str, tuple]]]:
    """For each site: what a page downloads for the search before use, and for each query in a
    fresh phone page: (seconds to results from opening, KB transferred, requests, the count line
    shown, seconds to results after typing, seconds to all results after typing), the times the
    median of `runs`. Several sites
    (before/after) take turns query by query, so that the machine's load falls on them alike."""
    out: list[tuple[list[str], dict[str, tuple]]] = []
    with chromium() as browser, contextlib.ExitStack() as stack:
        hosts = [stack.enter_context(host(site)) for site in sites]
        for base, counter in hosts:
            page = phone_page(browser)
            settle(page, base + "courses/")
            _, paths = counter.take()
            out.append(([p for p in paths if "/search/" in p], {}))
            page.context.close()
        timings: dict[tuple[int, str], list[tuple[float, float, float]]] = {}
        for query in [q for _ in range(runs) for q in QUERIES]:
            for n, ((base, counter), (_, per_query)) in enumerate(zip(hosts, out, strict=True)):
                page = phone_page(browser)
                settle(page, base + "courses/")
                counter.take()
                seconds, _ = type_query(page, query)
                sent, paths = counter.take()
                count = page.inner_text("[data-kj-search-meta]")
                page.context.close()
                page = phone_page(browser)
                settle(page, base + "courses/")
                after, complete = type_after_opening(page, query)
                counter.take()
                timings.setdefault((n, query), []).append((seconds, after, complete))
                seconds, after, complete = (
                    statistics.median(t[i] for t in timings[n, query]) for i in range(3)
                )
                per_query[query] = (seconds, sent / 1024, len(paths), count, after, complete)
                page.context.close()
    return out


def report(result: dict[str, object]) -> None:
    print(f"index: {result['index_files']} files, {result['index_mb']:.1f} MB; "
          f"meta.json {result['meta_kb_gz']:.1f} KB gzip")  # fmt: skip
    print(f"downloaded for search before use: {result['before_use'] or 'nothing'}")
    print("| query | from opening (s) | after typing (s) | complete after typing (s) "
          "| transferred (KB gzip) | requests | shown |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    rows = result["queries"]
    assert isinstance(rows, dict)
    for query, (seconds, kb, requests, shown, after, complete) in rows.items():
        print(f"| {query} | {seconds:.2f} | {after:.2f} | {complete:.2f} | {kb:.0f} | {requests} "
              f"| {shown} |")  # fmt: skip
    print(f"from opening: median {statistics.median(r[0] for r in rows.values()):.2f} s, "
          f"max {max(r[0] for r in rows.values()):.2f} s; after typing: median "
          f"{statistics.median(r[4] for r in rows.values()):.2f} s, "
          f"max {max(r[4] for r in rows.values()):.2f} s; complete after typing: median "
          f"{statistics.median(r[5] for r in rows.values()):.2f} s, "
          f"max {max(r[5] for r in rows.values()):.2f} s; max {max(r[1] for r in rows.values()):.0f} KB")  # fmt: skip


def build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--today", "2026-11-22"],
                   cwd=project, check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def index_time(project: Path) -> float:
    import datetime as dt

    from kejiao.pipeline import load_catalogue
    from kejiao.render.context import PageContext, RenderContext
    from kejiao.render.search_index import search_files

    catalogue, _ = load_catalogue(project / "content", root=project, today=dt.date(2026, 11, 22))
    context = RenderContext(catalogue, PageContext(site_name="x"))
    ordered = context.sorted
    start = time.perf_counter()
    search_files(catalogue, ordered)
    return time.perf_counter() - start


def prepare(n: int, tmp: Path) -> Path:
    project = tmp / f"project-{n}"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "site_overrides"):
        shutil.copytree(ROOT / name, project / name)
    generate(project / "content", n)
    return project


def main(n: int = 10_000, reuse: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if reuse:
            project = Path(reuse)
            build_s = None
        else:
            project = prepare(n, Path(tmp))
            build_s = build(project)
        index_s = index_time(project)
        if build_s:
            print(f"records: {n}; build {build_s:.1f} s; search index {index_s:.2f} s "
                  f"({100 * index_s / build_s:.1f}% of the build)")  # fmt: skip
        else:
            print(f"records: {n}; search index {index_s:.2f} s (build timed separately)")
        report(measure_site(project / "site"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--site"]:  # built sites, e.g. before and after a change: timings only
        args = sys.argv[2:]
        runs = 1
        if "--runs" in args:  # medians of several runs: the machine's load varies
            at = args.index("--runs")
            runs = int(args[at + 1])
            del args[at : at + 2]
        sites = [Path(p) for p in args]
        for site, (before, rows) in zip(sites, query_costs(*sites, runs=runs), strict=True):
            print(f"## {site}")
            report({"index_files": 0, "index_mb": 0.0, "meta_kb_gz": 0.0, "before_use": before,
                    "queries": rows})  # fmt: skip
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
             sys.argv[2] if len(sys.argv) > 2 else None)  # fmt: skip
