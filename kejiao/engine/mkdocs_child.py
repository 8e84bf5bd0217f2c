"""Runs one MkDocs build in its own process: `python -m kejiao.engine.mkdocs_child CONFIG DOCS SITE
NOT_IN_NAV_JSON THEME_VALUES_JSON`. Exit 0 on success; otherwise the reason is on stderr."""

from __future__ import annotations

import json
import logging
import sys


def main(argv: list[str]) -> int:
    config_file, docs_dir, site_dir, hidden, theme_values = argv
    # Only warnings and errors reach the parent (MkDocs' INFO progress lines say nothing a
    # maintainer needs).
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            config_file=config_file,
            docs_dir=docs_dir,
            site_dir=site_dir,
            not_in_nav="\n".join(json.loads(hidden)),
        )
        config.extra["kejiao"] = json.loads(theme_values)
        build(config)
    except MkDocsException as exc:
        print(f"MkDocs: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full or read-only disk: say so in the maintainer's words
        from ..projectfs import explain

        print(explain(exc), file=sys.stderr)
        return 1
    except SystemExit as exc:  # MkDocs aborts with SystemExit on strict-mode warnings
        print(f"MkDocs exit {exc.code}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
