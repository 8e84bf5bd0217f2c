"""Replacing site/: never missing, never half-written, no scratch left behind, links honoured."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kejiao import sitedir
from kejiao.devserver import Broadcast, make_server
from kejiao.errors import BuildError
from kejiao.sitedir import swap as _swap

from .conftest import ROOT, TODAY, run_cli

atomic = pytest.mark.skipif(sitedir._RENAMEAT2 is None, reason="no renameat2 on this system")


def _tree(folder: Path, text: str) -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "index.html").write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
    (folder / "page" / "index.html").write_text(f"<html><body>{text}</body></html>")
    (folder / "404.html").write_text("<html><body>not found</body></html>", encoding="utf-8")
    return folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_gitignore_covers_every_scratch_name(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    site = repo / "site"
    created = [sitedir.fresh_folder(site)]
    old = repo / (sitedir.scratch_name(site, "old") + "k3j4h5")
    old.mkdir()
    created += [old, repo / ".site.new-abc12345", repo / ".site.old-abc12345"]  # older names
    for path in created[2:]:
        path.mkdir()
    with sitedir.build_scratch(repo) as docs:
        (docs / "docs").mkdir()
        (docs / "docs" / "index.md").write_text("x")
        created.append(docs / "docs" / "index.md")
        serve_site = repo / ".build" / "serve-site"
        serve_site.mkdir()
        created.append(serve_site)
        _tree(site, "site")
        created += [site / "index.html"]
        webroot = tmp_path / "www"
        webroot.mkdir()
        linked = repo / "linked"
        linked.mkdir()
        for path in created:
            if path.is_dir():
                (path / "file.html").write_text("x")
        names = [str(p.relative_to(repo)) for p in created]
        names += [str((p / "file.html").relative_to(repo)) for p in created if p.is_dir()]
        result = subprocess.run(
            ["git", "check-ignore", "--verbose", "--non-matching", *names],
            cwd=repo,
            capture_output=True,
            text=True,
        )
    unmatched = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert unmatched == []
    # A site/ that is a link (to a web root) is ignored too, not committed as a link.
    shutil.rmtree(site)
    site.symlink_to(webroot)
    assert subprocess.run(["git", "check-ignore", "-q", "site"], cwd=repo).returncode == 0


def test_a_build_removes_the_scratch_of_killed_builds(project, capsys) -> None:
    root = project()
    dead = _dead_pid()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [
            root / f".site.new-{dead}-abc123",
            root / f".site.old-{dead}-xyz_9",
            root / ".site.new-k3j4h5g6",  # named by an older version
            root / ".build" / f"docs-{dead}-abc",
        ]
        running = [root / f".site.new-{alive.pid}-abc123", root / ".build" / f"docs-{alive.pid}-q"]
        for folder in stale + running:
            folder.mkdir(parents=True)
            (folder / "big.bin").write_bytes(b"x" * 1000)
        code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
        assert code == 0, out
        assert [p for p in stale if p.exists()] == []
        assert all(p.exists() for p in running)  # a build still running keeps its scratch
        assert (root / "site" / "index.html").is_file()
        assert not list(root.glob(f".site.*-{__import__('os').getpid()}-*"))
        assert [p.name for p in (root / ".build").iterdir()] == [f"docs-{alive.pid}-q"]
    finally:
        alive.kill()
        alive.wait()


_KILLER = """
import os, pathlib, signal, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from kejiao.sitedir import swap as _swap

def killing(original):
    def rename(*args, **kwargs):
        result = original(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)  # killed right after the first step
        return result
    return rename

