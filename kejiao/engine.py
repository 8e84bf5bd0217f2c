"""The thin glue to the site engine (MkDocs + Material today). Everything engine-specific is here:
swapping the engine means rewriting this module, not the catalogue.

Record pages are most of the site and all share one layout, so MkDocs renders one *shell* page per
kind (same folder depth as a record, so every relative link in the theme is right) and each record
is filled into its kind's shell. MkDocs then does work proportional to the hand-written and list
pages only, and the build stays linear with a small constant."""

from __future__ import annotations

import gzip
import io
import logging
import re
import shutil
from collections.abc import Sequence
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


class RecordPageLike(Protocol):
    kind: str
    url: str
    title: str
    description: str
    lastmod: object
    body: str


def _shell_source() -> str:
    # An <h1> inside the body stops Material from adding its own; the whole body is replaced.
    return (
        f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\nhide: [toc]\nsearch: {{exclude: true}}\n---\n\n"
        f"{BODY_START}<h1>{TITLE}</h1>{BODY_END}\n"
    )


def build(
    settings: Settings, docs_dir: Path, site_dir: Path, records: Sequence[RecordPageLike] = ()
) -> None:
    """Build the site from a prepared docs folder into `site_dir`, then fill in the record pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    folders = sorted({r.url.split("/")[0] for r in records})
    for folder in folders:
        (docs_dir / folder).mkdir(parents=True, exist_ok=True)
        (docs_dir / folder / f"{SHELL_ID}.md").write_text(_shell_source(), encoding="utf-8")
    try:
        config = load_config(
            config_file=str(settings.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir)
        )
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"站点生成失败：{exc}") from exc
    except SystemExit as exc:  # MkDocs aborts with SystemExit on strict-mode warnings
        raise BuildError(f"站点生成失败（MkDocs 退出码 {exc.code}）") from exc
    shells = {}
    for folder in folders:
        shell_dir = site_dir / folder / SHELL_ID
        shells[folder] = harden_html((shell_dir / "index.html").read_text(encoding="utf-8"))
        shutil.rmtree(shell_dir)
    harden(site_dir)  # every page MkDocs wrote; the shells above already carry the policy
    for record in records:
        folder = record.url.split("/")[0]
        target = site_dir / record.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(shells[folder], folder, record), encoding="utf-8")
    _sitemap(settings, site_dir, records)


_BODY = re.compile(re.escape(BODY_START) + ".*?" + re.escape(BODY_END), re.S)


def _fill(shell: str, folder: str, record: RecordPageLike) -> str:
    html = _BODY.sub(lambda _: record.body, shell, count=1)
    html = html.replace(TITLE, str(escape(record.title))).replace(
        DESCRIPTION, str(escape(record.description))
    )
    return html.replace(f"{folder}/{SHELL_ID}/", record.url)  # canonical and sharing addresses


def _sitemap(settings: Settings, site_dir: Path, records: Sequence[RecordPageLike]) -> None:
    """MkDocs' sitemap lists the pages it built; add the records (with their own dates)."""
    path = site_dir / "sitemap.xml"
    if not settings.site_url or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"\s*<url><loc>[^<]*/{SHELL_ID}/</loc>.*?</url>", "", text)
    entries = "".join(
        f"\n  <url><loc>{xml_escape(settings.site_url + r.url)}</loc><lastmod>{r.lastmod}</lastmod></url>"
        for r in records
    )
    text = text.replace("</urlset>", entries + "\n</urlset>")
    path.write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:  # mtime 0: reproducible
        handle.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())


def serve(settings: Settings, docs_dir: Path, dev_addr: str) -> None:
    """Serve the site with live reload; MkDocs rebuilds whenever `docs_dir` changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(settings.config_file), docs_dir=str(docs_dir), dev_addr=dev_addr)
