"""The 竞赛 kind (competition): everything the catalogue knows about it."""

from __future__ import annotations

from ..models.competition import Competition
from .spec import Kind

KIND = Kind("competition", "competitions", "竞赛", Competition)
