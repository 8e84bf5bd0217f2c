"""The Zensical adapter (optional: `pip install -e '.[zensical]'`).

Zensical, the successor of Material for MkDocs, reads mkdocs.yml and draws Material's theme, but has
no plugin API and no command-line options for the docs and site folders. The adapter writes a copy
of the settings with those folders pointing into the build's scratch space and runs `zensical build`
in a child process with the build date in its environment."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import yaml

from ..errors import BuildError
from ..settings import read_config
from .child import Drawing, Drawn, start_child
from .frames import EngineJob
from .material import MarkupFix, apply_fixes, drop_unused, read_frames, write_sources

# Zensical writes `autocomplete="off"` on its hidden toggles too (rejected by the Nu validator).
FIXES = [
    MarkupFix(
        "toggle-autocomplete",
        re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"'),
        r"\1",
    ),
]


def executable() -> str | None:
    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


class ZensicalEngine:
    name = "zensical"
    fixes = FIXES
    # The engine's own search index; nothing requests it.
    unused = ("search.json",)

    def start(self, job: EngineJob) -> Drawing:
        program = executable()
        if program is None:
            raise BuildError(
                "没有安装 Zensical：请运行 pip install -e '.[zensical]'，或改用默认引擎 mkdocs"
            )
        docs = job.scratch / "docs"
        write_sources(job, docs)
        config = read_config(job.config_file)
        root = job.config_file.parent
        # Zensical keeps the site inside the folder of its settings file: build there, move after.
        built = job.scratch / "site"
        # Its paths are read relative to that folder; the theme overrides are copied in beside.
        config["docs_dir"] = docs.name
        config["site_dir"] = built.name
        theme = config.get("theme")
        if isinstance(theme, dict) and theme.get("custom_dir"):
            shutil.copytree(root / str(theme["custom_dir"]), job.scratch / "overrides")
            theme["custom_dir"] = "overrides"
        extra = config.setdefault("extra", {})
        if isinstance(extra, dict):
            extra["kejiao"] = job.theme_values
        derived = job.scratch / "zensical.yml"
        derived.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(job.epoch), "NO_COLOR": "1"}

        def after(err: str) -> Drawn:
            for child in sorted(built.iterdir()):
                shutil.move(child, job.site_dir / child.name)
            drop_unused(job.site_dir, self.unused)
            apply_fixes(job.site_dir, self.fixes)
            return read_frames(job)

        return start_child(
            "Zensical", [program, "build", "-f", str(derived)], scratch=job.scratch, env=env,
            after=after, cwd=job.scratch,
        )  # fmt: skip
