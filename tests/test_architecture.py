"""The architecture note (docs/guide/architecture.md) stays true: every module it names exists, and
every module of the package is named in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

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


# The layers, lowest first: a module may import its own layer and the ones below, never above.
LAYERS = [
    ("base", ["errors", "diagnostics", "vocab", "regions", "ids", "urls", "ordering", "settings", "printable", "projectfs", "cells", "editor.settings",
              "gcpolicy", "forking"]),
    ("models", ["models"]),
    ("kinds", ["kinds", "opendata.columns"]),  # opendata.columns: the fields' Chinese labels
    ("check", ["yamlsafe", "messages", "scaffold", "content", "privacy", "validate", "rules", "catalogue",
               "duplicates", "synonyms", "pipeline"]),
    ("outputs", ["render", "opendata", "schemas", "harden", "editor"]),
    ("engine", ["engine"]),
    ("build", ["site", "preview", "sitedir"]),
    ("commands", ["cli", "serve", "devserver", "changes", "linkcheck", "gaps"]),
]  # fmt: skip


def _imports(path: Path, module: str) -> list[str]:
    """Every kejiao module `path` imports at run time (imports for type checking only excepted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                base = package.split(".")
                if child.level:
                    base = base[: len(base) - child.level + 1]
                    name = ".".join([*base, child.module] if child.module else base)
                else:
                    name = child.module or ""
                names = [f"{name}.{a.name}" for a in child.names]
                found.extend(n if _is_module(n) else name for n in names)
            elif isinstance(child, ast.Import):
                found.extend(a.name for a in child.names)
            visit(child)

    visit(tree)
    return [n for n in found if n.startswith("kejiao.")]


def _is_module(name: str) -> bool:
    path = ROOT / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _layer(module: str) -> int:
    parts = module.split(".")[1:]
    for depth in (2, 1):  # a module named on its own (opendata.columns) before its package
        for number, (_, names) in enumerate(LAYERS):
            if ".".join(parts[:depth]) in names and len(parts) >= depth:
                return number
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and the note")


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for path in sorted((ROOT / "kejiao").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        if module == "kejiao":
            continue
        for target in _imports(path, module):
            if target != "kejiao" and _layer(target) > _layer(module):
                upward.append(f"{module} → {target}")
    assert upward == []
