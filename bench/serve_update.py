"""Time from saving one record while `serve` runs to the updated page being served.

Starts `python build.py serve` on N generated records, then edits one course title K times (each
time a different course) and polls the course's page until the new title is there; also records when
the course list shows it. Prints the medians.

    python bench/serve_update.py [N] [--edits K]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _until(url: str, needle: str, timeout: float) -> float:
    """The moment (perf_counter) `needle` is in the page at `url`, polling every 10 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in _fetch(url):
            return time.perf_counter()
        time.sleep(0.01)
    raise SystemExit(f"{needle!r} did not appear at {url} within {timeout} s")


def measure(project: Path, edits: int) -> dict[str, float]:
    """Median seconds from save to updated record page and to updated list page, and startup."""
    port = _free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        courses = sorted((project / "content" / "courses").glob("*.yml"))
        first = courses[0].stem
        startup = _until(f"{base}courses/{first}/", "<h1", 600) - started
        page_s, list_s = [], []
        for number in range(edits):
            path = courses[(number * 97) % len(courses)]
            text = path.read_text(encoding="utf-8")
            title = text.split("\n", 1)[0].removeprefix("title: ")
            new_title = f"{title}（修订{number}）"
            time.sleep(0.5)  # let the previous update settle
            saved = time.perf_counter()
            path.write_text(text.replace(title, new_title, 1), encoding="utf-8")
            page_s.append(_until(f"{base}courses/{path.stem}/", new_title, 60) - saved)
            # The lists, search index and data files are rewritten in one step; the courses table
            # holds every title (the search index is split into files, see render/search_index.py).
            list_s.append(_until(f"{base}data/courses.csv", new_title, 60) - saved)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return {
        "startup": startup,
        "page": statistics.median(page_s),
        "page_max": max(page_s),
        "rest": statistics.median(list_s),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        for name in ("docs", "site_overrides"):
            shutil.copytree(ROOT / name, project / name)
        generate(project / "content", args.n)
        result = measure(project, args.edits)
    print(
        f"records: {args.n}; serve start {result['startup']:.1f} s; save → record page updated: "
        f"median {result['page']:.2f} s (max {result['page_max']:.2f}); "
        f"→ lists, search and data updated: median {result['rest']:.2f} s"
    )


if __name__ == "__main__":
    main()
