"""Screenshot built pages in headless Chromium at phone and desktop widths, for a human to look at.

python scripts/screenshot.py site OUT_DIR courses/ bases/zhong-guo-ke-xue-ji-shu-guan/
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"phone": (360, 740), "desktop": (1280, 900)}


def main(site: str, out: str, *paths: str) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    full = os.environ.get("FULL_PAGE", "1") != "0"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths or ("",):
                page.goto(base + path)
                slug = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=f"{out}/{slug}-{name}.png", full_page=full)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
