"""The architecture note (docs/guide/architecture.md) stays true: every module it names exists, and
every module of the package is named in it."""

from __future__ import annotations

import re

from .conftest import ROOT

NOTE = ROOT / "docs" / "guide" / "architecture.md"
_NAME = re.compile(r"kejiao/[\w/]+\.py|kejiao/\w+/(?!\w)")


def _named() -> set[str]:
    return set(_NAME.findall(NOTE.read_text(encoding="utf-8")))


def test_every_module_the_note_names_exists() -> None:
    missing = sorted(name for name in _named() if not (ROOT / name).exists())
    assert missing == []


def test_every_module_is_in_the_note() -> None:
    named = _named()
    folders = tuple(n for n in named if n.endswith("/"))
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "kejiao").rglob("*.py")
        if p.name != "__init__.py" and p.name != "mkdocs_child.py"  # the engine's child process
    }
    unnamed = sorted(m for m in modules if m not in named and not m.startswith(folders))
    assert unnamed == []
