"""Live preview: regenerate the page sources when content changes; the engine's own server watches
those sources and reloads the browser. A broken edit prints its errors and keeps the last good pages."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import engine
from .errors import ContentError
from .settings import Settings
from .site import generate, write_tree

log = logging.getLogger(__name__)


class _Regenerate(FileSystemEventHandler):
    def __init__(self, settings: Settings, staging: Path, delay: float = 0.3) -> None:
        self.settings, self.staging, self.delay = settings, staging, delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self._lock:  # editors save in bursts; wait for the last write
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.run)
            self._timer.daemon = True
            self._timer.start()

    def run(self) -> bool:
        try:
            _, diagnostics, pages = generate(self.settings, dt.date.today())
        except ContentError as exc:
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr)
            print("内容有错误，预览仍显示上一次成功的版本。", file=sys.stderr)
            return False
        for d in diagnostics:
            print(d.format(), file=sys.stderr)
        write_tree(self.settings, pages, self.staging)
        return True


def serve(settings: Settings, dev_addr: str) -> None:
    staging = settings.root / ".build" / "serve-docs"
    shutil.rmtree(staging, ignore_errors=True)
    handler = _Regenerate(settings, staging)
    if not handler.run():
        raise SystemExit(1)
    observer = Observer()
    for folder in (settings.content_dir, settings.docs_dir):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        engine.serve(settings, staging, dev_addr)
    finally:
        observer.stop()
        observer.join()
