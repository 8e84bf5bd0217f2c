"""Frames: the engine's HTML around a generated page, compiled once into literal parts and slots.

A frame is drawn from a placeholder page whose title, description and body are markers. Compiling
splits the frame at the markers, so filling it joins the parts with the page's values: a record
whose text happens to contain a marker cannot be substituted twice, and filling costs one join."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

# Markers cannot occur in escaped record text by accident: they are only ever searched for in the
# engine's output, never in what was filled in.
TITLE, DESCRIPTION = "KJ0FRAME0TITLE", "KJ0FRAME0DESCRIPTION"
BODY_START, BODY_END = "<!--KJ:BODY:START-->", "<!--KJ:BODY:END-->"
SHELL_ID = "__shell__"  # a record shell's page name; never a record id (ids have no underscores)
SLOTS = ("title", "description", "body", "url")


@dataclass(frozen=True)
class FramedPage:
    """A generated page the engine draws a frame for: its title is in the engine's navigation."""

    source: str  # the engine's source file, e.g. courses/index.md
    url: str  # e.g. courses/
    title: str  # plain text; adapters escape it
    description: str
    in_nav: bool = True
    lastmod: dt.date | None = None


@dataclass(frozen=True)
class EngineJob:
    """Everything an engine needs for one build."""

    config_file: Path  # the project's mkdocs.yml
    sources: dict[str, bytes]  # the engine's source tree: hand-written and generated Markdown
    pages: list[FramedPage]
    shells: list[str]  # record folders: one frame for all record pages of the folder
    site_dir: Path  # empty; the engine writes the site here
    scratch: Path  # empty; the engine may write its source tree here
    epoch: int  # the build date (SOURCE_DATE_EPOCH), taken from the content
    # Values the theme's templates read as config.extra.kejiao (e.g. the header search's shard
    # count, so a query's first shards load alongside the index head); JSON-serialisable.
    theme_values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Frame:
    """A compiled frame: literal parts with a slot between each two."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def compile(cls, html: str, *, shell_url: str | None = None) -> Frame:
        """Split `html` at its body region and, for a record shell, at the title and description
        markers and the shell's own address (canonical and sharing links)."""
        start, end = html.find(BODY_START), html.find(BODY_END)
        if start < 0 or end < start:
            raise BuildError("网站引擎的输出中找不到页面正文的占位标记，无法填入页面")
        markers = {BODY_START: "body"}
        if shell_url is not None:
            markers |= {TITLE: "title", DESCRIPTION: "description", shell_url: "url"}
        html = html[:start] + BODY_START + html[end + len(BODY_END) :]
        pattern = re.compile("|".join(re.escape(m) for m in markers))
        parts, slots, last = [], [], 0
        for match in pattern.finditer(html):
            parts.append(html[last : match.start()])
            slots.append(markers[match.group(0)])
            last = match.end()
        parts.append(html[last:])
        if shell_url is not None and not {"title", "description"} <= set(slots):
            raise BuildError("网站引擎的输出中找不到标题或简介的占位标记")
        return cls(tuple(parts), tuple(slots))

    def fill(self, **values: str) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return "".join(out)


@dataclass
class Frames:
    """What the engine drew, kept so that pages can be filled (and refilled by `serve`)."""

    pages: dict[str, Frame] = field(default_factory=dict)  # page address → frame
    shells: dict[str, Frame] = field(default_factory=dict)  # record folder → frame
    engine_urls: list[str] = field(default_factory=list)  # every page the engine wrote


def placeholder_body(title_html: str) -> str:
    # An <h1> inside the body stops the theme from adding its own; the whole region is replaced.
    return f"{BODY_START}<h1>{title_html}</h1>{BODY_END}\n"
