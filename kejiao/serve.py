"""Live preview: build the site once, then rebuild only what each saved edit changes and reload the
browser pages it touched. A broken edit prints its errors and keeps the last good pages."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .devserver import Broadcast, make_server
from .errors import BuildError, ContentError, UsageError
from .preview import Preview, Update
from .projectfs import explain
from .settings import Settings

log = logging.getLogger(__name__)


class _Watcher(FileSystemEventHandler):
    """Collects saves; a short quiet period lets an editor finish writing before the rebuild."""

    def __init__(self, settings: Settings, preview: Preview, broadcast: Broadcast) -> None:
        self.settings, self.preview, self.broadcast = settings, preview, broadcast
        self.delay = 0.05
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._full = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or event.is_directory:
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        paths = [p for p in paths if self._matters(p)]
        if not paths:
            return
        with self._lock:
            if not all(p.is_relative_to(self.settings.content_dir) for p in paths):
                self._full = True  # hand-written pages, theme overrides or settings
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.run)
            self._timer.daemon = True
            self._timer.start()

    def _matters(self, path: Path) -> bool:
        if path.name.startswith(".") or path.name.endswith("~"):
            return False  # editors' swap and backup files
        return path.parent != self.settings.root or path == self.settings.config_file

    def run(self) -> None:
        with self._lock:
            full, self._full = self._full, False
        with self._run_lock:
            started = time.perf_counter()
            today = dt.date.today()
            try:
                if full:
                    update = self.preview.rebuild(today)
                    self.broadcast.publish(update.urls)
                else:
                    update = self.preview.update(today, self.broadcast.publish)
            except ContentError as exc:
                for d in exc.diagnostics:
                    print(d.format(), file=sys.stderr)
                print("内容有错误，预览仍显示上一次成功的版本。", file=sys.stderr)
                return
            except BuildError as exc:
                print(f"错误：{exc}\n预览仍显示上一次成功的版本。", file=sys.stderr)
                return
            except OSError as exc:  # a full or read-only disk while refreshing pages
                print(f"错误：{explain(exc)}\n预览可能只更新了一部分页面。", file=sys.stderr)
                return
            _report(update, time.perf_counter() - started)


def _report(update: Update, seconds: float) -> None:
    for d in update.diagnostics:
        if d.severity == "error":
            print(d.format(), file=sys.stderr)
    what = "全部重新生成" if update.full else f"更新 {len(update.urls)} 个页面"
    print(f"预览已{what}（{seconds:.2f} 秒）", file=sys.stderr, flush=True)


def serve(settings: Settings, dev_addr: str) -> None:
    host, _, port_text = dev_addr.rpartition(":")
    host = host or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UsageError(f"预览地址 {dev_addr} 无效，应为“主机:端口”，例如 127.0.0.1:8000")
    port = int(port_text)
    site_dir = settings.root / ".build" / "serve-site"
    broadcast = Broadcast()
    try:  # bind first: a busy port should not cost a full build to find out
        server = make_server(site_dir, host, port, broadcast)
    except OSError as exc:
        raise UsageError(
            f"无法在 {host}:{port} 上启动预览（{exc.strerror}）；端口可能已被占用，请用 -a 换一个端口"
        ) from None
    try:
        preview = Preview(settings, site_dir)
        started = time.perf_counter()
        _report(preview.rebuild(dt.date.today()), time.perf_counter() - started)  # may raise
        watcher = _Watcher(settings, preview, broadcast)
        observer = Observer()
        for folder in (settings.content_dir, settings.docs_dir, settings.root / "site_overrides"):
            if folder.is_dir():
                observer.schedule(watcher, str(folder), recursive=True)
        observer.schedule(watcher, str(settings.config_file.parent), recursive=False)
        observer.start()
        print(f"预览地址：http://{host}:{port}/（Ctrl+C 停止）", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            observer.stop()
            observer.join()
    finally:
        server.server_close()
