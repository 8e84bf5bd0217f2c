"""Diagnostics: one problem in one content file, located by line and column, worded for maintainers.

A message is Chinese only. The English detail some producers add for developers (pydantic's or the
YAML parser's own text, a short English tag) is kept apart in `detail` and shown only on request
(`build.py --debug`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .printable import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A located message: `path:line:col: severity: field: message`."""

    path: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    detail: str = field(default="", compare=False)  # English, for developers only

    def format(self, *, detail: bool = False) -> str:
        where = f"{printable(self.path)}:{self.line}:{self.column}"  # names may hold controls
        name = f"{self.field}: " if self.field else ""
        extra = f" ({self.detail})" if detail and self.detail else ""
        return f"{where}: {self.severity.value}: {name}{self.message}{extra}"

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the changed line of a pull request."""

        def escape(text: str, *, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        level = "error" if self.severity is Severity.ERROR else "warning"
        title = escape(self.field or "记录", prop=True)
        return (
            f"::{level} file={escape(printable(self.path), prop=True)},line={self.line},col={self.column},"
            f"title={title}::{escape(self.message)}"
        )


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as a maintainer sees it: relative to the project root, with forward slashes."""
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# A trailing bracket of plain ASCII text: the English tag several producers append to a Chinese message,
# e.g. "编号重复：… (duplicate id)". Nested brackets such as "(http(s) URL required)" are included.
_ENGLISH_TAIL = re.compile(r"\s*\(([\x20-\x7e]*[A-Za-z][\x20-\x7e]*)\)$")


def split_detail(message: str) -> tuple[str, str]:
    """A message → (the Chinese text, its English tail or "")."""
    match = _ENGLISH_TAIL.search(message)
    if match is None or match.start() == 0:
        return message, ""
    return message[: match.start()], match.group(1)


class DiagnosticSink:
    """Collects diagnostics for one run so every problem is reported at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self.error_count = 0

    def error(
        self, path: str, line: int, column: int, field: str, message: str, detail: str = ""
    ) -> None:
        self._add(path, line, column, Severity.ERROR, field, message, detail)
        self.error_count += 1

    def warning(
        self, path: str, line: int, column: int, field: str, message: str, detail: str = ""
    ) -> None:
        self._add(path, line, column, Severity.WARNING, field, message, detail)

    def _add(
        self,
        path: str,
        line: int,
        column: int,
        severity: Severity,
        field: str,
        message: str,
        detail: str,
    ) -> None:
        if not detail:
            message, detail = split_detail(message)
        self.items.append(Diagnostic(path, line, column, severity, field, message, detail))

    def extend(self, items: list[Diagnostic]) -> None:
        self.items.extend(items)
        self.error_count += sum(1 for d in items if d.severity is Severity.ERROR)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))
