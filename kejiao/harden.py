"""A Content-Security-Policy per page that allows the site's own files and, by hash, exactly the
inline scripts the theme writes, and nothing else. Engine-independent: it reads only <script> tags.
(Repairs to a theme's markup belong to the engine adapter: engine/mkdocs.py, engine/zensical.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def _script_hashes(html: str) -> list[str]:
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or 'type="application/' in attrs:
            continue  # external files are covered by 'self'; JSON (and JSON-LD) blocks never run
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(html: str) -> str:
    return POLICY.format(hashes=" ".join(_script_hashes(html))).replace("  ", " ")


def harden_html(html: str) -> str:
    """One page with its policy inserted; a page that brings its own policy keeps it."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    charset = _CHARSET.search(html)
    if charset:
        html = html[: charset.end()] + "\n    " + meta + html[charset.end() :]
    return html


def harden(site_dir: Path, skip: set[Path] = frozenset()) -> int:  # type: ignore[assignment]
    """Harden every page of a built site but `skip`; returns the number of pages changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        if path in skip:
            continue
        html = path.read_text(encoding="utf-8")
        hardened = harden_html(html)
        if hardened != html:
            path.write_text(hardened, encoding="utf-8")
            changed += 1
    return changed
