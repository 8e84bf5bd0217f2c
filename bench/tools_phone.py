"""The browser tools on a phone (issue 15): for each tool page, the bytes transferred (gzip, as
the host sends them) and the seconds until it is usable — its answer on screen — in headless
Chromium with the network (1.6 Mbit/s down, 150 ms latency) and the CPU (4× slower) throttled
(bench/phone.py; the host compresses on the fly, as a static host with gzip on does).

    python bench/tools_phone.py NAME=SITE_DIR [NAME=SITE_DIR ...] [--runs 3]

Each NAME=SITE_DIR is a built site (e.g. before=/tmp/tools100k/site-before after=…); build one
from generated records with `python bench/generate.py content 100000` and `python build.py build`.
Prints one Markdown table: per site and page, the median seconds, the KB transferred and the app
files it asked for, and where the page's own clock says the time went: app.js's timing marks (ms
from navigation start; app.js writes them since issue 15's second round, older builds show –):
kj:start (the tool's script runs), kj:ready (its answer is drawn). "Usable" is stricter than
kj:ready: the answer must also reach the screen, which waits for the main thread (the theme's
bundle runs after the tool's scripts). Every page opens in a fresh context (empty cache)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.phone import host, phone_page  # noqa: E402
from tests.browser import chromium  # noqa: E402

# The questions a teacher asks (generated records have districts all over the country).
PAGES = [
    ("找合作基地", "finder/?region=310115"),
    ("找合作基地（年级+服务）", "finder/?region=110108&grade=5&service=研学"),
    ("为我推荐", "recommend/?from=5&to=5&field=天文与航天&region=110108"),
    ("近期（90 天）", "upcoming/?days=90"),
    ("分享的清单（5 项）", "shortlist/?items=courses/course-000001,bases/base-000002,"
     "experts/expert-000003,competitions/competition-000004,topic-lists/topic-list-000005"),
]  # fmt: skip
USABLE = "[data-kj-app][data-kj-ready]:not([aria-busy])"  # the answer is on screen


MARKS = (
    "() => Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))"
)


def open_page(browser, base: str, path: str, counter):  # type: ignore[no-untyped-def]
    """(seconds until usable, bytes sent, app/ files asked for, {mark: ms})."""
    page = phone_page(browser)
    counter.take()
    start = time.perf_counter()
    page.goto(base + path, wait_until="commit")
    page.wait_for_selector(USABLE, state="attached", timeout=300_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(200)  # anything still arriving counts as transferred
    marks = page.evaluate(MARKS)
    sent, paths = counter.take()
    page.context.close()
    return seconds, sent, sorted(p.split("/app/", 1)[1] for p in paths if "/app/" in p), marks


def mark(results, name: str) -> str:  # type: ignore[no-untyped-def]
    found = [r[3][name] for r in results if name in r[3]]
    return f"{statistics.median(found):.0f}" if found else "–"


def main(sites: dict[str, Path], runs: int) -> None:
    """Sites are measured alternately (page by page, run by run), so a change in the machine's
    load falls on all of them alike; the load average is printed with the table."""
    print(
        "| 网站 | 页面 | 可用（秒，中位数） | 传输 KB（gzip） | kj:start / kj:ready（毫秒） | 加载的 app/ 文件 |"
    )
    print("|---|---|---|---|---|---|")
    with chromium() as browser, ExitStack() as stack:
        hosts = {name: stack.enter_context(host(site)) for name, site in sites.items()}
        for base, counter in hosts.values():
            open_page(browser, base, PAGES[0][1], counter)  # warm up: host cache, browser
        for label, path in PAGES:
            results: dict[str, list] = {name: [] for name in sites}  # type: ignore[type-arg]
            for _ in range(runs):
                for name, (base, counter) in hosts.items():
                    results[name].append(open_page(browser, base, path, counter))
            for name, found in results.items():
                seconds = statistics.median(r[0] for r in found)
                kb = statistics.median(r[1] for r in found) / 1024
                files = found[0][2]
                shown = ", ".join(files) if len(files) <= 8 else f"{len(files)} 个"
                clock = f"{mark(found, 'kj:start')} / {mark(found, 'kj:ready')}"
                print(
                    f"| {name} | {label} | {seconds:.2f} | {kb:.0f} | {clock} | {shown} |",
                    flush=True,
                )
    print(f"\n负载（1/5/15 分钟平均）：{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    args = sys.argv[1:]
    count = 3
    if "--runs" in args:
        i = args.index("--runs")
        count = int(args[i + 1])
        del args[i : i + 2]
    main({a.split("=", 1)[0]: Path(a.split("=", 1)[1]) for a in args}, count)
