"""The preview server under a classroom's load: N browsers asking for a page at the same moment.

    python bench/serve_load.py [N] [--rounds R]

Starts the dev server (kejiao/devserver.py) on 127.0.0.1 in a child process over a small site, opens N
connections at once (released together by a barrier), and prints the median, 95th percentile and
slowest time to a complete answer, and how many requests failed. Figures, not a test."""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from kejiao.devserver import Broadcast, make_server


def _site(folder: Path) -> None:
    (folder / "courses" / "x").mkdir(parents=True)
    body = "<p>" + "课程简介。" * 400 + "</p>"
    for page in (folder / "index.html", folder / "courses" / "x" / "index.html"):
        page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (folder / "404.html").write_text("<html><body>404</body></html>", encoding="utf-8")


def _serve(site: Path, ports: multiprocessing.Queue) -> None:
    server = make_server(site, "127.0.0.1", 0, Broadcast())
    ports.put(server.server_address[1])
    server.serve_forever()


def one_round(url: str, n: int) -> tuple[list[float], int]:
    barrier = threading.Barrier(n)
    times: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def client() -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            with lock:
                times.append(time.perf_counter() - started)
        except (urllib.error.URLError, OSError):
            with lock:
                failures[0] += 1

    threads = [threading.Thread(target=client) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, failures[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        _site(site)
        ports: multiprocessing.Queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=_serve, args=(site, ports), daemon=True)
        child.start()
        url = f"http://127.0.0.1:{ports.get(timeout=30)}/courses/x/"
        times: list[float] = []
        failed = 0
        for _ in range(args.rounds):
            got, bad = one_round(url, args.n)
            times += got
            failed += bad
        child.terminate()
        child.join()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1] if times else float("nan")
    print(
        f"{args.n} concurrent × {args.rounds} rounds: median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms, failed {failed}"
    )


if __name__ == "__main__":
    main()
