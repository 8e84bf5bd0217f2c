"""Spreadsheet cells that cannot become formulas (CSV/formula injection, OWASP practice).

Every CSV and xlsx the project writes passes text cells through `neutralise`: a cell starting with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote, so Excel, WPS and
LibreOffice show it as text instead of running it (`=HYPERLINK(...)`, `@SUM(...)`, DDE payloads).
`restore` removes exactly that quote again on import, so export → import round-trips unchanged.

Numbers are written as numbers (a negative number is not text and is never touched); a text cell
that is only a sign or a negative number such as "-" or "-5" is left alone too: no spreadsheet
reads it as a formula, and a maintainer would be puzzled by a quote in front of a dash.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Text that starts with a trigger yet is inert: a lone sign, or a plain number such as -5 or +1.5.
_INERT = re.compile(r"[+-]?|[+-]\d+(\.\d+)?")


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (or a DDE command)."""
    return text.startswith(TRIGGERS) and not _INERT.fullmatch(text)


def neutralise(value: Any) -> Any:
    """The cell to write: dangerous text and text that already starts with the quote get one
    more quote in front (the latter so `restore` gives the original back); everything else as is."""
    if isinstance(value, str) and (is_dangerous(value) or value.startswith(QUOTE)):
        return QUOTE + value
    return value


def restore(value: Any) -> Any:
    """The inverse of `neutralise` for a cell read back from a file this project wrote."""
    if isinstance(value, str) and value.startswith(QUOTE):
        rest = value[1:]
        if is_dangerous(rest) or rest.startswith(QUOTE):
            return rest
    return value
