"""The 基地 kind (base): everything the catalogue knows about it."""

from __future__ import annotations

from ..models.base import Base
from .spec import Kind

KIND = Kind("base", "bases", "基地", Base)
