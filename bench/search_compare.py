"""The catalogue's header search side by side with Pagefind (extended, which segments Chinese), on
the same built site:

- index time (ours: rendering search/ in-process; Pagefind: its CLI over the record pages);
- bytes transferred and time to the first results for each query, on a phone emulated in
  Chromium (bench/phone.py), each query in a fresh page with an empty cache;
- recall on a fixed set of teacher queries, including forgiving ones (pinyin, traditional
  characters, homophone slips, synonyms, stage words): on the shipped content, against the
  records a teacher expects (tests/test_search.py FORGIVING); on generated content, against an
  oracle computed from the records themselves.

    pip install 'pagefind[extended]'
    python bench/search_compare.py N [PROJECT]   # PROJECT: an already built project to reuse
    # KJ_REUSE_PAGEFIND=1: keep PROJECT/site/pagefind; KJ_SKIP_SHIPPED=1: generated content only
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.phone import host, phone_page  # noqa: E402
from bench.search_budget import build, index_time, prepare, settle, type_query  # noqa: E402
from tests.browser import chromium  # noqa: E402

PAGEFIND_PAGE = """<!doctype html><html lang="zh"><meta charset="utf-8"><title>pf</title>
<script type="module">
window.pf = await import("./pagefind/pagefind.js");
await window.pf.options({});
window.pfReady = true;
</script></html>
"""
RECORD_PAGES = "{courses,bases,experts,topic-lists,competitions}/*/index.html"

# Generated content: query → predicate on a record's (text, grades, region names).
GENERATED = {
    "天文": lambda t, g, r: "天文" in t,
    "tianwen": lambda t, g, r: "天文" in t,
    "天文館": lambda t, g, r: "天文馆" in t,
    "機器人": lambda t, g, r: "机器人" in t,
    "机器仁": lambda t, g, r: "机器人" in t,
    "编程 初中": lambda t, g, r: "编程" in t and bool(g & {7, 8, 9}),
    "显微镜 五年级": lambda t, g, r: "显微镜" in t and 5 in g,
    "海淀区": lambda t, g, r: "海淀区" in r,
    "航天 北京": lambda t, g, r: "航天" in t and "北京" in r,
}


STAGE_SPANS = {"小学": set(range(1, 7)), "初中": {7, 8, 9}, "高中": {10, 11, 12}}


def pagefind_index(site: Path) -> float:
    """Seconds Pagefind took to index the record pages; NaN when KJ_REUSE_PAGEFIND=1 and the site
    already has its index (at 100,000 records indexing takes minutes, timed separately)."""
    import math

    if os.environ.get("KJ_REUSE_PAGEFIND") == "1" and (site / "pagefind" / "pagefind.js").exists():
        (site / "pf-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
        return math.nan
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", RECORD_PAGES,
                    "--root-selector", "article", "--output-subdir", "pagefind"],
                   check=True, capture_output=True)  # fmt: skip
    (site / "pf-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    return time.perf_counter() - start


def _our_urls(site: Path) -> list[str]:
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    rows = []
    for n in range((meta["count"] + meta["chunk"] - 1) // meta["chunk"]):
        rows += json.loads((site / "search" / "d" / f"{n}.json").read_text(encoding="utf-8"))
    return [f"/{meta['kinds'][r[0]][0]}/{r[1]}/" for r in rows]


def found_urls(browser, base: str, site: Path, queries: list[str]) -> dict[str, dict[str, set]]:  # type: ignore[no-untyped-def]
    """Every result of each query, as URL paths, for both engines (unthrottled)."""
    urls = _our_urls(site)
    out: dict[str, dict[str, set]] = {"ours": {}, "pagefind": {}}
    page = browser.new_page()
    page.goto(base + "courses/")
    for q in queries:
        docs = page.evaluate("q => window.kejiao.searchDocs(q)", q)
        out["ours"][q] = {urls[d] for d in docs}
    page.goto(base + "pf-bench.html")
    page.wait_for_function("() => window.pfReady === true")
    for q in queries:
        found = page.evaluate(
            "async q => { const r = await window.pf.search(q);"
            " return Promise.all(r.results.map(x => x.data().then(d => d.url))); }",
            q,
        )
        out["pagefind"][q] = {"/" + u.lstrip("/").removesuffix("index.html") for u in found}
    page.close()
    return out


def phone_costs(browser, base: str, counter, queries: list[str]) -> dict[str, dict[str, tuple]]:  # type: ignore[no-untyped-def]
    """(seconds, KB) to the first results of each query on a throttled phone, fresh cache."""
    out: dict[str, dict[str, tuple]] = {"ours": {}, "pagefind": {}}
    for q in queries:
        page = phone_page(browser)
        settle(page, base + "courses/")
        counter.take()
        seconds, _ = type_query(page, q)  # the first results
        out["ours"][q] = (seconds, counter.take()[0] / 1024)
        page.context.close()
        page = phone_page(browser)
        settle(page, base + "pf-bench.html")
        page.wait_for_function("() => window.pfReady === true")
        counter.take()  # Pagefind's loader is counted as page weight, like our search.js
        t0 = time.perf_counter()
        page.evaluate(
            "async q => { const r = await window.pf.search(q);"
            " return Promise.all(r.results.slice(0, 5).map(x => x.data())); }",
            q,
        )
        out["pagefind"][q] = (time.perf_counter() - t0, counter.take()[0] / 1024)
        page.context.close()
    return out


def recall(found: set, relevant: set) -> float:
    return len(found & relevant) / len(relevant) if relevant else float("nan")


def oracle(project: Path) -> dict[str, set]:
    from kejiao import regions
    from kejiao.pipeline import load_catalogue
    from kejiao.render.search_index import _fields, normalise

    catalogue, _ = load_catalogue(project / "content", root=project, today=dt.date(2026, 11, 22))
    relevant: dict[str, set] = {q: set() for q in GENERATED}
    for records in catalogue.records.values():
        for entry in records.values():
            m = entry.model
            fields = _fields(entry, catalogue)
            text = normalise(" ".join(fields.values()))
            grades = getattr(m, "grades", None)  # the grade range, else the stages' grades
            span = set(range(grades.start, grades.end + 1)) if grades else set()
            if not grades:
                for stage in entry.kind.stages(m):
                    span |= STAGE_SPANS.get(str(stage), set())
            region = " ".join(regions.full_name(c) for c in entry.kind.regions(m))
            for q, test in GENERATED.items():
                if test(text, span, region):
                    relevant[q].add("/" + entry.kind.record_url(entry.id))
    return relevant


def shipped_expectations() -> dict[str, set]:
    from tests.test_search import FORGIVING, QUERIES

    return {q: set(paths) for q, paths in {**QUERIES, **FORGIVING}.items()}


def run(project: Path, relevant: dict[str, set], label: str) -> None:
    site = project / "site"
    ours_s = index_time(project)
    pf_s = pagefind_index(site)
    print(f"\n## {label}\n\nindex time: ours {ours_s:.1f} s, Pagefind {pf_s:.1f} s")
    queries = list(relevant)
    with chromium() as browser, host(site) as (base, counter):
        found = found_urls(browser, base, site, queries)
        costs = phone_costs(browser, base, counter, queries)
    print("\n| query | relevant | found ours / Pagefind | recall ours | recall Pagefind "
          "| ours s / KB | Pagefind s / KB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    totals = {"ours": [], "pagefind": []}
    for q in queries:
        row = [q, str(len(relevant[q])), f"{len(found['ours'][q])} / {len(found['pagefind'][q])}"]
        for engine in ("ours", "pagefind"):
            r = recall(found[engine][q], relevant[q])
            totals[engine].append(r)
            row.append(f"{r:.2f}")
        for engine in ("ours", "pagefind"):
            s, kb = costs[engine][q]
            row.append(f"{s:.2f} / {kb:.0f}")
        print("| " + " | ".join(row) + " |")
    for engine, values in totals.items():
        print(f"mean recall {engine}: {sum(values) / len(values):.2f}")


def main(n: int = 10_000, reuse: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        from tests.conftest import make_project

        if not os.environ.get("KJ_SKIP_SHIPPED"):
            shipped = make_project(Path(tmp) / "shipped", ROOT / "content")
            build(shipped)
            run(shipped, shipped_expectations(), "shipped content, teacher queries")
        project = Path(reuse) if reuse else prepare(n, Path(tmp))
        if not reuse:
            build(project)
        run(project, oracle(project), f"{n} generated records, oracle from the records")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        sys.argv[2] if len(sys.argv) > 2 else None,
    )