pathlib.Path.rename = killing(pathlib.Path.rename)
pathlib.Path.replace = killing(pathlib.Path.replace)
os.rename = killing(os.rename)
os.replace = killing(os.replace)
{before}
_swap(Path({fresh!r}), Path({site!r}))
"""


def _swap_and_kill(tmp_path: Path, before: str = "") -> Path:
    site = _tree(tmp_path / "site", "old")
    fresh = _tree(tmp_path / f".site.new-{_dead_pid()}-abc", "new")
    script = _KILLER.format(root=str(ROOT), fresh=str(fresh), site=str(site), before=before)
    subprocess.run([sys.executable, "-c", textwrap.dedent(script)], check=False)
    return site


@atomic
def test_a_kill_during_the_swap_leaves_a_whole_site(tmp_path: Path) -> None:
    site = _swap_and_kill(tmp_path)
    assert "new" in (site / "page" / "index.html").read_text()
    assert "new" in (site / "index.html").read_text()


def test_without_an_atomic_exchange_the_next_build_repairs_a_kill(tmp_path: Path) -> None:
    site = _swap_and_kill(tmp_path, "import kejiao.sitedir as s; s.exchange = lambda a, b: False")
    assert not site.exists()  # killed between the two renames of the fallback
    sitedir.prepare(site)  # what the next build does first
    assert "old" in (site / "index.html").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_without_an_atomic_exchange_a_failed_rename_restores_the_site(tmp_path, monkeypatch):
    site = _tree(tmp_path / "site", "old")
    fresh = _tree(tmp_path / ".site.new-1-abc", "new")
    monkeypatch.setattr(sitedir, "exchange", lambda a, b: False)
    original = Path.rename

    def rename(self: Path, target):  # type: ignore[no-untyped-def]
        if self == fresh:
            raise OSError(28, "No space left on device", str(self))
        return original(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(BuildError, match="磁盘空间已满"):
        _swap(fresh, site)
    assert "old" in (site / "index.html").read_text()


def test_a_linked_site_is_updated_through_the_link(project, tmp_path, capsys) -> None:
    root = project()
    webroot = _tree(tmp_path / "www" / "catalogue", "old site")
    (root / "site").symlink_to(webroot)
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, out
    assert (root / "site").is_symlink()
    assert (root / "site").resolve() == webroot.resolve()
    assert (webroot / "assets" / "catalogue.css").is_file()  # the new site is there
    assert "old site" not in (webroot / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in webroot.parent.iterdir()) == ["catalogue"]


@atomic
def test_the_dev_server_never_answers_404_for_a_page_during_rebuilds() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = _tree(Path(tmp) / "site", "0")
        server = make_server(site, "127.0.0.1", 0, Broadcast())
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/page/"
        stop = threading.Event()
        answers: list[object] = []

        def hammer() -> None:
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        answers.append(response.status)
                except urllib.error.HTTPError as exc:
                    answers.append(exc.code)
                except OSError as exc:  # a dropped connection counts as a failure too
                    answers.append(repr(exc))

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for thread in threads:
            thread.start()
        try:
            for n in range(1, 400):
                fresh = _tree(sitedir.fresh_folder(site), str(n))
                _swap(fresh, site)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
            server.shutdown()
            server.server_close()
    assert len(answers) > 100
    assert [a for a in answers if a != 200] == []


def test_serve_answers_every_request_for_a_page_during_full_rebuilds(project) -> None:
    """End to end: `build.py serve`, a hand-written page edited twice (each edit rebuilds the whole
    site), and a thread asking for a record page all the while."""
    from .test_serve import GOLDEN_CONTENT, Served, wait_for

    root: Path = project(GOLDEN_CONTENT)
    served = Served(root)
    page = served.base + "courses/shi-li-ke-hou-chuang-ke/"
    guide = root / "docs" / "guide" / "index.md"
    stop = threading.Event()
    answers: list[object] = []

    def hammer() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(page, timeout=10) as response:
                    answers.append(response.status)
            except urllib.error.HTTPError as exc:
                answers.append(exc.code)
            except OSError as exc:
                answers.append(repr(exc))

    thread = threading.Thread(target=hammer)
    try:
        wait_for(page, "课后服务创客工坊")
        thread.start()
        for n in (1, 2):
            guide.write_text(guide.read_text(encoding="utf-8") + f"\n重建标记{n}\n", "utf-8")
            wait_for(served.base + "guide/", f"重建标记{n}")
    finally:
        stop.set()
        if thread.is_alive():
            thread.join()
        served.stop()
    assert len(answers) > 10
    assert [a for a in answers if a != 200] == []
