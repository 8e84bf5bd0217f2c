"""A phone in headless Chromium for the search benchmarks: a gzip-serving static host that counts
the bytes it sends, and a page with the network (1.6 Mbit/s down, 150 ms latency) and the CPU (4×
slower) throttled through the DevTools protocol."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CPU_SLOWDOWN = 4
COMPRESSIBLE = {".html", ".json", ".js", ".css", ".xml", ".svg", ".txt"}


class Counter:
    def __init__(self) -> None:
        self.bytes = 0
        self.paths: list[str] = []
        self.lock = threading.Lock()

    def take(self) -> tuple[int, list[str]]:
        with self.lock:
            out = (self.bytes, self.paths)
            self.bytes, self.paths = 0, []
        return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    counter: Counter
    cache: dict[str, bytes]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        gz = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            key = str(path)
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, 6)
            body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.counter.lock:
            self.counter.bytes += len(body)
            self.counter.paths.append(self.path)


@contextmanager
def host(site: Path) -> Iterator[tuple[str, Counter]]:
    counter = Counter()
    handler = type("H", (_Handler,), {"counter": counter, "cache": {}})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


def phone_page(browser):  # type: ignore[no-untyped-def]
    """A fresh page (empty cache) at phone width, throttled."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150,
        "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8,
    })  # fmt: skip
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page
