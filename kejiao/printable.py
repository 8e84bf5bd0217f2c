"""File names and other outside text made safe to print in a terminal, a log or a CI annotation."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional formatting
# characters that can make a name read backwards (U+202E) in a terminal or a CI annotation.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control or direction-changing character written as an escape, so a file
    name can neither split a log line nor disguise itself."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
