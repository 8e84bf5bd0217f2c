"""Replacing the built site folder so that it is never missing and never half-written.

A build writes into a scratch folder next to the site (`.site.new-<pid>-<random>`) and then trades
places with the site in one system call (Linux renameat2 with RENAME_EXCHANGE): a reader, a web
server or a kill -9 sees either the old site or the new one, never neither. Where that call is
missing, two renames are used and a kill between them is repaired by the next build, which puts the
old site back before anything else. Every scratch name carries the builder's process id, so a build
removes what killed builds left behind without touching the scratch of one still running.

A `site` that is a symbolic link (for example to a web server's folder) is updated through the
link: the folder it points to is the one replaced, and the link stays."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildError
from .printable import printable
from .projectfs import explain

SCRATCH = ".build"  # the project's folder for temporary files (ignored by git)


def real_site(site_dir: Path) -> Path:
    """The folder a build replaces: the site folder, or the folder its link points to."""
    return site_dir.resolve() if site_dir.is_symlink() else site_dir


def scratch_name(site_dir: Path, role: str) -> str:
    """The prefix of a scratch folder next to the site: `role` is "new" or "old"."""
    return f".{site_dir.name}.{role}-{os.getpid()}-"


def prepare(site_dir: Path) -> Path:
    """Check that the site folder may be replaced, repair or remove what killed builds left next
    to it, and return the folder to replace (see `real_site`)."""
    real = real_site(site_dir)
    if real.exists() and not real.is_dir():
        raise BuildError(
            f"网站目录 {printable(str(real))} 已存在但不是目录；请删除它或修改 site_dir"
        )
    if real.is_dir() and not (real / "index.html").is_file() and any(real.iterdir()):
        raise BuildError(
            f"网站目录 {printable(str(real))} 已存在且不是生成的网站（其中没有 index.html）；"
            "生成网站会替换整个目录，为免删除其中的文件，请换一个 site_dir 或先清空该目录"
        )
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(real)
    except OSError as exc:
        raise BuildError(f"无法准备网站目录：{explain(exc)}") from exc
    return real


def clean_stale(real: Path) -> None:
    """Remove the scratch folders of dead builds next to `real`; if `real` itself is missing
    (a kill between the two renames of the fallback swap), the old site is put back first."""
    pattern = re.compile(rf"\.{re.escape(real.name)}\.(new|old)-(?:(\d+)-)?[A-Za-z0-9_]+")
    stale: list[tuple[str, Path]] = []
    for path in real.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_dir() and not path.is_symlink() and not _alive(match.group(2)):
            stale.append((match.group(1), path))
    if not real.exists():
        olds = sorted((p for role, p in stale if role == "old"), key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(real)
            stale = [(role, p) for role, p in stale if p != olds[-1]]
    for _, path in stale:
        shutil.rmtree(path, ignore_errors=True)


def clean_build_scratch(root: Path) -> None:
    """Remove the temporary folders of dead builds (`<purpose>-<pid>-<random>`) from the project's
    scratch folder."""
    folder = root / SCRATCH
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        match = re.fullmatch(r"[a-z]+-(\d+)-[A-Za-z0-9_]+", path.name)
        if match and path.is_dir() and not path.is_symlink() and not _alive(match.group(1)):
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def build_scratch(root: Path, purpose: str = "docs") -> Iterator[Path]:
    """A temporary folder inside the project's scratch folder (.build/<purpose>-<pid>-<random>),
    where a later build finds and removes it if this one is killed."""
    folder = root / SCRATCH
    try:
        folder.mkdir(exist_ok=True)
        clean_build_scratch(root)
        holder = tempfile.TemporaryDirectory(prefix=f"{purpose}-{os.getpid()}-", dir=folder)
    except OSError as exc:
        raise BuildError(f"无法创建临时目录：{explain(exc)}") from exc
    with holder as path:
        yield Path(path)


@contextlib.contextmanager
def disk_errors(real: Path) -> Iterator[None]:
    """Turn a failed write while building the site in `real` (a full or read-only disk, a file
    where a folder should be) into a message naming the path when the system gives one."""
    try:
        yield
    except OSError as exc:
        raise BuildError(
            f"生成网站（{printable(str(real))}）时写入文件失败：{explain(exc)}"
        ) from exc


def fresh_folder(real: Path) -> Path:
    """An empty scratch folder next to the site, to build the new site in."""
    try:
        return Path(tempfile.mkdtemp(prefix=scratch_name(real, "new"), dir=real.parent))
    except OSError as exc:
        raise BuildError(f"无法创建网站的临时目录：{explain(exc)}") from exc


def swap(fresh: Path, site_dir: Path) -> None:
    """Put the fully built `fresh` folder in the place of the site (see the module docstring)."""
    real = real_site(site_dir)
    try:
        fresh.chmod(0o755)
        if not real.exists():
            fresh.rename(real)
        elif exchange(fresh, real):
            shutil.rmtree(fresh, ignore_errors=True)  # now the previous site
        else:
            _swap_by_renames(fresh, real)
    except OSError as exc:
        raise BuildError(f"无法替换网站目录：{explain(exc)}") from exc


def _swap_by_renames(fresh: Path, real: Path) -> None:
    old = Path(tempfile.mkdtemp(prefix=scratch_name(real, "old"), dir=real.parent))
    old.rmdir()
    real.rename(old)
    try:
        fresh.rename(real)
    except BaseException:
        old.rename(real)
        raise
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():  # type: ignore[no-untyped-def]
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _alive(pid: str | None) -> bool:
    """Whether the process that named a scratch folder still runs (unknown for old names: no)."""
    if not pid:
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
