"""Finding and reading the content files: content/<folder>/**/<id>.yml, one record per file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import DiagnosticSink, display_path
from .kinds import BY_FOLDER, Kind
from .models import Record
from .models.common import ID_PATTERN
from .printable import printable
from .projectfs import link_message, linked_component, read_bytes, reason
from .yamlsafe import Document, Node, Path_, YamlError, decode, parse

IGNORED_NAMES = {".gitkeep", "README.md", ".DS_Store"}
RESERVED_IDS = {"page", "index", "rows"}  # list pages use <folder>/page/<n>/ and <folder>/rows.json
_ID = re.compile(ID_PATTERN)


@dataclass
class Entry:
    """One content file on its way through the pipeline."""

    kind: Kind
    id: str
    path: Path
    shown: str  # the path as printed in messages
    doc: Document | None = None
    model: Record | None = None
    published: bool = True

    def locate(self, path: Path_, *, key: bool = False) -> Node:
        """Where a value is written in the file (line 1 when unknown)."""
        if self.doc is None:
            return Node(1, 1)
        if not self.doc.has_positions:  # released after the file's own checks: read again
            try:
                self.doc = parse(decode(self.path.read_bytes()))
            except (OSError, YamlError):
                return Node(1, 1)
        return self.doc.locate(path, key=key)


def discover(content_dir: Path, sink: DiagnosticSink, root: Path) -> list[Entry]:
    """Every record file, in a stable order; stray files and folders are reported. Symbolic links
    are refused wherever they are (they could publish a file from outside the project)."""
    link = linked_component(content_dir, root)
    if link is not None:
        shown = printable(display_path(link.parent, root) + "/" + link.name)
        if link.is_symlink():
            sink.error(shown, 1, 1, "", link_message(link))
        else:
            sink.error(shown, 1, 1, "", "内容目录不在项目目录中 (content directory outside)")
        return []
    if not content_dir.is_dir():
        sink.error(
            display_path(content_dir, root), 1, 1, "", "找不到内容目录 (content directory missing)"
        )
        return []
    folders = ", ".join(sorted(BY_FOLDER))
    content_shown = display_path(content_dir, root)
    entries: list[Entry] = []
    with os.scandir(content_dir) as scan:
        children = sorted(scan, key=lambda e: e.name)
    for child in children:
        shown = printable(f"{content_shown}/{child.name}")
        if child.is_symlink():
            sink.error(shown, 1, 1, "", link_message(Path(child.path)))
        elif child.name in IGNORED_NAMES:
            continue
        elif child.is_dir(follow_symlinks=False) and child.name in BY_FOLDER:
            entries.extend(_discover_kind(BY_FOLDER[child.name], Path(child.path), sink, root))
        elif child.is_dir(follow_symlinks=False):
            sink.error(shown, 1, 1, "", f"未知的目录；content/ 下只能有这些目录：{folders}")
        else:
            sink.error(shown, 1, 1, "", f"记录文件应放在 content/ 的子目录中：{folders}")
    return entries


def _discover_kind(kind: Kind, folder: Path, sink: DiagnosticSink, root: Path) -> list[Entry]:
    out = []
    folder_shown = display_path(folder, root)  # once: resolving every file path costs syscalls
    files, links = _files(folder)
    for path in links:
        shown = printable(f"{folder_shown}/{path.relative_to(folder).as_posix()}")
        sink.error(shown, 1, 1, "", link_message(path))
    for path in files:
        shown = printable(f"{folder_shown}/{path.relative_to(folder).as_posix()}")
        if path.name in IGNORED_NAMES:
            continue
        if path.suffix == ".yaml":
            sink.error(shown, 1, 1, "", "扩展名请用 .yml（不是 .yaml） (use .yml)")
            continue
        if path.suffix != ".yml":
            sink.error(shown, 1, 1, "", "不是记录文件；content/ 中只能放 .yml 记录 (stray file)")
            continue
        if not _ID.fullmatch(path.stem) or len(path.stem) > 80:
            sink.error(
                shown,
                1,
                1,
                "",
                f"文件名 {printable(path.name)} 不是有效编号：只能用小写字母、数字和连字符（可用拼音），"
                "例如 zhong-guo-ke-ji-guan.yml (invalid id)",
            )
            continue
        if path.stem in RESERVED_IDS:
            sink.error(
                shown,
                1,
                1,
                "",
                f"编号 {path.stem} 是保留字（用于列表分页），请换一个文件名 (reserved id)",
            )
            continue
        out.append(Entry(kind, path.stem, path, shown))
    return out


def _files(folder: Path) -> tuple[list[Path], list[Path]]:
    """Every file below `folder`, and every symbolic link there (to files or folders; never
    followed), both sorted. scandir's entries know their type, so this costs no stat per file."""
    files: list[Path] = []
    links: list[Path] = []
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as scan:
            for item in scan:
                if item.is_symlink():
                    links.append(Path(item.path))
                elif item.is_dir(follow_symlinks=False):
                    stack.append(Path(item.path))
                else:
                    files.append(Path(item.path))
    return sorted(files), sorted(links)


def read(entry: Entry, sink: DiagnosticSink) -> Document | None:
    try:
        raw = read_bytes(entry.path)  # never through a link swapped in since discovery
        return parse(decode(raw))
    except YamlError as exc:
        for problem in exc.problems:
            sink.error(
                entry.shown, problem.line, problem.column, problem.field, problem.message,
                problem.detail,
            )  # fmt: skip
    except OSError as exc:
        sink.error(entry.shown, 1, 1, "", f"无法读取文件：{reason(exc)}")
    return None
