"""Editing and submitting records in the browser: the /admin/ editor (Decap CMS, configured from the
models) and the public 申报 page. `site_files` returns every file both need, by site path; the
pages carry their own Content-Security-Policy and load their scripts only on themselves."""

from __future__ import annotations

from typing import Any, Protocol

from .settings import EditorSettings

__all__ = ["EditorSettings", "site_files"]


class _Context(Protocol):
    site_name: str
    editor: EditorSettings


def site_files(context: Any) -> dict[str, str]:
    """Every file of /admin/ and /shenbao/ for a site with these settings (a pure function)."""
    from .pages import site_files as build

    return build(context.site_name, getattr(context, "editor", None) or EditorSettings())
