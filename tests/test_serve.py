"""`serve` rebuilds when a YAML file changes, and keeps the last good pages when an edit is broken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.slow]  # a serve process with real file watching

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


class Served:
    """A `build.py serve` process on a free port; `output` holds what it printed once stopped."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.output = ""

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.output, _ = self.process.communicate(timeout=20)
        print(self.output)


def test_serve_rebuilds_on_yaml_change(project) -> None:
    root: Path = project(GOLDEN_CONTENT)
    served = Served(root)
    url = served.base + "courses/shi-li-ke-hou-chuang-ke/"
    record = root / "content" / "courses" / "shi-li-ke-hou-chuang-ke.yml"
    try:
        wait_for(url, "课后服务创客工坊")
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "课后服务创客工坊", "课后服务创客工坊（新版）"
            ),
            encoding="utf-8",
        )
        wait_for(url, "课后服务创客工坊（新版）")
        # A broken edit keeps the last good page and does not stop the server.
        record.write_text("title: [未闭合\n", encoding="utf-8")
        time.sleep(3)
        assert "课后服务创客工坊（新版）" in (fetch(url) or "")
    finally:
        served.stop()
    assert "content/courses/shi-li-ke-hou-chuang-ke.yml:2:1: error: YAML 语法错误" in served.output


def test_open_page_reloads_itself_after_an_edit(project, browser) -> None:
    """In real Chromium: the page a maintainer is looking at reloads by itself (the live-reload
    script is allowed by the site's Content-Security-Policy), and a page the edit does not touch
    stays as it is."""
    root: Path = project(GOLDEN_CONTENT)
    served = Served(root)
    base = served.base
    record = root / "content" / "courses" / "shi-li-ke-hou-chuang-ke.yml"
    context = browser.new_context()
    try:
        wait_for(base + "courses/shi-li-ke-hou-chuang-ke/", "课后服务创客工坊")
        violations: list[str] = []
        edited, other = context.new_page(), context.new_page()
        for page in (edited, other):
            page.on(
                "console",
                lambda m: violations.append(m.text) if "Content Security" in m.text else None,
            )
        edited.goto(base + "courses/shi-li-ke-hou-chuang-ke/")
        other.goto(base + "bases/bei-jing-tian-wen-guan/")
        for page in (edited, other):
            page.evaluate("() => { window.kjMarker = 1; }")  # gone after a reload
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "课后服务创客工坊", "课后服务创客工坊（新版）"
            ),
            encoding="utf-8",
        )
        edited.wait_for_function(
            "() => document.querySelector('h1')?.textContent.includes('（新版）')", timeout=20_000
        )
        assert edited.evaluate("() => window.kjMarker") is None
        time.sleep(1)
        assert other.evaluate("() => window.kjMarker") == 1
        assert violations == []
    finally:
        context.close()
        served.stop()


def test_a_bad_address_or_busy_port_is_a_clear_error(project, capsys) -> None:
    from .conftest import run_cli

    root: Path = project(GOLDEN_CONTENT)
    code, output = run_cli(capsys, root, "serve", "-a", "127.0.0.1:http")
    assert code == 2, output
    assert "地址" in output and "Traceback" not in output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, output = run_cli(capsys, root, "serve", "-a", f"127.0.0.1:{taken.getsockname()[1]}")
    assert code == 2, output
    assert "无法在" in output and "Traceback" not in output
