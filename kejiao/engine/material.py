"""What both adapters share because both engines draw Material's theme: the source tree they read
(Markdown with Material's front matter) and the frames read back from the built site."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..errors import BuildError
from .frames import DESCRIPTION, SHELL_ID, TITLE, EngineJob, FramedPage, placeholder_body


@dataclass(frozen=True)
class MarkupFix:
    """A repair to the theme's markup. `pattern` must match the engine it is listed for: a test
    builds the site and fails when it matches nothing, so a theme update cannot silently undo it."""

    name: str
    pattern: re.Pattern[str]
    replacement: str

    def apply(self, html: str) -> str:
        return self.pattern.sub(self.replacement, html)


def front_matter(title: str, description: str) -> str:
    # The engines print front-matter values into HTML unescaped, so they are escaped here; JSON
    # strings are valid YAML scalars. The header search uses the catalogue's own index, so the
    # engine's search index stays empty.
    return (
        "---\n"
        f"title: {json.dumps(str(escape(title)), ensure_ascii=False)}\n"
        f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}\n"
        "hide: [toc]\n"
        "search: {exclude: true}\n"
        "---\n\n"
    )


def placeholder(page: FramedPage) -> str:
    return front_matter(page.title, page.description) + placeholder_body(str(escape(page.title)))


def shell_source(folder: str) -> str:
    return f"{folder}/{SHELL_ID}.md"


def write_sources(job: EngineJob, docs: Path) -> None:
    """The engine's docs folder: the job's sources, a placeholder per framed page and a shell per
    record folder."""
    files = dict(job.sources)
    for page in job.pages:
        files[page.source] = placeholder(page).encode("utf-8")
    for folder in job.shells:
        files[shell_source(folder)] = (
            front_matter(TITLE, DESCRIPTION) + placeholder_body(TITLE)
        ).encode("utf-8")
    for rel, data in sorted(files.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def not_in_nav(job: EngineJob) -> list[str]:
    """Generated pages that the navigation leaves out, so the engine does not warn about them."""
    return [f"/{p.source}" for p in job.pages if not p.in_nav] + [
        f"/{shell_source(folder)}" for folder in job.shells
    ]


def drop_unused(site_dir: Path, unused: tuple[str, ...]) -> list[str]:
    """Remove what the engine writes that no page uses: its own search index (the header search
    reads the catalogue's sharded index). Returns the paths it found, so a test sees when an engine
    stops writing one and the entry can go."""
    found = []
    for rel in unused:
        path = site_dir / rel
        if path.is_file():
            path.unlink()
            found.append(rel)
    return found


def apply_fixes(site_dir: Path, fixes: list[MarkupFix]) -> None:
    if not fixes:
        return
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed = html
        for fix in fixes:
            fixed = fix.apply(fixed)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")


def read_frames(job: EngineJob) -> tuple[dict[str, str], dict[str, str]]:
    """The frames' HTML by page address and by record folder; the shells' pages are removed."""
    pages, shells = {}, {}
    try:
        for page in job.pages:
            pages[page.url] = (job.site_dir / page.url / "index.html").read_text(encoding="utf-8")
        for folder in job.shells:
            shell_dir = job.site_dir / folder / SHELL_ID
            shells[folder] = (shell_dir / "index.html").read_text(encoding="utf-8")
            shutil.rmtree(shell_dir)
    except FileNotFoundError as exc:
        raise BuildError(f"网站引擎没有生成页面 {exc.filename}") from exc
    return pages, shells
