"""The thin glue to the site engine (MkDocs + Material today). Everything engine-specific is here:
swapping the engine means rewriting this module, not the catalogue.

Generated pages are not passed through the engine one by one. The engine renders a *frame* for each
generated page — the theme, navigation and header around a placeholder body — and the page's body is
filled in afterwards. Record pages, most of the site and outside the navigation, share one frame per
kind (a *shell*, rendered at a record's folder depth so every relative link in the theme is right).
The engine's work is then proportional to the ~130 other pages, and a preview server can refill a
changed page from its kept frame without running the engine at all."""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape as xml_escape

from markupsafe import escape

from .errors import BuildError
from .harden import harden, harden_html
from .settings import Settings

log = logging.getLogger(__name__)

SHELL_ID = "__shell__"  # never a record id: ids cannot contain underscores
TITLE, DESCRIPTION = "KJ0SHELL0TITLE", "KJ0SHELL0DESCRIPTION"
BODY_START, BODY_END = "<!--KJ:BODY:START-->", "<!--KJ:BODY:END-->"


class PageLike(Protocol):
    source: str
    url: str
    title: str
    description: str
    body: str
    lastmod: object
    shell: str | None

    def front_matter(self) -> str: ...


@dataclass
class Frames:
    """What the engine drew around the generated pages, kept so that pages can be refilled."""

    pages: dict[str, str] = field(default_factory=dict)  # page source → frame
    shells: dict[str, str] = field(default_factory=dict)  # record folder → shell
    sitemap: str | None = None  # the engine's sitemap, before the record pages were added

    def covers(self, page: PageLike) -> bool:
        return page.shell in self.shells if page.shell else page.source in self.pages


def _placeholder(title: str) -> str:
    # An <h1> inside the body stops Material from adding its own; the whole body is replaced.
    return f"{BODY_START}<h1>{title}</h1>{BODY_END}\n"


def placeholders(pages: Iterable[PageLike], shells: Iterable[str]) -> dict[str, str]:
    """The engine's source files: every framed page with its own front matter (its title is in the
    navigation) and a placeholder body, and one shell per record folder."""
    out = {p.source: p.front_matter() + _placeholder(str(escape(p.title))) for p in pages}
    for folder in shells:
        out[f"{folder}/{SHELL_ID}.md"] = (
            f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\nhide: [toc]\n"
            f"search: {{exclude: true}}\n---\n\n{_placeholder(TITLE)}"
        )
    return out


def build(
    settings: Settings,
    docs_dir: Path,
    site_dir: Path,
    pages: Sequence[PageLike] = (),
    shells: Sequence[str] = (),
) -> Frames:
    """Build the site from a docs folder prepared with `placeholders(pages, shells)` into
    `site_dir` and fill in `pages`; returns the frames, for the record pages (`fill`) and refills."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            config_file=str(settings.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir)
        )
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"站点生成失败：{exc}") from exc
    except SystemExit as exc:  # MkDocs aborts with SystemExit on strict-mode warnings
        raise BuildError(f"站点生成失败（MkDocs 退出码 {exc.code}）") from exc
    frames = Frames()
    for folder in shells:
        shell_dir = site_dir / folder / SHELL_ID
        frames.shells[folder] = harden_html((shell_dir / "index.html").read_text(encoding="utf-8"))
        shutil.rmtree(shell_dir)
    harden(site_dir)  # every page the engine wrote, the framed ones included
    for page in pages:
        if not page.shell:
            frames.pages[page.source] = _output(site_dir, page).read_text(encoding="utf-8")
    sitemap = site_dir / "sitemap.xml"
    if settings.site_url and sitemap.is_file():
        frames.sitemap = re.sub(
            rf"\s*<url><loc>[^<]*/{SHELL_ID}/</loc>.*?</url>",
            "",
            sitemap.read_text(encoding="utf-8"),
        )
    fill(site_dir, frames, pages, atomic=False)
    return frames


def _output(site_dir: Path, page: PageLike) -> Path:
    return site_dir / page.url / "index.html"


_BODY = re.compile(re.escape(BODY_START) + ".*?" + re.escape(BODY_END), re.S)


def render(frames: Frames, page: PageLike) -> str:
    """One page's HTML: its body in its frame."""
    if not page.shell:
        return _BODY.sub(lambda _: page.body, frames.pages[page.source], count=1)
    html = _BODY.sub(lambda _: page.body, frames.shells[page.shell], count=1)
    html = html.replace(TITLE, str(escape(page.title))).replace(
        DESCRIPTION, str(escape(page.description))
    )
    return html.replace(f"{page.shell}/{SHELL_ID}/", page.url)  # canonical and sharing addresses


def fill(site_dir: Path, frames: Frames, pages: Iterable[PageLike], *, atomic: bool = True) -> None:
    """Write pages into a built site, one at a time (`pages` may be a generator, so the whole site
    is never held in memory). `atomic`, for a site being served: no reader sees half a page."""
    for page in pages:
        target = _output(site_dir, page)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, render(frames, page), atomic=atomic)


def write_text(target: Path, text: str, *, atomic: bool = True) -> None:
    if not atomic:
        target.write_text(text, encoding="utf-8")
        return
    fd, temp = tempfile.mkstemp(prefix=".kj-", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temp, 0o644)
    os.replace(temp, target)


def write_sitemap(
    settings: Settings, site_dir: Path, frames: Frames, records: Iterable[tuple[str, object]]
) -> None:
    """The engine's sitemap lists the pages it built; add the records (address, date)."""
    if not settings.site_url or frames.sitemap is None:
        return
    entries = "".join(
        f"\n  <url><loc>{xml_escape(settings.site_url + url)}</loc><lastmod>{lastmod}</lastmod></url>"
        for url, lastmod in records
    )
    text = frames.sitemap.replace("</urlset>", entries + "\n</urlset>")
    write_text(site_dir / "sitemap.xml", text)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:  # mtime 0: reproducible
        handle.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
