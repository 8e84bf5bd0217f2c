"""The thin glue to the site engine (MkDocs + Material today). Everything engine-specific is here:
swapping the engine means rewriting this module, not the catalogue."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import BuildError
from .harden import harden
from .settings import Settings

log = logging.getLogger(__name__)


def build(settings: Settings, docs_dir: Path, site_dir: Path) -> None:
    """Build the site from a prepared docs folder into `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            config_file=str(settings.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir)
        )
        mkdocs_build(config)
        harden(site_dir)
    except MkDocsException as exc:
        raise BuildError(f"站点生成失败：{exc}") from exc
    except SystemExit as exc:  # MkDocs aborts with SystemExit on strict-mode warnings
        raise BuildError(f"站点生成失败（MkDocs 退出码 {exc.code}）") from exc


def serve(settings: Settings, docs_dir: Path, dev_addr: str) -> None:
    """Serve the site with live reload; MkDocs rebuilds whenever `docs_dir` changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(settings.config_file), docs_dir=str(docs_dir), dev_addr=dev_addr)
