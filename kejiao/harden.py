"""Post-build hardening of the generated HTML: a Content-Security-Policy per page that allows the
site's own files and, by hash, exactly the inline scripts the theme writes, and nothing else; and
small repairs to the theme's markup (attributes the HTML standard does not allow, a missing name)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)

# Material 9 writes the first three, which the Nu HTML validator rejects; dropping them changes
# nothing a reader relies on (autofill hints on hidden toggles and the search box). Its search
# dialog has no accessible name (axe-core: aria-dialog-name).
_THEME_FIXES = [
    (
        re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">',
    ),
    (re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"'), r"\1"),
    (re.compile(r'(<input type="text" class="md-search__input"[^>]*?) autocorrect="off"'), r"\1"),
    (re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""'), r"\1"),
]

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
    """One page with the theme fixes applied and its policy inserted (idempotent)."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    for pattern, replacement in _THEME_FIXES:
        html = pattern.sub(replacement, html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    charset = _CHARSET.search(html)
    if charset:
        html = html[: charset.end()] + "\n    " + meta + html[charset.end() :]
    return html


def harden(site_dir: Path) -> int:
    """Harden every page of a built site; returns the number of pages changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        hardened = harden_html(html)
        if hardened != html:
            path.write_text(hardened, encoding="utf-8")
            changed += 1
    return changed
