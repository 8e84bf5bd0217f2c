"""The site engine behind one small interface.

The catalogue renders every page body itself. An engine is asked for one thing: the *frames* around
those bodies — the theme, navigation and header of each generated page, with slots where the title,
description, body and address go — plus the hand-written pages it renders on its own. Everything
else (record pages, lists, data files, the sitemap, the security policy) is the catalogue's, so
changing the engine means writing one adapter module, not touching the catalogue.

    engine = engine_named("mkdocs")
    drawing = engine.start(job)        # job: sources, pages to frame, record shells, build date
    ...                                # the build goes on with its own work meanwhile
    pages, shells = drawing.finish()   # or drawing.stop() after a failure elsewhere
    frame = Frame.compile(pages[url])  # then frame.fill(body=...) for the page's HTML

Adapters: `mkdocs` (MkDocs 1.6 + Material, the default) and `zensical` (the successor of Material,
optional: `pip install -e '.[zensical]'`). Both run the engine in a child process, so the build date
(SOURCE_DATE_EPOCH), the engine's logging and any global state stay out of this process.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import ConfigError
from .child import Drawing
from .frames import EngineJob, Frame, FramedPage, Frames

ENGINES = ("mkdocs", "zensical")


class Engine(Protocol):
    name: str

    def start(self, job: EngineJob) -> Drawing:
        """Start building `job.sources` into `job.site_dir`, in a child process, and return at
        once; `finish()` returns the HTML drawn around `job.pages` (by address) and `job.shells`
        (by folder), each with its placeholders still in. The engine writes nothing outside
        `job.site_dir` and `job.scratch`."""
        ...


def engine_named(name: str) -> Engine:
    if name == "mkdocs":
        from .mkdocs import MkDocsEngine

        return MkDocsEngine()
    if name == "zensical":
        from .zensical import ZensicalEngine

        return ZensicalEngine()
    raise ConfigError(f"未知的网站引擎 {name}；可选：{'、'.join(ENGINES)}")


__all__ = [
    "ENGINES",
    "Drawing",
    "Engine",
    "EngineJob",
    "Frame",
    "FramedPage",
    "Frames",
    "engine_named",
]
