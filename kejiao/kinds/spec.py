"""What a record kind must say about itself."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.common import Record


@dataclass(frozen=True)
class Kind:
    name: str  # used in commands and schema file names
    folder: str  # content/<folder>/ and the URL segment
    label: str  # what users read
    model: type[Record]
