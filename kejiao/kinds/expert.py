"""The 专家 kind (expert): everything the catalogue knows about it."""

from __future__ import annotations

from ..models.expert import Expert
from .spec import Kind

KIND = Kind("expert", "experts", "专家", Expert)
