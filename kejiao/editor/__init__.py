"""Editing and submitting records in the browser: the /admin/ editor (Decap CMS, configured from the
models) and the public 申报 page. `site_files` returns every file both need, by site path; the
pages carry their own Content-Security-Policy and load their scripts only on themselves."""

from __future__ import annotations

from typing import Protocol

from .settings import EditorSettings

__all__ = ["EditorSettings", "SiteContext", "site_files"]


class SiteContext(Protocol):
    """What the editor needs to know about the site (render.pages.PageContext has it)."""

    site_name: str
    editor: EditorSettings


def site_files(context: SiteContext) -> dict[str, str]:
    """Every file of /admin/ and /shenbao/ for a site with these settings (a pure function)."""
    from .pages import site_files as build

    return build(context.site_name, context.editor)
