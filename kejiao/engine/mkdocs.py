"""The MkDocs 1.6 + Material adapter (the default engine).

MkDocs runs in a child process (`python -m kejiao.engine.mkdocs_child`): the build date reaches it
as SOURCE_DATE_EPOCH in the child's environment, and MkDocs' logging and plugin state stay there."""

from __future__ import annotations

import json
import os
import re
import sys

from .child import Drawing, Drawn, start_child
from .frames import EngineJob
from .material import MarkupFix, apply_fixes, drop_unused, not_in_nav, read_frames, write_sources

# Material 9 writes these attributes, which the Nu HTML validator rejects; dropping them changes
# nothing a reader relies on (autofill hints on hidden toggles). The header search is the project's
# own partial (site_overrides/partials/search.html), so its markup is fixed there, not here.
FIXES = [
    MarkupFix(
        "toggle-autocomplete",
        re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"'),
        r"\1",
    ),
    MarkupFix(
        "nav-label-tabindex", re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""'), r"\1"
    ),
]


class MkDocsEngine:
    name = "mkdocs"
    fixes = FIXES
    # The engine's own search index; nothing requests it.
    unused = ("search/search_index.json",)

    def start(self, job: EngineJob) -> Drawing:
        docs = job.scratch / "docs"
        write_sources(job, docs)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(job.epoch)}
        command = [
            sys.executable, "-m", "kejiao.engine.mkdocs_child", str(job.config_file), str(docs),
            str(job.site_dir), json.dumps(not_in_nav(job)), json.dumps(job.theme_values),
        ]  # fmt: skip

        def after(err: str) -> Drawn:
            for line in err.splitlines():  # the engine's warnings, e.g. a broken link in docs/
                print(f"网站引擎提示：{line}", file=sys.stderr)
            drop_unused(job.site_dir, self.unused)
            apply_fixes(job.site_dir, self.fixes)
            return read_frames(job)

        return start_child("MkDocs", command, scratch=job.scratch, env=env, after=after)
