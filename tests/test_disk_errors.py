"""A full or unwritable disk ends in a Chinese message, not a traceback; file names are printed
escaped (a newline cannot split a message or a CI annotation, U+202E cannot disguise a name).

Tests run as root, where permissions do not stop a write: a full disk is made real with a file
size limit (RLIMIT_FSIZE, so every write past it fails with EFBIG), and an unwritable place with a
file where a folder is expected."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from kejiao.diagnostics import Diagnostic, Severity
from kejiao.printable import printable

from .conftest import ROOT, TODAY, run_cli


def _build(root: Path, *, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--today", TODAY.isoformat()],
        cwd=root,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_full_disk_ends_in_a_message_and_keeps_the_site(project) -> None:
    root = project()
    first = _build(root)
    assert first.returncode == 0, first.stderr
    before = (root / "site" / "index.html").read_bytes()
    for limit in (20_000, 200_000):  # while writing the docs, and later in the engine's output
        result = _build(root, file_size_limit=limit)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        assert "文件超过了允许的大小" in output and "网站没有更新" in output
        assert (root / "site" / "index.html").read_bytes() == before
        assert [p.name for p in root.iterdir() if p.name.startswith(".site.")] == []


def test_a_file_where_the_site_folder_should_go(project, capsys) -> None:
    root = project()
    (root / "out").write_text("not a folder", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: out/site"),
        encoding="utf-8",
    )
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert "Traceback" not in out
    assert "路径中有一段是文件而不是目录" in out or "文件已存在" in out
    assert "out" in out


def test_a_file_as_the_site_folder(project, capsys) -> None:
    root = project()
    (root / "site").write_text("not a folder", encoding="utf-8")
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert "已存在但不是目录" in out
    assert (root / "site").read_text(encoding="utf-8") == "not a folder"


def test_file_names_with_controls_are_printed_escaped(project, capsys) -> None:
    root = project()
    folder = root / "content" / "courses"
    folder.mkdir()
    (folder / "bad\nname.yml").write_text("title: x\n", encoding="utf-8")
    (folder / "evil\u202egpj.yml").write_text("title: x\n", encoding="utf-8")
    (folder / "tab\there.yml").write_text("title: x\n", encoding="utf-8")
    code, out = run_cli(capsys, root, "validate", "--format", "github")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(lines) == 3  # one annotation each, none split
    assert any("bad\\nname.yml" in line for line in lines)
    assert any("evil\\u202egpj.yml" in line for line in lines)
    assert any("tab\\there.yml" in line for line in lines)
    assert "\u202e" not in out and "\t" not in out


def test_diagnostics_print_escaped_paths() -> None:
    d = Diagnostic("content/courses/a\nb\u202e.yml", 1, 1, Severity.ERROR, "", "消息")
    assert d.format().splitlines() == [d.format()]
    assert "\u202e" not in d.format() and "\u202e" not in d.github()
    assert "\n" not in d.github()


def test_printable_escapes_every_control() -> None:
    assert printable("普通 名字.yml") == "普通 名字.yml"
    assert printable("a\x00b\x1bc\x7fd\x85e\u2028f\u2066") == (
        "a\\x00b\\x1bc\\x7fd\\x85e\\u2028f\\u2066"
    )


def test_a_disk_error_during_a_preview_update_is_a_message(capsys) -> None:
    """`serve` keeps running and says what happened when a refresh cannot write."""
    import errno
    from types import SimpleNamespace

    from kejiao.serve import _Watcher

    class Full:
        def update(self, today, notify):  # type: ignore[no-untyped-def]
            raise OSError(errno.ENOSPC, "No space left on device", "/x/site/index.html")

    settings = SimpleNamespace(content_dir=Path("/x/content"), root=Path("/x"))
    watcher = _Watcher(settings, Full(), SimpleNamespace(publish=lambda urls: None))  # type: ignore[arg-type]
    watcher.run()
    err = capsys.readouterr().err
    assert "/x/site/index.html：磁盘空间已满（ENOSPC）" in err
