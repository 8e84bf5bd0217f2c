"""The catalogue's exceptions. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from .diagnostics import Diagnostic


class CatalogueError(Exception):
    """Base of every error the catalogue raises on purpose."""


class ConfigError(CatalogueError):
    """mkdocs.yml or the catalogue settings are unusable."""


class ContentError(CatalogueError):
    """The content has errors; `diagnostics` holds every one of them (and the warnings)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"{errors} 个错误")


class BuildError(CatalogueError):
    """The site engine failed; the previous site is left untouched."""


class UsageError(CatalogueError):
    """A command was called with arguments that cannot work (unknown kind, existing file...)."""
