"""A small HTTP server for previewing the built site, with live reload.

Pages are served from the site folder as built (with their Content-Security-Policy); a script tag
for /__kejiao__/reload.js is added to each HTML page as it is sent. That script listens on an
EventSource and reloads the page when an update names its address (or names "*")."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = "/__kejiao__/"
_SCRIPT = f'<script src="{PREFIX}reload.js" defer></script>'
_RELOAD_JS = """\
(() => {
  const here = location.pathname.replace(/index\\.html$/, "");
  const events = new EventSource("PREFIXevents");
  events.onmessage = (event) => {
    const urls = JSON.parse(event.data);
    if (urls.includes("*") || urls.some((url) => "/" + url === here)) location.reload();
  };
})();
""".replace("PREFIX", PREFIX)


class Broadcast:
    """The latest update's addresses, handed to every waiting browser."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0
        self.urls: list[str] = []

    def publish(self, urls: list[str]) -> None:
        with self._changed:
            self.version += 1
            self.urls = list(urls)
            self._changed.notify_all()

    def wait(self, version: int, timeout: float) -> tuple[int, list[str]] | None:
        with self._changed:
            if self._changed.wait_for(lambda: self.version != version, timeout):
                return self.version, self.urls
        return None


class _Handler(SimpleHTTPRequestHandler):
    broadcast: Broadcast

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "reload.js":
            self._send(_RELOAD_JS.encode("utf-8"), "text/javascript; charset=utf-8")
        elif path == PREFIX + "events":
            self._events()
        else:
            try:
                page = self._page(path)
            except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a bad escape...
                too_long = isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG
                self.send_error(
                    HTTPStatus.REQUEST_URI_TOO_LONG if too_long else HTTPStatus.NOT_FOUND
                )
                return
            if page is not None:
                self._send(page[0], "text/html; charset=utf-8", page[1])
            else:
                super().do_GET()

    def _page(self, path: str) -> tuple[bytes, HTTPStatus] | None:
        """An HTML page (with the reload script) or the 404 page; None for other files."""
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return _with_script(file.read_text(encoding="utf-8")), HTTPStatus.OK
        if not file.exists() and (Path(self.directory) / "404.html").is_file():
            page = _with_script((Path(self.directory) / "404.html").read_text(encoding="utf-8"))
            return page, HTTPStatus.NOT_FOUND
        return None

    def _send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        # The browser may have gone away (a reload, a closed tab): nothing left to answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        version = self.broadcast.version
        try:
            while True:
                news = self.broadcast.wait(version, timeout=15)
                if news is None:
                    self.wfile.write(b": keep-alive\n\n")  # also notices a closed tab
                else:
                    version, urls = news
                    self.wfile.write(f"data: {json.dumps(urls)}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def _with_script(html: str) -> bytes:
    at = html.rfind("</body>")
    if at >= 0:
        html = html[:at] + _SCRIPT + html[at:]
    return html.encode("utf-8")


class _Server(ThreadingHTTPServer):
    # A classroom opening the preview at once: the default backlog of 5 makes the kernel drop
    # connections, which browsers retry only after a second.
    request_queue_size = 512
    daemon_threads = True


def make_server(site_dir: Path, host: str, port: int, broadcast: Broadcast) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"broadcast": broadcast})
    return _Server((host, port), partial(handler, directory=str(site_dir)))
