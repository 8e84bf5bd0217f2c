"""What the build may read and write on disk: files inside the project only, never through a link.

A symbolic link committed to content/, docs/ or site_overrides/ could make the build publish any file
the build machine can read (/proc/self/environ with a CI token, .git/config, /etc/...). Every link is
refused, wherever it points: a maintainer puts the file itself in the folder. The module also
explains operating-system errors (a full or read-only disk) in Chinese. Where `site_dir` may go is
checked in settings.py, how it is replaced in sitedir.py."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BuildError
from .printable import printable

if TYPE_CHECKING:
    from .settings import Settings

LINK_ADVICE = "为防止把项目以外的文件发布到网站，这里不允许符号链接，请放入文件本身"


def link_message(path: Path) -> str:
    """Why a symbolic link at `path` is refused (its target shown escaped)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"是符号链接（指向 {printable(target)}）；{LINK_ADVICE} (symlink refused)"


def is_inside(path: Path, root: Path) -> bool:
    """`path` (followed through any link) is `root` or below it."""
    return path.resolve().is_relative_to(root.resolve())


def linked_component(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from `root` down to `path`, or None. A `path` that
    does not lie below `root` counts as its own offending component."""
    try:
        rel = path.absolute().relative_to(root.absolute())
    except ValueError:
        return path
    current = root
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def tree_files(folder: Path, root: Path) -> list[Path]:
    """Every regular file below `folder`, sorted, after checking that neither the folder (from the
    project root down) nor anything inside it is a symbolic link. Raises BuildError naming every
    link found; a missing folder has no files."""
    shown = _shown(folder, root)
    link = linked_component(folder, root)
    if link is not None:
        if link == folder and not folder.is_symlink():
            raise BuildError(f"{shown} 不在项目目录中；{LINK_ADVICE}")
        raise BuildError(f"{_shown(link, root)} {link_message(link)}")
    if not folder.is_dir():
        return []
    files: list[Path] = []
    links: list[Path] = []
    _walk(folder, files, links)
    if links:
        lines = [f"{_shown(p, root)} {link_message(p)}" for p in sorted(links)]
        raise BuildError("\n".join(lines))
    return sorted(files)


def _walk(folder: Path, files: list[Path], links: list[Path]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                links.append(path)
            elif entry.is_dir(follow_symlinks=False):
                _walk(path, files, links)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)


def source_files(settings: Settings) -> list[Path]:
    """The hand-written pages' files (docs/), after checking them and the theme overrides for
    symbolic links (the engine copies the overrides' files into the site too)."""
    if settings.custom_dir is not None:
        tree_files(settings.custom_dir, settings.root)
    return tree_files(settings.docs_dir, settings.root)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing a final component that became a link since it was listed."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _shown(path: Path, root: Path) -> str:
    try:
        return printable(path.absolute().relative_to(root.absolute()).as_posix())
    except ValueError:
        return printable(str(path))


# --- operating-system errors ---------------------------------------------------------------------

_ERRNO_ZH = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "磁盘或目录是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "操作不被允许（权限不足）",
    errno.ENOTDIR: "路径中有一段是文件而不是目录",
    errno.EISDIR: "应为文件的位置是一个目录",
    errno.EEXIST: "文件已存在",
    errno.ENOENT: "文件或目录不存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENOTEMPTY: "目录不是空的",
    errno.EXDEV: "不能跨磁盘移动",
    errno.EIO: "磁盘读写错误",
    errno.EFBIG: "文件超过了允许的大小（磁盘或配额限制）",
    errno.ELOOP: "是符号链接，或链接层数太多",
}


def reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese."""
    return _ERRNO_ZH.get(exc.errno or -1, exc.strerror or "未知错误")


def explain(exc: OSError) -> str:
    """An operating-system error in words a maintainer understands, with the file it concerns."""
    code = errno.errorcode.get(exc.errno or -1, "")
    text = reason(exc) + (f"（{code}）" if code else "")
    if exc.filename is None:
        return text
    where = printable(os.fsdecode(exc.filename))
    if getattr(exc, "filename2", None) is not None:
        where += " → " + printable(os.fsdecode(exc.filename2))
    return f"{where}：{text}"
